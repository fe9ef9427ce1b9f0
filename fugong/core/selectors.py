"""Reads that span apps, each one through the scoped path."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Count

# What the home page can count, and the model each count reads through its scope.
SUMMARY_MODELS = {
    "enterprises": ("org", "Enterprise"),
    "places": ("org", "Place"),
    "people": ("people", "Person"),
}


def scope_summary(*, actor: Any, include: Iterable[str] | None = None) -> dict[str, int]:
    """How many enterprises, places and people the actor can see (only ``include`` if given:
    a count of records the role does not read is not shown as 0, it is not asked for)."""
    keys = list(SUMMARY_MODELS) if include is None else list(include)
    return {
        key: apps.get_model(*SUMMARY_MODELS[key]).objects.restrict(actor).count() for key in keys
    }


@dataclass
class CountyRow:
    region: Any  # org.Region; None for the totals row
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def cells(self) -> list[tuple[str, int]]:
        """(status, count) in the order of the status choices."""
        return list(self.counts.items())

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class CountyTable:
    """Enterprises in scope by county (rows) and status (columns), with a totals row.

    The totals count every enterprise in scope, also one registered above county level, so
    they match the enterprise list filtered by status alone.
    """

    statuses: list[tuple[str, str]]
    rows: list[CountyRow]
    totals: CountyRow


def enterprises_by_county(*, actor: Any) -> CountyTable:
    """Two queries, however many counties: one GROUP BY, one for the counties in scope."""
    # Imported here: core is below the apps, and org's models import core.
    from fugong.org.models import Enterprise, EnterpriseStatus, Region, RegionLevel

    statuses = [(str(value), str(label)) for value, label in EnterpriseStatus.choices]
    grouped = (
        Enterprise.objects.restrict(actor)
        .values("region_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_region: dict[int, dict[str, int]] = {}
    totals = CountyRow(region=None, counts={value: 0 for value, _ in statuses})
    for entry in grouped:
        by_region.setdefault(entry["region_id"], {})[entry["status"]] = entry["n"]
        totals.counts[entry["status"]] = totals.counts.get(entry["status"], 0) + entry["n"]
    counties = Region.objects.restrict(actor).filter(level=RegionLevel.COUNTY).order_by("code")
    rows = [
        CountyRow(
            region=county,
            counts={value: by_region.get(county.pk, {}).get(value, 0) for value, _ in statuses},
        )
        for county in counties.only("id", "code", "name")
    ]
    return CountyTable(statuses=statuses, rows=rows, totals=totals)
