"""The ticket state machine: every legal move, the illegal ones refused, every move recorded."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fugong.oversight.models import Ticket, TicketState, TicketTransition
from fugong.oversight.tests.helpers import raise_ticket
from fugong.oversight.tickets import ticket_move

pytestmark = pytest.mark.django_db


def test_a_ticket_goes_from_submitted_to_confirmed_with_every_move_recorded(world):
    users = world.users
    ticket = raise_ticket(users.manager, world.qifeng)
    assert ticket.state == TicketState.SUBMITTED
    for who, move in [(users.department, "accept"), (users.department, "start")]:
        ticket = ticket_move(actor=who, ticket=ticket, move=move)
    ticket = ticket_move(actor=users.department, ticket=ticket, move="answer", note="已调拨")
    assert ticket.state == TicketState.ANSWERED and ticket.answered_at is not None
    ticket = ticket_move(actor=users.manager, ticket=ticket, move="confirm", satisfaction=5)
    assert ticket.state == TicketState.CONFIRMED
    assert ticket.satisfaction == 5
    moves = list(
        TicketTransition.objects.filter(ticket=ticket).values_list(
            "from_state", "to_state", "actor__username"
        )
    )
    assert moves == [
        ("", "submitted", "manager"),
        ("submitted", "accepted", "dept"),
        ("accepted", "in_progress", "dept"),
        ("in_progress", "answered", "dept"),
        ("answered", "confirmed", "manager"),
    ]


def test_a_reopened_ticket_goes_back_to_work_and_keeps_its_first_answer_time(world):
    users = world.users
    ticket = raise_ticket(users.manager, world.qifeng)
    for move in ("accept", "start"):
        ticket = ticket_move(actor=users.department, ticket=ticket, move=move)
    ticket = ticket_move(actor=users.department, ticket=ticket, move="answer", note="已协调")
    first_answer = ticket.answered_at
    ticket = ticket_move(actor=users.manager, ticket=ticket, move="reopen", note="仍未到货")
    assert ticket.state == TicketState.REOPENED
    ticket = ticket_move(actor=users.department, ticket=ticket, move="start")
    assert ticket.state == TicketState.IN_PROGRESS
    ticket = ticket_move(actor=users.department, ticket=ticket, move="answer", note="已到货")
    assert ticket.answered_at == first_answer


@pytest.mark.parametrize(
    ("state", "move"),
    [
        (TicketState.SUBMITTED, "answer"),
        (TicketState.SUBMITTED, "confirm"),
        (TicketState.ACCEPTED, "accept"),
        (TicketState.IN_PROGRESS, "reopen"),
        (TicketState.CONFIRMED, "reopen"),
        (TicketState.CONFIRMED, "start"),
    ],
)
def test_an_illegal_move_is_refused_with_a_message_naming_the_states_and_changes_nothing(
    world, state, move
):
    ticket = raise_ticket(world.users.manager, world.qifeng)
    Ticket.objects.filter(pk=ticket.pk).update(state=state)
    ticket.refresh_from_db()
    who = world.users.department if move in {"accept", "start", "answer"} else world.users.manager
    with pytest.raises(ValidationError) as refused:
        ticket_move(actor=who, ticket=ticket, move=move, note="x", satisfaction=3)
    assert "cannot be moved" in refused.value.message_dict["state"][0]
    ticket.refresh_from_db()
    assert ticket.state == state
    assert TicketTransition.objects.filter(ticket=ticket).count() == 1


def test_an_enterprise_may_not_answer_and_a_department_may_not_confirm(world):
    ticket = raise_ticket(world.users.manager, world.qifeng)
    with pytest.raises(PermissionDenied):
        ticket_move(actor=world.users.manager, ticket=ticket, move="accept")
    Ticket.objects.filter(pk=ticket.pk).update(state=TicketState.ANSWERED)
    with pytest.raises(PermissionDenied):
        ticket_move(actor=world.users.department, ticket=ticket, move="confirm", satisfaction=4)


@pytest.mark.parametrize("satisfaction", [None, 0, 6])
def test_confirming_needs_a_satisfaction_from_1_to_5(world, satisfaction):
    ticket = raise_ticket(world.users.manager, world.qifeng)
    Ticket.objects.filter(pk=ticket.pk).update(state=TicketState.ANSWERED)
    with pytest.raises(ValidationError) as refused:
        ticket_move(
            actor=world.users.manager, ticket=ticket, move="confirm", satisfaction=satisfaction
        )
    assert "satisfaction" in refused.value.message_dict


@pytest.mark.parametrize("satisfaction", [1, 5])
def test_satisfaction_1_and_5_are_accepted(world, satisfaction):
    ticket = raise_ticket(world.users.manager, world.qifeng)
    Ticket.objects.filter(pk=ticket.pk).update(state=TicketState.ANSWERED)
    done = ticket_move(
        actor=world.users.manager, ticket=ticket, move="confirm", satisfaction=satisfaction
    )
    assert done.satisfaction == satisfaction


def test_an_answer_and_a_reopening_need_their_text(world):
    ticket = raise_ticket(world.users.manager, world.qifeng)
    Ticket.objects.filter(pk=ticket.pk).update(state=TicketState.IN_PROGRESS)
    with pytest.raises(ValidationError) as refused:
        ticket_move(actor=world.users.department, ticket=ticket, move="answer", note=" ")
    assert "note" in refused.value.message_dict


def test_a_department_cannot_move_a_ticket_routed_to_another_department(world):
    ticket = raise_ticket(world.users.manager, world.qifeng, department="health")
    with pytest.raises(PermissionDenied):
        ticket_move(actor=world.users.department, ticket=ticket, move="accept")


def test_raising_for_an_enterprise_outside_the_scope_is_refused_on_the_enterprise_field(world):
    with pytest.raises(ValidationError) as refused:
        raise_ticket(world.users.manager, world.independent)
    assert "enterprise" in refused.value.message_dict
    assert not Ticket.objects.exists()
