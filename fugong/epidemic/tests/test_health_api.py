"""The health API: check-in submission (session), lists in scope, status with conditions,
the manual status and appeals — field errors are 4xx naming the field, never 500."""

from __future__ import annotations

import json
import uuid

import pytest
from django.utils import timezone
from ninja.responses import NinjaJSONEncoder

from fugong.epidemic.api.health import SubmittedOut
from fugong.epidemic.models import Appeal, CheckIn, RiskArea, RiskLevel

pytestmark = pytest.mark.django_db


def post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def body(**fields):
    return {"temperature": "36.6", "pledge": True, "client_uuid": str(uuid.uuid4()), **fields}


def test_the_worker_submits_a_check_in_and_gets_the_colour(client, world):
    client.force_login(world.users.worker)
    response = post(client, "/api/epidemic/checkins", body())
    assert response.status_code == 201, response.content
    assert response.json()["colour"] == "green"
    assert response.json()["person_id"] == world.miner.pk


def test_a_resent_submission_is_stored_once(client, world):
    client.force_login(world.users.worker)
    sent = body()
    first = post(client, "/api/epidemic/checkins", sent)
    again = post(client, "/api/epidemic/checkins", sent)
    assert first.json()["id"] == again.json()["id"]
    assert CheckIn.objects.count() == 1


def test_the_answer_is_the_documented_schema_of_what_was_stored(client, world):
    """The handler writes the answer itself (DESIGN §5 P2): it must be exactly what ninja would
    render from SubmittedOut, for a new submission and for a resent one."""
    client.force_login(world.users.worker)
    sent = body(temperature="37.0", symptoms=["cough", "fatigue"], location=" 井口 ")
    first = post(client, "/api/epidemic/checkins", sent)
    again = post(client, "/api/epidemic/checkins", sent)
    stored = CheckIn.objects.select_related("person").get()
    stored.colour = again.json()["colour"]  # type: ignore[attr-defined]
    rendered = json.dumps(SubmittedOut.from_orm(stored).model_dump(), cls=NinjaJSONEncoder)
    assert first.json() == json.loads(rendered) == again.json()
    assert list(first.json()) == list(SubmittedOut.model_fields)
    assert first.json()["location"] == "井口"
    assert first.json()["symptoms"] == ["cough", "fatigue"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"temperature": "43.1"}, "body.temperature"),
        ({"pledge": False}, "body.pledge"),
        ({"symptoms": ["hiccups"]}, "body.symptoms.0"),
        ({"person": 10**9}, "body.person"),
        ({"location_region": 10**9}, "body.location_region"),
        ({"travelled": True}, "body.stops"),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_stores_nothing(client, world, fields, field):
    client.force_login(world.users.worker)
    response = post(client, "/api/epidemic/checkins", body(**fields))
    assert response.status_code == 422, response.content
    assert field in [e["field"] for e in response.json()["detail"]]
    assert not CheckIn.objects.exists()


def test_a_helper_submits_with_travel_to_a_high_risk_area_and_the_code_is_red(client, world):
    RiskArea.objects.create(
        region=world.regions.jiancaoping, level=RiskLevel.HIGH, valid_from="2020-01-01"
    )
    client.force_login(world.users.health)
    today = str(timezone.localdate())
    travel = {"transport": "flight", "transport_number": "CA1234",
              "stops": [{"region": world.regions.jiancaoping.pk, "arrived_on": today,
                         "left_on": today}]}  # fmt: skip
    response = post(
        client,
        "/api/epidemic/checkins",
        body(person=world.colleague.pk, travelled=True, travel=travel),
    )
    assert response.status_code == 201, response.content
    assert response.json()["colour"] == "red"
    assert response.json()["submitted_by_id"] == world.users.health.pk
    status = client.get(f"/api/epidemic/status/{world.colleague.pk}").json()
    assert status["colour"] == "red"
    assert "high_risk_travel" in [c["rule"] for c in status["conditions"]]


def test_the_lists_are_scoped(client, world):
    client.force_login(world.users.health)
    post(client, "/api/epidemic/checkins", body(person=world.colleague.pk))
    assert client.get("/api/epidemic/checkins").json()["count"] == 1
    client.force_login(world.users.worker)
    assert client.get("/api/epidemic/checkins").json()["count"] == 0
    assert client.get(f"/api/epidemic/status/{world.colleague.pk}").status_code == 404


def test_an_override_without_a_reason_is_a_422(client, world):
    client.force_login(world.users.health)
    path = f"/api/epidemic/status/{world.miner.pk}/override"
    response = post(client, path, {"colour": "red", "reason": " "})
    assert response.status_code == 422
    assert "body.reason" in [e["field"] for e in response.json()["detail"]]
    ok = post(client, path, {"colour": "red", "reason": "疾控通知"})
    assert ok.status_code == 200 and ok.json()["colour"] == "red" and ok.json()["manual"]


def test_the_appeal_is_filed_and_decided_through_the_api(client, world):
    client.force_login(world.users.worker)
    filed = post(client, "/api/epidemic/appeals", {"text": "已在本地"})
    assert filed.status_code == 201, filed.content
    client.force_login(world.users.health)
    appeal_id = filed.json()["id"]
    assert client.get("/api/epidemic/appeals?state=open").json()["count"] == 1
    decided = post(
        client, f"/api/epidemic/appeals/{appeal_id}/decide", {"uphold": False, "note": "未满"}
    )
    assert decided.status_code == 200 and decided.json()["state"] == "rejected"
    assert Appeal.objects.get().decision_note == "未满"
