"""A coal mine's acceptance (验收, DESIGN §3.4): < 30 days with the four systems running → the
mine accepts itself; ≥ 30 days, an accident, a stop order or a system down → the regulator
accepts and the head of government signs. Days are Beijing days from the stoppage to the
request; until the right signatures exist the mine's application cannot be approved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fugong.accounts.tests.factories import UserFactory
from fugong.resumption import services
from fugong.resumption.acceptance import (
    SYSTEMS,
    acceptance_regulator_sign,
    acceptance_request,
    acceptance_self_sign,
)
from fugong.resumption.models import MineAcceptance
from fugong.resumption.rules import acceptance_route
from fugong.resumption.tests.conftest import BEIJING
from fugong.resumption.tests.world import submitted_application

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 30)
RUNNING = dict.fromkeys(SYSTEMS, True)


def request(world, *, days: int, cause: str = "epidemic", **systems: bool) -> MineAcceptance:
    return acceptance_request(
        actor=world.users.manager,
        enterprise=world.qifeng,
        stopped_on=TODAY - dt.timedelta(days=days),
        cause=cause,
        **{**RUNNING, **systems},
    )


@pytest.fixture(autouse=True)
def _today(time_machine):
    # 07:00 in Beijing is still the day before in UTC: the days must be Beijing's.
    time_machine.move_to(dt.datetime(2026, 11, 30, 7, 0, tzinfo=BEIJING), tick=False)


@pytest.mark.parametrize(("days", "route"), [(29, "self"), (30, "regulator"), (31, "regulator")])
def test_the_route_turns_at_thirty_days(world, days, route):
    record = request(world, days=days)
    assert record.stopped_days == days
    assert record.route == route


@pytest.mark.parametrize(
    ("cause", "route"),
    [
        ("routine", "self"),
        ("epidemic", "self"),
        ("accident", "regulator"),
        ("stop_order", "regulator"),
    ],
)
def test_an_accident_or_a_stop_order_needs_the_regulator_even_after_a_short_stop(
    world, cause, route
):
    assert request(world, days=3, cause=cause).route == route


@pytest.mark.parametrize("system", SYSTEMS)
def test_a_system_not_running_needs_the_regulator(world, system):
    down: dict[str, bool] = {system: False}
    assert request(world, days=3, cause="epidemic", **down).route == "regulator"


def test_the_rule_counts_calendar_days_from_stoppage_to_request():
    stopped = dt.date(2026, 11, 1)
    route = acceptance_route(
        stopped_on=stopped, requested_on=dt.date(2026, 11, 30), cause="routine",
        systems_running=True,
    )  # fmt: skip
    assert route == "self"


def test_the_mine_manager_signs_a_self_acceptance(world):
    record = acceptance_self_sign(actor=world.users.manager, acceptance=request(world, days=29))
    assert record.is_accepted and record.mine_signed_by == world.users.manager
    assert record.accepted_on == TODAY


def test_a_mine_cannot_accept_itself_after_thirty_days(world):
    record = request(world, days=30)
    with pytest.raises(ValidationError) as refused:
        acceptance_self_sign(actor=world.users.manager, acceptance=record)
    assert "__all__" in refused.value.message_dict
    record.refresh_from_db()
    assert not record.is_accepted


def test_the_regulator_accepts_with_the_head_of_governments_signature(world):
    record = acceptance_regulator_sign(
        actor=world.users.county, acceptance=request(world, days=31), government_signatory="王县长"
    )
    assert record.is_accepted
    assert (record.regulator_signed_by, record.government_signatory) == (
        world.users.county,
        "王县长",
    )
    assert record.government_signed_at is not None


def test_the_regulator_must_name_the_head_of_government(world):
    record = request(world, days=31)
    with pytest.raises(ValidationError) as refused:
        acceptance_regulator_sign(
            actor=world.users.county, acceptance=record, government_signatory=""
        )
    assert "government_signatory" in refused.value.message_dict


def test_only_the_emergency_department_accepts_among_departments(world):
    record = request(world, days=31)
    with pytest.raises(ValidationError):
        acceptance_regulator_sign(
            actor=world.users.department, acceptance=record, government_signatory="王县长"
        )
    emergency = UserFactory(
        username="em", role="department_officer", region=world.regions.xinzhou,
        department="emergency",
    )  # fmt: skip
    assert acceptance_regulator_sign(
        actor=emergency, acceptance=record, government_signatory="王县长"
    ).is_accepted


def test_a_stoppage_cannot_start_tomorrow_and_only_mines_are_accepted(world):
    with pytest.raises(ValidationError) as refused:
        request(world, days=-1)
    assert "stopped_on" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        acceptance_request(
            actor=world.users.group, enterprise=world.group, stopped_on=TODAY, cause="routine",
            **RUNNING,
        )  # fmt: skip
    assert "enterprise" in refused.value.message_dict


def test_an_unaccepted_mine_cannot_be_approved_until_the_regulator_signs(world):
    application = submitted_application(world.qifeng)
    record = request(world, days=45)
    with pytest.raises(ValidationError) as refused:
        services.application_decide(
            actor=world.users.county, application=application, decision="approved"
        )
    assert "not accepted" in str(refused.value.message_dict["__all__"][0]).lower()
    assert application.steps.get(department="").decision == "pending"
    acceptance_regulator_sign(
        actor=world.users.county, acceptance=record, government_signatory="王县长"
    )
    services.application_decide(
        actor=world.users.county, application=application, decision="approved"
    )
    assert application.steps.get(department="").decision == "approved"


def test_a_mine_with_no_acceptance_at_all_is_not_accepted(world):
    assert not services.mine_is_accepted(world.qifeng)
    assert services.mine_is_accepted(world.plant)  # not a mine: no acceptance needed
