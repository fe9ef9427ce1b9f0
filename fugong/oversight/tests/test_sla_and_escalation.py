"""The SLA clock (24 h, 3 and 5 working days across a weekend) and escalation once per level."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from fugong.oversight.models import Escalation, EscalationLevel, Pairing, SlaClass
from fugong.oversight.tests.helpers import FRIDAY_4PM, at, raise_ticket
from fugong.oversight.tickets import is_overdue, ticket_due_at, tickets_escalate_overdue

pytestmark = pytest.mark.django_db
SECOND = dt.timedelta(seconds=1)


def test_a_policy_ticket_is_due_24_hours_later_even_over_a_weekend():
    due = ticket_due_at(sla_class=SlaClass.POLICY, submitted_at=FRIDAY_4PM)
    assert due == at(2026, 11, 28, 16)


def test_a_complex_ticket_of_friday_afternoon_is_due_on_wednesday_afternoon():
    due = ticket_due_at(sla_class=SlaClass.COMPLEX, submitted_at=FRIDAY_4PM)
    assert due == at(2026, 12, 2, 16)


def test_a_major_ticket_of_friday_afternoon_is_due_the_next_friday_afternoon():
    due = ticket_due_at(sla_class=SlaClass.MAJOR, submitted_at=FRIDAY_4PM)
    assert due == at(2026, 12, 4, 16)


@pytest.mark.parametrize(
    ("sla_class", "due"),
    [
        (SlaClass.POLICY, at(2026, 11, 28, 16)),
        (SlaClass.COMPLEX, at(2026, 12, 2, 16)),
        (SlaClass.MAJOR, at(2026, 12, 4, 16)),
    ],
)
def test_a_ticket_is_overdue_just_after_its_due_time_not_at_it(world, sla_class, due):
    with time_machine.travel(FRIDAY_4PM, tick=False):
        ticket = raise_ticket(world.users.manager, world.qifeng, sla_class=sla_class)
    assert ticket.due_at == due
    assert not is_overdue(ticket, due - SECOND)
    assert not is_overdue(ticket, due)
    assert is_overdue(ticket, due + SECOND)


def test_an_overdue_ticket_escalates_once_to_each_paired_leader_and_once_to_the_city(world):
    with time_machine.travel(FRIDAY_4PM, tick=False):
        ticket = raise_ticket(world.users.liaison, world.independent, sla_class=SlaClass.POLICY)
    due = at(2026, 11, 28, 16)
    assert tickets_escalate_overdue(now=due).overdue == 0
    summary = tickets_escalate_overdue(now=due + SECOND)
    assert (summary.overdue, summary.to_leaders, summary.to_city) == (1, 1, 1)
    again = tickets_escalate_overdue(now=due + dt.timedelta(hours=3))
    assert (again.to_leaders, again.to_city) == (0, 0)
    rows = Escalation.objects.filter(ticket=ticket)
    assert sorted(rows.values_list("level", "leader__username")) == [
        (EscalationLevel.CITY, None),
        (EscalationLevel.LEADER, "leader"),
    ]


def test_a_second_leader_paired_later_gets_their_own_escalation(world):
    from fugong.accounts.tests.factories import UserFactory

    with time_machine.travel(FRIDAY_4PM, tick=False):
        ticket = raise_ticket(world.users.liaison, world.independent, sla_class=SlaClass.POLICY)
    tickets_escalate_overdue(now=at(2026, 11, 29))
    second = UserFactory(username="leader2", role="liaison_leader")
    Pairing.objects.create(
        leader=second,  # type: ignore[misc]  # a factory call returns the model
        enterprise=world.independent,
        starts_on=dt.date(2020, 1, 1),
    )
    summary = tickets_escalate_overdue(now=at(2026, 11, 29, 1))
    assert (summary.to_leaders, summary.to_city) == (1, 0)
    assert Escalation.objects.filter(ticket=ticket).count() == 3


def test_an_answered_ticket_does_not_escalate(world):
    from fugong.oversight.models import Ticket, TicketState

    with time_machine.travel(FRIDAY_4PM, tick=False):
        ticket = raise_ticket(world.users.liaison, world.independent, sla_class=SlaClass.POLICY)
    Ticket.objects.filter(pk=ticket.pk).update(state=TicketState.ANSWERED)
    assert tickets_escalate_overdue(now=at(2026, 12, 10)).overdue == 0
    assert not Escalation.objects.exists()


def test_the_periodic_task_escalates(world):
    from fugong.oversight.tasks import tickets_escalate

    with time_machine.travel(FRIDAY_4PM, tick=False):
        raise_ticket(world.users.manager, world.qifeng, sla_class=SlaClass.POLICY)
    with time_machine.travel(at(2026, 11, 28, 16, 0, 1), tick=False):
        result = tickets_escalate.call_local()
    assert result == {"overdue": 1, "to_leaders": 0, "to_city": 1}
