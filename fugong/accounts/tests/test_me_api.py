"""/api/accounts/me: who the caller is and how much it can see."""

from __future__ import annotations

import pytest
from django.test import Client

from fugong.accounts.services import device_token_create

pytestmark = pytest.mark.django_db


def test_a_user_learns_their_role_and_scope(world):
    client = Client()
    client.force_login(world.users.county)
    body = client.get("/api/accounts/me").json()
    assert body["kind"] == "user"
    assert (body["username"], body["role"]) == ("ningwu", "county_officer")
    assert body["region_id"] == world.regions.ningwu.pk
    assert body["scope"] == {"enterprises": 2, "places": 3, "people": 3}


def test_an_enterprise_user_sees_their_enterprise(world):
    client = Client()
    client.force_login(world.users.manager)
    body = client.get("/api/accounts/me").json()
    assert (body["enterprise_id"], body["enterprise_name"]) == (world.qifeng.pk, "宁武栖凤煤矿")
    assert body["scope"]["people"] == 2


def test_a_device_learns_its_name_enterprise_and_places(world):
    _, raw = device_token_create(
        actor=world.users.manager,
        enterprise=world.qifeng,
        name="栖凤矿门岗测温终端",
        places=[world.checkpoint, world.dorm],
    )
    body = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/accounts/me").json()
    assert body["kind"] == "device" and body["role"] == "device"
    assert body["display_name"] == "栖凤矿门岗测温终端"
    assert (body["enterprise_id"], body["enterprise_name"]) == (world.qifeng.pk, "宁武栖凤煤矿")
    assert body["place_ids"] == sorted([world.checkpoint.pk, world.dorm.pk])
    assert body["username"] is None
    assert body["scope"] == {"enterprises": 1, "places": 2, "people": 2}


def test_nobody_is_401(world):
    assert Client().get("/api/accounts/me").status_code == 401
