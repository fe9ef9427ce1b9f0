"""Reads of risk areas (reference data everyone may read)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from fugong.epidemic.models import RiskArea


def valid_on_q(day: dt.date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def risk_areas_valid_on(*, actor: Any, day: dt.date) -> QuerySet[RiskArea]:
    """The areas graded on ``day``, most severe first."""
    from django.db.models import Case, IntegerField, Value, When

    severity = Case(
        When(level="high", then=Value(0)),
        When(level="medium", then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        RiskArea.objects.restrict(actor)
        .filter(valid_on_q(day))
        .select_related("region")
        .order_by(severity, "region__code")
    )
