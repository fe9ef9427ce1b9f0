"""The parameters of a metrics question (regions, group, industry, day range), checked once
for the API and the pages: a group outside the scope, an unknown region or a range that is
backwards or too long is a field error, never an empty answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema

from fugong.org.models import Enterprise, EnterpriseKind, Industry, Region

# A year and a day: a 366-day range is allowed, longer ones are refused (a typo in a year).
MAX_DAYS = 366


class MetricsParams(Schema):
    start: dt.date
    end: dt.date
    region: list[int] = Field(default_factory=list)
    group: int | None = None
    industry: Industry | None = None


def metrics_params_check(*, actor: Any, params: MetricsParams, where: str) -> dict[str, Any]:
    """The keyword arguments of ``metrics_for``; raises ValidationError keyed ``<where>.<f>``."""
    errors: dict[str, str] = {}
    if params.end < params.start:
        errors[f"{where}.end"] = _("The end is before the start.")
    elif (params.end - params.start).days + 1 > MAX_DAYS:
        errors[f"{where}.end"] = _("At most 366 days at once.")
    # Regions are reference data: any may be named; the enterprises stay inside the scope.
    regions = list(Region.objects.filter(pk__in=params.region))
    if len(regions) != len(set(params.region)):
        errors[f"{where}.region"] = _("Unknown region.")
    group = None
    if params.group is not None:
        group = (
            Enterprise.objects.restrict(actor)
            .filter(kind=EnterpriseKind.GROUP, pk=params.group)
            .first()
        )
        if group is None:
            errors[f"{where}.group"] = _("Not found.")
    if errors:
        raise ValidationError(errors)
    return {
        "start": params.start,
        "end": params.end,
        "regions": regions,
        "group": group,
        "industry": params.industry or "",
    }
