"""The device API of screenings: batches all or nothing, idempotent replay, entry decisions."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from fugong.accounts.services import device_token_create
from fugong.epidemic.codes import personal_code_make
from fugong.epidemic.models import Screening

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
T0 = dt.datetime(2026, 3, 2, 7, 30, tzinfo=BEIJING)
URL = "/api/epidemic/screenings"


@pytest.fixture
def terminal(world, time_machine):
    time_machine.move_to(T0 + dt.timedelta(minutes=30), tick=False)
    _, token = device_token_create(
        actor=world.users.manager,
        enterprise=world.qifeng,
        name="门岗终端",
        places=[world.checkpoint],
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def item(world, temperature="36.5", minutes=0, **fields):
    body = {
        "client_uuid": str(uuid.uuid4()),
        "place": world.checkpoint.pk,
        "measured_at": (T0 + dt.timedelta(minutes=minutes)).isoformat(),
        "temperature": temperature,
    }
    if not any(k in fields for k in ("code", "id_number", "visitor_name", "remeasure_of")):
        body["code"] = personal_code_make(world.miner)
    body.update(fields)
    return body


def post(client, items):
    return client.post(URL, json.dumps({"items": items}), content_type="application/json")


def test_a_batch_is_stored_and_answers_each_decision(terminal, world):
    items = [
        item(world, "36.5"),
        item(world, "37.6", code=personal_code_make(world.colleague)),
        item(world, "36.8", visitor_name="访客"),
    ]
    response = post(terminal, items)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["new"] == [i["client_uuid"] for i in items]
    assert body["duplicates"] == []
    results = [(d["result"], d["allowed"]) for d in body["items"]]
    assert results == [("pass", True), ("remeasure", False), ("pass", True)]
    assert body["items"][0]["colour"] in {"green", "yellow"}
    assert body["items"][2]["colour"] is None
    assert "id_number" not in response.content.decode()


def test_resending_a_batch_any_number_of_times_stores_each_item_once(terminal, world):
    items = [item(world, "36.5"), item(world, "36.6", visitor_name="访客")]
    first = post(terminal, items).json()
    for _ in range(3):
        again = post(terminal, items).json()
        assert again["new"] == []
        assert again["duplicates"] == first["new"]
        assert [d["result"] for d in again["items"]] == ["pass", "pass"]
    assert Screening.objects.count() == 2


def test_a_batch_partly_sent_before_stores_the_rest_and_answers_the_stored_part(terminal, world):
    sent = [item(world, "36.5"), item(world, "37.8", code=personal_code_make(world.colleague))]
    sent[1]["measured_at"] = T0.astimezone(dt.UTC).isoformat()  # a terminal's clock in UTC
    first = post(terminal, sent).json()
    again = [*sent, item(world, "36.7", visitor_name="访客"), item(world, "36.6")]
    body = post(terminal, again).json()
    assert body["duplicates"] == first["new"]
    assert body["new"] == [i["client_uuid"] for i in again[2:]]
    assert [(d["new"], d["result"]) for d in body["items"]] == [
        (False, "pass"),
        (False, "remeasure"),
        (True, "pass"),
        (True, "pass"),
    ]
    # The stored re-measure keeps its window, written as when it was new (local time).
    assert body["items"][1]["remeasure_from"] == first["items"][1]["remeasure_from"]
    assert first["items"][1]["remeasure_from"] == "2026-03-02T07:35:00+08:00"
    assert Screening.objects.count() == 4


def test_a_batch_resent_after_its_codes_expired_answers_the_stored_decisions(
    terminal, world, time_machine
):
    items = [item(world, "36.5"), item(world, "36.6", code=personal_code_make(world.colleague))]
    first = post(terminal, items).json()
    time_machine.move_to(T0 + dt.timedelta(days=2), tick=False)  # the codes are 24 h old
    again = post(terminal, items)
    assert again.status_code == 200, again.content
    assert again.json()["duplicates"] == first["new"]
    # With one new reading whose code has expired, that reading alone is named, by its place
    # in the batch as sent.
    stale = item(world, "36.6", code=items[0]["code"])
    refused = post(terminal, [*items, stale])
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["detail"]] == ["body.items.2.code"]
    assert Screening.objects.count() == 2


def test_a_uuid_twice_in_one_batch_is_stored_once(terminal, world):
    reading = item(world, "36.5")
    body = post(terminal, [reading, dict(reading), item(world, "36.6")]).json()
    assert body["new"] == [reading["client_uuid"], body["items"][2]["client_uuid"]]
    assert body["duplicates"] == []
    assert [d["new"] for d in body["items"]] == [True, True, True]
    assert Screening.objects.count() == 2


def test_a_batch_with_one_bad_item_names_it_and_stores_nothing(terminal, world):
    items = [item(world, "36.5"), item(world, "36.6"), item(world, "43.1")]
    response = post(terminal, items)
    assert response.status_code == 422
    fields = [e["field"] for e in response.json()["detail"]]
    assert fields == ["body.items.2.temperature"]
    assert not Screening.objects.exists()


@pytest.mark.parametrize(
    ("temperature", "message"),
    [
        ("36.65", "Enter the temperature with one decimal place, such as 36.6."),
        (36.65, "Enter the temperature with one decimal place, such as 36.6."),
        ("NaN", "Enter a number."),
        ("Infinity", "Enter a number."),
        ("1e400", "Enter the temperature as a number such as 36.6."),
        ("三十六", "Enter a number."),
        ("", "Enter a number."),
    ],
)
def test_a_temperature_not_in_tenths_of_a_degree_is_named_and_nothing_stored(
    terminal, world, temperature, message
):
    response = post(terminal, [item(world), item(world, temperature)])
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert [(e["field"], e["message"]) for e in detail] == [("body.items.1.temperature", message)]
    assert not Screening.objects.exists()


@pytest.mark.parametrize("temperature", ["36.60", 36.6, "36.6", 37, "4.3e1"])
def test_a_temperature_in_tenths_is_taken_however_written(terminal, world, temperature):
    response = post(terminal, [item(world, temperature)])
    assert response.status_code == 200, response.content
    assert str(Screening.objects.get().temperature) in {"36.6", "37.0", "43.0"}


def test_a_malformed_item_is_named_by_its_index(terminal, world):
    bad = item(world)
    bad["symptoms"] = ["sneezing"]
    response = post(terminal, [item(world), bad])
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"].startswith("body.items.1.symptoms")


def test_a_remeasure_in_the_same_batch_confirms_the_fever(terminal, world):
    first = item(world, "38.0")
    second = item(world, "38.1", minutes=6, remeasure_of=first["client_uuid"])
    body = post(terminal, [first, second]).json()
    assert [d["result"] for d in body["items"]] == ["remeasure", "deny"]
    assert body["items"][1]["deny_reason"] == "fever"
    stored = Screening.objects.get(client_uuid=second["client_uuid"])
    assert stored.remeasure_of is not None
    assert stored.remeasure_of.client_uuid == uuid.UUID(first["client_uuid"])
    assert stored.device is not None


def test_a_checkpoint_the_terminal_is_not_registered_for_is_refused(terminal, world):
    response = post(terminal, [item(world, place=world.other_checkpoint.pk)])
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "body.items.0.place"


def test_more_than_1000_items_are_refused(terminal, world):
    items = [item(world, visitor_name="访客") for _ in range(1001)]
    assert post(terminal, items).status_code == 422


def test_the_entry_decision_of_a_code_says_colour_and_reason_only(terminal, world):
    response = terminal.get(f"{URL}/entry", {"code": personal_code_make(world.miner)})
    assert response.status_code == 200
    assert set(response.json()) == {"colour", "allowed", "deny_reason"}
    assert response.json()["allowed"] is True


def test_the_entry_decision_of_someone_outside_the_scope_is_not_found(terminal, world):
    response = terminal.get(f"{URL}/entry", {"code": personal_code_make(world.yuanping_miner)})
    assert response.status_code == 404
    response = terminal.get(f"{URL}/entry", {"code": "nonsense"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "query.code"


def test_an_operator_records_through_the_session_and_a_safety_officer_may_not(client, world):
    client.force_login(world.users.checkpoint)
    assert post(client, [item(world, visitor_name="访客")]).status_code == 200
    client.force_login(world.users.safety)
    assert post(client, [item(world, visitor_name="访客")]).status_code == 403


def test_the_checkpoint_page_of_another_checkpoint_is_not_found_and_other_roles_forbidden(
    client, world
):
    from django.urls import reverse

    client.force_login(world.users.checkpoint)
    assert (
        client.get(reverse("epidemic:checkpoint_screen", args=[world.checkpoint.pk])).status_code
        == 200
    )
    other = reverse("epidemic:checkpoint_screen", args=[world.other_checkpoint.pk])
    assert client.get(other).status_code == 404
    client.force_login(world.users.manager)
    assert client.get(other).status_code == 403


def test_the_page_shows_the_gate_no_id_number_and_masked_names(client, world, time_machine):
    from django.urls import reverse

    time_machine.move_to(T0 + dt.timedelta(minutes=30), tick=False)
    client.force_login(world.users.checkpoint)
    post(
        client,
        [
            item(world, id_number=world.miner.id_number),
            item(world, visitor_name="访客乙", visitor_phone="13900001111"),
        ],
    )
    page = client.get(
        reverse("epidemic:checkpoint_screen", args=[world.checkpoint.pk])
    ).content.decode()
    assert world.miner.id_number not in page and world.miner.name not in page
    assert "张*" in page and "访**" in page and "13900001111" not in page


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ("[]", "body"),
        ("null", "body"),
        ('"x"', "body"),
        ("1", "body"),
        (" \n[{}]", "body"),
        ("{}", "body.items"),
        ('{"items": []}', "body.items"),
        ('{"items": null}', "body.items"),
    ],
)
def test_a_body_without_readings_is_refused_naming_the_field(terminal, raw, field):
    response = terminal.post(URL, raw, content_type="application/json")
    assert response.status_code == 422, response.content
    assert [error["field"] for error in response.json()["detail"]] == [field]
    assert not Screening.objects.exists()
