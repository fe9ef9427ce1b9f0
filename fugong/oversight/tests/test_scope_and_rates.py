"""Who sees which pairings, projects and tickets; closure and on-time rates by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from fugong.oversight.models import KeyProject, Pairing, ProjectPairing, Ticket, TicketState
from fugong.oversight.selectors import department_rates
from fugong.oversight.services import pairing_end
from fugong.oversight.tests.helpers import FRIDAY_4PM, at, fresh, raise_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(world):
    paired = KeyProject.objects.create(name="宁武东站物流园", region=world.regions.ningwu)
    other = KeyProject.objects.create(name="原平光伏", region=world.regions.yuanping)
    ProjectPairing.objects.create(
        leader=world.users.liaison, project=paired, starts_on=dt.date(2020, 1, 1)
    )
    return paired, other


def test_a_leader_sees_only_the_paired_enterprise_and_project(world, projects):
    paired, _other = projects
    leader = fresh(world.users.liaison)
    assert leader.scope.enterprise_ids == {world.independent.pk}
    assert set(KeyProject.objects.restrict(leader)) == {paired}
    assert set(Pairing.objects.restrict(leader).values_list("enterprise", flat=True)) == {
        world.independent.pk
    }


def test_a_county_sees_the_projects_of_its_region_and_the_city_all(world, projects):
    paired, other = projects
    assert set(KeyProject.objects.restrict(world.users.county)) == {paired}
    assert set(KeyProject.objects.restrict(world.users.city)) == {paired, other}


def test_an_ended_pairing_no_longer_gives_the_leader_the_enterprise_or_project(world, projects):
    paired, _other = projects
    ticket = raise_ticket(world.users.liaison, world.independent)
    today = dt.date(2026, 11, 30)
    with time_machine.travel(at(2026, 11, 30, 10), tick=False):
        pairing_end(
            actor=world.users.city,
            pairing=Pairing.objects.get(enterprise=world.independent),
            on=today,
        )
        pairing_end(
            actor=world.users.city, pairing=ProjectPairing.objects.get(project=paired), on=today
        )
        still = fresh(world.users.liaison)
        assert Ticket.objects.restrict(still).filter(pk=ticket.pk).exists()  # the last day
    with time_machine.travel(at(2026, 12, 1, 0, 0), tick=False):
        leader = fresh(world.users.liaison)
        assert leader.scope.enterprise_ids == frozenset()
        assert not KeyProject.objects.restrict(leader).exists()
        assert not Ticket.objects.restrict(leader).exists()


def test_a_pairing_that_starts_tomorrow_gives_nothing_today(world):
    Pairing.objects.create(
        leader=world.users.liaison, enterprise=world.qifeng, starts_on=dt.date(2026, 12, 1)
    )
    with time_machine.travel(at(2026, 11, 30, 23, 59), tick=False):
        assert world.qifeng.pk not in fresh(world.users.liaison).scope.enterprise_ids
    with time_machine.travel(at(2026, 12, 1, 0, 0), tick=False):
        assert world.qifeng.pk in fresh(world.users.liaison).scope.enterprise_ids


def test_a_department_sees_only_the_tickets_routed_to_it(world):
    energy = raise_ticket(world.users.manager, world.qifeng, department="energy")
    health = raise_ticket(world.users.manager, world.qifeng, department="health")
    assert list(Ticket.objects.restrict(world.users.department)) == [energy]
    assert set(Ticket.objects.restrict(world.users.city)) == {energy, health}


def test_an_enterprise_sees_its_own_tickets_and_not_another_enterprises(world):
    own = raise_ticket(world.users.manager, world.qifeng)
    other = raise_ticket(world.users.liaison, world.independent)
    assert list(Ticket.objects.restrict(world.users.manager)) == [own]
    assert list(Ticket.objects.restrict(world.users.liaison)) == [other]
    assert set(Ticket.objects.restrict(world.users.group)) == {own}
    assert not Ticket.objects.restrict(world.users.worker).exists()
    assert not Ticket.objects.restrict(world.users.health).exists()


def test_closure_and_on_time_rates_per_department_are_the_hand_computed_counts(world):
    """GIVEN four energy tickets due Wed 16:00 and one health ticket
    WHEN two energy ones are answered (one on time, one late) and one of those is confirmed
    THEN energy: closure 1/4 = 25.0 %, on time 1/2 = 50.0 %; health: 0/1, no answers."""
    with time_machine.travel(FRIDAY_4PM, tick=False):
        tickets = [raise_ticket(world.users.manager, world.qifeng) for _ in range(4)]
        raise_ticket(world.users.manager, world.qifeng, department="health")
    due = at(2026, 12, 2, 16)
    Ticket.objects.filter(pk=tickets[0].pk).update(state=TicketState.CONFIRMED, answered_at=due)
    Ticket.objects.filter(pk=tickets[1].pk).update(
        state=TicketState.ANSWERED, answered_at=due + dt.timedelta(seconds=1)
    )
    rates = {r.department: r for r in department_rates(actor=world.users.city)}
    energy, health = rates["energy"], rates["health"]
    assert (energy.tickets, energy.confirmed, energy.answered, energy.answered_on_time) == (
        4,
        1,
        2,
        1,
    )
    assert energy.closure_rate == Decimal("25.0")
    assert energy.on_time_rate == Decimal("50.0")
    assert health.closure_rate == Decimal("0.0")
    assert health.on_time_rate is None
    assert [r.department for r in department_rates(actor=world.users.department)] == ["energy"]
