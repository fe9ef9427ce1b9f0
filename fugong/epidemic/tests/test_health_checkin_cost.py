"""What one check-in submission through the API costs (DESIGN §5 P2): the person read by its
key with three columns, the check-in stored by one INSERT that stores what the ORM would, and
nothing read twice; the rules of §3.3 unchanged (see test_health_api, test_health_checkin)."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fugong.epidemic.models import CheckIn
from fugong.epidemic.selectors.health import checkin_person

pytestmark = pytest.mark.django_db


def submit(client, **fields):
    body = {"temperature": "36.5", "pledge": True, "client_uuid": str(uuid.uuid4()), **fields}
    return client.post("/api/epidemic/checkins", json.dumps(body), "application/json")


def statements(queries) -> list[str]:
    skipped = ("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT")
    return [q["sql"] for q in queries if not q["sql"].startswith(skipped)]


def test_a_normal_check_in_of_a_green_worker_takes_six_statements(client, world):
    """Session, user, person, the replacing UPDATE, the INSERT, the stored status."""
    client.force_login(world.users.worker)
    assert submit(client).status_code == 201
    with CaptureQueriesContext(connection) as queries:
        response = submit(client)
    assert response.status_code == 201, response.content
    sql = statements(queries)
    assert len(sql) == 6, sql
    assert [s.split()[0] for s in sql] == ["SELECT", "SELECT", "SELECT", "UPDATE", "INSERT",
                                           "SELECT"]  # fmt: skip


def test_the_person_is_read_by_key_with_only_id_name_and_status(client, world):
    client.force_login(world.users.worker)
    submit(client)
    with CaptureQueriesContext(connection) as queries:
        submit(client)
    person_reads = [s for s in statements(queries) if "people_person" in s]
    assert len(person_reads) == 1
    assert "ORDER BY" not in person_reads[0]
    assert "JOIN" not in person_reads[0]


def test_the_check_in_person_has_its_name_and_status_and_loads_other_fields_on_use(world):
    person = checkin_person(world.miner.pk)
    assert person is not None
    assert (person.pk, person.name, person.status) == (
        world.miner.pk,
        world.miner.name,
        world.miner.status,
    )
    assert person.id_number == world.miner.id_number  # deferred: read when asked


@pytest.mark.parametrize("key", [0, -1, 10**9, 2**63, 10**30])
def test_no_person_by_an_unknown_or_out_of_range_key(world, key):
    assert checkin_person(key) is None


def test_an_out_of_range_person_is_a_422_naming_the_person_not_a_500(client, world):
    client.force_login(world.users.worker)
    response = submit(client, person=10**30)
    assert response.status_code == 422, response.content
    assert "body.person" in [e["field"] for e in response.json()["detail"]]
    assert not CheckIn.objects.exists()


def test_the_stored_check_in_is_what_was_submitted(client, world):
    client.force_login(world.users.worker)
    sent = str(uuid.uuid4())
    answer = submit(client, client_uuid=sent, temperature="37.1", symptoms=["cough"],
                    location="  Shaft 3 ")  # fmt: skip
    assert answer.status_code == 201, answer.content
    stored = CheckIn.objects.get(pk=answer.json()["id"])
    assert stored.client_uuid == uuid.UUID(sent)
    assert stored.temperature == Decimal("37.1")
    assert stored.symptoms == ["cough"]
    assert stored.location == "Shaft 3"
    assert stored.person_id == world.miner.pk
    assert stored.submitted_by_id == world.users.worker.pk
    assert stored.is_current and stored.pledge and not stored.travelled
    assert stored.submitted_at <= stored.received_at  # auto_now_add set by the INSERT


def test_a_second_check_in_the_same_day_keeps_the_first_as_history(client, world):
    client.force_login(world.users.worker)
    first = submit(client).json()["id"]
    second = submit(client, temperature="36.8").json()["id"]
    assert second != first
    current = CheckIn.objects.filter(person=world.miner, is_current=True)
    assert list(current.values_list("pk", flat=True)) == [second]
    assert CheckIn.objects.filter(pk=first, is_current=False).exists()
