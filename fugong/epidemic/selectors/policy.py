"""The policy version in force."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
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


# The version in force today, shared by the web processes through Django's cache (a file
# read, not a query: the check-in rush of DESIGN §5 P2 asks for it on every submission).
CACHE_KEY = "epidemic:policy-in-force"
# Saves through the ORM clear the entry at once (policy_cache_clear); anything else that
# changes the table (a migration, raw SQL) is seen within this many seconds.
CACHE_SECONDS = 60


def policy_in_force_cached(at: dt.datetime | None = None) -> Policy:
    """``policy_in_force`` for the hot paths, from the cache when it holds ``at``'s day.

    The entry is (day, version): a new day reads the table again, and publishing a version
    (even one in force from today) clears the entry through the model's signals.
    """
    day = timezone.localdate(at or timezone.now())
    entry = cache.get(CACHE_KEY)
    if entry is not None and entry[0] == day:
        return cast(Policy, entry[1])
    policy = policy_in_force(at)
    cache.set(CACHE_KEY, (day, policy), timeout=CACHE_SECONDS)
    return policy


@receiver([post_save, post_delete], sender=Policy, dispatch_uid="epidemic-policy-cache")
def policy_cache_clear(**kwargs: Any) -> None:
    """A version was saved or deleted: forget the cached one now and again after the commit
    (a request between the two could have cached the version the transaction replaces)."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def end_of_local_day(moment: dt.datetime) -> dt.datetime:
    """23:59:59.999999 local of ``moment``'s local day (observation ends are rounded up)."""
    local = timezone.localtime(moment)
    return local.replace(hour=23, minute=59, second=59, microsecond=999999)
