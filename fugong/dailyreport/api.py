"""Daily reports and metrics under /api/reports.

Filing is idempotent per enterprise and day: a resend replaces the current report and keeps the
old one. A batch is all or nothing; a bad item answers 422 naming ``body.items.<n>.<field>``.
Metrics come with numerator, denominator, rate, definition and the per-enterprise rows.
"""

# No `from __future__ import annotations`: django-ninja reads the handlers' annotations.

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from fugong.core.api import (
    Pagination,
    QueryFilters,
    actor,
    filtered,
    permitted,
    resolve_foreign_keys,
    service_errors_in_body,
)
from fugong.core.api_errors import require_json_object
from fugong.core.scope import get_scoped_or_404
from fugong.dailyreport.filters import DailyReportFilter
from fugong.dailyreport.metrics_params import MetricsParams, metrics_params_check
from fugong.dailyreport.models import MAX_STAFF_ON_DUTY, DailyReport
from fugong.dailyreport.selectors import enterprise_rows, metrics_for, report_list
from fugong.dailyreport.services import report_confirm, report_submit, reports_submit_batch
from fugong.org.models import Enterprise

router = Router(tags=["reports"])
MAX_BATCH = 500


class ReportOut(Schema):
    id: int
    enterprise_id: int
    enterprise_name: str
    day: dt.date
    operating: bool
    normal_headcount: int
    staff_on_duty: int
    output: Decimal
    normal_output: Decimal
    notes: str
    submitted_at: dt.datetime
    late: bool
    confirmed_at: dt.datetime | None
    flagged: bool
    screened_count: int | None
    underground_count: int | None

    @staticmethod
    def resolve_enterprise_name(obj: DailyReport) -> str:
        return obj.enterprise.name


class ReportIn(Schema):
    enterprise: int
    day: dt.date = Field(description="The day reported (data as of that day 24:00).")
    operating: bool
    staff_on_duty: int = Field(ge=0, le=MAX_STAFF_ON_DUTY)
    output: Decimal = Field(Decimal(0), ge=0, max_digits=14, decimal_places=2)
    normal_headcount: int | None = Field(None, ge=0, le=MAX_STAFF_ON_DUTY)
    normal_output: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    notes: str = Field("", max_length=500)


class BatchIn(Schema):
    items: list[ReportIn] = Field(min_length=1, max_length=MAX_BATCH)


class ReportQuery(QueryFilters):
    filterset = DailyReportFilter

    enterprise: int | None = None
    day_from: dt.date | None = None
    day_to: dt.date | None = None
    late: bool | None = None
    flagged: bool | None = None
    confirmed: bool | None = None


class RatioOut(Schema):
    name: str
    label: str
    numerator: Decimal
    denominator: Decimal
    rate: Decimal | None
    percent: str
    definition: str


class EnterpriseRowOut(Schema):
    enterprise_id: int
    enterprise_name: str
    due_days: int
    reported: int
    operating: int
    staff_on_duty: int
    normal_headcount: int
    output: Decimal
    normal_output: Decimal


class MetricsOut(Schema):
    start: dt.date
    end: dt.date
    metrics: list[RatioOut]
    rows: list[EnterpriseRowOut]


def _ratio_out(ratio: Any) -> RatioOut:
    return RatioOut(
        name=ratio.name,
        label=str(ratio.label),
        numerator=ratio.numerator,
        denominator=ratio.denominator,
        rate=ratio.rate,
        percent=ratio.percent,
        definition=str(ratio.definition),
    )


def _enterprises() -> dict[str, QuerySet]:
    return {"enterprise": Enterprise.objects.all()}


@router.get(
    "",
    response=list[ReportOut],
    summary="Current daily reports in scope",
    auth=permitted(DailyReport),
)
@paginate(Pagination)
def list_reports(request: HttpRequest, filters: Query[ReportQuery]) -> QuerySet:
    who = actor(request)
    return filtered(DailyReportFilter(request.GET, queryset=report_list(actor=who), actor=who))


@router.post(
    "",
    response={201: ReportOut},
    summary="File or resend one daily report",
    auth=permitted(DailyReport, "change"),
)
def submit_report(request: HttpRequest, payload: ReportIn) -> Status:
    who = actor(request)
    require_json_object(request)
    data = resolve_foreign_keys(who, payload.model_dump(), _enterprises())
    with service_errors_in_body():
        report = report_submit(actor=who, **data)
    return Status(201, report)


@router.post(
    "/batch",
    response={201: list[ReportOut]},
    summary="File many daily reports, all or nothing",
    auth=permitted(DailyReport, "change"),
)
def submit_batch(request: HttpRequest, payload: BatchIn) -> Status:
    who = actor(request)
    require_json_object(request)
    ids = {item.enterprise for item in payload.items}
    found = {e.pk: e for e in Enterprise.objects.restrict(who).filter(pk__in=ids)}
    items = []
    for number, item in enumerate(payload.items):
        data: dict[str, Any] = item.model_dump()
        data["enterprise"] = found.get(item.enterprise)
        if data["enterprise"] is None:
            raise ValidationError({f"body.items.{number}.enterprise": _("Not found.")})
        items.append(data)
    with service_errors_in_body():
        reports = reports_submit_batch(actor=who, items=items)
    return Status(201, reports)


@router.post(
    "/{report_id}/confirm",
    response=ReportOut,
    summary="Confirm a member unit's report (group)",
    auth=permitted(DailyReport, "confirm"),
)
def confirm_report(request: HttpRequest, report_id: int) -> DailyReport:
    who = actor(request)
    report = get_scoped_or_404(
        DailyReport.objects.current().select_related("enterprise"), who, "confirm", pk=report_id
    )
    report_confirm(actor=who, report=report)
    return report


@router.get(
    "/metrics",
    response=MetricsOut,
    summary="开工率, 到岗率, 达产率 of a scope and day range, with the rows behind them",
    auth=permitted(DailyReport),
)
def metrics(request: HttpRequest, params: Query[MetricsParams]) -> MetricsOut:
    who = actor(request)
    chosen = metrics_params_check(actor=who, params=params, where="query")
    result = metrics_for(actor=who, **chosen)
    rows = enterprise_rows(actor=who, **chosen)
    return MetricsOut(
        start=result.start,
        end=result.end,
        metrics=[_ratio_out(ratio) for ratio in result.ratios.values()],
        rows=[EnterpriseRowOut(**row) for row in rows],
    )
