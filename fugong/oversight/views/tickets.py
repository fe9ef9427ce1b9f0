"""Problem tickets, their moves, and the departments' closure and on-time rates."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from fugong.core.permissions import may, permission_required
from fugong.core.scope import get_scoped_or_404
from fugong.oversight import selectors
from fugong.oversight.filters import TicketFilter
from fugong.oversight.forms import TicketForm, TicketMoveForm
from fugong.oversight.models import Escalation, Ticket
from fugong.oversight.tables import TicketTable
from fugong.oversight.tickets import is_overdue, moves_for, ticket_move, ticket_raise
from fugong.oversight.views.common import button_action, form_page_of, list_page_of

# --- tickets ------------------------------------------------------------------------------


@permission_required(Ticket)
def ticket_list(request: HttpRequest) -> HttpResponse:
    escalations = (
        list(selectors.escalations_for(actor=request.user)[:20])
        if may(request.user, Escalation)
        else []
    )
    return list_page_of(
        request, "ticket", Ticket, create_action="raise_ticket",
        rows=selectors.ticket_list(actor=request.user), filterset=TicketFilter,
        table=TicketTable, template="oversight/ticket_list.html",
        title=_("Problem tickets"), create_label=_("Raise a problem"),
        may_see_rates=may(request.user, Ticket, "rates"), escalations=escalations,
    )  # fmt: skip


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
    return form_page_of(
        request, TicketForm, save=ticket_raise, title=_("Raise a problem"),
        back="oversight:ticket_list", initial=("enterprise",),
        done=lambda obj: redirect("oversight:ticket_detail", pk=obj.pk),
    )  # fmt: skip


@require_POST
@permission_required(Ticket)
def ticket_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """One move of the ticket; a refusal (illegal move, missing note) is shown on its page."""
    ticket = get_scoped_or_404(Ticket.objects.all(), request.user, pk=pk)
    form = TicketMoveForm(request.POST, actor=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose an action."))
    else:
        button_action(
            request,
            lambda: ticket_move(actor=request.user, ticket=ticket, **form.cleaned_data),
            _("The ticket was updated."),
        )
    return redirect("oversight:ticket_detail", pk=ticket.pk)


@permission_required(Ticket, "rates")
def rates(request: HttpRequest) -> HttpResponse:
    rows = selectors.department_rates(actor=request.user)
    return render(request, "oversight/rates.html", {"rows": rows})
