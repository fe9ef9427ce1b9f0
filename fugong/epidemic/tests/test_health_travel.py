"""Graded travel (DESIGN §3.3 "Graded, not blanket"): the colour follows the risk level of the
regions visited and the policy's travel window (14 days), never a blanket rule for migrants."""

from __future__ import annotations

import datetime as dt

import pytest

from fugong.epidemic.models import HealthStatus, RiskArea, RiskLevel
from fugong.epidemic.services.health import Stop, Travel
from fugong.epidemic.tests.conftest import beijing

pytestmark = pytest.mark.django_db
TODAY = beijing(2026, 3, 20)


def travelled_to(check_in, region, left_on: dt.date):
    travel = Travel("train", "K603", [Stop(region, left_on - dt.timedelta(days=2), left_on)])
    check_in(TODAY, travelled=True, travel=travel)


def graded(region, level):
    RiskArea.objects.create(region=region, level=level, valid_from=dt.date(2026, 1, 1))


def colour(world) -> str:
    return HealthStatus.objects.get(person=world.miner).colour


def test_a_worker_from_a_low_risk_county_who_checks_in_normally_is_green_on_arrival(
    world, check_in
):
    graded(world.regions.jiancaoping, RiskLevel.LOW)
    travelled_to(check_in, world.regions.jiancaoping, TODAY.date())
    assert colour(world) == "green"


def test_travel_to_a_medium_risk_area_is_yellow(world, check_in):
    graded(world.regions.jiancaoping, RiskLevel.MEDIUM)
    travelled_to(check_in, world.regions.jiancaoping, TODAY.date() - dt.timedelta(days=3))
    assert colour(world) == "yellow"


@pytest.mark.parametrize(("days_ago", "expected"), [(13, "red"), (14, "red"), (15, "green")])
def test_travel_to_a_high_risk_area_is_red_within_the_window_only(
    world, check_in, days_ago, expected
):
    """The window is 14 days after leaving: left 14 days ago is still inside, 15 is out."""
    graded(world.regions.taiyuan, RiskLevel.HIGH)  # a city: its counties are high risk too
    travelled_to(check_in, world.regions.jiancaoping, TODAY.date() - dt.timedelta(days=days_ago))
    assert colour(world) == expected


def test_a_high_risk_area_graded_after_the_stay_does_not_count(world, check_in):
    RiskArea.objects.create(
        region=world.regions.jiancaoping, level=RiskLevel.HIGH, valid_from=TODAY.date()
    )
    travelled_to(check_in, world.regions.jiancaoping, TODAY.date() - dt.timedelta(days=5))
    assert colour(world) == "green"


def test_the_condition_names_its_rule_and_expiry(world, check_in):
    graded(world.regions.jiancaoping, RiskLevel.HIGH)
    travelled_to(check_in, world.regions.jiancaoping, TODAY.date() - dt.timedelta(days=1))
    conditions = HealthStatus.objects.get(person=world.miner).conditions
    rule = next(c for c in conditions if c["rule"] == "high_risk_travel")
    assert rule["expires_at"].startswith("2026-04-02T23:59:59")
