"""The permission matrix of the pages (DESIGN §5): every role × every page × an object inside
and one outside its scope.

The expectations are written out here from DESIGN §2, not computed with the scoped queryset,
so a view that forgets the scope, or a scope rule that drifts, fails this test.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from fugong.core.navigation import ORG_READERS, PEOPLE_READERS
from fugong.core.roles import (
    DEVICE_ADMIN_ROLES,
    ORG_EDITOR_ROLES,
    PEOPLE_EDITOR_ROLES,
    Role,
)

pytestmark = pytest.mark.django_db

PERSONAS = {
    Role.CITY_COMMAND: "city",
    Role.COUNTY_OFFICER: "county",
    Role.DEPARTMENT_OFFICER: "department",
    Role.LIAISON_LEADER: "liaison",
    Role.GROUP_ADMIN: "group",
    Role.ENTERPRISE_MANAGER: "manager",
    Role.HEALTH_OFFICER: "health",
    Role.SAFETY_OFFICER: "safety",
    Role.CHECKPOINT_OPERATOR: "checkpoint",
    Role.WORKER: "worker",
}

# Which enterprises of the `world` fixture each role may see (DESIGN §2).
ENTERPRISES: dict[str, set[str]] = {
    Role.CITY_COMMAND: {"group", "qifeng", "yuanping_mine", "independent"},
    Role.COUNTY_OFFICER: {"qifeng", "independent"},
    Role.DEPARTMENT_OFFICER: {"group", "qifeng", "yuanping_mine", "independent"},
    Role.LIAISON_LEADER: {"independent"},
    Role.GROUP_ADMIN: {"group", "qifeng", "yuanping_mine"},
    Role.ENTERPRISE_MANAGER: {"qifeng"},
    Role.HEALTH_OFFICER: {"qifeng"},
    Role.SAFETY_OFFICER: {"qifeng"},
    Role.CHECKPOINT_OPERATOR: {"qifeng"},
    Role.WORKER: set(),
}
NO_PEOPLE = {Role.DEPARTMENT_OFFICER, Role.LIAISON_LEADER}
TEAM_SHIFT_READERS = ORG_READERS - {Role.CHECKPOINT_OPERATOR}
ENTERPRISE_CREATORS = {Role.GROUP_ADMIN}
REGIONAL = {Role.CITY_COMMAND, Role.COUNTY_OFFICER, Role.DEPARTMENT_OFFICER}
FINDING_READERS = PEOPLE_EDITOR_ROLES | {Role.CITY_COMMAND, Role.COUNTY_OFFICER}

# url name → roles that may open it (403 for the others).
LIST_PAGES = {
    "home": set(PERSONAS),
    "org:enterprise_list": ORG_READERS,
    "org:place_list": ORG_READERS,
    "org:team_list": TEAM_SHIFT_READERS,
    "org:shift_list": TEAM_SHIFT_READERS,
    "org:region_list": REGIONAL,
    "org:enterprise_create": ENTERPRISE_CREATORS,
    "org:place_create": ORG_EDITOR_ROLES,
    "org:team_create": ORG_EDITOR_ROLES,
    "org:shift_create": ORG_EDITOR_ROLES,
    "people:person_list": PEOPLE_READERS,
    "people:person_create": PEOPLE_EDITOR_ROLES,
    "people:person_export": PEOPLE_READERS,
    "people:roster_import": PEOPLE_EDITOR_ROLES,
    "people:roster_template": PEOPLE_EDITOR_ROLES,
    "people:finding_list": FINDING_READERS,
    "accounts:device_list": DEVICE_ADMIN_ROLES,
    "accounts:device_create": DEVICE_ADMIN_ROLES,
    "audit:pii_access_list": {Role.CITY_COMMAND},
    "audit:change_list": {Role.CITY_COMMAND},
}

# url name → (world attribute of the object, roles that may open the page at all, kind).
OBJECT_PAGES = {
    "org:enterprise_detail": (
        ["qifeng", "independent", "group", "plant"],
        ORG_READERS,
        "enterprise",
    ),
    "org:enterprise_edit": (
        ["qifeng", "independent", "plant"],
        ORG_EDITOR_ROLES | {Role.CITY_COMMAND, Role.COUNTY_OFFICER},
        "enterprise",
    ),
    "org:place_detail": (["checkpoint", "zone", "other_checkpoint"], ORG_READERS, "place"),
    "org:place_edit": (["zone", "other_checkpoint"], ORG_EDITOR_ROLES, "place"),
    "org:team_detail": (["team", "other_team"], TEAM_SHIFT_READERS, "team"),
    "org:team_edit": (["team", "other_team"], ORG_EDITOR_ROLES, "team"),
    "org:shift_detail": (["night"], TEAM_SHIFT_READERS, "shift"),
    "org:shift_edit": (["night"], ORG_EDITOR_ROLES, "shift"),
    "people:person_detail": (
        ["miner", "yuanping_miner", "independent_miner", "plant_worker"],
        PEOPLE_READERS,
        "person",
    ),
    "people:person_edit": (
        ["miner", "yuanping_miner", "plant_worker"],
        PEOPLE_EDITOR_ROLES,
        "person",
    ),
}


def enterprise_attr(world, obj) -> str:
    for name in ("group", "qifeng", "yuanping_mine", "independent", "plant"):
        if getattr(world, name).pk == obj.enterprise_id:
            return name
    raise AssertionError(obj)


def in_scope(world, role: str, kind: str, attr: str) -> bool:
    obj = getattr(world, attr)
    if kind == "enterprise":
        return attr in ENTERPRISES[role]
    if kind == "place" and role == Role.CHECKPOINT_OPERATOR:
        return attr == "checkpoint"  # an operator sees only the checkpoints assigned to them
    if kind == "person":
        if role == Role.WORKER:
            return attr == "miner"
        if role in NO_PEOPLE:
            return False
    return enterprise_attr(world, obj) in ENTERPRISES[role]


@pytest.mark.parametrize("role", list(PERSONAS))
def test_list_pages_open_for_their_roles_and_are_forbidden_to_the_rest(client, world, role):
    client.force_login(getattr(world.users, PERSONAS[role]))
    failures = []
    for url_name, allowed in LIST_PAGES.items():
        expected = 200 if role in allowed else 403
        status = client.get(reverse(url_name)).status_code
        if status != expected:
            failures.append(f"{url_name}: {status}, expected {expected}")
    assert not failures, failures


@pytest.mark.parametrize("role", list(PERSONAS))
def test_object_pages_answer_404_outside_the_scope(client, world, role):
    client.force_login(getattr(world.users, PERSONAS[role]))
    failures = []
    for url_name, (attrs, allowed, kind) in OBJECT_PAGES.items():
        for attr in attrs:
            if role not in allowed:
                expected = 403
            else:
                expected = 200 if in_scope(world, role, kind, attr) else 404
            url = reverse(url_name, args=[getattr(world, attr).pk])
            status = client.get(url).status_code
            if status != expected:
                failures.append(f"{url_name}({attr}): {status}, expected {expected}")
    assert not failures, failures


@pytest.mark.parametrize("role", list(PERSONAS))
def test_reveal_is_for_pii_roles_and_only_inside_the_scope(client, world, role):
    client.force_login(getattr(world.users, PERSONAS[role]))
    for attr in ("miner", "yuanping_miner"):
        status = client.post(
            reverse("people:person_reveal", args=[getattr(world, attr).pk])
        ).status_code
        if role not in PEOPLE_READERS:
            assert status in (403, 404)
        elif role in (Role.ENTERPRISE_MANAGER, Role.HEALTH_OFFICER):
            assert status == (200 if in_scope(world, role, "person", attr) else 404), attr
        else:
            assert status in (403, 404), attr


def test_my_record_is_the_workers_own_and_404_for_others(client, world):
    client.force_login(world.users.worker)
    assert client.get(reverse("people:me")).status_code == 200
    client.force_login(world.users.city)
    assert client.get(reverse("people:me")).status_code == 404


def test_anonymous_visitors_are_sent_to_login_from_every_page(client, world):
    for url_name in LIST_PAGES:
        response = client.get(reverse(url_name))
        assert response.status_code == 302, url_name
        assert response["Location"].startswith(reverse("login")), url_name
