"""A worker's own record: in full, and not an access to log."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fugong.accounts.tests.factories import UserFactory
from fugong.audit.models import PiiAccess

pytestmark = pytest.mark.django_db
URL = reverse("people:me")


def test_it_shows_the_worker_their_own_record_unmasked(client, world):
    client.force_login(world.users.worker)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "张三" in html
    assert world.miner.id_number in html
    assert world.miner.phone in html
    assert "李四" not in html


def test_it_writes_no_access_log_row_for_ones_own_record(client, world):
    client.force_login(world.users.worker)
    client.get(URL)
    assert not PiiAccess.objects.exists()


def test_it_tells_a_user_without_a_person_record_that_there_is_none(client, world):
    client.force_login(world.users.county)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "not linked to a person in the roster" in html
    assert "张三" not in html


def test_it_tells_the_superuser_in_chinese_that_there_is_no_record(client, world, chinese):
    """The superuser's navigation offers 我的信息; it must not end on a 404."""
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    client.defaults.pop("HTTP_ACCEPT_LANGUAGE", None)
    response = client.get(URL)
    assert response.status_code == 200
    assert 'data-testid="person-me-none"' in response.content.decode()
    assert 'lang="zh-hans"' in response.content.decode()


def test_it_is_not_cached(client, world):
    client.force_login(world.users.worker)
    assert "no-store" in client.get(URL)["Cache-Control"]
