"""The API permission matrix (DESIGN §5): every role and a device × every read endpoint.

For each actor and endpoint, the list holds exactly the rows in the actor's scope, and the detail
of every object in the world answers 200 when it is in scope and 404 when it is not, exactly as
for an id that does not exist.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client

from fugong.accounts.services import device_token_create
from fugong.org.models import PlaceKind
from fugong.org.tests.factories import PlaceFactory, ShiftFactory, TeamFactory

pytestmark = pytest.mark.django_db

ALL_CITY_ENTERPRISES = {"group", "qifeng", "yuanping_mine", "independent"}
QIFENG_PLACES = {"checkpoint", "dorm", "zone"}
ALL_CITY_PLACES = QIFENG_PLACES | {"other_checkpoint"}
QIFENG_PEOPLE = {"miner", "colleague"}

# The endpoint is outside the actor's work: list and detail answer 403 (test_api_matrix.py).
FORBIDDEN = None

# actor → endpoint → the world's attribute names it may see. Everything else is out of scope.
EXPECTED: dict[str, dict[str, set[str] | None]] = {
    "city": {
        "enterprises": ALL_CITY_ENTERPRISES,
        "regions": {"xinzhou", "xinfu", "ningwu", "yuanping"},
        "places": ALL_CITY_PLACES,
        "teams": {"team", "other_team"},
        "shifts": {"night"},
        "people": QIFENG_PEOPLE | {"yuanping_miner", "independent_miner"},
    },
    "county": {
        "enterprises": {"qifeng", "independent"},
        "regions": {"ningwu"},
        "places": QIFENG_PLACES,
        "teams": {"team"},
        "shifts": {"night"},
        "people": QIFENG_PEOPLE | {"independent_miner"},
    },
    "department": {
        "enterprises": ALL_CITY_ENTERPRISES,
        "regions": {"xinzhou", "xinfu", "ningwu", "yuanping"},
        "places": ALL_CITY_PLACES,
        "teams": {"team", "other_team"},
        "shifts": {"night"},
        "people": FORBIDDEN,  # departments handle tickets, not the people directory
    },
    "liaison": {
        "enterprises": {"independent"},
        "regions": FORBIDDEN,
        "places": set(),
        "teams": set(),
        "shifts": set(),
        "people": FORBIDDEN,
    },
    "group": {
        "enterprises": {"group", "qifeng", "yuanping_mine"},
        "regions": FORBIDDEN,
        "places": ALL_CITY_PLACES,
        "teams": {"team", "other_team"},
        "shifts": {"night"},
        "people": QIFENG_PEOPLE | {"yuanping_miner"},
    },
    "checkpoint": {
        "enterprises": {"qifeng"},
        "regions": FORBIDDEN,
        "places": {"checkpoint"},
        "teams": FORBIDDEN,
        "shifts": FORBIDDEN,
        "people": QIFENG_PEOPLE,
    },
    # A worker reads their own record and nothing of the organisation.
    "worker": {
        "enterprises": FORBIDDEN,
        "regions": FORBIDDEN,
        "places": FORBIDDEN,
        "teams": FORBIDDEN,
        "shifts": FORBIDDEN,
        "people": {"miner"},
    },
}
for _one_mine in ("manager", "health", "safety"):
    EXPECTED[_one_mine] = {
        "enterprises": {"qifeng"},
        "regions": FORBIDDEN,
        "places": QIFENG_PLACES,
        "teams": {"team"},
        "shifts": {"night"},
        "people": QIFENG_PEOPLE,
    }
# The 栖凤矿门岗 terminal: its place and its enterprise; people one by one (tested below).
EXPECTED["device"] = {**EXPECTED["checkpoint"]}
# Endpoints whose list is not the actor's work although single records are (a terminal looks a
# person up; it does not page through the roster).
LIST_FORBIDDEN = {("device", "people"), ("worker", "people")}

# endpoint → (list URL, the world's objects of that kind, by attribute name)
UNIVERSE = {
    "enterprises": ("/api/org/enterprises", ["plant", *sorted(ALL_CITY_ENTERPRISES)]),
    "regions": (
        "/api/org/regions",
        ["shanxi", "xinzhou", "xinfu", "ningwu", "yuanping", "taiyuan", "jiancaoping"],
    ),
    "places": ("/api/org/places", [*sorted(ALL_CITY_PLACES), "plant_place"]),
    "teams": ("/api/org/teams", ["team", "other_team", "plant_team"]),
    "shifts": ("/api/org/shifts", ["night", "plant_shift"]),
    "people": (
        "/api/people",
        ["miner", "colleague", "yuanping_miner", "independent_miner", "plant_worker"],
    ),
}
ACTORS = sorted(EXPECTED)


@pytest.fixture
def api_world(world):
    """The shared world plus a place, team and shift at the 太原 heating plant (out of every
    忻州 scope), and a device token for the 栖凤矿门岗 checkpoint."""
    objects = {
        **vars(world.regions),
        **{k: v for k, v in vars(world).items() if k not in ("regions", "users")},
        "plant_place": PlaceFactory(enterprise=world.plant, name="锅炉房", kind=PlaceKind.OFFICE),
        "plant_team": TeamFactory(enterprise=world.plant, name="运行一值"),
        "plant_shift": ShiftFactory(enterprise=world.plant, name="大夜班"),
    }
    _, token = device_token_create(
        actor=world.users.manager,
        enterprise=world.qifeng,
        name="栖凤矿门岗测温终端",
        places=[world.checkpoint],
    )
    return SimpleNamespace(objects=objects, users=world.users, token=token)


def client_for(api_world, who: str) -> Client:
    if who == "device":
        return Client(HTTP_AUTHORIZATION=f"Bearer {api_world.token}")
    client = Client()
    client.force_login(getattr(api_world.users, who))
    return client


def ids_of(api_world, names) -> set[int]:
    return {api_world.objects[name].pk for name in names}


@pytest.mark.parametrize("who", ACTORS)
def test_it_lists_exactly_the_rows_in_scope_and_404s_the_rest(api_world, who):
    """One test per actor (the world is built once for all its endpoints); every mismatch is
    collected so a failure shows the whole row of the matrix."""
    client = client_for(api_world, who)
    wrong: list[tuple] = []
    for endpoint, (url, universe) in sorted(UNIVERSE.items()):
        visible = EXPECTED[who][endpoint]
        if visible is FORBIDDEN:
            statuses = {client.get(url).status_code}
            statuses |= {
                client.get(f"{url}/{api_world.objects[n].pk}").status_code for n in universe
            }
            if statuses != {403}:
                wrong.append((endpoint, "forbidden", sorted(statuses)))
            continue
        missing = client.get(f"{url}/987654321").json()
        response = client.get(url, {"page_size": 100})
        body = response.json()
        if (who, endpoint) in LIST_FORBIDDEN:
            if response.status_code != 403:
                wrong.append((endpoint, "list", response.status_code))
            body = {"items": [{"id": i} for i in ids_of(api_world, visible)], "count": len(visible)}
            response.status_code = 200
        listed = {row["id"] for row in body.get("items", [])}
        if response.status_code != 200 or listed != ids_of(api_world, visible):
            wrong.append((endpoint, "list", response.status_code, sorted(listed)))
        elif body["count"] != len(visible):
            wrong.append((endpoint, "count", body["count"], len(visible)))
        for name in universe:
            pk = api_world.objects[name].pk
            detail = client.get(f"{url}/{pk}")
            if name in visible:
                ok = detail.status_code == 200 and detail.json()["id"] == pk
            else:
                # Out of scope answers exactly like an id that does not exist.
                ok = detail.status_code == 404 and detail.json() == missing
            if not ok:
                wrong.append((endpoint, name, detail.status_code))
    assert not wrong, wrong


def test_every_object_of_the_world_is_in_the_universe(api_world):
    """Guard for the matrix itself: a new object in the world fixture must be classified."""
    from fugong.org.models import Enterprise, Place, Region, Shift, Team
    from fugong.people.models import Person

    counts = {
        "enterprises": Enterprise.objects.count(),
        "regions": Region.objects.count(),
        "places": Place.objects.count(),
        "teams": Team.objects.count(),
        "shifts": Shift.objects.count(),
        "people": Person.objects.count(),
    }
    assert counts == {endpoint: len(names) for endpoint, (_, names) in UNIVERSE.items()}
