"""A stored colour is trusted while it is valid (HealthStatus.valid_until), never longer.

The gate reads the stored colour instead of recomputing every condition of a thousand people a
batch (DESIGN §5 P1). That is only safe if the colour ends exactly when something it was made
of ends (a condition's expiry, the end of the local day) or changes (every service that writes
an input empties ``valid_until``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from fugong.epidemic.models import (
    CaseClassification,
    Colour,
    HealthStatus,
    HealthStatusChange,
    Observation,
    ObservationKind,
    ObservationReason,
    RiskLevel,
)
from fugong.epidemic.selectors.screening import entry_decisions
from fugong.epidemic.services.case import case_record, case_update
from fugong.epidemic.services.health_recompute import health_status_recompute
from fugong.epidemic.services.observation import observation_open
from fugong.epidemic.services.policy import policy_publish
from fugong.epidemic.services.riskarea import riskarea_add, riskarea_end
from fugong.epidemic.services.status import health_status_refresh
from fugong.epidemic.tests.conftest import beijing

pytestmark = pytest.mark.django_db
NOW = beijing(2026, 3, 10, 8)
END_OF_DAY = beijing(2026, 3, 10, 23, 59, 59).replace(microsecond=999999)


@pytest.fixture
def green(world, check_in, time_machine):
    """The miner checked in normally this morning: green, valid until the end of the day."""
    time_machine.move_to(NOW, tick=False)
    check_in(NOW - dt.timedelta(days=1))
    check_in(NOW)
    status = health_status_refresh(person_ids=[world.miner.pk], at=NOW)[world.miner.pk]
    assert status.colour == Colour.GREEN
    return status


def stored(world) -> HealthStatus:
    return HealthStatus.objects.get(person=world.miner)


def test_a_colour_without_expiring_conditions_holds_until_the_end_of_the_local_day(world, green):
    assert stored(world).valid_until == END_OF_DAY


def test_a_condition_that_expires_today_ends_the_validity_at_its_expiry(world, green):
    ends = beijing(2026, 3, 10, 15)
    Observation.objects.create(
        person=world.miner,
        kind=ObservationKind.HEALTH_MONITORING,
        reason=ObservationReason.MEDIUM_RISK_TRAVEL,
        started_at=NOW - dt.timedelta(days=13),
        planned_end=ends,
    )
    status = health_status_refresh(person_ids=[world.miner.pk], at=NOW)[world.miner.pk]
    assert status.colour == Colour.YELLOW
    assert stored(world).valid_until == ends


@pytest.mark.parametrize(
    ("seconds_after_expiry", "colour"), [(-1, Colour.YELLOW), (0, Colour.GREEN), (1, Colour.GREEN)]
)
def test_the_gate_trusts_a_stored_colour_only_before_its_validity_ends(
    world, green, seconds_after_expiry, colour
):
    """GIVEN a yellow colour whose only condition (a monitoring) ends at 15:00
    WHEN the gate decides at 14:59:59, 15:00:00 and 15:00:01
    THEN the stored yellow is used before 15:00, and from 15:00 the colour is recomputed."""
    ends = beijing(2026, 3, 10, 15)
    Observation.objects.create(
        person=world.miner,
        kind=ObservationKind.HEALTH_MONITORING,
        reason=ObservationReason.MEDIUM_RISK_TRAVEL,
        started_at=NOW - dt.timedelta(days=13),
        planned_end=ends,
    )
    health_status_refresh(person_ids=[world.miner.pk], at=NOW)
    at = ends + dt.timedelta(seconds=seconds_after_expiry)
    decision = entry_decisions(person_ids=[world.miner.pk], at=at)[world.miner.pk]
    assert decision.colour == colour


def test_a_valid_colour_is_read_not_recomputed(world, green, django_assert_num_queries):
    # The stored colour and the prohibitions: two queries, no condition read, no write.
    with django_assert_num_queries(2):
        decisions = entry_decisions(person_ids=[world.miner.pk], at=NOW + dt.timedelta(hours=1))
    assert decisions[world.miner.pk].allowed and decisions[world.miner.pk].colour == Colour.GREEN


def test_a_work_prohibition_is_read_at_the_gate_even_while_the_colour_is_valid(world, green):
    Observation.objects.filter(person=world.miner).delete()
    Observation.objects.create(
        person=world.miner,
        kind=ObservationKind.HEALTH_MONITORING,
        reason=ObservationReason.MEDIUM_RISK_TRAVEL,
        started_at=NOW,
        planned_end=NOW + dt.timedelta(days=3),
        prohibition_from=NOW + dt.timedelta(hours=1),
        prohibition_until=NOW + dt.timedelta(days=1),
    )
    later = NOW + dt.timedelta(hours=2)
    decision = entry_decisions(person_ids=[world.miner.pk], at=later)[world.miner.pk]
    assert not decision.allowed and decision.deny_reason == "prohibition"


def test_an_observation_opened_by_the_service_turns_the_gate_red_at_once(world, green):
    observation_open(
        person=world.miner,
        kind=ObservationKind.ISOLATION,
        reason=ObservationReason.FEVER,
        started_at=NOW,
        last_exposure_at=NOW,
        days=14,
    )
    decision = entry_decisions(person_ids=[world.miner.pk], at=NOW + dt.timedelta(minutes=1))
    assert decision[world.miner.pk].colour == Colour.RED


def test_recording_and_reclassifying_a_case_empties_the_validity(world, green):
    case = case_record(
        actor=world.users.health,
        person=world.miner,
        classification=CaseClassification.SUSPECTED,
        onset_on=dt.date(2026, 3, 9),
    )
    assert stored(world).valid_until is None
    assert entry_decisions(person_ids=[world.miner.pk], at=NOW)[world.miner.pk].colour == "red"
    assert stored(world).valid_until is not None  # recomputed and stored by the gate
    case_update(actor=world.users.health, case=case, classification=CaseClassification.DISCARDED)
    assert stored(world).valid_until is None
    assert entry_decisions(person_ids=[world.miner.pk], at=NOW)[world.miner.pk].colour == "green"


def test_adding_or_ending_a_risk_area_empties_every_validity(world, green):
    area = riskarea_add(
        actor=world.users.city,
        region=world.regions.jiancaoping,
        level=RiskLevel.HIGH,
        valid_from=dt.date(2026, 3, 1),
    )
    assert stored(world).valid_until is None
    health_status_refresh(person_ids=[world.miner.pk], at=NOW)
    riskarea_end(actor=world.users.city, area=area, last_day=dt.date(2026, 3, 10))
    assert stored(world).valid_until is None


def test_a_new_policy_version_empties_every_validity(world, green):
    policy_publish(
        actor=world.users.city, effective_from=dt.date(2026, 3, 10), fever_threshold=37.5
    )
    assert stored(world).valid_until is None


def test_a_recompute_that_finds_the_same_colour_records_no_change(world, green):
    changes = HealthStatusChange.objects.filter(person=world.miner).count()
    later = NOW + dt.timedelta(hours=3)
    status = health_status_refresh(person_ids=[world.miner.pk], at=later)[world.miner.pk]
    assert status.colour == Colour.GREEN
    assert HealthStatusChange.objects.filter(person=world.miner).count() == changes
    assert (stored(world).computed_at, stored(world).valid_until) == (later, END_OF_DAY)


def test_the_hourly_run_recomputes_the_statuses_no_longer_valid_and_only_those(
    world, green, check_in
):
    check_in(NOW, person=world.colleague, actor=world.users.health)
    health_status_refresh(person_ids=[world.colleague.pk], at=NOW)
    HealthStatus.objects.filter(person=world.colleague).update(valid_until=None)
    assert health_status_recompute(everyone=False, at=NOW + dt.timedelta(hours=1)) == 1
    assert health_status_recompute(everyone=False, at=END_OF_DAY - dt.timedelta(seconds=1)) == 0
    assert health_status_recompute(everyone=False, at=beijing(2026, 3, 11, 0, 5)) == 2
