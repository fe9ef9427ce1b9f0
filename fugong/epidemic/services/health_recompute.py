"""The periodic recompute of health statuses (DESIGN §3.3: conditions expire with time).

A colour is stored so that lists and counts are cheap; the conditions behind it end at their
expiry (an observation's planned end, the travel window) and the stale check-in rule changes at
every local midnight. So, every hour, the statuses that are no longer valid (a condition has
expired, or an input changed: ``HealthStatus.valid_until``) are refreshed, and once a day just
after 00:00 local every active person is, while the epidemic response is on. A person opening
their code page, or reaching a gate with a colour no longer valid, is refreshed on the spot.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from fugong.epidemic.models import HealthStatus
from fugong.epidemic.selectors.policy import policy_in_force
from fugong.epidemic.services.status import health_status_refresh
from fugong.people.models import Person, PersonStatus

BATCH = 500


def _expired(at: dt.datetime) -> list[int]:
    """People whose stored colour no longer holds at ``at``: a condition has ended, the day
    has moved on, or something it was made of has changed (``valid_until`` emptied)."""
    return list(
        HealthStatus.objects.filter(Q(valid_until=None) | Q(valid_until__lte=at))
        .order_by("person_id")
        .values_list("person_id", flat=True)
    )


def health_status_recompute(*, everyone: bool, at: dt.datetime | None = None) -> int:
    """Refresh expired statuses (or, with ``everyone``, all active people); how many."""
    at = at or timezone.now()
    if not policy_in_force(at).response_level_on:
        return 0
    if everyone:
        ids = list(
            Person.objects.filter(status=PersonStatus.ACTIVE)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    else:
        ids = _expired(at)
    for start in range(0, len(ids), BATCH):
        health_status_refresh(person_ids=ids[start : start + BATCH], at=at)
    return len(ids)


def is_daily_run(at: dt.datetime) -> bool:
    """The run in the first hour of a local day refreshes everyone (00:05 local)."""
    return timezone.localtime(at).hour == 0
