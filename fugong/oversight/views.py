"""Pages of government oversight: pairings, key projects, visits, tickets, measures, rates.

Thin views: the scope reads through the selectors, the writes through the services, single
objects through ``get_scoped_or_404`` (out of scope answers 404 like a missing id).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from fugong.core.forms import form_page
from fugong.core.lists import list_page
from fugong.core.permissions import may, permission_required
from fugong.core.scope import get_scoped_or_404
from fugong.dailyreport.selectors import metrics_per_enterprise
from fugong.oversight import selectors, services
from fugong.oversight.filters import (
    KeyProjectFilter,
    MeasureFilter,
    PairingFilter,
    TicketFilter,
    VisitFilter,
)
from fugong.oversight.forms import (
    KeyProjectForm,
    MeasureForm,
    PairingForm,
    ProjectPairingForm,
    TicketForm,
    TicketMoveForm,
    VisitForm,
)
from fugong.oversight.models import (
    Escalation,
    KeyProject,
    Measure,
    Pairing,
    ProjectPairing,
    Ticket,
    Visit,
)
from fugong.oversight.tables import (
    EditableMeasureTable,
    EndablePairingTable,
    KeyProjectTable,
    MeasureTable,
    PairingTable,
    TicketTable,
    VisitTable,
)
from fugong.oversight.tickets import is_overdue, moves_for, ticket_move, ticket_raise


def _initial(request: HttpRequest, *names: str) -> dict[str, str]:
    """Links from a leader's page open a form with the enterprise (or project) chosen."""
    return {n: request.GET[n] for n in names if request.GET.get(n, "").isdigit()}


def _form(
    request: HttpRequest,
    form: BaseForm,
    save: Callable[..., Any],
    done: Callable[[Any], HttpResponse],
    title: Any,
    cancel: str,
) -> HttpResponse:
    def saved(obj: Any) -> HttpResponse:
        messages.success(request, _("Saved %(name)s.") % {"name": obj})
        return done(obj)

    return form_page(
        request,
        form,
        save=save,
        done=saved,
        template="oversight/form.html",
        context={"title": title, "cancel_url": cancel},
    )


# --- the leader's page --------------------------------------------------------------------


@permission_required(Pairing, "home")
def my_page(request: HttpRequest) -> HttpResponse:
    context = selectors.leader_home(leader=request.user)
    # The last 7 reported days: a day's report (for D-1) is due by noon on D.
    end = timezone.localdate() - dt.timedelta(days=1)
    start = end - dt.timedelta(days=6)
    metrics = metrics_per_enterprise(
        actor=request.user,
        enterprise_ids=[row["enterprise"].pk for row in context["enterprise_rows"]],
        start=start,
        end=end,
    )
    for row in context["enterprise_rows"]:
        row["metrics"] = metrics.get(row["enterprise"].pk)
    context.update(metrics_start=start, metrics_end=end)
    return render(request, "oversight/my.html", context)


# --- pairings and key projects ------------------------------------------------------------


@permission_required(Pairing)
def pairing_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        rows=selectors.pairing_list(actor=request.user),
        filterset=PairingFilter,
        table=EndablePairingTable if may(request.user, Pairing, "change") else PairingTable,
        template="oversight/pairing_list.html",
        may_create=may(request.user, Pairing, "change"),
    )


@permission_required(Pairing, "change")
def pairing_create(request: HttpRequest) -> HttpResponse:
    form = PairingForm(
        request.POST or None, initial=_initial(request, "enterprise"), actor=request.user
    )
    return _form(
        request,
        form,
        lambda **data: services.pairing_create(actor=request.user, **data),
        lambda _obj: redirect("oversight:pairing_list"),
        _("New pairing"),
        reverse("oversight:pairing_list"),
    )


def _end(request: HttpRequest, model: type[models.Model], pk: int, back: str) -> HttpResponse:
    pairing = get_scoped_or_404(model._default_manager.all(), request.user, "change", pk=pk)
    try:
        services.pairing_end(actor=request.user, pairing=pairing)  # type: ignore[arg-type]
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The pairing ends today."))
    return redirect(back)


@require_POST
@permission_required(Pairing, "change")
def pairing_end(request: HttpRequest, pk: int) -> HttpResponse:
    return _end(request, Pairing, pk, reverse("oversight:pairing_list"))


@permission_required(KeyProject)
def project_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        rows=selectors.project_list(actor=request.user),
        filterset=KeyProjectFilter,
        table=KeyProjectTable,
        template="oversight/project_list.html",
        may_create=may(request.user, KeyProject, "change"),
    )


@permission_required(KeyProject)
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_scoped_or_404(selectors.project_list(actor=request.user), request.user, pk=pk)
    pairings = selectors.project_pairing_list(actor=request.user).filter(project=project)
    context = {
        "project": project,
        "pairings": pairings,
        "may_pair": may(request.user, ProjectPairing, "change"),
    }
    return render(request, "oversight/project_detail.html", context)


@permission_required(KeyProject, "change")
def project_create(request: HttpRequest) -> HttpResponse:
    form = KeyProjectForm(request.POST or None, actor=request.user)
    return _form(
        request,
        form,
        lambda **data: services.project_create(actor=request.user, **data),
        lambda obj: redirect("oversight:project_detail", pk=obj.pk),
        _("New key project"),
        reverse("oversight:project_list"),
    )


