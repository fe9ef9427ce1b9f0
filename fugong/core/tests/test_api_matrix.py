"""The API half of the permission matrix, generated from the OpenAPI schema: every operation ×
every role and a device. A role outside the operation's work gets 403 (exactly as the page);
the rows each role may see are checked per object in test_api_permissions.py.

An operation without a row here fails ``test_every_operation_has_a_row``. The role sets are
written out from DESIGN §2, not imported from the code under test.
"""

from __future__ import annotations

import pytest
from django.test import Client

from fugong.accounts.services import device_token_create
from fugong.api import api
from fugong.core.tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

ACTORS = (*PERSONAS, "device")
EVERYONE = frozenset(ACTORS)
ORG = EVERYONE - {"worker", "device"}
REGIONAL = frozenset({"city", "county", "department"})
PEOPLE = frozenset({"city", "county", "group", "manager", "health", "safety", "checkpoint"})
PEOPLE_EDITORS = frozenset({"group", "manager", "health"})

# "METHOD /path" → the actors that may call it. The checkpoint (operator and terminal) reads its
# enterprise, its places and the people it identifies; teams and shifts are not its work.
OPERATIONS: dict[str, frozenset[str]] = {
    "GET /api/org/regions": REGIONAL,
    "GET /api/org/regions/{region_id}": REGIONAL,
    "GET /api/org/enterprises": ORG | {"device"},
    "GET /api/org/enterprises/{enterprise_id}": ORG | {"device"},
    "GET /api/org/places": ORG | {"device"},
    "GET /api/org/places/{place_id}": ORG | {"device"},
    "GET /api/org/teams": ORG - {"checkpoint"},
    "GET /api/org/teams/{team_id}": ORG - {"checkpoint"},
    "GET /api/org/shifts": ORG - {"checkpoint"},
    "GET /api/org/shifts/{shift_id}": ORG - {"checkpoint"},
    "GET /api/people": PEOPLE,
    "GET /api/people/{person_id}": PEOPLE | {"worker", "device"},
    "POST /api/people": PEOPLE_EDITORS,
    "PATCH /api/people/{person_id}": PEOPLE_EDITORS,
    "GET /api/accounts/me": EVERYONE,
    # --- epidemic: tracing (presence writers: health officer, manager, terminals) ---
    "POST /api/epidemic/presence/positioning-events": frozenset({"health", "manager", "device"}),
    "POST /api/epidemic/presence/intervals": frozenset({"health", "manager", "device"}),
    "POST /api/epidemic/presence/rosters": frozenset({"health", "manager", "device"}),
    "POST /api/epidemic/presence/dormitory-nights": frozenset({"health", "manager", "device"}),
    "POST /api/epidemic/presence/positioning-cards": frozenset({"health", "manager", "device"}),
}


def schema_operations() -> set[str]:
    schema = api.get_openapi_schema()
    return {
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }


def test_every_operation_has_a_row():
    operations = schema_operations()
    assert not sorted(operations - set(OPERATIONS)), "API operations without a matrix row"
    assert not sorted(set(OPERATIONS) - operations), "rows for operations that no longer exist"


@pytest.fixture
def clients(world):
    _, token = device_token_create(
        actor=world.users.manager,
        enterprise=world.qifeng,
        name="门岗终端",
        places=[world.checkpoint],
    )
    made = {"device": Client(HTTP_AUTHORIZATION=f"Bearer {token}")}
    for name in ACTORS[:-1]:
        made[name] = Client()
        made[name].force_login(getattr(world.users, name))
    return made


def call(client: Client, operation: str, world) -> int:
    method, path = operation.split(" ", 1)
    # An id in scope of most actors; whether it is in *this* actor's scope does not matter here:
    # a forbidden role must be refused before the object is looked up.
    ids = {
        "{region_id}": world.regions.ningwu.pk,
        "{enterprise_id}": world.qifeng.pk,
        "{place_id}": world.checkpoint.pk,
        "{team_id}": world.team.pk,
        "{shift_id}": world.night.pk,
        "{person_id}": world.miner.pk,
    }
    for placeholder, pk in ids.items():
        path = path.replace(placeholder, str(pk))
    if method == "GET":
        return client.get(path).status_code
    # An empty body: an allowed role gets 422 (the body is wrong), a forbidden one 403 first.
    return getattr(client, method.lower())(path, "{}", content_type="application/json").status_code


@pytest.mark.parametrize("who", ACTORS)
def test_every_operation_refuses_the_roles_outside_its_work(clients, world, who):
    wrong = []
    for operation, allowed in OPERATIONS.items():
        status = call(clients[who], operation, world)
        if who in allowed and status in (401, 403):
            wrong.append(f"{operation}: {status}, expected access")
        if who not in allowed and status != 403:
            wrong.append(f"{operation}: {status}, expected 403")
    assert not wrong, wrong


def test_without_credentials_every_operation_answers_401(world):
    anonymous = Client()
    for operation in OPERATIONS:
        assert call(anonymous, operation, world) == 401, operation
