"""The metrics pages: overview tiles, trends (ECharts), distribution, rankings and the export.

Every page reads the same question (``MetricsForm``: day range, regions, group, industry) and
answers it inside the user's Enterprise scope through the selectors; an invalid question shows
its errors and no figures.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from fugong.core.permissions import permission_required
from fugong.dailyreport import dashboards
from fugong.dailyreport.forms import MetricsForm
from fugong.dailyreport.metrics_export import metrics_workbook
from fugong.dailyreport.metrics_params import MAX_DAYS
from fugong.dailyreport.models import DailyReport
from fugong.dailyreport.selectors import enterprises_in_scope, metrics_for

TABS = (
    ("dailyreport:metrics_overview", "overview"),
    ("dailyreport:metrics_trends", "trends"),
    ("dailyreport:metrics_distribution", "distribution"),
    ("dailyreport:metrics_rankings", "rankings"),
)


def _question(request: HttpRequest) -> tuple[MetricsForm, dict[str, Any] | None]:
    form = MetricsForm(request.GET, actor=request.user)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    if data["end"] < data["start"]:
        form.add_error("end", _("The end is before the start."))
        return form, None
    if (data["end"] - data["start"]).days + 1 > MAX_DAYS:
        form.add_error("end", _("At most 366 days at once."))
        return form, None
    chosen = {
        "start": data["start"],
        "end": data["end"],
        "regions": list(data["region"]),
        "group": data["group"],
        "industry": data["industry"],
    }
    return form, chosen


def _page(request: HttpRequest, tab: str, build: Any) -> HttpResponse:
    form, chosen = _question(request)
    context: dict[str, Any] = {"form": form, "tab": tab, "tabs": TABS, "query": request.GET}
    if chosen is not None:
        context["chosen"] = chosen
        context.update(build(request, chosen))
    return render(request, f"dailyreport/metrics_{tab}.html", context)


def _enterprises(request: HttpRequest, chosen: dict[str, Any]) -> Any:
    return enterprises_in_scope(
        actor=request.user,
        regions=chosen["regions"],
        group=chosen["group"],
        industry=chosen["industry"],
    )


@permission_required(DailyReport)
def metrics_overview(request: HttpRequest) -> HttpResponse:
    def build(request: HttpRequest, chosen: dict[str, Any]) -> dict[str, Any]:
        result = metrics_for(actor=request.user, **chosen)
        return {"ratios": list(result.ratios.values()), "reported": result.reported}

    return _page(request, "overview", build)


@permission_required(DailyReport)
def metrics_trends(request: HttpRequest) -> HttpResponse:
    def build(request: HttpRequest, chosen: dict[str, Any]) -> dict[str, Any]:
        series = dashboards.trend(_enterprises(request, chosen), chosen["start"], chosen["end"])
        return {"chart": series}

    return _page(request, "trends", build)


@permission_required(DailyReport)
def metrics_distribution(request: HttpRequest) -> HttpResponse:
    def build(request: HttpRequest, chosen: dict[str, Any]) -> dict[str, Any]:
        enterprises = _enterprises(request, chosen)
        return {"buckets": dashboards.distribution(enterprises, chosen["start"], chosen["end"])}

    return _page(request, "distribution", build)


@permission_required(DailyReport)
def metrics_rankings(request: HttpRequest) -> HttpResponse:
    by = request.GET.get("by", "county")
    by = by if by in dashboards.RANKING_KEYS else "county"

    def build(request: HttpRequest, chosen: dict[str, Any]) -> dict[str, Any]:
        enterprises = _enterprises(request, chosen)
        return {
            "by": by,
            "keys": [(key, label) for key, (_path, label) in dashboards.RANKING_KEYS.items()],
            "rows": dashboards.ranking(enterprises, chosen["start"], chosen["end"], by),
            "key_label": dashboards.RANKING_KEYS[by][1],
        }

    return _page(request, "rankings", build)


@permission_required(DailyReport)
def metrics_export(request: HttpRequest) -> HttpResponse:
    form, chosen = _question(request)
    if chosen is None:
        return render(
            request,
            "dailyreport/metrics_overview.html",
            {"form": form, "tab": "overview", "tabs": TABS, "query": request.GET},
            status=400,
        )
    result = metrics_for(actor=request.user, **chosen)
    rows = dashboards.ranking(
        _enterprises(request, chosen), chosen["start"], chosen["end"], "enterprise"
    )
    body = metrics_workbook(result=result, rows=rows)
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"metrics-{chosen['start']:%Y%m%d}-{chosen['end']:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
