"""Problem tickets: raising, the state machine, the SLA clock and escalation (DESIGN §3.5).

The SLA clock starts when a ticket is submitted: 24 hours where a policy already applies, 3
working days for a complex problem, 5 for a major one (working days from ``org.workdays``, so a
ticket of Friday afternoon is not due over the weekend). The first answer stops the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.core.permissions import may, require
from fugong.org.models import Enterprise
from fugong.org.workdays import WorkCalendar
from fugong.oversight.models import (
    OPEN_STATES,
    Escalation,
    EscalationLevel,
    Pairing,
    SlaClass,
    Ticket,
    TicketState,
    TicketTransition,
    Visit,
)

POLICY_HOURS = 24
WORKING_DAYS = {SlaClass.COMPLEX: 3, SlaClass.MAJOR: 5}


def ticket_due_at(
    *, sla_class: str, submitted_at: dt.datetime, calendar: WorkCalendar | None = None
) -> dt.datetime:
    """When the department's answer is due."""
    if sla_class == SlaClass.POLICY:
        return submitted_at + dt.timedelta(hours=POLICY_HOURS)
    calendar = calendar or WorkCalendar()
    return calendar.add_working_days(submitted_at, WORKING_DAYS[SlaClass(sla_class)])


@dataclass(frozen=True)
class Move:
    """One allowed move: from which states, to which, and which permission it needs."""

    sources: frozenset[str]
    target: str
    action: str
    label: Any


MOVES: dict[str, Move] = {
    "accept": Move(frozenset({TicketState.SUBMITTED}), TicketState.ACCEPTED, "handle", _("Accept")),
    "start": Move(
        frozenset({TicketState.ACCEPTED, TicketState.REOPENED}),
        TicketState.IN_PROGRESS,
        "handle",
        _("Start work"),
    ),
    "answer": Move(
        frozenset({TicketState.IN_PROGRESS}), TicketState.ANSWERED, "handle", _("Answer")
    ),
    "confirm": Move(
        frozenset({TicketState.ANSWERED}), TicketState.CONFIRMED, "confirm", _("Confirm")
    ),
    "reopen": Move(frozenset({TicketState.ANSWERED}), TicketState.REOPENED, "confirm", _("Reopen")),
}


def moves_for(actor: Any, ticket: Ticket) -> list[tuple[str, Any]]:
    """The moves the actor may make on the ticket now (for the buttons of its page)."""
    return [
        (name, move.label)
        for name, move in MOVES.items()
        if ticket.state in move.sources and may(actor, Ticket, move.action)
    ]


def _record(ticket: Ticket, *, actor: Any, from_state: str, note: str, at: dt.datetime) -> None:
    TicketTransition.objects.create(
        ticket=ticket, from_state=from_state, to_state=ticket.state, actor=actor, at=at, note=note
    )


@transaction.atomic
def ticket_raise(
    *,
    actor: Any,
    enterprise: Enterprise,
    category: str,
    sla_class: str,
    description: str,
    department: str,
    enterprise_cannot_solve: bool = False,
    visit: Visit | None = None,
) -> Ticket:
    """Raise a problem of an enterprise in the actor's scope; its clock starts now."""
    require(actor, Ticket, "raise_ticket")
    if not Enterprise.objects.restrict(actor).filter(pk=enterprise.pk).exists():
        raise ValidationError({"enterprise": _("Choose an enterprise in your scope.")})
    now = timezone.now()
    ticket = Ticket(
        enterprise=enterprise,
        visit=visit,
        raised_by=actor,
        category=category,
        sla_class=sla_class,
        description=(description or "").strip(),
        enterprise_cannot_solve=enterprise_cannot_solve,
        department=department,
        state=TicketState.SUBMITTED,
        submitted_at=now,
        due_at=now,  # replaced below, once sla_class is known to be valid
    )
    ticket.full_clean(exclude=["raised_by", "due_at"])
    ticket.due_at = ticket_due_at(sla_class=sla_class, submitted_at=now)
    ticket.save()
    _record(ticket, actor=actor, from_state="", note="", at=now)
    return ticket


