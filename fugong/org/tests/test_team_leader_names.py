"""Names of team leaders go through the person scope (DESIGN §2: departments and liaison
leaders see no people, not even names)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fugong.org.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def led(world):
    world.team.leader = world.miner
    world.team.save()
    return TeamFactory(
        enterprise=world.independent, name="独立矿采煤队", leader=world.independent_miner
    )


@pytest.mark.parametrize(
    ("persona", "team", "leader", "shown"),
    [
        ("department", "team", "miner", False),
        ("liaison", "led", "independent_miner", False),
        ("city", "team", "miner", True),
        ("county", "led", "independent_miner", True),
        ("manager", "team", "miner", True),
        ("safety", "team", "miner", True),
    ],
)
def test_a_team_leaders_name_shows_only_to_roles_that_see_the_person(
    client, world, led, persona, team, leader, shown
):
    client.force_login(getattr(world.users, persona))
    team_obj = led if team == "led" else world.team
    name = getattr(world, leader).name
    listing = client.get(reverse("org:team_list")).content.decode()
    detail = client.get(reverse("org:team_detail", args=[team_obj.pk])).content.decode()
    assert team_obj.name in listing
    assert (name in listing) is shown
    assert (name in detail) is shown
    if not shown:
        assert "—" in detail


def test_the_team_api_gives_the_leader_as_an_id_only(client, world, led):
    client.force_login(world.users.department)
    body = client.get(f"/api/org/teams/{world.team.pk}").json()
    assert body["leader_id"] == world.miner.pk
    assert world.miner.name not in str(body)


def test_roles_that_see_no_people_get_no_team_leader_column(client, world):
    client.force_login(world.users.department)
    html = client.get("/org/teams/").content.decode()
    assert "Team leader" not in html
    client.force_login(world.users.manager)
    assert "Team leader" in client.get("/org/teams/").content.decode()
