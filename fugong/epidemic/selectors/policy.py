"""The policy version in force."""

from __future__ import annotations

import bisect
import datetime as dt
import time
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, cast

from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models import DecimalField, Subquery, Value
from django.db.models.functions import Coalesce
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


def fever_threshold_of_day(day: Any) -> Coalesce:
    """The fever threshold in force on ``day`` as an SQL expression, for judging rows of past
    days by their own day's policy: ``day`` is a local date expression (``OuterRef("day")``,
    or the local date of a moment). The default an unsaved Policy carries when no version was
    in force yet, as ``policy_in_force``."""
    in_force = (
        Policy.objects.filter(effective_from__lte=day)
        .order_by("-effective_from")
        .values("fever_threshold")[:1]
    )
    output = DecimalField(max_digits=3, decimal_places=1)
    return Coalesce(
        Subquery(in_force, output_field=output),
        Value(_DEFAULT_THRESHOLD, output_field=output),
        output_field=output,
    )


def fever_thresholds(days: Iterable[dt.date]) -> dict[dt.date, Decimal]:
    """The fever threshold in force on each of ``days`` (one query of the versions), for the
    same judgement in Python."""
    wanted = sorted(set(days))
    if not wanted:
        return {}
    versions = list(
        Policy.objects.filter(effective_from__lte=wanted[-1])
        .order_by("effective_from")
        .values_list("effective_from", "fever_threshold")
    )
    starts = [start for start, _threshold in versions]
    found = {}
    for day in wanted:
        index = bisect.bisect_right(starts, day)
        found[day] = Decimal(versions[index - 1][1] if index else _DEFAULT_THRESHOLD)
    return found


_DEFAULT_THRESHOLD = Policy._meta.get_field("fever_threshold").get_default()


# The version in force today, shared by the web processes through Django's cache (a file
# read, not a query: the check-in rush of DESIGN §5 P2 asks for it on every submission).
CACHE_KEY = "epidemic:policy-in-force"
# Saves through the ORM clear the entry at once (policy_cache_clear); anything else that
# changes the table (a migration, raw SQL) is seen within this many seconds.
CACHE_SECONDS = 60
# Each process also keeps the entry it read for this long: the cache's file read and unpickling
# cost 5 % of a check-in. A version saved in this process is seen at once (policy_cache_clear),
# one saved by another process within this second.
LOCAL_SECONDS = 1.0
_local: tuple[float, dt.date, Policy] | None = None  # (time.monotonic() of the read, day, version)


def policy_in_force_cached(at: dt.datetime | None = None) -> Policy:
    """``policy_in_force`` for the hot paths, from this process's copy or the cache when either
    holds ``at``'s day.

    The entry is (day, version): a new day reads the table again, and publishing a version
    (even one in force from today) clears the entry through the model's signals.
    """
    global _local
    day = timezone.localdate(at or timezone.now())
    now = time.monotonic()
    local = _local
    if local is not None and local[1] == day and now - local[0] < LOCAL_SECONDS:
        return local[2]
    entry = cache.get(CACHE_KEY)
    if entry is not None and entry[0] == day:
        policy = cast(Policy, entry[1])
    else:
        policy = policy_in_force(at)
        cache.set(CACHE_KEY, (day, policy), timeout=CACHE_SECONDS)
    _local = (now, day, policy)
    return policy


@receiver([post_save, post_delete], sender=Policy, dispatch_uid="epidemic-policy-cache")
def policy_cache_clear(**kwargs: Any) -> None:
    """A version was saved or deleted: forget the cached one now and again after the commit
    (a request between the two could have cached the version the transaction replaces)."""
    _forget_everywhere()
    transaction.on_commit(_forget_everywhere)


def _forget_everywhere() -> None:
    """This process's copy and the shared entry."""
    forget_local()
    cache.delete(CACHE_KEY)


@receiver(setting_changed, dispatch_uid="epidemic-policy-local")
def _caches_changed(*, setting: str, **kwargs: Any) -> None:
    """Another cache (a test's own) starts without this process's copy of the old one's entry."""
    if setting == "CACHES":
        forget_local()


def forget_local() -> None:
    """Drop this process's copy; the next call reads the cache."""
    global _local
    _local = None


def end_of_local_day(moment: dt.datetime) -> dt.datetime:
    """23:59:59.999999 local of ``moment``'s local day (observation ends are rounded up)."""
    local = timezone.localtime(moment)
    return local.replace(hour=23, minute=59, second=59, microsecond=999999)
