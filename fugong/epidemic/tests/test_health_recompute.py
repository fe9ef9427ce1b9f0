"""The periodic recompute: conditions expire with time, the stale rule moves at midnight."""

from __future__ import annotations

import datetime as dt

import pytest

from fugong.epidemic.models import HealthStatus, Policy, RiskArea, RiskLevel
from fugong.epidemic.services.health import Stop, Travel
from fugong.epidemic.services.health_recompute import health_status_recompute, is_daily_run
from fugong.epidemic.tests.conftest import beijing

pytestmark = pytest.mark.django_db


def stored(world) -> str:
    return HealthStatus.objects.get(person=world.miner).colour


@pytest.fixture
def medium_travel_ending_on_march_24(world, check_in):
    """Left a medium-risk area on 03-10: yellow until the end of 03-24 (window 14 days). The
    worker checked in on 03-24, so the stale rule plays no part on 03-25."""
    RiskArea.objects.create(
        region=world.regions.jiancaoping, level=RiskLevel.MEDIUM, valid_from=dt.date(2026, 1, 1)
    )
    travel = Travel("car", "", [Stop(world.regions.jiancaoping, dt.date(2026, 3, 9),
                                     dt.date(2026, 3, 10))])  # fmt: skip
    check_in(beijing(2026, 3, 24, 8), travelled=True, travel=travel)
    assert stored(world) == "yellow"


@pytest.mark.parametrize(
    ("at", "colour"),
    [
        (beijing(2026, 3, 24, 23, 59, 59), "yellow"),
        (beijing(2026, 3, 25, 0, 5, 0), "green"),
        (beijing(2026, 3, 25, 1, 5, 0), "green"),
    ],
)
def test_the_hourly_run_refreshes_a_status_whose_condition_expired(
    world, medium_travel_ending_on_march_24, at, colour
):
    health_status_recompute(everyone=False, at=at)
    assert stored(world) == colour


def test_the_0005_run_refreshes_everyone_and_the_stale_rule_moves_on(world, check_in):
    check_in(beijing(2026, 3, 10, 8))
    assert stored(world) == "green"
    count = health_status_recompute(everyone=True, at=beijing(2026, 3, 12, 0, 5))
    assert count >= 1
    assert stored(world) == "yellow"  # two days without a check-in


def test_the_hourly_run_also_refreshes_a_colour_whose_day_has_ended(world, check_in):
    """A colour without any expiring condition is valid to the end of its local day: the stale
    check-in rule moves on at midnight, so the first hourly run of the next day refreshes it."""
    check_in(beijing(2026, 3, 10, 8))
    assert health_status_recompute(everyone=False, at=beijing(2026, 3, 10, 23, 5)) == 0
    assert health_status_recompute(everyone=False, at=beijing(2026, 3, 12, 1, 5)) == 1
    assert stored(world) == "yellow"


@pytest.mark.parametrize(
    ("at", "daily"),
    [
        (beijing(2026, 3, 11, 23, 59, 59), False),
        (beijing(2026, 3, 12, 0, 0, 0), True),
        (beijing(2026, 3, 12, 0, 5, 0), True),
        (beijing(2026, 3, 12, 1, 0, 0), False),
    ],
)
def test_the_run_in_the_first_local_hour_is_the_daily_one(at, daily):
    assert is_daily_run(at) is daily


def test_nothing_is_recomputed_while_the_response_is_off(world, check_in):
    Policy.objects.create(effective_from=dt.date(2026, 1, 1), response_level_on=False)
    assert health_status_recompute(everyone=True, at=beijing(2026, 3, 12, 0, 5)) == 0


def test_the_task_runs_the_recompute(world, time_machine):
    from fugong.epidemic.tasks.health import health_status_recompute_task

    time_machine.move_to(beijing(2026, 3, 12, 0, 5), tick=False)
    assert health_status_recompute_task.call_local() >= 1
    assert stored(world) == "yellow"  # never checked in
