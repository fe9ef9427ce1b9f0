"""When a check-in refreshes the stored status (DESIGN §3.3, §5 P2): a normal check-in of a
person whose stored status is green without any condition cannot change it and does not
rewrite it; every other check-in does, and the colour answered and stored is the right one."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fugong.epidemic.models import HealthStatus, HealthStatusChange, Policy, RiskArea, RiskLevel
from fugong.epidemic.services.health import Stop, Travel
from fugong.epidemic.services.status import health_status_refresh
from fugong.epidemic.tests.conftest import beijing

pytestmark = pytest.mark.django_db
DAY = beijing(2026, 3, 10)
LATER = DAY + dt.timedelta(hours=2)


@pytest.fixture
def green(world, check_in):
    """The miner checked in normally this morning: stored green, no condition."""
    check_in(DAY)
    status = HealthStatus.objects.get(person=world.miner)
    assert (status.colour, status.conditions) == ("green", [])
    return status


def stored(world) -> HealthStatus:
    return HealthStatus.objects.get(person=world.miner)


def test_a_normal_check_in_of_a_green_person_does_not_rewrite_the_status(world, check_in, green):
    changes = HealthStatusChange.objects.count()
    checkin = check_in(LATER, temperature=Decimal("37.2"))
    assert checkin.colour == "green"
    assert stored(world).computed_at == green.computed_at  # not rewritten
    assert HealthStatusChange.objects.count() == changes


def test_a_normal_check_in_of_a_green_person_takes_three_statements(world, check_in, green):
    """The policy (cached after the first check-in), the replacing UPDATE, the INSERT, the
    stored status: no condition is read, nothing else is written."""
    with CaptureQueriesContext(connection) as queries:
        check_in(LATER)
    statements = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
    assert len(statements) == 3, statements
    assert [s.split()[0] for s in statements] == ["UPDATE", "INSERT", "SELECT"]


@pytest.mark.parametrize(("value", "colour"), [("37.2", "green"), ("37.3", "yellow"),
                                               ("37.4", "yellow")])  # fmt: skip
def test_a_check_in_of_a_green_person_at_the_fever_threshold_refreshes_the_status(
    world, check_in, green, value, colour
):
    checkin = check_in(LATER, temperature=Decimal(value))
    assert checkin.colour == colour
    assert stored(world).colour == colour


def test_a_symptom_of_a_green_person_turns_the_stored_code_yellow(world, check_in, green):
    assert check_in(LATER, symptoms=["cough"]).colour == "yellow"
    assert stored(world).colour == "yellow"
    assert HealthStatusChange.objects.filter(person=world.miner, colour_after="yellow").exists()


def test_a_normal_check_in_replacing_an_abnormal_one_refreshes_to_green(world, check_in):
    check_in(DAY, symptoms=["cough"])
    assert stored(world).colour == "yellow"
    assert check_in(LATER).colour == "green"  # the abnormal one is history now
    assert stored(world).colour == "green"


def test_a_normal_check_in_clears_a_stored_stale_check_in(world, check_in):
    health_status_refresh(person_ids=[world.miner.pk], at=DAY)  # never checked in: stale
    assert [c["rule"] for c in stored(world).conditions] == ["stale_checkin"]
    assert check_in(LATER).colour == "green"
    assert stored(world).conditions == []


def test_a_first_check_in_stores_the_status(world, check_in):
    assert not HealthStatus.objects.filter(person=world.miner).exists()
    assert check_in(DAY).colour == "green"
    assert stored(world).colour == "green"


def test_a_normal_check_in_under_a_manual_status_keeps_the_manual_colour(world, check_in, green):
    green.override_colour = "red"
    green.override_reason = "test"
    green.save()
    health_status_refresh(person_ids=[world.miner.pk], at=DAY)
    assert check_in(LATER).colour == "red"
    assert stored(world).colour == "red"


def test_a_location_in_a_high_risk_area_refreshes_a_green_status_to_red(world, check_in, green):
    RiskArea.objects.create(
        region=world.regions.jiancaoping, level=RiskLevel.HIGH, valid_from="2020-01-01"
    )
    checkin = check_in(LATER, location_region=world.regions.jiancaoping)
    assert checkin.colour == "red"
    assert stored(world).colour == "red"


def test_travel_to_a_high_risk_area_refreshes_a_green_status_to_red(world, check_in, green):
    RiskArea.objects.create(
        region=world.regions.jiancaoping, level=RiskLevel.HIGH, valid_from="2020-01-01"
    )
    travel = Travel("car", "", [Stop(world.regions.jiancaoping, DAY.date(), DAY.date())])
    assert check_in(LATER, travelled=True, travel=travel).colour == "red"
    assert stored(world).colour == "red"


def test_a_policy_version_in_force_from_today_applies_to_the_next_check_in(world, check_in, green):
    """The policy is cached between submissions; publishing a version clears the cache."""
    Policy.objects.create(effective_from=DAY.date(), fever_threshold=Decimal("37.0"))
    assert check_in(LATER, temperature=Decimal("37.0")).colour == "yellow"
    Policy.objects.create(effective_from=DAY.date() - dt.timedelta(days=1))  # not in force
    Policy.objects.filter(effective_from=DAY.date()).delete()
    assert check_in(LATER, temperature=Decimal("37.0")).colour == "green"


def test_a_changed_temperature_range_is_checked_at_once(world, check_in, green):
    Policy.objects.create(effective_from=DAY.date(), temperature_max=Decimal("40.0"))
    with pytest.raises(ValidationError) as refused:
        check_in(LATER, temperature=Decimal("40.1"))
    assert "temperature" in refused.value.message_dict
    assert check_in(LATER, temperature=Decimal("40.0")).temperature == Decimal("40.0")


def test_the_api_answers_the_stored_colour_without_reading_it_again(client, world):
    client.force_login(world.users.worker)

    def submit(**fields):
        body = {"temperature": "36.5", "pledge": True, "client_uuid": str(uuid.uuid4()), **fields}
        return client.post("/api/epidemic/checkins", json.dumps(body), "application/json")

    assert submit().json()["colour"] == "green"
    with CaptureQueriesContext(connection) as queries:
        response = submit()
    assert response.json()["colour"] == "green"
    selects = [q["sql"] for q in queries if q["sql"].startswith("SELECT")]
    assert sum("epidemic_healthstatus" in s for s in selects) == 1
    assert submit(symptoms=["cough"]).json()["colour"] == "yellow"
    sent = {"temperature": "36.5", "pledge": True, "client_uuid": str(uuid.uuid4())}
    first = client.post("/api/epidemic/checkins", json.dumps(sent), "application/json")
    again = client.post("/api/epidemic/checkins", json.dumps(sent), "application/json")
    assert first.json()["colour"] == again.json()["colour"] == "green"  # resent: read once
