"""Cross-checks of a report against independent counts (DESIGN §3.4, "self-reports were gamed").

The counts come from pluggable functions (``COUNTERS``): distinct people screened at the gates
(epidemic ``Screening``) and distinct people underground by positioning (``PresenceInterval``
from the positioning system at underground places). Each answers the number for an enterprise
and a local day, or None when there is no data for the enterprise that day (then no comparison
is made: a mine without a positioning feed is not flagged for it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from fugong.epidemic.models import PresenceInterval, PresenceSource, Screening
from fugong.org.models import LIMITED_KINDS, PlaceKind

Counter = Callable[[int, dt.date], "int | None"]


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def screened_people(enterprise_id: int, day: dt.date) -> int | None:
    """Distinct people screened at the enterprise's checkpoints on the local day."""
    start, end = _day_bounds(day)
    rows = Screening.objects.filter(
        enterprise_id=enterprise_id,
        place__kind=PlaceKind.CHECKPOINT,
        measured_at__gte=start,
        measured_at__lt=end,
        person__isnull=False,
    )
    if not rows.exists():
        return None
    return rows.values("person_id").distinct().count()


def underground_people(enterprise_id: int, day: dt.date) -> int | None:
    """Distinct people the positioning system saw underground at the enterprise that day."""
    start, end = _day_bounds(day)
    rows = PresenceInterval.objects.filter(
        enterprise_id=enterprise_id,
        source=PresenceSource.POSITIONING,
        place__kind__in=LIMITED_KINDS,
        start__lt=end,
        end__gt=start,
    )
    if not rows.exists():
        return None
    return rows.values("person_id").distinct().count()


COUNTERS: dict[str, Counter] = {
    "screened_count": screened_people,
    "underground_count": underground_people,
}


def beyond_tolerance(reported: int, counted: int | None) -> bool:
    """A gap over BOTH the absolute and the percentage tolerance (of the larger figure): a
    small unit is not flagged for two people, a large one not for a rounding difference."""
    if counted is None:
        return False
    gap = abs(reported - counted)
    percent = Decimal(settings.DAILYREPORT_CROSSCHECK_PERCENT) / 100
    return gap > settings.DAILYREPORT_CROSSCHECK_ABSOLUTE and gap > percent * max(reported, counted)


def crosscheck(enterprise_id: int, day: dt.date, staff_on_duty: int) -> dict[str, object]:
    """The counts and the flag to store on a report."""
    counts = {field: counter(enterprise_id, day) for field, counter in COUNTERS.items()}
    flagged = any(beyond_tolerance(staff_on_duty, c) for c in counts.values())
    return {**counts, "flagged": flagged}
