"""Reads of the screening records page (测温记录): the readings a health official may read, with
everything a row shows fetched in one query, and the counts of a filtered set."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from fugong.epidemic.models import Screening, ScreeningResult
from fugong.epidemic.selectors.policy import policy_in_force_cached


def fever_threshold() -> Decimal:
    """The policy's fever threshold today (a reading at or above it is a fever)."""
    return Decimal(policy_in_force_cached().fever_threshold)


def screening_rows(*, actor: Any) -> QuerySet[Screening]:
    """The readings ``actor`` may read (role and jurisdiction), newest first, with the
    checkpoint, enterprise, person, operator and device of each row joined in."""
    return (
        Screening.objects.restrict(actor, "view")
        .select_related("place", "enterprise", "person", "operator", "device")
        .order_by("-measured_at", "-pk")
    )


def screening_counts(rows: QuerySet[Screening], *, threshold: Decimal) -> dict[str, int]:
    """Total, passed, re-measure, denied and fevers (at or above ``threshold``) of ``rows``,
    in one query."""
    counts = rows.order_by().aggregate(
        total=Count("pk"),
        passed=Count("pk", filter=Q(result=ScreeningResult.PASS)),
        remeasure=Count("pk", filter=Q(result=ScreeningResult.REMEASURE)),
        denied=Count("pk", filter=Q(result=ScreeningResult.DENY)),
        fevers=Count("pk", filter=Q(temperature__gte=threshold)),
    )
    return {key: value or 0 for key, value in counts.items()}
