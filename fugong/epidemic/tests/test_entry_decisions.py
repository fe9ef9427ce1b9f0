"""The batch entry decision (a device's batch) answers exactly as the one-person decision."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from fugong.epidemic.models import (
    Colour,
    HealthStatus,
    HealthStatusChange,
    Observation,
    ObservationKind,
    ObservationReason,
)
from fugong.epidemic.selectors.screening import entry_decisions
from fugong.epidemic.selectors.status import entry_decision
from fugong.epidemic.services.health import status_override
from fugong.epidemic.services.observation import observation_open

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 3, 2, 8, 0, tzinfo=BEIJING)


def test_batch_and_single_decisions_agree_for_red_prohibited_and_plain_people(world, time_machine):
    time_machine.move_to(NOW, tick=False)
    observation_open(
        person=world.miner,
        kind=ObservationKind.ISOLATION,
        reason=ObservationReason.CASE,
        started_at=NOW - dt.timedelta(hours=2),
        last_exposure_at=NOW - dt.timedelta(hours=2),
        days=14,
    )
    Observation.objects.create(
        person=world.colleague,
        kind=ObservationKind.HEALTH_MONITORING,
        reason=ObservationReason.MEDIUM_RISK_TRAVEL,
        started_at=NOW - dt.timedelta(days=1),
        planned_end=NOW + dt.timedelta(days=3),
        prohibition_from=NOW - dt.timedelta(days=1),
        prohibition_until=NOW + dt.timedelta(days=1),
    )
    people = [world.miner, world.colleague, world.yuanping_miner]
    batch = entry_decisions(person_ids=[p.pk for p in people], at=NOW)
    for person in people:
        assert batch[person.pk] == entry_decision(person=person, at=NOW), person.name
    assert batch[world.miner.pk].colour == Colour.RED
    assert batch[world.colleague.pk].deny_reason == "prohibition"


def test_an_unchanged_colour_is_not_written_again(world, time_machine):
    time_machine.move_to(NOW, tick=False)
    entry_decisions(person_ids=[world.miner.pk], at=NOW)
    computed = HealthStatus.objects.get(person=world.miner).computed_at
    changes = HealthStatusChange.objects.filter(person=world.miner).count()
    later = NOW + dt.timedelta(minutes=5)
    entry_decisions(person_ids=[world.miner.pk], at=later)
    assert HealthStatus.objects.get(person=world.miner).computed_at == computed
    assert HealthStatusChange.objects.filter(person=world.miner).count() == changes


def test_a_manual_override_wins_in_the_batch_too(world, time_machine):
    time_machine.move_to(NOW, tick=False)
    entry_decisions(person_ids=[world.miner.pk], at=NOW)
    status_override(
        actor=world.users.health,
        person=world.miner,
        colour=Colour.RED,
        reason="test",
        until=NOW + dt.timedelta(days=1),
        at=NOW,
    )
    decision = entry_decisions(person_ids=[world.miner.pk], at=NOW)[world.miner.pk]
    assert (decision.allowed, decision.colour) == (False, Colour.RED)
