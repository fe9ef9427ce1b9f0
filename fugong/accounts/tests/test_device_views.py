"""The Devices pages: list in scope, create with the token shown once, revoke."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from fugong.accounts.models import DeviceToken, hash_token
from fugong.accounts.services import device_token_create

pytestmark = pytest.mark.django_db

LIST = reverse("accounts:device_list")
CREATE = reverse("accounts:device_create")


def login(world, who: str) -> Client:
    client = Client()
    client.force_login(getattr(world.users, who))
    return client


def make(world, actor, enterprise, place, name):
    return device_token_create(actor=actor, enterprise=enterprise, name=name, places=[place])


@pytest.fixture
def devices(world):
    qifeng, _ = make(world, world.users.manager, world.qifeng, world.checkpoint, "栖凤门岗终端")
    yuanping, _ = make(
        world, world.users.group, world.yuanping_mine, world.other_checkpoint, "原平门岗终端"
    )
    return qifeng, yuanping


@pytest.mark.parametrize(
    "who", ["city", "county", "department", "liaison", "health", "safety", "checkpoint", "worker"]
)
def test_the_pages_are_403_for_other_roles(world, devices, who):
    client = login(world, who)
    assert client.get(LIST).status_code == 403
    assert client.get(CREATE).status_code == 403
    revoke = reverse("accounts:device_revoke", args=[devices[0].pk])
    assert client.post(revoke).status_code == 403
    devices[0].refresh_from_db()
    assert devices[0].revoked_at is None


def test_anonymous_is_sent_to_login(world):
    response = Client().get(LIST)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_manager_lists_only_its_enterprises_devices(world, devices):
    html = login(world, "manager").get(LIST).content.decode()
    assert "栖凤门岗终端" in html and "原平门岗终端" not in html
    assert devices[0].token_prefix in html


def test_a_group_admin_lists_the_devices_of_all_member_units(world, devices):
    html = login(world, "group").get(LIST).content.decode()
    assert "栖凤门岗终端" in html and "原平门岗终端" in html


def test_the_list_answers_htmx_with_the_partial_and_filters(world, devices):
    client = login(world, "group")
    response = client.get(LIST, {"q": "原平"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert "原平门岗终端" in html and "栖凤门岗终端" not in html


def test_the_list_filters_by_state(world, devices):
    client = login(world, "group")
    client.post(reverse("accounts:device_revoke", args=[devices[1].pk]), follow=True)
    html = client.get(LIST, {"state": "active"}).content.decode()
    assert "栖凤门岗终端" in html and "原平门岗终端" not in html


def test_the_list_takes_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for n in range(30):
        make(world, world.users.manager, world.qifeng, world.checkpoint, f"终端{n}")
    client = login(world, "manager")
    with django_assert_max_num_queries(15):
        assert client.get(LIST).status_code == 200


def test_the_form_offers_only_places_of_enterprises_in_scope(world):
    html = login(world, "manager").get(CREATE).content.decode()
    assert "栖凤矿门岗" in html and "原平矿门岗" not in html


def test_choosing_an_enterprise_narrows_the_places(world):
    client = login(world, "group")
    html = client.get(CREATE, {"enterprise": world.yuanping_mine.pk}).content.decode()
    assert "原平矿门岗" in html and "栖凤矿门岗" not in html


def test_creating_shows_the_token_once_and_stores_only_its_hash(world):
    client = login(world, "manager")
    response = client.post(
        CREATE, {"name": "门岗2号", "enterprise": world.qifeng.pk, "places": [world.checkpoint.pk]}
    )
    assert response.status_code == 200
    raw = response.context["raw_token"]
    html = response.content.decode()
    assert raw in html
    assert "will not be shown again" in html or "不会再次显示" in html
    assert "no-store" in response.get("Cache-Control", "")
    device = DeviceToken.objects.get(name="门岗2号")
    assert device.token_hash == hash_token(raw)
    # Never again: not on the list, not on a fresh form.
    assert raw not in client.get(LIST).content.decode()
    assert raw not in client.get(CREATE).content.decode()
    # And it works.
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get("/api/org/places").json()["items"][0]["id"] == world.checkpoint.pk


def test_a_forged_enterprise_of_another_unit_is_a_form_error(world):
    client = login(world, "manager")
    response = client.post(
        CREATE,
        {"name": "x", "enterprise": world.yuanping_mine.pk, "places": [world.other_checkpoint.pk]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["enterprise"]
    assert not DeviceToken.objects.exists()


def test_places_of_another_enterprise_are_a_form_error(world):
    client = login(world, "group")
    response = client.post(
        CREATE,
        {
            "name": "x",
            "enterprise": world.qifeng.pk,
            "places": [world.checkpoint.pk, world.other_checkpoint.pk],
        },
    )
    assert response.context["form"].errors["places"]
    assert "Nothing was saved" in response.content.decode() or "未保存" in response.content.decode()
    assert not DeviceToken.objects.exists()


def test_missing_fields_are_named(world):
    response = login(world, "manager").post(CREATE, {"name": "", "enterprise": world.qifeng.pk})
    errors = response.context["form"].errors
    assert "name" in errors and "places" in errors
    assert not DeviceToken.objects.exists()


def test_revoking_stops_the_token(world):
    device, raw = make(world, world.users.manager, world.qifeng, world.checkpoint, "门岗")
    client = login(world, "manager")
    response = client.post(reverse("accounts:device_revoke", args=[device.pk]))
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.revoked_at is not None
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/org/places").status_code == 401


def test_revoke_needs_post(world, devices):
    client = login(world, "manager")
    assert client.get(reverse("accounts:device_revoke", args=[devices[0].pk])).status_code == 405


def test_revoking_another_enterprises_device_is_404(world, devices):
    client = login(world, "manager")
    response = client.post(reverse("accounts:device_revoke", args=[devices[1].pk]))
    assert response.status_code == 404
    devices[1].refresh_from_db()
    assert devices[1].revoked_at is None
