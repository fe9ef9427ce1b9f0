"""Cross-checks of a report against independent counts (DESIGN §3.4, "self-reports were gamed").

The counts come from pluggable functions (``COUNTERS``) so that the epidemic app's screenings
and positioning can be plugged in without this app importing models that may not exist yet.
Each counter answers the number of distinct people for an enterprise and a local day, or None
when it has no data for the enterprise (then no comparison is made).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from fugong.org.models import LIMITED_KINDS, PlaceKind

Counter = Callable[[int, dt.date], "int | None"]


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def screened_people(enterprise_id: int, day: dt.date) -> int | None:
    """Distinct people screened at the enterprise's gates on the local day."""
    if not apps.is_installed("fugong.epidemic"):
        return None
    try:
        screening = apps.get_model("epidemic", "Screening")
    except LookupError:
        return None
    start, end = _day_bounds(day)
    rows = screening.objects.filter(
        place__enterprise_id=enterprise_id,
        place__kind=PlaceKind.CHECKPOINT,
        measured_at__gte=start,
        measured_at__lt=end,
    )
    if not rows.exists():
        return None
    return rows.values("person_id").distinct().count()


def underground_people(enterprise_id: int, day: dt.date) -> int | None:
    """Distinct people with a positioning presence underground at the enterprise that day."""
    if not apps.is_installed("fugong.epidemic"):
        return None
    try:
        presence = apps.get_model("epidemic", "PresenceInterval")
    except LookupError:
        return None
    start, end = _day_bounds(day)
    rows = presence.objects.filter(
        place__enterprise_id=enterprise_id, place__kind__in=LIMITED_KINDS, start__lt=end
    ).exclude(end__lt=start)
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
    return gap > settings.DAILYREPORT_CROSSCHECK_ABSOLUTE and gap > percent * max(
        reported, counted
    )


def crosscheck(enterprise_id: int, day: dt.date, staff_on_duty: int) -> dict[str, object]:
    """The counts and the flag to store on a report."""
    counts = {field: counter(enterprise_id, day) for field, counter in COUNTERS.items()}
    flagged = any(beyond_tolerance(staff_on_duty, c) for c in counts.values())
    return {**counts, "flagged": flagged}
