"""The policy version in force."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fugong.epidemic.models import Policy


def policy_in_force(at: dt.datetime | None = None) -> Policy:
    """The version whose effective date is the latest on or before ``at``'s local day.

    Before city command has saved any version the defaults of DESIGN §3.3 apply (an unsaved
    Policy carries them), so a fresh installation screens with 37.3 °C and 34.0–43.0 °C.
    """
    day = timezone.localdate(at or timezone.now())
    policy = Policy.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    return policy if policy is not None else Policy(effective_from=day)


def end_of_local_day(moment: dt.datetime) -> dt.datetime:
    """23:59:59.999999 local of ``moment``'s local day (observation ends are rounded up)."""
    local = timezone.localtime(moment)
    return local.replace(hour=23, minute=59, second=59, microsecond=999999)
