"""The command page's counts (指挥部看板, DESIGN §3.3 and §2 "health counts ... aggregated to
its scope"): colours, today's confirmed fevers, active observations, open clusters and cases,
over the actor's enterprises, drillable city → county → enterprise.

Counts are aggregates, not health records: the role is checked against the "counts" action
of the models, and the jurisdiction is the actor's enterprises (``Enterprise.restrict``), so
roles that see no people (a department, a leader) still get the counts of their enterprises.
A fixed number of queries whatever the number of enterprises: one per measure, grouped by
enterprise, then summed here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.utils import timezone

from fugong.core.permissions import may
from fugong.epidemic.models import (
    Case,
    CaseClassification,
    Cluster,
    ClusterState,
    Colour,
    DenyReason,
    HealthStatus,
    Observation,
    ObservationState,
    Screening,
    ScreeningResult,
)
from fugong.epidemic.selectors.policy import end_of_local_day
from fugong.org.models import Enterprise, Region, RegionLevel
from fugong.people.models import Person, PersonStatus

# "people": the active people, beside the colours (someone whose code was never computed is in
# no colour, and the difference shows it).
MEASURES = (
    "people", "green", "yellow", "red", "fevers_today", "observations", "clusters", "cases",
)  # fmt: skip


def _by_enterprise(rows: Any, key: str = "enterprise") -> dict[int, int]:
    return {row[key]: row["n"] for row in rows.annotate(n=Count("pk"))}


def _measures(enterprise_ids: Any, at: dt.datetime) -> dict[int, dict[str, int]]:
    """Each measure per enterprise id (a missing one is 0)."""
    out: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(MEASURES, 0))
    colours = (
        HealthStatus.objects.filter(person__enterprise__in=enterprise_ids)
        .values("person__enterprise", "colour")
        .annotate(n=Count("pk"))
    )
    for row in colours:
        if row["colour"] in (Colour.GREEN, Colour.YELLOW, Colour.RED):
            out[row["person__enterprise"]][row["colour"]] += row["n"]
    end = end_of_local_day(at)
    fevers = Screening.objects.filter(
        enterprise__in=enterprise_ids,
        result=ScreeningResult.DENY,
        deny_reason=DenyReason.FEVER,
        measured_at__gt=end - dt.timedelta(days=1),
        measured_at__lte=end,
    ).values("enterprise")
    observations = Observation.objects.filter(
        person__enterprise__in=enterprise_ids, state=ObservationState.ACTIVE
    ).values("person__enterprise")
    clusters = Cluster.objects.filter(
        enterprise__in=enterprise_ids, state__in=[ClusterState.SIGNAL, ClusterState.CONFIRMED]
    ).values("enterprise")
    cases = (
        Case.objects.filter(person__enterprise__in=enterprise_ids)
        .exclude(classification=CaseClassification.DISCARDED)
        .values("person__enterprise")
    )
    people = Person.objects.filter(
        enterprise__in=enterprise_ids, status=PersonStatus.ACTIVE
    ).values("enterprise")
    for name, rows, key in (
        ("people", people, "enterprise"),
        ("fevers_today", fevers, "enterprise"),
        ("observations", observations, "person__enterprise"),
        ("clusters", clusters, "enterprise"),
        ("cases", cases, "person__enterprise"),
    ):
        for enterprise_id, n in _by_enterprise(rows, key).items():
            out[enterprise_id][name] = n
    return out


def _sum(counts: list[dict[str, int]]) -> dict[str, int]:
    return {m: sum(c[m] for c in counts) for m in MEASURES}


def command_counts(
    *,
    actor: Any,
    region: Region | None = None,
    enterprise_id: int | None = None,
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    """The counts of the actor's enterprises, with one row per county (no drill), per
    enterprise (a county), or the one enterprise; and the bar chart's data by county."""
    if not may(actor, HealthStatus, "counts"):
        raise PermissionDenied
    at = at or timezone.now()
    enterprises = Enterprise.objects.restrict(actor)
    if region is not None:
        enterprises = enterprises.filter(region__code__startswith=region.subtree_prefix)
    if enterprise_id is not None:
        enterprises = enterprises.filter(pk=enterprise_id)
    listed = list(
        enterprises.order_by("region__code", "name_pinyin", "pk").values(
            "pk", "name", "region_id", "region__name", "region__code", "region__level"
        )
    )
    measures = _measures([e["pk"] for e in listed], at)
    by_county: dict[int, dict[str, Any]] = {}
    for e in listed:
        county = by_county.setdefault(
            e["region_id"],
            {"key": e["region_id"], "label": e["region__name"], "code": e["region__code"],
             "counts": []},
        )  # fmt: skip
        county["counts"].append(measures[e["pk"]])
    counties = [
        {"key": c["key"], "label": c["label"], "code": c["code"], **_sum(c["counts"])}
        for c in by_county.values()
    ]
    drill_to_enterprises = enterprise_id is not None or (
        region is not None and region.level == RegionLevel.COUNTY
    )
    rows = (
        [{"key": e["pk"], "label": e["name"], **measures[e["pk"]]} for e in listed]
        if drill_to_enterprises
        else counties
    )
    return {
        "level": "enterprise" if drill_to_enterprises else "county",
        "total": _sum([measures[e["pk"]] for e in listed]),
        "rows": rows,
        "enterprise_count": len(listed),
        "chart": {
            "labels": [c["label"] for c in counties],
            "series": {m: [c[m] for c in counties] for m in MEASURES},
        },
        "at": at,
    }
