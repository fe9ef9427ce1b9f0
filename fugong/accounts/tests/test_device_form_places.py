"""The device form offers the checkpoints a terminal serves; the token page copies the token."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fugong.accounts.forms import DeviceTokenForm

pytestmark = pytest.mark.django_db
CREATE = reverse("accounts:device_create")


def test_the_device_form_offers_checkpoints_only(world):
    form = DeviceTokenForm(actor=world.users.manager)
    assert list(form.fields["places"].queryset) == [world.checkpoint]  # type: ignore[attr-defined]


def test_a_dormitory_cannot_be_forged_into_a_device(client, world):
    client.force_login(world.users.manager)
    data = {"name": "宿舍", "enterprise": world.qifeng.pk, "places": [world.dorm.pk]}
    response = client.post(CREATE, data)
    assert response.context["form"].errors["places"]


def test_the_enterprise_select_reloads_the_places_and_says_please_choose(client, world):
    client.force_login(world.users.group)
    html = client.get(CREATE).content.decode()
    assert f'hx-get="{CREATE}"' in html and 'hx-target="#places-field"' in html
    assert "Please choose" in html and "---------" not in html


def test_the_token_page_has_a_copy_button(client, world):
    client.force_login(world.users.manager)
    data = {"name": "门岗3号", "enterprise": world.qifeng.pk, "places": [world.checkpoint.pk]}
    html = client.post(CREATE, data).content.decode()
    assert 'data-copy="#raw-token"' in html and 'data-testid="copy-token"' in html
