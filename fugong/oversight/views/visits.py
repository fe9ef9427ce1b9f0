"""Visits to enterprises (each problem raised becomes a ticket) and their measures (一企一策)."""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from fugong.core.permissions import permission_required
from fugong.core.scope import get_scoped_or_404
from fugong.oversight import selectors, services
from fugong.oversight.filters import MeasureFilter, VisitFilter
from fugong.oversight.forms import MeasureForm, VisitForm
from fugong.oversight.models import Measure, Visit
from fugong.oversight.tables import EditableMeasureTable, MeasureTable, VisitTable
from fugong.oversight.views.common import form_page_of, list_page_of

# --- visits -------------------------------------------------------------------------------


@permission_required(Visit)
def visit_list(request: HttpRequest) -> HttpResponse:
    return list_page_of(
        request, "visit", Visit, rows=selectors.visit_list(actor=request.user),
        filterset=VisitFilter, table=VisitTable,
        title=_("Visits"), create_label=_("Record a visit"),
    )  # fmt: skip


@permission_required(Visit)
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_scoped_or_404(selectors.visit_list(actor=request.user), request.user, pk=pk)
    tickets = selectors.ticket_list(actor=request.user).filter(visit=visit)
    return render(request, "oversight/visit_detail.html", {"visit": visit, "tickets": tickets})


@permission_required(Visit, "change")
def visit_create(request: HttpRequest) -> HttpResponse:
    return form_page_of(
        request, VisitForm, save=services.visit_record, title=_("Record a visit"),
        back="oversight:visit_list", initial=("enterprise",),
        done=lambda obj: redirect("oversight:visit_detail", pk=obj.pk),
    )  # fmt: skip


# --- measures (一企一策) ------------------------------------------------------------------


@permission_required(Measure)
def measure_list(request: HttpRequest) -> HttpResponse:
    return list_page_of(
        request, "measure", Measure, rows=selectors.measure_list(actor=request.user),
        filterset=MeasureFilter, table=MeasureTable, writer_table=EditableMeasureTable,
        title=_("One enterprise, one policy"), create_label=_("New measure"),
    )  # fmt: skip


@permission_required(Measure, "change")
def measure_create(request: HttpRequest) -> HttpResponse:
    return form_page_of(
        request, MeasureForm, save=services.measure_create, title=_("New measure"),
        back="oversight:measure_list", initial=("enterprise",),
    )  # fmt: skip


@permission_required(Measure, "change")
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_scoped_or_404(Measure.objects.all(), request.user, "change", pk=pk)
    return form_page_of(
        request, MeasureForm, save=partial(services.measure_update, measure=measure),
        title=_("Edit %(name)s") % {"name": measure}, back="oversight:measure_list",
        instance=measure,
    )  # fmt: skip