@transaction.atomic
def ticket_move(
    *,
    actor: Any,
    ticket: Ticket,
    move: str,
    note: str = "",
    satisfaction: int | None = None,
) -> Ticket:
    """Move a ticket one step; an illegal move is refused with a message naming both states.

    ``answer`` needs the answer (``note``), ``confirm`` a satisfaction of 1–5, ``reopen`` the
    reason (``note``). The ticket is re-read locked through the actor's scope.
    """
    if move not in MOVES:
        raise ValidationError({"move": _("Unknown action.")})
    step = MOVES[move]
    require(actor, Ticket, step.action)
    locked = (
        Ticket.objects.restrict(actor).select_for_update(of=("self",)).filter(pk=ticket.pk).first()
    )
    if locked is None:
        raise PermissionDenied
    if locked.state not in step.sources:
        raise ValidationError(
            {
                "state": _("A ticket that is “%(state)s” cannot be moved to “%(target)s”.")
                % {
                    "state": locked.get_state_display(),
                    "target": TicketState(step.target).label,
                }
            }
        )
    note = (note or "").strip()
    now = timezone.now()
    if move == "answer":
        if not note:
            raise ValidationError({"note": _("Write the answer.")})
        locked.answer = note
        locked.answered_at = locked.answered_at or now
    if move == "reopen" and not note:
        raise ValidationError({"note": _("Say why the answer does not solve the problem.")})
    if move == "confirm":
        if satisfaction is None or not 1 <= int(satisfaction) <= 5:
            raise ValidationError({"satisfaction": _("Rate the answer from 1 to 5.")})
        locked.satisfaction = int(satisfaction)
        locked.confirmed_at = now
    from_state = locked.state
    locked.state = step.target
    locked.save()
    _record(locked, actor=actor, from_state=from_state, note=note, at=now)
    return locked


@dataclass(frozen=True)
class EscalationSummary:
    overdue: int
    to_leaders: int
    to_city: int


@transaction.atomic
def tickets_escalate_overdue(*, now: dt.datetime | None = None) -> EscalationSummary:
    """Escalate every open ticket past its due time to its paired leaders and the city command.

    A system task (no actor): each level is escalated once per ticket (per leader), whatever
    how often this runs; the unique constraints back that up.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    overdue = list(
        Ticket.objects.filter(state__in=OPEN_STATES, due_at__lt=now).values_list(
            "pk", "enterprise_id"
        )
    )
    ids = [pk for pk, _enterprise in overdue]
    done = set(
        Escalation.objects.filter(ticket_id__in=ids).values_list("ticket_id", "level", "leader_id")
    )
    leaders: dict[int, list[int]] = {}
    pairings = Pairing.objects.filter(
        enterprise_id__in={e for _pk, e in overdue}, starts_on__lte=today
    ).exclude(ends_on__lt=today)
    for enterprise_id, leader_id in pairings.values_list("enterprise_id", "leader_id"):
        leaders.setdefault(enterprise_id, []).append(leader_id)
    new: list[Escalation] = []
    for pk, enterprise_id in overdue:
        for leader_id in leaders.get(enterprise_id, []):
            if (pk, EscalationLevel.LEADER, leader_id) not in done:
                new.append(
                    Escalation(
                        ticket_id=pk,
                        level=EscalationLevel.LEADER,
                        leader_id=leader_id,
                        escalated_at=now,
                    )
                )
        if (pk, EscalationLevel.CITY, None) not in done:
            new.append(Escalation(ticket_id=pk, level=EscalationLevel.CITY, escalated_at=now))
    Escalation.objects.bulk_create(new)
    return EscalationSummary(
        overdue=len(overdue),
        to_leaders=sum(e.level == EscalationLevel.LEADER for e in new),
        to_city=sum(e.level == EscalationLevel.CITY for e in new),
    )


def is_overdue(ticket: Ticket, now: dt.datetime | None = None) -> bool:
    """Open and past its due time (at the due instant itself it is not yet overdue)."""
    return ticket.state in OPEN_STATES and (now or timezone.now()) > ticket.due_at
