"""The daily check-in (DESIGN §3.3 "Daily check-in"): one per person per local day, bounds of
the policy's temperature range, the helpers' scope, and what the check-in does to the colour."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fugong.epidemic.models import CheckIn, HealthStatus, TravelDeclaration
from fugong.epidemic.services.status import health_status_refresh
from fugong.epidemic.tests.conftest import beijing
from fugong.org.tests.factories import TeamFactory
from fugong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
DAY = beijing(2026, 3, 10)


def colour_of(person, at) -> str:
    return health_status_refresh(person_ids=[person.pk], at=at)[person.pk].colour


def test_a_normal_check_in_is_stored_and_turns_the_code_green(world, check_in):
    checkin = check_in(DAY)
    assert checkin.day == dt.date(2026, 3, 10)
    assert checkin.submitted_by == world.users.worker
    assert HealthStatus.objects.get(person=world.miner).colour == "green"


def test_a_second_check_in_the_same_day_replaces_the_first_and_keeps_it(world, check_in):
    first = check_in(DAY, temperature=Decimal("36.4"))
    second = check_in(DAY + dt.timedelta(hours=3), temperature=Decimal("36.8"))
    rows = CheckIn.objects.filter(person=world.miner, day=DAY.date())
    assert rows.count() == 2
    assert rows.get(is_current=True) == second
    first.refresh_from_db()
    assert not first.is_current


def test_a_double_submit_with_the_same_uuid_counts_once(world, check_in):
    same = uuid.uuid4()
    first = check_in(DAY, client_uuid=same)
    again = check_in(DAY, client_uuid=same, temperature=Decimal("37.0"))
    assert again.pk == first.pk
    assert CheckIn.objects.filter(person=world.miner).count() == 1


@pytest.mark.parametrize("value", ["33.9", "43.1", "20.0"])
def test_a_temperature_outside_the_plausible_range_is_a_field_error_and_nothing_is_stored(
    world, check_in, value
):
    with pytest.raises(ValidationError) as refused:
        check_in(DAY, temperature=Decimal(value))
    assert "temperature" in refused.value.message_dict
    assert not CheckIn.objects.exists()
    assert not HealthStatus.objects.filter(person=world.miner).exists()


@pytest.mark.parametrize("value", ["34.0", "43.0"])
def test_the_ends_of_the_plausible_range_are_accepted(world, check_in, value):
    assert check_in(DAY, temperature=Decimal(value)).temperature == Decimal(value)


def test_the_pledge_is_required(world, check_in):
    with pytest.raises(ValidationError) as refused:
        check_in(DAY, pledge=False)
    assert "pledge" in refused.value.message_dict
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(("value", "colour"), [("37.2", "green"), ("37.3", "yellow"),
                                               ("37.4", "yellow")])  # fmt: skip
def test_a_temperature_at_the_fever_threshold_is_abnormal(world, check_in, value, colour):
    check_in(DAY, temperature=Decimal(value))
    assert HealthStatus.objects.get(person=world.miner).colour == colour


def test_a_symptom_turns_the_code_yellow(world, check_in):
    check_in(DAY, symptoms=["cough"])
    assert HealthStatus.objects.get(person=world.miner).colour == "yellow"


@pytest.mark.parametrize(("normal_days", "colour"), [(2, "yellow"), (3, "green"), (4, "green")])
def test_consecutive_normal_check_ins_turn_yellow_back_to_green(
    world, check_in, normal_days, colour
):
    """GIVEN an abnormal check-in (policy: 3 consecutive normal ones turn it back)
    WHEN the worker checks in normally N-1, N, N+1 days in a row
    THEN the code is yellow, green, green."""
    check_in(DAY, symptoms=["cough"])
    for offset in range(1, normal_days + 1):
        check_in(DAY + dt.timedelta(days=offset))
    assert HealthStatus.objects.get(person=world.miner).colour == colour


@pytest.mark.parametrize(("days_later", "colour"), [(1, "green"), (2, "yellow"), (3, "yellow")])
def test_a_stale_check_in_turns_the_code_yellow_after_the_policy_days(
    world, check_in, days_later, colour
):
    """Policy: 2 days without a check-in; the last one on day D is fresh on D+1, stale on D+2."""
    check_in(DAY)
    assert colour_of(world.miner, DAY + dt.timedelta(days=days_later)) == colour


def test_check_ins_at_23_59_59_and_00_00_00_are_on_two_beijing_days(world, check_in):
    late = check_in(beijing(2026, 3, 10, 23, 59, 59))
    early = check_in(beijing(2026, 3, 11, 0, 0, 0))
    assert (late.day, early.day) == (dt.date(2026, 3, 10), dt.date(2026, 3, 11))
    assert CheckIn.objects.filter(person=world.miner, is_current=True).count() == 2


def test_a_check_in_for_another_day_is_refused(world, check_in):
    with pytest.raises(ValidationError) as refused:
        check_in(DAY, day=dt.date(2026, 3, 9))
    assert "day" in refused.value.message_dict


def test_the_check_in_page_uses_the_beijing_day_under_a_frozen_clock(client, world, time_machine):
    time_machine.move_to(beijing(2026, 3, 10, 23, 59, 59), tick=False)
    client.force_login(world.users.worker)
    response = client.post(
        "/epidemic/checkin/",
        {"temperature": "36.5", "pledge": "on", "client_uuid": str(uuid.uuid4())},
    )
    assert response.status_code == 302
    assert CheckIn.objects.get(person=world.miner).day == dt.date(2026, 3, 10)


def test_travel_is_declared_with_the_check_in(world, check_in):
    from fugong.epidemic.services.health import Stop, Travel

    travel = Travel("train", "k603", [Stop(world.regions.yuanping, DAY.date(), DAY.date())])
    check_in(DAY, travelled=True, travel=travel)
    declaration = TravelDeclaration.objects.get(person=world.miner)
    assert declaration.transport_number == "K603"
    assert declaration.stops.get().region == world.regions.yuanping


def test_travel_without_a_region_is_refused(world, check_in):
    from fugong.epidemic.services.health import Travel

    with pytest.raises(ValidationError) as refused:
        check_in(DAY, travelled=True, travel=Travel("car", "", []))
    assert "stops" in refused.value.message_dict
    assert not CheckIn.objects.exists()


# --- helpers ----------------------------------------------------------------------------------


def make_leader(world):
    world.team.leader = world.miner
    world.team.save()


def test_a_team_leader_checks_in_for_a_member_of_their_team(world, check_in):
    make_leader(world)
    checkin = check_in(DAY, person=world.colleague)
    assert checkin.person == world.colleague
    assert checkin.submitted_by == world.users.worker


def test_a_team_leader_of_another_team_is_refused_and_nothing_is_stored(world, check_in):
    other_team = TeamFactory(enterprise=world.qifeng, name="掘进三队")
    stranger = PersonFactory(name="孙八", enterprise=world.qifeng, team=other_team)
    make_leader(world)
    with pytest.raises(ValidationError) as refused:
        check_in(DAY, person=stranger)
    assert "person" in refused.value.message_dict
    assert not CheckIn.objects.exists()


def test_a_worker_who_leads_no_team_may_not_check_in_for_a_colleague(world, check_in):
    with pytest.raises(ValidationError):
        check_in(DAY, person=world.colleague)


def test_a_checkpoint_operator_checks_in_for_people_of_its_enterprise_only(world, check_in):
    checkin = check_in(DAY, person=world.colleague, actor=world.users.checkpoint)
    assert checkin.submitted_by == world.users.checkpoint
    with pytest.raises(ValidationError):
        check_in(DAY, person=world.yuanping_miner, actor=world.users.checkpoint)


def test_the_health_officer_checks_in_for_the_enterprise_only(world, check_in):
    assert check_in(DAY, person=world.colleague, actor=world.users.health).pk
    with pytest.raises(ValidationError):
        check_in(DAY, person=world.independent_miner, actor=world.users.health)


def test_a_role_that_may_not_submit_is_refused(world, check_in):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        check_in(DAY, actor=world.users.manager)
