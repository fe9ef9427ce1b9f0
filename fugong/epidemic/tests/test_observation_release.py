"""Follow-ups and the release rule (selectors.observation.RELEASE_RULE):
planned last day reached, latest follow-up seen and normal, nothing abnormal in 24 hours."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from fugong.epidemic.models import (
    FollowUp,
    FollowUpSlot,
    ObservationKind,
    ObservationReason,
    ObservationState,
    Policy,
)
from fugong.epidemic.selectors.status import prohibited_at
from fugong.epidemic.services.follow_up import follow_up_record, observation_release
from fugong.epidemic.services.observation import observation_open

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
MORNING, AFTERNOON = FollowUpSlot.MORNING, FollowUpSlot.AFTERNOON
# Exposure 1 March, 3 days: planned end 4 March 23:59:59 Beijing.
EXPOSURE = dt.datetime(2026, 3, 1, 10, tzinfo=BEIJING)
LAST_DAY = dt.date(2026, 3, 4)


@pytest.fixture
def observation(world, time_machine):
    time_machine.move_to(EXPOSURE, tick=False)
    return observation_open(
        person=world.miner,
        kind=ObservationKind.HOME_QUARANTINE,
        reason=ObservationReason.CLOSE_CONTACT,
        started_at=EXPOSURE,
        last_exposure_at=EXPOSURE,
        days=3,
    )


def _follow_up(observation, day, slot, temperature="36.5", symptoms=(), seen=True):
    return FollowUp.objects.create(
        observation=observation,
        day=day,
        slot=slot,
        seen=seen,
        temperature=Decimal(temperature) if seen else None,
        symptoms=list(symptoms),
    )


def _release(world, observation, at):
    return observation_release(actor=world.users.health, observation=observation, at=at)


def test_it_refuses_release_the_day_before_the_planned_end(world, observation):
    _follow_up(observation, dt.date(2026, 3, 3), AFTERNOON)
    at = dt.datetime(2026, 3, 3, 23, 59, tzinfo=BEIJING)
    with pytest.raises(ValidationError) as caught:
        _release(world, observation, at)
    assert "planned end" in " ".join(caught.value.messages)
    observation.refresh_from_db()
    assert observation.state == ObservationState.ACTIVE


@pytest.mark.parametrize(
    "at",
    [
        dt.datetime(2026, 3, 4, 0, 0, tzinfo=BEIJING),  # the planned last day
        dt.datetime(2026, 3, 5, 9, 0, tzinfo=BEIJING),  # after it
    ],
)
def test_it_releases_from_the_planned_last_day_after_a_normal_follow_up(world, observation, at):
    _follow_up(observation, dt.date(2026, 3, 3), AFTERNOON, "37.2")
    released = _release(world, observation, at)
    assert released.state == ObservationState.RELEASED
    assert released.released_by == world.users.health
    # The work prohibition ends with the release (or had ended with the planned end).
    assert released.prohibition_until == min(at, released.planned_end)
    assert not prohibited_at(world.miner.pk, at + dt.timedelta(minutes=1))


def test_it_refuses_release_without_any_follow_up(world, observation):
    with pytest.raises(ValidationError, match="No follow-up"):
        _release(world, observation, dt.datetime(2026, 3, 4, 16, tzinfo=BEIJING))


def test_it_refuses_release_when_the_latest_follow_up_was_missed(world, observation):
    _follow_up(observation, LAST_DAY, MORNING)
    _follow_up(observation, LAST_DAY, AFTERNOON, seen=False)
    with pytest.raises(ValidationError, match="missed"):
        _release(world, observation, dt.datetime(2026, 3, 4, 16, tzinfo=BEIJING))


@pytest.mark.parametrize(("temperature", "refused"), [("37.2", False), ("37.3", True)])
def test_the_latest_follow_up_at_the_fever_threshold_refuses_release(
    world, observation, temperature, refused
):
    _follow_up(observation, LAST_DAY, AFTERNOON, temperature)
    at = dt.datetime(2026, 3, 4, 16, tzinfo=BEIJING)
    if refused:
        with pytest.raises(ValidationError, match="not normal"):
            _release(world, observation, at)
    else:
        assert _release(world, observation, at).state == ObservationState.RELEASED


def test_symptoms_in_the_last_24_hours_refuse_release_even_after_a_normal_follow_up(
    world, observation
):
    _follow_up(observation, dt.date(2026, 3, 3), AFTERNOON, symptoms=["cough"])  # 3 Mar 14:00
    _follow_up(observation, LAST_DAY, MORNING)
    with pytest.raises(ValidationError, match="24 hours"):
        _release(world, observation, dt.datetime(2026, 3, 4, 13, 59, tzinfo=BEIJING))
    # 24 hours after the afternoon slot (14:00) the cough is no longer recent.
    released = _release(world, observation, dt.datetime(2026, 3, 4, 14, 0, tzinfo=BEIJING))
    assert released.state == ObservationState.RELEASED


def test_a_released_observation_cannot_be_released_again(world, observation):
    _follow_up(observation, LAST_DAY, MORNING)
    at = dt.datetime(2026, 3, 4, 10, tzinfo=BEIJING)
    _release(world, observation, at)
    with pytest.raises(ValidationError, match="already released"):
        _release(world, observation, at)


# --- follow-ups -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("temperature", "accepted"),
    [("33.9", False), ("34.0", True), ("34.1", True), ("42.9", True), ("43.0", True),
     ("43.1", False)],
)  # fmt: skip
def test_a_follow_up_temperature_outside_the_plausible_range_is_refused(
    world, observation, time_machine, temperature, accepted
):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, tzinfo=BEIJING), tick=False)

    def record():
        return follow_up_record(
            actor=world.users.health,
            observation=observation,
            day=dt.date(2026, 3, 2),
            slot=MORNING,
            temperature=Decimal(temperature),
        )

    if accepted:
        assert record().temperature == Decimal(temperature)
    else:
        with pytest.raises(ValidationError) as caught:
            record()
        assert "measurement error" in caught.value.message_dict["temperature"][0]
        assert not FollowUp.objects.filter(observation=observation).exists()


def test_a_slot_is_recorded_once(world, observation, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, tzinfo=BEIJING), tick=False)

    def record():
        return follow_up_record(
            actor=world.users.health,
            observation=observation,
            day=dt.date(2026, 3, 2),
            slot=MORNING,
            temperature=Decimal("36.6"),
        )

    record()
    with pytest.raises(ValidationError) as caught:
        record()
    assert "slot" in caught.value.message_dict


def test_a_seen_follow_up_needs_a_temperature_and_a_missed_one_has_none(
    world, observation, time_machine
):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, tzinfo=BEIJING), tick=False)
    day = dt.date(2026, 3, 2)
    with pytest.raises(ValidationError, match="temperature"):
        follow_up_record(actor=world.users.health, observation=observation, day=day, slot=MORNING)
    missed = follow_up_record(
        actor=world.users.health, observation=observation, day=day, slot=MORNING, seen=False
    )
    assert missed.temperature is None


def test_a_follow_up_for_tomorrow_is_refused(world, observation, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 23, 59, tzinfo=BEIJING), tick=False)
    with pytest.raises(ValidationError) as caught:
        follow_up_record(
            actor=world.users.health,
            observation=observation,
            day=dt.date(2026, 3, 3),
            slot=MORNING,
            temperature=Decimal("36.5"),
        )
    assert "day" in caught.value.message_dict


def test_the_isolation_of_a_discarded_case_may_end_before_its_planned_day(world, time_machine):
    from fugong.epidemic.models import CaseClassification
    from fugong.epidemic.services.case import case_isolate, case_record, case_update

    time_machine.move_to(EXPOSURE, tick=False)
    case = case_record(
        actor=world.users.health, person=world.miner, classification=CaseClassification.CONFIRMED
    )
    isolation = case_isolate(actor=world.users.health, case=case)
    _follow_up(isolation, dt.date(2026, 3, 1), AFTERNOON)
    at = dt.datetime(2026, 3, 2, 9, tzinfo=BEIJING)
    with pytest.raises(ValidationError, match="planned end"):
        _release(world, isolation, at)
    case_update(actor=world.users.health, case=case, classification=CaseClassification.DISCARDED)
    assert _release(world, isolation, at).state == ObservationState.RELEASED


def test_the_detail_lists_follow_ups_newest_first_afternoon_before_morning(
    client, world, observation
):
    _follow_up(observation, dt.date(2026, 3, 2), MORNING, "36.1")
    _follow_up(observation, dt.date(2026, 3, 2), AFTERNOON, "36.2")
    _follow_up(observation, dt.date(2026, 3, 1), AFTERNOON, "36.3")
    client.force_login(world.users.health)
    response = client.get(f"/epidemic/observations/{observation.pk}/")
    shown = [str(f.temperature) for f in response.context["follow_ups"]]
    assert shown == ["36.2", "36.1", "36.3"]


# --- a threshold changed in between ---------------------------------------------------------


@pytest.mark.parametrize(
    ("yesterday", "today", "refused"),
    [
        ("37.3", "37.5", True),  # raised today: yesterday's 37.4 was a fever, and stays one
        ("37.5", "37.3", False),  # lowered today: yesterday's 37.4 was normal, and stays so
    ],
)
def test_each_follow_up_is_judged_by_the_threshold_of_its_own_day(
    world, observation, yesterday, today, refused
):
    Policy.objects.create(effective_from=dt.date(2026, 3, 1), fever_threshold=Decimal(yesterday))
    Policy.objects.create(effective_from=LAST_DAY, fever_threshold=Decimal(today))
    _follow_up(observation, dt.date(2026, 3, 3), AFTERNOON, "37.4")  # 3 Mar 14:00
    _follow_up(observation, LAST_DAY, MORNING, "36.5")
    at = dt.datetime(2026, 3, 4, 13, 0, tzinfo=BEIJING)
    if refused:
        with pytest.raises(ValidationError) as caught:
            _release(world, observation, at)
        assert caught.value.messages == [
            "A follow-up of the last 24 hours had symptoms or a fever."
        ]
    else:
        assert _release(world, observation, at).state == ObservationState.RELEASED
