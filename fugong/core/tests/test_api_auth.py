"""API authentication, CSRF, documentation, pagination and filters."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from fugong.accounts.models import DeviceToken
from fugong.accounts.services import device_token_create, device_token_revoke
from fugong.core.api import MAX_PAGE_SIZE
from fugong.core.identifiers import make_id_number
from fugong.org.tests.factories import (
    EnterpriseFactory,
    PlaceFactory,
    ShiftFactory,
    TeamFactory,
)
from fugong.people.models import Person
from fugong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

READ_URLS = [
    "/api/org/regions",
    "/api/org/regions/1",
    "/api/org/enterprises",
    "/api/org/enterprises/1",
    "/api/org/places",
    "/api/org/places/1",
    "/api/org/teams",
    "/api/org/teams/1",
    "/api/org/shifts",
    "/api/org/shifts/1",
    "/api/people",
    "/api/people/1",
    "/api/accounts/me",
]


def gate_token(world) -> tuple[DeviceToken, str]:
    return device_token_create(
        actor=world.users.manager, enterprise=world.qifeng, name="门岗1", places=[world.checkpoint]
    )


def new_person(world) -> dict:
    id_number = make_id_number("140925", dt.date(1990, 1, 1), 123)
    return {"name": "孙八", "id_number": id_number, "enterprise": world.qifeng.pk}


@pytest.mark.parametrize("url", READ_URLS)
def test_it_answers_401_without_credentials(world, url):
    response = Client().get(url)
    assert response.status_code == 401
    assert response.json()["detail"]


def test_it_answers_401_to_writes_without_credentials(world):
    assert Client().post("/api/people", new_person(world), "application/json").status_code == 401
    assert Client().patch("/api/people/1", {}, "application/json").status_code == 401


@pytest.mark.parametrize(
    "header", ["Bearer not-a-token", "Bearer ", "Token abc", "Basic Zm9vOmJhcg=="]
)
def test_it_answers_401_to_a_wrong_token(world, header):
    gate_token(world)
    assert Client(HTTP_AUTHORIZATION=header).get("/api/org/places").status_code == 401


def test_a_device_token_authenticates_and_marks_the_device_alive(world):
    device, raw = gate_token(world)
    response = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/org/places")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["items"]] == [world.checkpoint.pk]
    device.refresh_from_db()
    assert device.last_used_at is not None


@pytest.mark.parametrize("seconds, written", [(59, False), (60, True), (61, True)])
def test_a_busy_device_is_marked_alive_at_most_once_a_minute(world, seconds, written):
    device, raw = gate_token(world)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    start = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        assert client.get("/api/org/places").status_code == 200
    with time_machine.travel(start + dt.timedelta(seconds=seconds), tick=False):
        assert client.get("/api/org/places").status_code == 200
    device.refresh_from_db()
    assert device.last_used_at == (start + dt.timedelta(seconds=seconds) if written else start)


def test_a_revoked_token_answers_401_at_once(world):
    device, raw = gate_token(world)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/org/places").status_code == 200
    device_token_revoke(actor=world.users.manager, device=device)
    assert client.get("/api/org/places").status_code == 401
    assert client.get(f"/api/people/{world.miner.pk}").status_code == 401


def test_a_session_write_without_the_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users.manager)
    response = client.post("/api/people", new_person(world), "application/json")
    assert response.status_code == 403
    assert not Person.objects.filter(name="孙八").exists()


def test_a_session_write_with_the_csrf_token_goes_through(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users.manager)
    client.get("/accounts/login/")  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/api/people", new_person(world), "application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 201, response.content
    assert Person.objects.filter(name="孙八").exists()


def test_a_device_is_not_held_to_csrf_but_still_cannot_write_people(world):
    _, raw = gate_token(world)
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = client.post("/api/people", new_person(world), "application/json")
    assert response.status_code == 403
    assert response.json()["detail"] != "CSRF check Failed"
    assert not Person.objects.filter(name="孙八").exists()


def test_the_docs_and_the_schema_are_served(world):
    docs = Client().get("/api/docs")
    assert docs.status_code == 200
    # Government intranets are offline: the Swagger UI comes from our own static files.
    assert "/static/ninja/swagger-ui-bundle.js" in docs.content.decode()
    assert "cdn" not in docs.content.decode().lower()
    schema = Client().get("/api/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/org/enterprises/{enterprise_id}" in paths
    assert "/api/people" in paths
    assert "/api/accounts/me" in paths


# --- pagination: the same page numbers everywhere, bounded ---------------------------------


@pytest.fixture
def city_client(world):
    client = Client()
    client.force_login(world.users.city)
    return client


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"page": 0}, 422),
        ({"page": 1}, 200),
        ({"page": 1_000_000}, 200),
        ({"page": 1_000_001}, 422),
        ({"page_size": 0}, 422),
        ({"page_size": 1}, 200),
        ({"page_size": MAX_PAGE_SIZE}, 200),
        ({"page_size": MAX_PAGE_SIZE + 1}, 422),
        ({"page": "two"}, 422),
    ],
)
def test_pagination_bounds(city_client, params, status):
    response = city_client.get("/api/org/enterprises", params)
    assert response.status_code == status
    if status == 422:
        fields = {error["field"] for error in response.json()["detail"]}
        assert fields <= {"query.page", "query.page_size"} and fields


def test_pages_split_the_list_in_order_and_count_everything(city_client):
    first = city_client.get("/api/org/enterprises", {"page_size": 3}).json()
    second = city_client.get("/api/org/enterprises", {"page_size": 3, "page": 2}).json()
    assert first["count"] == second["count"] == 4
    assert len(first["items"]) == 3 and len(second["items"]) == 1
    codes = [row["region_code"] for row in first["items"] + second["items"]]
    assert codes == sorted(codes)


# --- filters: the FilterSets of the pages ---------------------------------------------------


def test_enterprise_filters_narrow_the_list(world, city_client):
    by_region = city_client.get("/api/org/enterprises", {"region": world.regions.ningwu.pk})
    assert {r["name"] for r in by_region.json()["items"]} == {"宁武栖凤煤矿", "宁武独立煤矿"}
    by_group = city_client.get("/api/org/enterprises", {"parent": world.group.pk})
    assert {r["name"] for r in by_group.json()["items"]} == {"宁武栖凤煤矿", "原平神达煤矿"}
    by_kind = city_client.get("/api/org/enterprises", {"kind": "group"})
    assert [r["name"] for r in by_kind.json()["items"]] == ["忻州神达能源集团"]
    by_name = city_client.get("/api/org/enterprises", {"q": "独立"})
    assert [r["name"] for r in by_name.json()["items"]] == ["宁武独立煤矿"]


def test_a_filter_naming_something_out_of_scope_is_a_422_like_a_missing_one(world, city_client):
    outside = city_client.get("/api/org/enterprises", {"region": world.regions.taiyuan.pk})
    missing = city_client.get("/api/org/enterprises", {"region": 987654})
    assert outside.status_code == missing.status_code == 422
    assert outside.json() == missing.json()
    assert outside.json()["detail"][0]["field"] == "query.region"
    people = city_client.get("/api/people", {"enterprise": world.plant.pk})
    assert people.status_code == 422
    assert people.json()["detail"][0]["field"] == "query.enterprise"


def test_an_unknown_choice_is_a_422_naming_the_parameter(city_client):
    response = city_client.get("/api/org/places", {"kind": "spaceship"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "query.kind"


def test_place_and_people_filters(world, city_client):
    places = city_client.get(
        "/api/org/places", {"enterprise": world.qifeng.pk, "kind": "checkpoint"}
    )
    assert [p["id"] for p in places.json()["items"]] == [world.checkpoint.pk]
    people = city_client.get("/api/people", {"q": "张"})
    assert [p["name"] for p in people.json()["items"]] == ["张三"]
    tail = world.colleague.id_number[-4:]
    by_tail = city_client.get("/api/people", {"q": tail})
    assert world.colleague.pk in [p["id"] for p in by_tail.json()["items"]]


def test_the_shift_answer_says_whether_it_crosses_midnight(world, city_client):
    shift = city_client.get(f"/api/org/shifts/{world.night.pk}").json()
    assert shift["start_time"] == "22:00:00" and shift["end_time"] == "06:00:00"
    assert shift["crosses_midnight"] is True


# --- no N+1 on the lists --------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/api/org/enterprises", "/api/org/places", "/api/org/teams", "/api/org/shifts", "/api/people"],
)
def test_lists_take_a_fixed_number_of_queries(
    world, city_client, django_assert_max_num_queries, url
):
    for _ in range(30):
        mine = EnterpriseFactory(region=world.regions.ningwu, parent=world.group)
        PlaceFactory(enterprise=mine)
        TeamFactory(enterprise=mine, leader=PersonFactory(enterprise=mine))
        ShiftFactory(enterprise=mine)
    with django_assert_max_num_queries(10):
        response = city_client.get(url, {"page_size": MAX_PAGE_SIZE})
    assert response.status_code == 200
