"""The daily report pages: the list, filing a report, one report with its versions, confirming,
and the live list of units that have not reported (with the reminders sent)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from fugong.core.forms import form_page
from fugong.core.lists import list_page
from fugong.core.permissions import may, permission_required
from fugong.core.scope import get_scoped_or_404
from fugong.dailyreport import selectors
from fugong.dailyreport.deadlines import day_due, deadline_for
from fugong.dailyreport.filters import DailyReportFilter
from fugong.dailyreport.forms import DailyReportForm
from fugong.dailyreport.models import DailyReport
from fugong.dailyreport.services import report_confirm, report_submit
from fugong.dailyreport.tables import DailyReportTable


@permission_required(DailyReport)
def report_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        rows=selectors.report_list(actor=request.user),
        filterset=DailyReportFilter,
        table=DailyReportTable,
        template="dailyreport/report_list.html",
        may_file=may(request.user, DailyReport, "change"),
    )


@permission_required(DailyReport, "change")
def report_file(request: HttpRequest) -> HttpResponse:
    form = DailyReportForm(request.POST or None, actor=request.user)

    def done(report: DailyReport) -> HttpResponse:
        if report.late:
            messages.warning(request, _("The report was saved, after the 12:00 deadline."))
        else:
            messages.success(request, _("The report was saved."))
        return redirect("dailyreport:report_detail", pk=report.pk)

    return form_page(
        request,
        form,
        save=lambda **data: report_submit(actor=request.user, **data),
        done=done,
        template="dailyreport/report_form.html",
        context={"deadline": deadline_for(day_due())},
    )


@permission_required(DailyReport)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_scoped_or_404(
        DailyReport.objects.select_related("enterprise", "submitted_by", "confirmed_by"),
        request.user,
        pk=pk,
    )
    may_confirm = (
        may(request.user, DailyReport, "confirm")
        and report.superseded_at is None
        and report.confirmed_at is None
        and report.enterprise.parent_id is not None
    )
    return render(
        request,
        "dailyreport/report_detail.html",
        {
            "report": report,
            "versions": selectors.report_history(report=report),
            "may_confirm": may_confirm,
        },
    )


@require_POST
@permission_required(DailyReport, "confirm")
def report_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_scoped_or_404(DailyReport.objects.current(), request.user, "confirm", pk=pk)
    report_confirm(actor=request.user, report=report)
    messages.success(request, _("The report was confirmed."))
    return redirect("dailyreport:report_detail", pk=report.pk)


@permission_required(DailyReport)
def missing_list(request: HttpRequest) -> HttpResponse:
    """Units due that have not reported for the day (default: the day being filed today)."""
    try:
        day = parse_date(request.GET.get("day") or "") or day_due()
    except ValueError:  # well-formed but impossible (2026-02-30): the default day
        day = day_due()
    missing = list(selectors.not_reported(actor=request.user, day=day))
    return render(
        request,
        "dailyreport/missing_list.html",
        {
            "day": day,
            "previous": day - dt.timedelta(days=1),
            "next": day + dt.timedelta(days=1),
            "deadline": deadline_for(day),
            "missing": missing,
            "reminders": list(selectors.reminders(actor=request.user, day=day)),
        },
    )
