"""Publishing a new version of the prevention policy (DESIGN §3.3 "Policy")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.core.permissions import require
from fugong.epidemic.models import Policy
from fugong.epidemic.services.status import health_status_invalidate

# Every setting of a version (what the form and the service accept).
POLICY_FIELDS = [
    f.name
    for f in Policy._meta.get_fields()
    if getattr(f, "editable", False)
    and not getattr(f, "auto_created", False)
    and f.name not in {"id", "created_at", "updated_at"}
]


@transaction.atomic
def policy_publish(*, actor: Any, effective_from: dt.date, **values: Any) -> Policy:
    """A new version from ``effective_from`` (today or later).

    A version already in force is never edited: a change is a new version. A version that is
    not in force yet (a later effective date) is replaced when a new one names the same day.
    """
    require(actor, Policy, "change")
    unknown = set(values) - set(POLICY_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown setting.") for name in sorted(unknown)})
    today = timezone.localdate()
    if effective_from is None or effective_from < today:
        raise ValidationError(
            {"effective_from": _("A new version takes effect today or later, never in the past.")}
        )
    existing = Policy.objects.select_for_update().filter(effective_from=effective_from).first()
    if existing is not None and existing.effective_from <= today:
        raise ValidationError(
            {
                "effective_from": _(
                    "A version is already in force from this day and is never edited: choose a "
                    "later day."
                )
            }
        )
    policy = existing or Policy(effective_from=effective_from)
    for name, value in values.items():
        setattr(policy, name, value)
    policy.full_clean()
    policy.save()
    # A version in force from today changes every rule now; a later one at its midnight, when
    # every stored colour expires anyway.
    health_status_invalidate()
    return policy
