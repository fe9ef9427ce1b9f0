"""A checkpoint device checks in for a worker without a smartphone (DESIGN §3.3): people of the
device's enterprise only, the device recorded as the helper, an answer of colour and entry
decision only."""

from __future__ import annotations

import json
import uuid
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from fugong.accounts.services import device_token_create, device_token_revoke
from fugong.epidemic.models import CheckIn, RiskArea, RiskLevel

pytestmark = pytest.mark.django_db
URL = "/api/epidemic/checkins"


@pytest.fixture
def device(world):
    made, token = device_token_create(
        actor=world.users.manager, enterprise=world.qifeng, name="门岗终端",
        places=[world.checkpoint],
    )  # fmt: skip
    return SimpleNamespace(token=made, client=Client(HTTP_AUTHORIZATION=f"Bearer {token}"))


def post(client, **fields):
    body = {"temperature": "36.6", "pledge": True, "client_uuid": str(uuid.uuid4()), **fields}
    return client.post(URL, json.dumps(body), content_type="application/json")


def test_a_device_checks_in_a_worker_of_its_enterprise_and_is_recorded_as_the_helper(world, device):
    response = post(device.client, person=world.colleague.pk)
    assert response.status_code == 201, response.content
    checkin = CheckIn.objects.get()
    assert checkin.person == world.colleague
    assert checkin.submitted_by_device == device.token
    assert checkin.submitted_by is None


def test_the_answer_to_a_device_is_the_colour_and_the_entry_decision_only(world, device):
    sent = str(uuid.uuid4())
    response = post(device.client, person=world.colleague.pk, client_uuid=sent,
                    symptoms=["cough"], location="宁武县东寨镇")  # fmt: skip
    assert response.json() == {
        "client_uuid": sent, "person_id": world.colleague.pk, "colour": "yellow",
        "allowed": True, "deny_reason": None,
    }  # fmt: skip


def test_a_red_code_after_the_check_in_is_an_entry_denial_without_the_reason_behind_it(
    world, device
):
    RiskArea.objects.create(
        region=world.regions.jiancaoping, level=RiskLevel.HIGH, valid_from="2020-01-01"
    )
    today = str(timezone.localdate())
    travel = {"transport": "train", "transport_number": "K601",
              "stops": [{"region": world.regions.jiancaoping.pk, "arrived_on": today,
                         "left_on": today}]}  # fmt: skip
    response = post(device.client, person=world.colleague.pk, travelled=True, travel=travel)
    answer = response.json()
    assert (answer["colour"], answer["allowed"], answer["deny_reason"]) == ("red", False,
                                                                          "red_code")  # fmt: skip
    text = response.content.decode()
    assert "high_risk" not in text and "尖草坪" not in text and "conditions" not in text


@pytest.mark.parametrize("person", ["yuanping_miner", "independent_miner", "plant_worker"])
def test_a_person_outside_the_devices_enterprise_is_404_and_nothing_is_stored(
    world, device, person
):
    response = post(device.client, person=getattr(world, person).pk)
    assert response.status_code == 404
    assert not CheckIn.objects.exists()


def test_a_person_that_does_not_exist_is_404_like_one_out_of_scope(world, device):
    assert post(device.client, person=10**9).status_code == 404


def test_a_device_must_name_the_person(world, device):
    response = post(device.client)
    assert response.status_code == 422
    assert "body.person" in [e["field"] for e in response.json()["detail"]]
    assert not CheckIn.objects.exists()


def test_a_revoked_token_checks_in_no_one(world, device):
    device_token_revoke(actor=world.users.manager, device=device.token)
    assert post(device.client, person=world.colleague.pk).status_code == 401
    assert not CheckIn.objects.exists()


def test_a_device_resending_the_same_check_in_stores_it_once(world, device):
    sent = str(uuid.uuid4())
    first = post(device.client, person=world.colleague.pk, client_uuid=sent)
    again = post(device.client, person=world.colleague.pk, client_uuid=sent)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert CheckIn.objects.count() == 1


def test_bad_input_from_a_device_is_a_422_naming_the_field(world, device):
    response = post(device.client, person=world.colleague.pk, temperature="43.1")
    assert response.status_code == 422
    assert "body.temperature" in [e["field"] for e in response.json()["detail"]]
    assert not CheckIn.objects.exists()


def test_a_user_helper_still_gets_the_full_answer(client, world):
    client.force_login(world.users.health)
    answer = post(client, person=world.colleague.pk).json()
    assert answer["submitted_by_id"] == world.users.health.pk
    assert "temperature" in answer


def test_the_api_docs_give_both_answers_of_a_check_in():
    from fugong.api import api

    schema = api.get_openapi_schema()
    answer = schema["paths"]["/api/epidemic/checkins"]["post"]["responses"][201]
    shapes = answer["content"]["application/json"]["schema"]["anyOf"]
    assert {s["$ref"].rsplit("/", 1)[-1] for s in shapes} == {"SubmittedOut", "DeviceSubmittedOut"}
    device = schema["components"]["schemas"]["DeviceSubmittedOut"]["properties"]
    assert set(device) == {"client_uuid", "person_id", "colour", "allowed", "deny_reason"}
