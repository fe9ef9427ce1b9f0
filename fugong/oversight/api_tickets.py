"""Problem tickets and their moves, the departments' rates, and measures (一企一策) under
/api/oversight: the same scope and services as the pages."""

# No `from __future__ import annotations`: django-ninja reads the handlers' annotations.

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from fugong.accounts.models import Department
from fugong.core.api import Pagination, QueryFilters, actor, permitted, service_errors_in_body
from fugong.core.api_errors import require_json_object
from fugong.core.scope import get_scoped_or_404
from fugong.oversight import selectors, services
from fugong.oversight.api_common import create_for_enterprise, filter_rows
from fugong.oversight.filters import MeasureFilter, TicketFilter
from fugong.oversight.models import (
    Measure,
    MeasureState,
    SlaClass,
    Ticket,
    TicketCategory,
    TicketState,
)
from fugong.oversight.tickets import MOVES, is_overdue, ticket_move, ticket_raise

router = Router(tags=["oversight"])


# --- tickets --------------------------------------------------------------------------------


class TransitionOut(Schema):
    from_state: str
    to_state: str
    actor_id: int
    at: dt.datetime
    note: str


class TicketOut(Schema):
    id: int
    enterprise_id: int
    visit_id: int | None
    raised_by_id: int
    category: TicketCategory
    sla_class: SlaClass
    description: str
    enterprise_cannot_solve: bool
    department: str
    state: TicketState
    submitted_at: dt.datetime
    due_at: dt.datetime
    overdue: bool
    answered_at: dt.datetime | None
    answer: str
    satisfaction: int | None

    @staticmethod
    def resolve_overdue(obj: Ticket) -> bool:
        return is_overdue(obj)


class TicketDetailOut(TicketOut):
    transitions: list[TransitionOut]
    escalated_to: list[str]

    @staticmethod
    def resolve_transitions(obj: Ticket) -> list[Any]:
        return list(obj.transitions.all())

    @staticmethod
    def resolve_escalated_to(obj: Ticket) -> list[str]:
        return [e.level for e in obj.escalations.all()]


class TicketQuery(QueryFilters):
    filterset = TicketFilter
    enterprise: int | None = None
    state: TicketState | None = None
    category: TicketCategory | None = None
    department: Department | None = None


class TicketIn(Schema):
    enterprise: int
    category: TicketCategory
    sla_class: SlaClass
    department: Department
    description: str = Field(min_length=1, max_length=4000)
    enterprise_cannot_solve: bool = False


class MoveIn(Schema):
    move: str = Field(description=f"One of: {', '.join(MOVES)}")
    note: str = Field("", max_length=4000)
    satisfaction: int | None = Field(None, ge=1, le=5)


@router.get("/tickets", response=list[TicketOut], auth=permitted(Ticket), summary="Tickets")
@paginate(Pagination)
def list_tickets(request: HttpRequest, filters: Query[TicketQuery]) -> QuerySet:
    return filter_rows(request, selectors.ticket_list(actor=actor(request)), TicketFilter)


@router.get(
    "/tickets/{ticket_id}", response=TicketDetailOut, auth=permitted(Ticket), summary="A ticket"
)
def get_ticket(request: HttpRequest, ticket_id: int) -> Ticket:
    return get_scoped_or_404(Ticket.objects.all(), actor(request), pk=ticket_id)


@router.post(
    "/tickets",
    response={201: TicketDetailOut},
    auth=permitted(Ticket, "raise_ticket"),
    summary="Raise a problem (enterprise, group or leader)",
)
def create_ticket(request: HttpRequest, payload: TicketIn) -> Status:
    return create_for_enterprise(request, payload, ticket_raise)


@router.post(
    "/tickets/{ticket_id}/transitions",
    response=TicketDetailOut,
    auth=permitted(Ticket),
    summary="Move a ticket (accept, start, answer, confirm, reopen)",
    description="An illegal move is a 422 on body.state; a move outside the role's work 403.",
)
def move_ticket(request: HttpRequest, ticket_id: int, payload: MoveIn) -> Ticket:
    who = actor(request)
    require_json_object(request)
    ticket = get_scoped_or_404(Ticket.objects.all(), who, pk=ticket_id)
    with service_errors_in_body():
        return ticket_move(actor=who, ticket=ticket, **payload.model_dump())


class RateOut(Schema):
    department: str
    label: str
    tickets: int
    confirmed: int
    closure_rate: Decimal | None = Field(description="Confirmed ÷ tickets, in %")
    answered: int
    answered_on_time: int
    on_time_rate: Decimal | None = Field(description="Answered on time ÷ answered, in %")


@router.get(
    "/rates",
    response=list[RateOut],
    auth=permitted(Ticket, "rates"),
    summary="Closure and on-time rates per department",
)
def rates(request: HttpRequest) -> list[Any]:
    return selectors.department_rates(actor=actor(request))


# --- measures -------------------------------------------------------------------------------


class MeasureOut(Schema):
    id: int
    enterprise_id: int
    title: str
    owner: str
    deadline: dt.date
    state: MeasureState
    overdue: bool
    note: str

    @staticmethod
    def resolve_overdue(obj: Measure) -> bool:
        return obj.is_overdue


class MeasureQuery(QueryFilters):
    filterset = MeasureFilter
    enterprise: int | None = None
    state: MeasureState | None = None


class MeasureIn(Schema):
    enterprise: int
    title: str = Field(min_length=1, max_length=200)
    owner: str = Field(min_length=1, max_length=100)
    deadline: dt.date
    state: MeasureState = MeasureState.OPEN
    note: str = Field("", max_length=4000)


class MeasurePatch(Schema):
    title: str = Field(None, min_length=1, max_length=200)  # type: ignore[assignment]
    owner: str = Field(None, min_length=1, max_length=100)  # type: ignore[assignment]
    deadline: dt.date = Field(None)  # type: ignore[assignment]
    state: MeasureState = Field(None)  # type: ignore[assignment]
    note: str = Field(None, max_length=4000)  # type: ignore[assignment]


@router.get(
    "/measures", response=list[MeasureOut], auth=permitted(Measure), summary="Measures (一企一策)"
)
@paginate(Pagination)
def list_measures(request: HttpRequest, filters: Query[MeasureQuery]) -> QuerySet:
    return filter_rows(request, selectors.measure_list(actor=actor(request)), MeasureFilter)


@router.post(
    "/measures",
    response={201: MeasureOut},
    auth=permitted(Measure, "change"),
    summary="Add a measure",
)
def create_measure(request: HttpRequest, payload: MeasureIn) -> Status:
    return create_for_enterprise(request, payload, services.measure_create)


@router.patch(
    "/measures/{measure_id}",
    response=MeasureOut,
    auth=permitted(Measure, "change"),
    summary="Change a measure (e.g. mark it done)",
)
def update_measure(request: HttpRequest, measure_id: int, payload: MeasurePatch) -> Measure:
    who = actor(request)
    require_json_object(request)
    measure = get_scoped_or_404(Measure.objects.all(), who, "change", pk=measure_id)
    with service_errors_in_body():
        return services.measure_update(
            actor=who, measure=measure, **payload.model_dump(exclude_unset=True)
        )
