"""A worker's own record: in full, and not an access to log."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fugong.audit.models import PiiAccess

pytestmark = pytest.mark.django_db
URL = reverse("people:me")


@pytest.fixture(autouse=True)
def _english(client):
    """Assertions use the English msgids, whatever the zh-Hans catalogue says."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


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


def test_it_answers_404_to_a_user_without_a_person_record(client, world):
    client.force_login(world.users.county)
    assert client.get(URL).status_code == 404


def test_it_is_not_cached(client, world):
    client.force_login(world.users.worker)
    assert "no-store" in client.get(URL)["Cache-Control"]
