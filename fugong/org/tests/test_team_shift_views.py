"""Teams and shifts: scope per role, editors only, and night shifts across midnight."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fugong.org.models import Shift, ShiftKind, Team
from fugong.org.tests.factories import ShiftFactory, TeamFactory
from fugong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


TEAMS = reverse("org:team_list")
SHIFTS = reverse("org:shift_list")
LIST_QUERY_BUDGET = 10
UTC = dt.UTC


def listed(client, user, url, **params) -> set[str]:
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200
    return {row.name for row in response.context["page"].object_list}


def shift_data(world, **overrides) -> dict:
    data = {
        "enterprise": world.qifeng.pk,
        "name": "早班",
        "kind": ShiftKind.MORNING,
        "start_time": "06:00",
        "end_time": "14:00",
    }
    data.update(overrides)
    return data


# --- teams --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("city", {"综采一队", "掘进二队"}),
        ("department", {"综采一队", "掘进二队"}),
        ("county", {"综采一队"}),
        ("group", {"综采一队", "掘进二队"}),
        ("manager", {"综采一队"}),
        ("health", {"综采一队"}),
        ("liaison", set()),
    ],
)
def test_it_lists_exactly_the_teams_in_each_roles_scope(client, world, persona, expected):
    assert listed(client, getattr(world.users, persona), TEAMS) == expected


@pytest.mark.parametrize("persona", ["checkpoint", "worker"])
def test_teams_and_shifts_are_not_for_checkpoints_or_workers(client, world, persona):
    client.force_login(getattr(world.users, persona))
    assert client.get(TEAMS).status_code == 403
    assert client.get(SHIFTS).status_code == 403
    assert client.get(reverse("org:shift_detail", args=[world.night.pk])).status_code == 403


def test_it_searches_and_filters_teams(client, world):
    city = world.users.city
    assert listed(client, city, TEAMS, q="掘进") == {"掘进二队"}
    assert listed(client, city, TEAMS, enterprise=world.qifeng.pk) == {"综采一队"}


def test_the_team_list_answers_htmx_with_the_partial_and_a_fixed_query_count(
    client, world, django_assert_max_num_queries
):
    for n in range(30):
        leader = PersonFactory(enterprise=world.qifeng)
        TeamFactory(enterprise=world.qifeng, name=f"机电{n}队", leader=leader)
    client.force_login(world.users.group)
    with django_assert_max_num_queries(LIST_QUERY_BUDGET):
        response = client.get(TEAMS, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    assert len(response.context["page"].object_list) == 25


def test_a_team_outside_the_scope_is_404(client, world):
    client.force_login(world.users.manager)
    url = reverse("org:team_detail", args=[world.other_team.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("org:team_edit", args=[world.other_team.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["city", "county", "health", "safety", "liaison"])
def test_non_editors_get_403_on_team_create_and_edit(client, world, persona):
    client.force_login(getattr(world.users, persona))
    assert client.get(reverse("org:team_create")).status_code == 403
    assert client.get(reverse("org:team_edit", args=[world.team.pk])).status_code == 403


def test_a_manager_creates_a_team_led_by_one_of_its_people(client, world):
    client.force_login(world.users.manager)
    data = {"enterprise": world.qifeng.pk, "name": "通风队", "leader": world.colleague.pk}
    assert client.post(reverse("org:team_create"), data).status_code == 302
    assert Team.objects.get(name="通风队").leader == world.colleague


def test_a_team_leader_from_another_enterprise_is_refused(client, world):
    client.force_login(world.users.group)
    data = {"enterprise": world.qifeng.pk, "name": "通风队", "leader": world.yuanping_miner.pk}
    response = client.post(reverse("org:team_create"), data)
    assert "leader" in response.context["form"].errors
    assert not Team.objects.filter(name="通风队").exists()


def test_the_leader_choices_of_an_existing_team_are_its_enterprises_people(client, world):
    client.force_login(world.users.group)
    form = client.get(reverse("org:team_edit", args=[world.team.pk])).context["form"]
    assert {p.name for p in form.fields["leader"].queryset} == {"张三", "李四"}


# --- shifts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("county", {"夜班"}), ("manager", {"夜班"}), ("liaison", set()), ("city", {"夜班"})],
)
def test_it_lists_exactly_the_shifts_in_each_roles_scope(client, world, persona, expected):
    assert listed(client, getattr(world.users, persona), SHIFTS) == expected


def test_the_shift_list_stays_within_its_query_budget_with_30_rows(
    client, world, django_assert_max_num_queries
):
    for n in range(30):
        ShiftFactory(enterprise=world.yuanping_mine, name=f"班{n}")
    client.force_login(world.users.city)
    with django_assert_max_num_queries(LIST_QUERY_BUDGET):
        response = client.get(SHIFTS, {"enterprise": world.yuanping_mine.pk})
    assert response.context["page"].paginator.count == 30


def test_the_shift_page_says_when_a_shift_crosses_midnight(client, world):
    client.force_login(world.users.safety)
    body = client.get(reverse("org:shift_detail", args=[world.night.pk])).content.decode()
    assert "22:00" in body and "06:00" in body
    assert 'data-testid="crosses-midnight"' in body
    assert "8 h 0 min" in body
    morning = ShiftFactory.create(
        enterprise=world.qifeng, name="早班", start_time=dt.time(6), end_time=dt.time(14)
    )
    body = client.get(reverse("org:shift_detail", args=[morning.pk])).content.decode()
    assert 'data-testid="crosses-midnight"' not in body


def test_a_night_shift_from_22_to_6_is_accepted(client, world):
    client.force_login(world.users.manager)
    data = shift_data(
        world, name="二夜班", kind=ShiftKind.NIGHT, start_time="22:00", end_time="06:00"
    )
    assert client.post(reverse("org:shift_create"), data).status_code == 302
    assert Shift.objects.get(name="二夜班").crosses_midnight


def test_a_shift_that_starts_when_it_ends_is_refused(client, world):
    client.force_login(world.users.manager)
    data = shift_data(world, start_time="08:00", end_time="08:00")
    response = client.post(reverse("org:shift_create"), data)
    assert "end_time" in response.context["form"].errors
    assert "Ends at" in response.content.decode()
    assert not Shift.objects.filter(name="早班").exists()


@pytest.mark.parametrize(
    ("end", "crosses", "minutes"),
    [("07:59", True, 24 * 60 - 1), ("08:01", False, 1), ("16:00", False, 8 * 60)],
)
def test_a_shift_ending_just_before_or_after_its_start(client, world, end, crosses, minutes):
    client.force_login(world.users.manager)
    data = shift_data(world, start_time="08:00", end_time=end)
    assert client.post(reverse("org:shift_create"), data).status_code == 302
    shift = Shift.objects.get(name="早班")
    assert shift.crosses_midnight is crosses
    assert shift.duration == dt.timedelta(minutes=minutes)


def test_a_night_shift_occurrence_runs_into_the_next_shanghai_day():
    """GIVEN a 22:00-06:00 shift WHEN it starts on 1 March (Beijing time)
    THEN it ends at 06:00 on 2 March local, which is still 1 March in UTC."""
    night = Shift(name="夜班", kind=ShiftKind.NIGHT, start_time=dt.time(22), end_time=dt.time(6))
    start, end = night.occurrence(dt.date(2026, 3, 1))
    assert start.astimezone(UTC) == dt.datetime(2026, 3, 1, 14, tzinfo=UTC)
    assert end.astimezone(UTC) == dt.datetime(2026, 3, 1, 22, tzinfo=UTC)
    assert end.date() == dt.date(2026, 3, 2)
    assert end - start == dt.timedelta(hours=8)


def test_a_shift_starting_at_local_midnight_starts_the_previous_day_in_utc():
    early = Shift(name="零点班", kind=ShiftKind.NIGHT, start_time=dt.time(0), end_time=dt.time(8))
    start, end = early.occurrence(dt.date(2026, 3, 2))
    assert start.astimezone(UTC) == dt.datetime(2026, 3, 1, 16, tzinfo=UTC)
    assert not early.crosses_midnight and end.date() == dt.date(2026, 3, 2)


def test_editing_a_shift_keeps_its_enterprise(client, world):
    client.force_login(world.users.group)
    url = reverse("org:shift_edit", args=[world.night.pk])
    data = shift_data(
        world,
        name="夜班",
        kind=ShiftKind.NIGHT,
        start_time="23:00",
        end_time="07:00",
        enterprise=world.yuanping_mine.pk,
    )
    assert client.post(url, data).status_code == 302
    world.night.refresh_from_db()
    assert world.night.start_time == dt.time(23) and world.night.enterprise == world.qifeng
