"""Pages beside the review: decision statistics, "due to resume", a mine's acceptance (验收)
and city command's calendar of working-day exceptions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from fugong.core.forms import add_service_errors, form_page
from fugong.core.permissions import may, permission_required
from fugong.core.scope import get_scoped_or_404
from fugong.org.models import CalendarDay, Enterprise, EnterpriseKind
from fugong.resumption import acceptance as acceptance_services
from fugong.resumption import selectors, services
from fugong.resumption.forms import (
    AcceptanceRequestForm,
    CalendarDayForm,
    DueForm,
    RegulatorSignForm,
)
from fugong.resumption.models import Application, MineAcceptance


@permission_required(Application, "statistics")
def statistics(request: HttpRequest) -> HttpResponse:
    tallies = selectors.decision_statistics(actor=request.user)
    context = {
        **tallies,
        "totals": selectors.totals(tallies["counties"] + tallies["departments"]),
        "applications": [selectors.application_outcomes(actor=request.user)],
    }
    return render(request, "resumption/statistics.html", context)


@permission_required(Application, "set_due")
def due_edit(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = get_scoped_or_404(Enterprise.objects, request.user, "change", pk=pk)
    form = DueForm(
        request.POST or None, initial={"due_on": enterprise.resumption_due_on}, actor=request.user
    )

    def save(due_on: object) -> Enterprise:
        return services.enterprise_due_set(
            actor=request.user,
            enterprise=enterprise,
            due_on=due_on,  # type: ignore[arg-type]
        )

    def done(saved: Enterprise) -> HttpResponse:
        messages.success(request, _("Saved %(name)s.") % {"name": saved})
        return redirect("resumption:due_edit", pk=saved.pk)

    applications = selectors.application_list(actor=request.user).filter(enterprise=enterprise)
    return form_page(
        request, form, save=save, done=done, template="resumption/due.html",
        context={"enterprise": enterprise, "applications": applications[:10]},
    )  # fmt: skip


@permission_required(MineAcceptance)
def acceptance_page(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = get_scoped_or_404(Enterprise.objects, request.user, pk=pk)
    form = AcceptanceRequestForm(request.POST or None, actor=request.user)
    may_request = may(request.user, MineAcceptance, "change")
    if request.method == "POST":
        if not may_request:
            return redirect("resumption:acceptance", pk=enterprise.pk)
        if form.is_valid():
            try:
                acceptance_services.acceptance_request(
                    actor=request.user, enterprise=enterprise, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The stoppage is recorded."))
                return redirect("resumption:acceptance", pk=enterprise.pk)
    records = MineAcceptance.objects.restrict(request.user).filter(enterprise=enterprise)
    context = {
        "enterprise": enterprise,
        "is_mine": enterprise.kind == EnterpriseKind.COAL_MINE,
        "records": records.select_related("mine_signed_by", "regulator_signed_by"),
        "form": form,
        "may_request": may_request,
        "may_self_accept": may(request.user, MineAcceptance, "self_accept"),
        "may_accept": may(request.user, MineAcceptance, "acceptance"),
    }
    return render(request, "resumption/acceptance.html", context)


@require_POST
@permission_required(MineAcceptance, "self_accept")
def acceptance_self_sign(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_scoped_or_404(MineAcceptance.objects, request.user, pk=pk)
    try:
        acceptance_services.acceptance_self_sign(actor=request.user, acceptance=record)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Signed: the mine is accepted."))
    return redirect("resumption:acceptance", pk=record.enterprise_id)


@permission_required(MineAcceptance, "acceptance")
def acceptance_sign(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_scoped_or_404(
        MineAcceptance.objects.select_related("enterprise"), request.user, pk=pk
    )
    form = RegulatorSignForm(request.POST or None, actor=request.user)

    def save(government_signatory: str) -> MineAcceptance:
        return acceptance_services.acceptance_regulator_sign(
            actor=request.user, acceptance=record, government_signatory=government_signatory
        )

    def done(saved: MineAcceptance) -> HttpResponse:
        messages.success(request, _("Accepted: the mine may resume."))
        return redirect("resumption:acceptance", pk=saved.enterprise_id)

    return form_page(
        request, form, save=save, done=done, template="resumption/acceptance_sign.html",
        context={"record": record},
    )  # fmt: skip


@permission_required(CalendarDay, "change")
def calendar(request: HttpRequest) -> HttpResponse:
    """List, add and remove the exceptions to the Monday–Friday week (one page, two forms)."""
    form = CalendarDayForm(request.POST if "day" in request.POST else None, actor=request.user)
    if request.method == "POST" and "remove" in request.POST:
        entry = get_scoped_or_404(
            CalendarDay.objects, request.user, "change", pk=request.POST.get("remove")
        )
        acceptance_services.calendar_day_remove(actor=request.user, day=entry)
        messages.success(request, _("Removed %(day)s.") % {"day": entry})
        return redirect("resumption:calendar")
    if request.method == "POST" and form.is_valid():
        acceptance_services.calendar_day_set(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("resumption:calendar")
    days = CalendarDay.objects.restrict(request.user).order_by("-day")[:200]
    return render(request, "resumption/calendar.html", {"form": form, "days": days})