@permission_required(ProjectPairing, "change")
def project_pairing_create(request: HttpRequest) -> HttpResponse:
    form = ProjectPairingForm(
        request.POST or None, initial=_initial(request, "project"), actor=request.user
    )
    return _form(
        request,
        form,
        lambda **data: services.project_pairing_create(actor=request.user, **data),
        lambda obj: redirect("oversight:project_detail", pk=obj.project_id),
        _("Pair a leader with a key project"),
        reverse("oversight:project_list"),
    )


@require_POST
@permission_required(ProjectPairing, "change")
def project_pairing_end(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = get_scoped_or_404(ProjectPairing.objects.all(), request.user, "change", pk=pk)
    return _end(
        request,
        ProjectPairing,
        pk,
        reverse("oversight:project_detail", args=[pairing.project_id]),
    )


# --- visits -------------------------------------------------------------------------------


@permission_required(Visit)
def visit_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        rows=selectors.visit_list(actor=request.user),
        filterset=VisitFilter,
        table=VisitTable,
        template="oversight/visit_list.html",
        may_create=may(request.user, Visit, "change"),
    )


@permission_required(Visit)
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_scoped_or_404(selectors.visit_list(actor=request.user), request.user, pk=pk)
    tickets = selectors.ticket_list(actor=request.user).filter(visit=visit)
    return render(request, "oversight/visit_detail.html", {"visit": visit, "tickets": tickets})


@permission_required(Visit, "change")
def visit_create(request: HttpRequest) -> HttpResponse:
    form = VisitForm(
        request.POST or None, initial=_initial(request, "enterprise"), actor=request.user
    )
    return _form(
        request,
        form,
        lambda **data: services.visit_record(actor=request.user, **data),
        lambda obj: redirect("oversight:visit_detail", pk=obj.pk),
        _("Record a visit"),
        reverse("oversight:visit_list"),
    )


# --- tickets ------------------------------------------------------------------------------


@permission_required(Ticket)
def ticket_list(request: HttpRequest) -> HttpResponse:
    escalations = (
        list(selectors.escalations_for(actor=request.user)[:20])
        if may(request.user, Escalation)
        else []
    )
    return list_page(
        request,
        rows=selectors.ticket_list(actor=request.user),
        filterset=TicketFilter,
        table=TicketTable,
        template="oversight/ticket_list.html",
        may_create=may(request.user, Ticket, "raise_ticket"),
        may_see_rates=may(request.user, Ticket, "rates"),
        escalations=escalations,
    )


@permission_required(Ticket)
def ticket_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = get_scoped_or_404(selectors.ticket_list(actor=request.user), request.user, pk=pk)
    context = {
        "ticket": ticket,
        "overdue": is_overdue(ticket),
        "moves": moves_for(request.user, ticket),
        "transitions": ticket.transitions.select_related("actor"),
        "escalations": ticket.escalations.select_related("leader"),
        "move_form": TicketMoveForm(actor=request.user),
    }
    return render(request, "oversight/ticket_detail.html", context)


@permission_required(Ticket, "raise_ticket")
def ticket_create(request: HttpRequest) -> HttpResponse:
    form = TicketForm(
        request.POST or None, initial=_initial(request, "enterprise"), actor=request.user
    )
    return _form(
        request,
        form,
        lambda **data: ticket_raise(actor=request.user, **data),
        lambda obj: redirect("oversight:ticket_detail", pk=obj.pk),
        _("Raise a problem"),
        reverse("oversight:ticket_list"),
    )


@require_POST
@permission_required(Ticket)
def ticket_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """One move of the ticket; a refusal (illegal move, missing note) is shown on its page."""
    ticket = get_scoped_or_404(Ticket.objects.all(), request.user, pk=pk)
    form = TicketMoveForm(request.POST, actor=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose an action."))
        return redirect("oversight:ticket_detail", pk=ticket.pk)
    try:
        ticket_move(actor=request.user, ticket=ticket, **form.cleaned_data)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The ticket was updated."))
    return redirect("oversight:ticket_detail", pk=ticket.pk)


@permission_required(Ticket, "rates")
def rates(request: HttpRequest) -> HttpResponse:
    rows = selectors.department_rates(actor=request.user)
    return render(request, "oversight/rates.html", {"rows": rows})


# --- measures (一企一策) ------------------------------------------------------------------


@permission_required(Measure)
def measure_list(request: HttpRequest) -> HttpResponse:
    editable = may(request.user, Measure, "change")
    return list_page(
        request,
        rows=selectors.measure_list(actor=request.user),
        filterset=MeasureFilter,
        table=EditableMeasureTable if editable else MeasureTable,
        template="oversight/measure_list.html",
        may_create=editable,
    )


@permission_required(Measure, "change")
def measure_create(request: HttpRequest) -> HttpResponse:
    form = MeasureForm(
        request.POST or None, initial=_initial(request, "enterprise"), actor=request.user
    )
    return _form(
        request,
        form,
        lambda **data: services.measure_create(actor=request.user, **data),
        lambda _obj: redirect("oversight:measure_list"),
        _("New measure"),
        reverse("oversight:measure_list"),
    )


@permission_required(Measure, "change")
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_scoped_or_404(Measure.objects.all(), request.user, "change", pk=pk)
    form = MeasureForm(request.POST or None, instance=measure, actor=request.user)
    return _form(
        request,
        form,
        lambda **data: services.measure_update(actor=request.user, measure=measure, **data),
        lambda _obj: redirect("oversight:measure_list"),
        _("Edit %(name)s") % {"name": measure},
        reverse("oversight:measure_list"),
    )
