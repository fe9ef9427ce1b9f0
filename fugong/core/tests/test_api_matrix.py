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
from fugong.resumption.tests.world import add_resumption_objects

pytestmark = pytest.mark.django_db

ACTORS = (*PERSONAS, "device")
EVERYONE = frozenset(ACTORS)
ORG = EVERYONE - {"worker", "device"}
REGIONAL = frozenset({"city", "county", "department"})
PEOPLE = frozenset({"city", "county", "group", "manager", "health", "safety", "checkpoint"})
PEOPLE_EDITORS = frozenset({"group", "manager", "health"})
# Epidemic (DESIGN §2): person-level health records, who may not work today, counts.
HEALTH_READ = frozenset({"health", "city", "county", "worker"})
HEALTH_OFFICIALS = frozenset({"health", "city", "county"})
HEALTH_EDIT = frozenset({"health"})
PROHIBITION = frozenset({"manager", "group", "safety", "health", "city", "county"})
COUNTS = frozenset({"city", "county", "department", "liaison", "group", "manager", "health",
                    "safety"})  # fmt: skip
APPLICATIONS = frozenset({"city", "county", "department", "liaison", "group", "manager"})
FILERS = frozenset({"group", "manager"})
REVIEWERS = frozenset({"county", "department"})
REPORT_READERS = frozenset(
    {"city", "county", "department", "liaison", "group", "manager", "health", "safety"}
)

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
    # --- epidemic: observation area ---
    "GET /api/epidemic/cases": HEALTH_READ,
    "POST /api/epidemic/cases": HEALTH_EDIT,
    "PATCH /api/epidemic/cases/{case_id}": HEALTH_EDIT,
    # Tracing and clusters: health officials read; the health officer decides a signal.
    "GET /api/epidemic/cases/{case_id}/trace": HEALTH_OFFICIALS,
    "GET /api/epidemic/clusters": HEALTH_OFFICIALS,
    "POST /api/epidemic/clusters/{cluster_id}/decision": HEALTH_EDIT,
    "GET /api/epidemic/observations": HEALTH_READ,
    "POST /api/epidemic/observations": HEALTH_EDIT,
    "POST /api/epidemic/observations/{observation_id}/follow-ups": HEALTH_EDIT,
    "POST /api/epidemic/observations/{observation_id}/release": HEALTH_EDIT,
    "GET /api/epidemic/prohibitions": PROHIBITION,
    "GET /api/epidemic/alerts": HEALTH_OFFICIALS,
    "POST /api/epidemic/alerts/{alert_id}/acknowledge": HEALTH_OFFICIALS,
    "GET /api/epidemic/command": COUNTS,
    "GET /api/resumption/applications": APPLICATIONS,
    "GET /api/resumption/applications/{application_id}": APPLICATIONS,
    "POST /api/resumption/applications": FILERS,
    "PATCH /api/resumption/applications/{application_id}": FILERS,
    "POST /api/resumption/applications/{application_id}/submit": FILERS,
    "POST /api/resumption/applications/{application_id}/decision": REVIEWERS,
    "GET /api/resumption/mines/{enterprise_id}/acceptances": APPLICATIONS | {"safety"},
    "POST /api/resumption/mines/{enterprise_id}/acceptances": FILERS | {"safety"},
    "POST /api/resumption/acceptances/{acceptance_id}/self-accept": frozenset({"manager"}),
    "POST /api/resumption/acceptances/{acceptance_id}/accept": REVIEWERS,
    "GET /api/resumption/enterprises/{enterprise_id}/due": APPLICATIONS,
    "PUT /api/resumption/enterprises/{enterprise_id}/due": frozenset({"city", "county"}),
    # Oversight (DESIGN §3.5); a device has no part in it.
    "GET /api/oversight/pairings": frozenset({"city", "county", "liaison"}),
    "POST /api/oversight/pairings": frozenset({"city"}),
    "POST /api/oversight/pairings/{pairing_id}/end": frozenset({"city"}),
    "GET /api/oversight/projects": frozenset({"city", "county", "department", "liaison"}),
    "GET /api/oversight/visits": frozenset({"city", "county", "liaison", "group", "manager"}),
    "POST /api/oversight/visits": frozenset({"city", "liaison"}),
    "GET /api/oversight/tickets": frozenset(
        {"city", "county", "department", "liaison", "group", "manager"}
    ),
    "GET /api/oversight/tickets/{ticket_id}": frozenset(
        {"city", "county", "department", "liaison", "group", "manager"}
    ),
    "POST /api/oversight/tickets": frozenset({"liaison", "group", "manager"}),
    "POST /api/oversight/tickets/{ticket_id}/transitions": frozenset(
        {"city", "county", "department", "liaison", "group", "manager"}
    ),
    "GET /api/oversight/rates": REGIONAL,
    "GET /api/oversight/measures": frozenset({"city", "county", "liaison", "group", "manager"}),
    "POST /api/oversight/measures": frozenset({"city", "county", "liaison"}),
    "PATCH /api/oversight/measures/{measure_id}": frozenset({"city", "county", "liaison"}),
    # epidemic — health: person-level health records (DESIGN §2); helpers submit check-ins.
    "POST /api/epidemic/checkins": frozenset({"worker", "checkpoint", "device", "health"}),
    "GET /api/epidemic/checkins": frozenset({"city", "county", "health", "worker"}),
    "GET /api/epidemic/travel": frozenset({"city", "county", "health", "worker"}),
    "GET /api/epidemic/status/{person_id}": frozenset({"city", "county", "health", "worker"}),
    "POST /api/epidemic/status/{person_id}/override": frozenset({"health"}),
    "GET /api/epidemic/appeals": frozenset({"city", "county", "health", "worker"}),
    "POST /api/epidemic/appeals": frozenset({"worker"}),
    "POST /api/epidemic/appeals/{appeal_id}/decide": frozenset({"health"}),
    # Epidemic, checkpoint: operators, terminals and the health officer record readings and
    # ask the entry decision of a scanned code (colour and reason code only).
    "POST /api/epidemic/screenings": frozenset({"checkpoint", "device", "health"}),
    "GET /api/epidemic/screenings/entry": frozenset({"checkpoint", "device", "health"}),
    # Daily reports: every role over enterprises reads them and the metrics (DESIGN §2); the
    # enterprise files its own, a group its members' and confirms them.
    "GET /api/reports": REPORT_READERS,
    "POST /api/reports": frozenset({"group", "manager"}),
    "POST /api/reports/batch": frozenset({"group", "manager"}),
    "POST /api/reports/{report_id}/confirm": frozenset({"group"}),
    "GET /api/reports/metrics": REPORT_READERS,
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
    add_resumption_objects(world)
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
        # Epidemic records the world does not have: a permitted role gets 404, others 403.
        "{case_id}": world.miner.pk,
        "{cluster_id}": world.miner.pk,
        "{observation_id}": world.miner.pk,
        "{alert_id}": world.miner.pk,
        "{application_id}": world.application.pk,
        "{acceptance_id}": world.acceptance.pk,
        # Oversight objects: ids that do not exist; an allowed role gets 404 or 422.
        "{pairing_id}": 999_999,
        "{ticket_id}": 999_999,
        "{measure_id}": 999_999,
        # No appeal in the world: an allowed role gets 404 or 422, a forbidden one 403 first.
        "{appeal_id}": world.miner.pk,
        "{report_id}": 0,
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
    add_resumption_objects(world)
    anonymous = Client()
    for operation in OPERATIONS:
        assert call(anonymous, operation, world) == 401, operation
