"""Device tokens may expire: from the expiry instant on, the token authenticates nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from fugong.accounts.models import DeviceToken
from fugong.accounts.selectors import scope_for_device
from fugong.accounts.services import device_token_create

pytestmark = pytest.mark.django_db

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 3, 2, 8, 0, tzinfo=SHANGHAI)
EXPIRES = dt.datetime(2026, 3, 31, 18, 0, tzinfo=SHANGHAI)


def make(world, expires_at=EXPIRES):
    with time_machine.travel(NOW, tick=False):
        return device_token_create(
            actor=world.users.manager,
            enterprise=world.qifeng,
            name="临时测温终端",
            places=[world.checkpoint],
            expires_at=expires_at,
        )


@pytest.mark.parametrize(
    ("moment", "status"),
    [
        (EXPIRES - dt.timedelta(seconds=1), 200),
        (EXPIRES, 401),
        (EXPIRES + dt.timedelta(seconds=1), 401),
    ],
)
def test_a_token_works_until_its_expiry_instant(world, moment, status):
    _, raw = make(world)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    with time_machine.travel(moment, tick=False):
        assert client.get("/api/org/places").status_code == status
        assert client.get(f"/api/people/{world.miner.pk}").status_code == status


def test_an_expired_device_has_an_empty_scope(world):
    device, _ = make(world)
    with time_machine.travel(EXPIRES, tick=False):
        assert scope_for_device(device).enterprise_ids == frozenset()


def test_a_token_without_expiry_keeps_working(world):
    _, raw = make(world, expires_at=None)
    with time_machine.travel(dt.datetime(2036, 1, 1, tzinfo=SHANGHAI), tick=False):
        assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/org/places").status_code == 200


def test_an_expiry_in_the_past_is_refused_naming_the_field(world):
    with pytest.raises(ValidationError) as caught:
        make(world, expires_at=NOW - dt.timedelta(minutes=1))
    assert "expires_at" in caught.value.message_dict
    assert not DeviceToken.objects.exists()


def test_the_form_offers_an_optional_expiry_in_beijing_time(world):
    client = Client()
    client.force_login(world.users.manager)
    form = client.get(reverse("accounts:device_create")).content.decode()
    assert 'type="datetime-local"' in form and 'name="expires_at"' in form
    data = {"name": "临时终端", "enterprise": world.qifeng.pk, "places": [world.checkpoint.pk]}
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            reverse("accounts:device_create"), {**data, "expires_at": "2026-03-31T18:00"}
        )
        assert response.status_code == 200 and "raw_token" in response.context
        assert DeviceToken.objects.get().expires_at == EXPIRES
        client.post(reverse("accounts:device_create"), {**data, "name": "长期终端"})
        assert DeviceToken.objects.get(name="长期终端").expires_at is None


def test_the_device_list_shows_an_expired_token_as_expired(world):
    make(world)
    client = Client()
    client.force_login(world.users.manager)
    with time_machine.travel(EXPIRES - dt.timedelta(minutes=1), tick=False):
        html = client.get(reverse("accounts:device_list")).content.decode()
        assert 'data-testid="expired"' not in html
        assert "until 2026-03-31 18:00" in html
    with time_machine.travel(EXPIRES, tick=False):
        html = client.get(reverse("accounts:device_list")).content.decode()
        assert 'data-testid="expired"' in html
        expired = client.get(reverse("accounts:device_list"), {"state": "expired"})
        active = client.get(reverse("accounts:device_list"), {"state": "active"})
    assert "临时测温终端" in expired.content.decode()
    assert "临时测温终端" not in active.content.decode()
