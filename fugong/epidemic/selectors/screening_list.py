"""Reads of the screening records page (测温记录): the readings a health official may read, with
everything a row shows fetched in one query, and the counts of a filtered set.

A reading is a fever when it is at or above the fever threshold of the policy version in force on
the reading's own local day (Asia/Shanghai), not today's: a threshold raised from 37.3 to 37.5 °C
today leaves yesterday's 37.4 a fever. Each row carries the threshold of its day as the
annotation ``FEVER_THRESHOLD`` (a correlated subquery on the small policy table, inside the row's
own query), so the badge, the count and the "fever only" filter judge alike, in SQL.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DateTimeField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from fugong.epidemic.models import Screening, ScreeningResult
from fugong.epidemic.selectors.policy import fever_threshold_of_day, policy_in_force_cached

# The annotation of every row: the fever threshold in force on the reading's local day.
FEVER_THRESHOLD = "fever_threshold_on_day"


def fever_threshold() -> Decimal:
    """The policy's fever threshold today (what a reading taken now is judged against)."""
    return Decimal(policy_in_force_cached().fever_threshold)


def threshold_on_reading_day() -> Coalesce:
    """The fever threshold in force on ``measured_at``'s local day."""
    # The local day in the project's time zone, as the day filter's ``local_day_start``
    # (PostgreSQL ``AT TIME ZONE``, SQLite Django's own conversion), never the UTC date.
    # (The wrapper gives the outer column its type, which TruncDate asks of a bare OuterRef.)
    measured_at = ExpressionWrapper(OuterRef("measured_at"), output_field=DateTimeField())
    return fever_threshold_of_day(TruncDate(measured_at, tzinfo=timezone.get_default_timezone()))


def fever_q() -> Q:
    """Rows at or above the threshold of their day (on rows annotated by ``screening_rows``)."""
    return Q(temperature__gte=F(FEVER_THRESHOLD))


def screening_rows(*, actor: Any) -> QuerySet[Screening]:
    """The readings ``actor`` may read (role and jurisdiction), newest first, with the
    checkpoint, enterprise, person, operator and device of each row joined in, and the fever
    threshold of the reading's day (``FEVER_THRESHOLD``)."""
    return (
        Screening.objects.restrict(actor, "view")
        .select_related("place", "enterprise", "person", "operator", "device")
        .annotate(**{FEVER_THRESHOLD: threshold_on_reading_day()})
        .order_by("-measured_at", "-pk")
    )


def is_fever(row: Screening) -> bool:
    """Whether a row of ``screening_rows`` is a fever (the row's own threshold, no query)."""
    return bool(row.temperature >= getattr(row, FEVER_THRESHOLD))


def screening_counts(rows: QuerySet[Screening]) -> dict[str, int]:
    """Total, passed, re-measure, denied and fevers (at or above the threshold of each
    reading's day) of ``rows`` (from ``screening_rows``), in one query."""
    counts = rows.order_by().aggregate(
        total=Count("pk"),
        passed=Count("pk", filter=Q(result=ScreeningResult.PASS)),
        remeasure=Count("pk", filter=Q(result=ScreeningResult.REMEASURE)),
        denied=Count("pk", filter=Q(result=ScreeningResult.DENY)),
        fevers=Count("pk", filter=fever_q()),
    )
    return {key: value or 0 for key, value in counts.items()}
