"""The oversight API: the same scope, moves and errors as the pages."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from fugong.oversight.models import Measure, Ticket, TicketState, Visit
from fugong.oversight.tests.helpers import raise_ticket

pytestmark = pytest.mark.django_db
API = "/api/oversight"


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, path: str, body: dict) -> tuple[int, dict]:
    response = client.post(API + path, json.dumps(body), content_type="application/json")
    return response.status_code, response.json()


def test_a_leader_lists_only_the_tickets_of_the_paired_enterprise(world):
    own = raise_ticket(world.users.liaison, world.independent)
    raise_ticket(world.users.manager, world.qifeng)
    response = login(world.users.liaison).get(f"{API}/tickets")
    assert [row["id"] for row in response.json()["items"]] == [own.pk]


def test_another_enterprises_ticket_is_404_like_a_missing_one(world):
    other = raise_ticket(world.users.liaison, world.independent)
    client = login(world.users.manager)
    out_of_scope = client.get(f"{API}/tickets/{other.pk}")
    missing = client.get(f"{API}/tickets/999999")
    assert out_of_scope.status_code == missing.status_code == 404
    assert out_of_scope.json() == missing.json()


def test_a_ticket_is_raised_moved_and_confirmed_through_the_api(world):
    status, body = post(
        login(world.users.manager),
        "/tickets",
        {
            "enterprise": world.qifeng.pk,
            "category": "logistics",
            "sla_class": "policy",
            "department": "energy",
            "description": "煤炭外运车辆受阻",
            "enterprise_cannot_solve": True,
        },
    )
    assert status == 201 and body["state"] == "submitted"
    ticket_id = body["id"]
    department = login(world.users.department)
    for move in ("accept", "start"):
        assert post(department, f"/tickets/{ticket_id}/transitions", {"move": move})[0] == 200
    status, body = post(
        department, f"/tickets/{ticket_id}/transitions", {"move": "answer", "note": "已协调放行"}
    )
    assert body["state"] == "answered"
    status, body = post(
        login(world.users.manager),
        f"/tickets/{ticket_id}/transitions",
        {"move": "confirm", "satisfaction": 4},
    )
    assert status == 200 and body["state"] == "confirmed" and body["satisfaction"] == 4
    assert [t["to_state"] for t in body["transitions"]] == [
        "submitted",
        "accepted",
        "in_progress",
        "answered",
        "confirmed",
    ]


def test_an_illegal_move_is_a_422_on_the_state(world):
    ticket = raise_ticket(world.users.manager, world.qifeng)
    status, body = post(
        login(world.users.department),
        f"/tickets/{ticket.pk}/transitions",
        {"move": "answer", "note": "x"},
    )
    assert status == 422
    assert body["detail"][0]["field"] == "body.state"
    assert Ticket.objects.get().state == TicketState.SUBMITTED


def test_a_move_outside_the_roles_work_is_403(world):
    ticket = raise_ticket(world.users.manager, world.qifeng)
    status, _body = post(
        login(world.users.manager), f"/tickets/{ticket.pk}/transitions", {"move": "accept"}
    )
    assert status == 403


def test_a_satisfaction_of_6_is_a_422_naming_the_field(world):
    ticket = raise_ticket(world.users.manager, world.qifeng)
    Ticket.objects.filter(pk=ticket.pk).update(state=TicketState.ANSWERED)
    status, body = post(
        login(world.users.manager),
        f"/tickets/{ticket.pk}/transitions",
        {"move": "confirm", "satisfaction": 6},
    )
    assert status == 422
    assert body["detail"][0]["field"] == "body.satisfaction"


def test_a_leader_records_a_visit_with_problems_through_the_api(world):
    status, body = post(
        login(world.users.liaison),
        "/visits",
        {
            "enterprise": world.independent.pk,
            "visited_on": "2026-01-05",
            "mode": "on_site",
            "findings": "通风系统正常",
            "problems": [
                {
                    "description": "缺少检测试剂",
                    "category": "epidemic",
                    "sla_class": "policy",
                    "department": "health",
                }
            ],
        },
    )
    assert status == 201
    assert len(body["ticket_ids"]) == 1
    assert Ticket.objects.get().visit == Visit.objects.get()


def test_a_visit_to_an_enterprise_outside_the_pairing_is_a_422_on_the_enterprise(world):
    status, body = post(
        login(world.users.liaison),
        "/visits",
        {"enterprise": world.qifeng.pk, "visited_on": "2026-01-05", "mode": "on_site"},
    )
    assert status == 422
    assert body["detail"][0]["field"] == "body.enterprise"
    assert not Visit.objects.exists()


def test_measures_are_added_by_the_county_and_marked_done_by_the_leader(world):
    status, body = post(
        login(world.users.county),
        "/measures",
        {
            "enterprise": world.independent.pk,
            "title": "协调电力",
            "owner": "供电公司",
            "deadline": "2026-12-31",
        },
    )
    assert status == 201
    response = login(world.users.liaison).patch(
        f"{API}/measures/{body['id']}",
        json.dumps({"state": "done"}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert Measure.objects.get().state == "done"
    assert login(world.users.manager).get(f"{API}/measures").json()["items"] == []


def test_rates_answer_per_department(world):
    raise_ticket(world.users.manager, world.qifeng)
    response = login(world.users.department).get(f"{API}/rates")
    assert response.status_code == 200
    assert response.json()[0]["department"] == "energy"
    assert response.json()[0]["tickets"] == 1


def test_city_pairs_a_leader_and_a_non_leader_is_refused_on_the_leader_field(world):
    city = login(world.users.city)
    status, body = post(
        city,
        "/pairings",
        {
            "leader": world.users.manager.pk,
            "enterprise": world.qifeng.pk,
            "starts_on": "2026-01-01",
        },
    )
    assert status == 422 and body["detail"][0]["field"] == "body.leader"
    status, body = post(
        city,
        "/pairings",
        {
            "leader": world.users.liaison.pk,
            "enterprise": world.qifeng.pk,
            "starts_on": "2026-01-01",
        },
    )
    assert status == 201
    status, body = post(city, f"/pairings/{body['id']}/end", {})
    assert status == 200 and body["ends_on"] is not None
