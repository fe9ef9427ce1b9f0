"""Reads of daily reports and metrics, always through the scope.

``metrics_for`` is the entry point other apps call (the oversight leader page): the metrics of
the enterprises an actor oversees, optionally narrowed, over a day range.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Hashable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from fugong.core.permissions import may
from fugong.dailyreport.metrics import Ratio, Totals, member_totals, totals
from fugong.dailyreport.models import DailyReport, ReportReminder
from fugong.org.models import Enterprise, EnterpriseKind, EnterpriseStatus, Region


def enterprises_in_scope(
    *,
    actor: Any,
    enterprise_ids: Collection[int] | None = None,
    regions: Collection[Region] = (),
    group: Enterprise | None = None,
    industry: str = "",
) -> QuerySet[Enterprise]:
    """The enterprises whose reports the actor reads, narrowed by the filters."""
    if not may(actor, DailyReport, "view"):
        return Enterprise.objects.none()
    rows = Enterprise.objects.restrict(actor, "view")
    if enterprise_ids is not None:
        rows = rows.filter(pk__in=enterprise_ids)
    if regions:
        subtree = Q()
        for region in regions:
            subtree |= Q(region__code__startswith=region.subtree_prefix)
        rows = rows.filter(subtree)
    if group is not None:
        rows = rows.filter(Q(parent=group) | Q(pk=group.pk))
    if industry:
        rows = rows.filter(industry=industry)
    return rows


@dataclass(frozen=True)
class Metrics:
    """The three metrics (and a group's member rate) of a scope over a day range."""

    start: dt.date
    end: dt.date
    ratios: dict[str, Ratio]
    reported: int

    def __getitem__(self, name: str) -> Ratio:
        return self.ratios[name]


def metrics_for(
    *,
    actor: Any,
    start: dt.date,
    end: dt.date,
    enterprise_ids: Collection[int] | None = None,
    regions: Collection[Region] = (),
    group: Enterprise | None = None,
    industry: str = "",
) -> Metrics:
    """开工率, 到岗率, 达产率 (and 成员企业开工率 when ``group`` is given) of the actor's scope."""
    enterprises = enterprises_in_scope(
        actor=actor,
        enterprise_ids=enterprise_ids,
        regions=regions,
        group=group,
        industry=industry,
    )
    whole = totals(enterprises, start, end).get(None, Totals())
    ratios = whole.ratios()
    if group is not None:
        ratios["member_operating"] = member_totals(enterprises.filter(parent=group), start, end)
    return Metrics(start=start, end=end, ratios=ratios, reported=whole.reported)


def metrics_by(
    *, enterprises: QuerySet[Enterprise], start: dt.date, end: dt.date, key: str
) -> dict[Hashable, Totals]:
    """Totals per county ("region"), group ("parent"), enterprise ("pk") or day ("day")."""
    return dict(totals(enterprises, start, end, key=key))


def key_names(key: str, keys: Collection[Hashable]) -> dict[Hashable, str]:
    """Display names of ranking keys, one query."""
    ids: list[Any] = [k for k in keys if k is not None]
    if key == "region":
        return dict(Region.objects.filter(pk__in=ids).values_list("pk", "name"))
    if key in {"parent", "pk"}:
        return dict(Enterprise.objects.filter(pk__in=ids).values_list("pk", "name"))
    return {k: str(k) for k in ids}


def groups_in_scope(*, actor: Any) -> QuerySet[Enterprise]:
    return Enterprise.objects.restrict(actor).filter(kind=EnterpriseKind.GROUP)


def report_list(*, actor: Any) -> QuerySet[DailyReport]:
    return (
        DailyReport.objects.restrict(actor, "view")
        .current()
        .select_related("enterprise", "enterprise__region", "submitted_by", "confirmed_by")
    )


def report_history(*, report: DailyReport) -> QuerySet[DailyReport]:
    """Every version of the report's enterprise and day, newest first."""
    return (
        DailyReport.objects.filter(enterprise_id=report.enterprise_id, day=report.day)
        .select_related("submitted_by")
        .order_by("-submitted_at", "-pk")
    )


def not_reported(*, actor: Any, day: dt.date) -> QuerySet[Enterprise]:
    """Units in scope due on ``day`` (active, due to resume on or before it) without a report."""
    reported = DailyReport.objects.current().filter(enterprise=OuterRef("pk"), day=day)
    return (
        enterprises_in_scope(actor=actor)
        .filter(status=EnterpriseStatus.ACTIVE, resumption_due_on__lte=day)
        .exclude(Exists(reported))
        .select_related("region", "parent")
    )


def reminders(*, actor: Any, day: dt.date) -> QuerySet[ReportReminder]:
    return (
        ReportReminder.objects.restrict(actor)
        .filter(day=day)
        .select_related("enterprise", "recipient")
    )


def enterprise_rows(
    *,
    actor: Any,
    start: dt.date,
    end: dt.date,
    regions: Collection[Region] = (),
    group: Enterprise | None = None,
    industry: str = "",
    enterprise_ids: Collection[int] | None = None,
) -> list[dict[str, Any]]:
    """The per-enterprise figures behind the metrics (three queries), by enterprise name."""
    enterprises = enterprises_in_scope(
        actor=actor, enterprise_ids=enterprise_ids, regions=regions, group=group, industry=industry
    )
    by_enterprise = totals(enterprises, start, end, key="pk")
    names = key_names("pk", by_enterprise)
    rows = [
        {
            "enterprise_id": pk,
            "enterprise_name": names.get(pk, ""),
            "due_days": t.due,
            "reported": t.reported,
            "operating": t.operating,
            "staff_on_duty": t.staff,
            "normal_headcount": t.headcount,
            "output": t.output,
            "normal_output": t.normal_output,
        }
        for pk, t in by_enterprise.items()
    ]
    return sorted(rows, key=lambda row: (row["enterprise_name"], row["enterprise_id"]))


def metrics_per_enterprise(
    *, actor: Any, enterprise_ids: Collection[int], start: dt.date, end: dt.date
) -> dict[int, dict[str, Ratio]]:
    """开工率/到岗率/达产率 of each enterprise over start–end (a leader's page: one query)."""
    enterprises = enterprises_in_scope(actor=actor, enterprise_ids=enterprise_ids)
    per_enterprise = metrics_by(enterprises=enterprises, start=start, end=end, key="pk")
    return {pk: found.ratios() for pk, found in per_enterprise.items() if isinstance(pk, int)}
