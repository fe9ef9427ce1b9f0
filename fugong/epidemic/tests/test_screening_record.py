"""The screening service: thresholds, re-measure timing, denials, identification, replay."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from fugong.epidemic.codes import personal_code_make
from fugong.epidemic.models import (
    Alert,
    AlertKind,
    Observation,
    ObservationKind,
    ObservationReason,
    Screening,
)
from fugong.epidemic.services.observation import observation_open
from fugong.epidemic.services.screening import screening_record

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
T0 = dt.datetime(2026, 3, 2, 7, 30, tzinfo=BEIJING)


@pytest.fixture
def at_gate(world, time_machine):
    time_machine.move_to(T0 + dt.timedelta(minutes=30), tick=False)

    def record(temperature="36.5", *, person=None, minutes=0.0, **kwargs):
        named = ("code", "id_number", "visitor_name", "remeasure_of")
        if person is None and not any(k in kwargs for k in named):
            person = world.miner
        return screening_record(
            actor=world.users.checkpoint,
            place=world.checkpoint,
            measured_at=T0 + dt.timedelta(minutes=minutes),
            temperature=temperature,
            client_uuid=kwargs.pop("client_uuid", uuid.uuid4()),
            person=person,
            **kwargs,
        )

    return record


@pytest.mark.parametrize(
    ("temperature", "result"),
    [("37.2", "pass"), ("37.3", "remeasure"), ("37.4", "remeasure")],
)
def test_a_first_reading_at_or_above_37_3_asks_for_a_remeasure(at_gate, temperature, result):
    outcome = at_gate(temperature)
    assert outcome.screening.result == result
    assert outcome.new
    if result == "remeasure":
        assert outcome.remeasure_from == T0 + dt.timedelta(minutes=5)
        assert outcome.remeasure_until == T0 + dt.timedelta(minutes=10)


@pytest.mark.parametrize(
    ("temperature", "accepted"), [("33.9", False), ("34.0", True), ("43.0", True), ("43.1", False)]
)
def test_a_temperature_outside_34_to_43_is_a_measurement_error_and_stores_nothing(
    at_gate, temperature, accepted
):
    if accepted:
        assert at_gate(temperature).new
        return
    with pytest.raises(ValidationError) as caught:
        at_gate(temperature)
    assert "Measurement error" in caught.value.message_dict["temperature"][0]
    assert not Screening.objects.exists()


@pytest.mark.parametrize(
    ("minutes", "outcome"),
    [
        (4 + 59 / 60, "refused"),
        (5, "fever"),
        (10, "fever"),
        (10 + 1 / 60, "new first reading"),
    ],
)
def test_the_remeasure_window_is_5_to_10_minutes(at_gate, world, minutes, outcome):
    """GIVEN a first reading of 38.0 WHEN it is re-measured at 38.0 after ``minutes`` THEN
    before 5:00 it is refused, 5:00–10:00 confirms the fever, after 10:00 it starts over."""
    first = at_gate("38.0").screening
    if outcome == "refused":
        with pytest.raises(ValidationError) as caught:
            at_gate("38.0", minutes=minutes, remeasure_of=first.client_uuid)
        assert "Too early" in caught.value.message_dict["measured_at"][0]
        assert Screening.objects.count() == 1
        return
    second = at_gate("38.0", minutes=minutes, remeasure_of=first.client_uuid)
    if outcome == "fever":
        assert (second.screening.result, second.screening.deny_reason) == ("deny", "fever")
        assert second.screening.remeasure_of_id == first.pk
        assert second.colour == "red"
    else:
        assert second.screening.result == "remeasure"
        assert second.screening.remeasure_of_id is None
        assert second.late_remeasure


def test_a_normal_remeasure_lets_the_person_in(at_gate):
    first = at_gate("37.5").screening
    second = at_gate("36.9", minutes=6, remeasure_of=first.client_uuid)
    assert second.screening.result == "pass"
    assert second.screening.person_id == first.person_id  # inherited from the first reading


def test_a_confirmed_fever_opens_an_isolation_and_raises_one_alert(at_gate, world):
    first = at_gate("38.2").screening
    fever = at_gate("38.1", minutes=7, remeasure_of=first.client_uuid).screening
    observation = Observation.objects.get(person=world.miner)
    assert observation.kind == ObservationKind.ISOLATION
    assert observation.reason == ObservationReason.FEVER
    # 3 days (policy) after the reading, to the end of that local day.
    assert observation.planned_end.astimezone(BEIJING).date() == dt.date(2026, 3, 5)
    alert = Alert.objects.get(kind=AlertKind.FEVER)
    assert alert.ref == f"screening:{fever.client_uuid}"
    assert "38.1" in alert.message and world.miner.id_number not in alert.message


def test_a_red_code_is_denied_whatever_the_temperature(at_gate, world):
    observation_open(
        person=world.miner,
        kind=ObservationKind.HOME_QUARANTINE,
        reason=ObservationReason.CLOSE_CONTACT,
        started_at=T0 - dt.timedelta(days=1),
        last_exposure_at=T0 - dt.timedelta(days=1),
        days=14,
    )
    outcome = at_gate("36.4")
    assert (outcome.screening.result, outcome.screening.deny_reason) == ("deny", "red_code")
    assert outcome.colour == "red"


def test_a_work_prohibition_is_denied_with_its_reason(at_gate, world):
    Observation.objects.create(
        person=world.miner,
        kind=ObservationKind.HEALTH_MONITORING,
        reason=ObservationReason.MEDIUM_RISK_TRAVEL,
        started_at=T0 - dt.timedelta(days=1),
        planned_end=T0 + dt.timedelta(days=3),
        prohibition_from=T0 - dt.timedelta(days=1),
        prohibition_until=T0 + dt.timedelta(days=1),
    )
    outcome = at_gate("36.4")
    assert (outcome.screening.result, outcome.screening.deny_reason) == ("deny", "prohibition")
    assert outcome.colour != "red"


def test_symptoms_seen_deny_entry_without_opening_an_observation(at_gate, world):
    outcome = at_gate("36.6", symptoms=["cough"])
    assert (outcome.screening.result, outcome.screening.deny_reason) == ("deny", "symptoms")
    assert not Observation.objects.exists()


def test_a_visitor_is_recorded_with_name_and_phone(at_gate):
    outcome = at_gate("36.5", visitor_name="访客甲", visitor_phone="１３９００００１１１１")
    screening = outcome.screening
    assert (screening.identified_by, screening.person_id) == ("visitor", None)
    assert screening.visitor_phone == "13900001111"
    assert outcome.colour == ""


def test_a_visitors_confirmed_fever_raises_the_alert_only(at_gate):
    first = at_gate("38.0", visitor_name="访客乙").screening
    fever = at_gate("38.0", minutes=5, remeasure_of=first.client_uuid)
    assert fever.screening.deny_reason == "fever"
    assert fever.screening.visitor_name == "访客乙"
    assert Alert.objects.filter(kind=AlertKind.FEVER, person=None).count() == 1
    assert not Observation.objects.exists()


def test_an_id_number_typed_with_full_width_digits_finds_the_person(at_gate, world):
    full_width = world.miner.id_number.translate(
        str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
    )
    outcome = at_gate(id_number=full_width)
    assert outcome.screening.person_id == world.miner.pk
    assert outcome.screening.identified_by == "id_number"


def test_a_wrong_or_unknown_id_number_names_the_field(at_gate, world):
    # A wrong check digit (the factory's sequence makes any digit the right one sometimes).
    wrong = "1" if world.miner.id_number[17] == "0" else "0"
    with pytest.raises(ValidationError) as caught:
        at_gate(id_number=world.miner.id_number[:17] + wrong)
    assert "id_number" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        at_gate(id_number=world.yuanping_miner.id_number)  # not at this checkpoint's enterprise
    assert "visitor" in caught.value.message_dict["id_number"][0]


def test_a_scanned_code_identifies_the_person_and_a_forged_one_is_refused(at_gate, world):
    assert at_gate(code=personal_code_make(world.miner)).screening.person_id == world.miner.pk
    with pytest.raises(ValidationError) as caught:
        at_gate(code=personal_code_make(world.miner) + "x")
    assert "code" in caught.value.message_dict


def test_a_resent_reading_is_stored_once_and_answers_the_stored_decision(at_gate):
    key = uuid.uuid4()
    first = at_gate("37.8", client_uuid=key)
    again = at_gate("37.8", client_uuid=key)
    assert first.new and not again.new
    assert again.screening.result == "remeasure"
    assert Screening.objects.filter(client_uuid=key).count() == 1


def test_a_checkpoint_outside_the_operators_assignment_is_refused(world, at_gate):
    with pytest.raises(ValidationError) as caught:
        screening_record(
            actor=world.users.checkpoint,
            place=world.other_checkpoint,
            measured_at=T0,
            temperature=Decimal("36.5"),
            client_uuid=uuid.uuid4(),
            visitor_name="访客",
        )
    assert "place" in caught.value.message_dict
