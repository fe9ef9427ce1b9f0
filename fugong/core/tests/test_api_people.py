"""/api/people: masking per role, the PII access log, and validated writes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from fugong.accounts.services import device_token_create
from fugong.audit.models import PiiAccess, PiiAction
from fugong.core.identifiers import make_id_number
from fugong.people.models import Person

pytestmark = pytest.mark.django_db

NEW_ID = make_id_number("140925", dt.date(1992, 5, 17), 77)


def client_for(world, who: str) -> Client:
    if who == "device":
        _, raw = device_token_create(
            actor=world.users.manager,
            enterprise=world.qifeng,
            name="门岗",
            places=[world.checkpoint],
        )
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client = Client()
    client.force_login(getattr(world.users, who))
    return client


# --- masking and the access log -------------------------------------------------------------

# Roles that see 李四 (a colleague, not themselves); True = unmasked.
SEES_COLLEAGUE = {
    "city": False,
    "county": False,
    "group": False,
    "manager": True,
    "health": True,
    "safety": False,
    "checkpoint": False,
    "device": False,
}


@pytest.mark.parametrize(("who", "unmasked"), sorted(SEES_COLLEAGUE.items()))
def test_a_detail_is_unmasked_only_for_roles_that_need_it_and_each_is_logged(world, who, unmasked):
    person = world.colleague
    body = client_for(world, who).get(f"/api/people/{person.pk}").json()
    assert body["masked"] is (not unmasked)
    if unmasked:
        assert body["id_number"] == person.id_number
        assert body["phone"] == person.phone
        log = PiiAccess.objects.get()
        assert (log.user, log.person, log.action) == (
            getattr(world.users, who),
            person,
            PiiAction.VIEW,
        )
        assert log.ip_address == "127.0.0.1"
    else:
        assert body["id_number"] == person.id_number_masked != person.id_number
        assert body["phone"] == person.phone_masked
        assert not PiiAccess.objects.exists()


def test_a_worker_sees_their_own_record_unmasked_and_it_is_logged(world):
    body = client_for(world, "worker").get(f"/api/people/{world.miner.pk}").json()
    assert body["id_number"] == world.miner.id_number
    assert PiiAccess.objects.filter(person=world.miner, user=world.users.worker).count() == 1


def test_each_unmasked_view_writes_one_row(world):
    client = client_for(world, "health")
    for _ in range(3):
        client.get(f"/api/people/{world.miner.pk}")
    assert PiiAccess.objects.filter(person=world.miner).count() == 3


def test_a_checkpoint_terminal_looks_people_up_one_by_one_and_cannot_list_them(world):
    device = client_for(world, "device")
    assert device.get("/api/people").status_code == 403
    assert device.get(f"/api/people/{world.miner.pk}").json()["masked"] is True


@pytest.mark.parametrize("who", ["manager", "health", "city", "group"])
def test_lists_are_always_masked_and_write_no_log(world, who):
    rows = client_for(world, who).get("/api/people").json()["items"]
    assert rows
    by_id = {p.pk: p for p in Person.objects.all()}
    for row in rows:
        assert row["masked"] is True
        assert row["id_number"] == by_id[row["id"]].id_number_masked
        assert row["phone"] == by_id[row["id"]].phone_masked
    assert not PiiAccess.objects.exists()


def test_an_out_of_scope_person_is_404_and_not_logged(world):
    response = client_for(world, "manager").get(f"/api/people/{world.plant_worker.pk}")
    assert response.status_code == 404
    assert not PiiAccess.objects.exists()


# --- POST /api/people -----------------------------------------------------------------------


def valid(world, **changes) -> dict:
    return {
        "name": "孙八",
        "id_number": NEW_ID,
        "phone": "13800001111",
        "enterprise": world.qifeng.pk,
        "team": world.team.pk,
        "category": "contractor",
        **changes,
    }


@pytest.mark.parametrize("who", ["manager", "health", "group"])
def test_editors_register_a_person_and_get_it_back_masked(world, who):
    response = client_for(world, who).post("/api/people", valid(world), "application/json")
    assert response.status_code == 201, response.content
    person = Person.objects.get(id_number=NEW_ID)
    assert (person.name, person.team, person.category) == ("孙八", world.team, "contractor")
    body = response.json()
    assert body["id"] == person.pk and body["id_number"] == person.id_number_masked


def test_an_id_number_with_a_lower_case_x_and_surrounding_spaces_is_normalised(world):
    with_x = make_id_number("140925", dt.date(1988, 8, 8), 5)
    serial = 5
    while not with_x.endswith("X"):  # find a serial whose check character is X
        serial += 1
        with_x = make_id_number("140925", dt.date(1988, 8, 8), serial)
    typed = f" {with_x.lower()} "
    response = client_for(world, "manager").post(
        "/api/people", valid(world, id_number=typed), "application/json"
    )
    assert response.status_code == 201, response.content
    assert Person.objects.filter(id_number=with_x).exists()


@pytest.mark.parametrize("who", ["city", "county", "safety", "checkpoint", "worker", "device"])
def test_others_cannot_register_people(world, who):
    response = client_for(world, who).post("/api/people", valid(world), "application/json")
    assert response.status_code == 403
    assert not Person.objects.filter(id_number=NEW_ID).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id_number": NEW_ID[:-1] + ("0" if NEW_ID[-1] != "0" else "1")}, "body.id_number"),
        ({"id_number": NEW_ID[:17]}, "body.id_number"),
        ({"id_number": "x" * 33}, "body.id_number"),
        ({"phone": "1380000111"}, "body.phone"),
        ({"phone": "23800001111"}, "body.phone"),
        ({"name": ""}, "body.name"),
        ({"name": "孙\x00八"}, "body.name"),
        ({"category": "astronaut"}, "body.category"),
        ({"enterprise": "qifeng"}, "body.enterprise"),
        ({"enterprise": None}, "body.enterprise"),
        ({"enterprise": 987654}, "body.enterprise"),
        ({"team": 987654}, "body.team"),
        ({"dormitory": 987654}, "body.dormitory"),
        ({"home_region": 987654}, "body.home_region"),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_creates_nothing(world, changes, field):
    before = Person.objects.count()
    response = client_for(world, "manager").post(
        "/api/people", valid(world, **changes), "application/json"
    )
    assert response.status_code == 422, response.content
    assert field in {error["field"] for error in response.json()["detail"]}
    assert Person.objects.count() == before


def test_a_duplicate_id_number_is_a_422_on_the_id_number(world):
    response = client_for(world, "manager").post(
        "/api/people", valid(world, id_number=world.colleague.id_number), "application/json"
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["body.id_number"]
    assert Person.objects.filter(id_number=world.colleague.id_number).count() == 1


def test_a_duplicate_held_by_another_enterprise_is_refused_without_saying_where(world):
    response = client_for(world, "manager").post(
        "/api/people", valid(world, id_number=world.plant_worker.id_number), "application/json"
    )
    assert response.status_code == 422
    assert "大唐" not in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"enterprise": "plant"}, "body.enterprise"),  # another city's enterprise
        ({"team": "other_team"}, "body.team"),  # a team of a sister mine
    ],
)
def test_ids_outside_the_scope_answer_like_missing_ones(world, changes, field):
    body = valid(world, **{k: getattr(world, v).pk for k, v in changes.items()})
    response = client_for(world, "manager").post("/api/people", body, "application/json")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == [field]


def test_a_team_of_another_enterprise_in_scope_is_refused_by_the_rules(world):
    body = valid(world, team=world.other_team.pk)  # the group admin sees both mines
    response = client_for(world, "group").post("/api/people", body, "application/json")
    assert response.status_code == 422
    assert "body.team" in {e["field"] for e in response.json()["detail"]}
    assert not Person.objects.filter(id_number=NEW_ID).exists()


def test_a_malformed_body_is_a_422(world):
    response = client_for(world, "manager").post("/api/people", "{not json", "application/json")
    assert response.status_code in (400, 422)


# --- PATCH /api/people/{id} -----------------------------------------------------------------


def test_patch_changes_only_the_fields_sent(world):
    client = client_for(world, "manager")
    response = client.patch(
        f"/api/people/{world.miner.pk}", {"phone": "13911112222", "team": None}, "application/json"
    )
    assert response.status_code == 200, response.content
    world.miner.refresh_from_db()
    assert (world.miner.phone, world.miner.team, world.miner.name) == ("13911112222", None, "张三")
    assert response.json()["phone"] == world.miner.phone_masked


def test_patch_with_a_bad_phone_is_a_422_and_changes_nothing(world):
    client = client_for(world, "manager")
    response = client.patch(
        f"/api/people/{world.miner.pk}", {"phone": "123", "name": "张三丰"}, "application/json"
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["detail"]] == ["body.phone"]
    world.miner.refresh_from_db()
    assert world.miner.name == "张三"


def test_patch_cannot_null_a_required_field(world):
    response = client_for(world, "manager").patch(
        f"/api/people/{world.miner.pk}", {"name": None}, "application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "body.name"


def test_patch_out_of_scope_is_404_and_for_non_editors_403(world):
    manager = client_for(world, "manager")
    assert (
        manager.patch(
            f"/api/people/{world.plant_worker.pk}", {"name": "x"}, "application/json"
        ).status_code
        == 404
    )
    safety = client_for(world, "safety")
    assert (
        safety.patch(f"/api/people/{world.miner.pk}", {"name": "x"}, "application/json").status_code
        == 403
    )
    world.plant_worker.refresh_from_db()
    world.miner.refresh_from_db()
    assert (world.plant_worker.name, world.miner.name) == ("钱七", "张三")
