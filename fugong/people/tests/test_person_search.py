"""Searching people by number (DESIGN §2): only PII roles, logged, and throttled.

The probe of issue 5: a masked-only role sent ~2,000 ``GET /api/people?q=<candidate>`` and
read the full ID number off which candidate matched. Now a number beyond the last 4 characters
is a field error for such a role, whether it matches or not, so the answers tell nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from fugong.accounts.services import device_token_create
from fugong.accounts.tests.factories import UserFactory
from fugong.audit.models import PiiAccess, PiiAction

pytestmark = pytest.mark.django_db

API = "/api/people"
PAGE = reverse("people:person_list")
# A checkpoint terminal cannot list people at all (403: test_api_matrix.py), let alone search.
MASKED_ONLY = ["city", "county", "group", "safety", "checkpoint"]
PII = ["manager", "health", "superuser"]


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
    if who == "superuser":
        root: Any = UserFactory(username="root", is_superuser=True, is_staff=True)
        client.force_login(root)
    else:
        client.force_login(getattr(world.users, who))
    return client


def probes(person) -> dict[str, str]:
    """What an attacker would send: the whole number, and suffixes longer than the tail."""
    return {
        "id_number": person.id_number,
        "phone": person.phone,
        "id_suffix_5": person.id_number[-5:],
        "id_suffix_17": person.id_number[-17:],
        "phone_suffix_6": person.phone[-6:],
        "phone_with_+86": "+86 " + person.phone,
    }


def names(response) -> set[str]:
    return {row["name"] for row in response.json()["items"]}


@pytest.mark.parametrize("who", MASKED_ONLY)
def test_a_masked_only_role_cannot_probe_numbers_through_the_api(world, who):
    client = client_for(world, who)
    miner = world.miner
    wrong = miner.id_number[:-2] + ("00" if miner.id_number[-2:] != "00" else "11")
    for label, value in probes(miner).items():
        hit = client.get(API, {"q": value})
        miss = client.get(API, {"q": wrong if label == "id_number" else "9" + value[1:]})
        assert hit.status_code == 422, label
        assert hit.json()["detail"][0]["field"] == "query.q"
        # A matching and a non-matching candidate answer alike: nothing to learn.
        assert hit.json() == miss.json(), label
    assert not PiiAccess.objects.exists()


@pytest.mark.parametrize("who", ["city", "county", "group", "safety", "checkpoint"])
def test_a_masked_only_role_sees_why_on_the_page_and_no_one_listed(world, who):
    client = client_for(world, who)
    response = client.get(PAGE, {"q": world.miner.id_number}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="filter-errors"' in html
    assert "last 4 characters" in html
    assert "张三" not in html


@pytest.mark.parametrize("who", [*MASKED_ONLY, "manager"])
def test_every_reader_searches_by_the_last_four_characters_unlogged(world, who):
    client = client_for(world, who)
    assert "张三" in names(client.get(API, {"q": world.miner.id_number[-4:]}))
    assert "张三" in names(client.get(API, {"q": world.miner.phone[-4:]}))
    assert not PiiAccess.objects.exists()


@pytest.mark.parametrize("who", ["manager", "safety"])
def test_fewer_than_four_digits_are_refused_for_everyone(world, who):
    response = client_for(world, who).get(API, {"q": "12"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "query.q"


@pytest.mark.parametrize("who", PII)
def test_a_pii_role_finds_a_person_by_number_and_each_search_is_logged(world, who):
    client = client_for(world, who)
    miner = world.miner
    for value in probes(miner).values():
        assert names(client.get(API, {"q": value})) == {"张三"}, value
    logs = list(PiiAccess.objects.order_by("pk"))
    assert len(logs) == len(probes(miner))
    for log in logs:
        assert log.action == PiiAction.SEARCH
        assert (log.person, log.record_count, log.ip_address) == (miner, 1, "127.0.0.1")
        # The log says what was searched, masked: never the digits themselves.
        assert miner.id_number not in log.detail and miner.phone not in log.detail
    assert logs[0].detail == f"Searched by ID number {miner.id_number_masked}"
    assert logs[1].detail == f"Searched by phone {miner.phone_masked}"


def test_a_number_search_that_finds_nobody_is_logged_with_no_person(world):
    client = client_for(world, "manager")
    assert names(client.get(API, {"q": "13800000000"})) == set()
    log = PiiAccess.objects.get()
    assert (log.action, log.person, log.record_count) == (PiiAction.SEARCH, None, 0)


def test_the_page_search_by_number_is_logged_too(world):
    client = client_for(world, "health")
    html = client.get(PAGE, {"q": world.miner.id_number}).content.decode()
    assert "张三" in html and "李四" not in html
    assert PiiAccess.objects.get().action == PiiAction.SEARCH


def test_a_full_width_number_is_searched_as_ascii(world):
    full_width = world.miner.id_number.translate(
        str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
    )
    client = client_for(world, "manager")
    assert names(client.get(API, {"q": full_width})) == {"张三"}
    # ... and counts as a number search for a masked-only role: refused.
    assert client_for(world, "safety").get(API, {"q": full_width}).status_code == 422


# --- throttling -------------------------------------------------------------------------------


@pytest.fixture
def limit_three(settings):
    settings.FUGONG_SEARCH_PROBE_LIMIT = 3
    settings.FUGONG_SEARCH_PROBE_WINDOW = 600
    return 3


def search_n(client, n: int, **extra) -> list[int]:
    return [client.get(API, {"q": f"1380000{i:04d}"}, **extra).status_code for i in range(n)]


@pytest.mark.parametrize("who", ["manager", "safety"])
def test_number_searches_up_to_the_limit_are_answered(world, limit_three, who):
    expected = 200 if who == "manager" else 422
    assert search_n(client_for(world, who), limit_three) == [expected] * 3


@pytest.mark.parametrize("who", ["manager", "safety"])
def test_the_search_above_the_limit_answers_429(world, limit_three, who):
    codes = search_n(client_for(world, who), limit_three + 2)
    assert codes[-2:] == [429, 429]
    assert codes[limit_three - 1] != 429


def test_a_throttled_search_is_neither_answered_nor_logged(world, limit_three):
    client = client_for(world, "manager")
    search_n(client, limit_three)
    response = client.get(API, {"q": world.miner.id_number})
    assert response.status_code == 429
    assert "items" not in response.json()
    assert int(response["Retry-After"]) > 0
    assert PiiAccess.objects.count() == limit_three


def test_the_429_message_is_chinese(world, limit_three, chinese):
    client = client_for(world, "manager")
    search_n(client, limit_three)
    response = client.get(API, {"q": world.miner.id_number})
    assert response.json()["detail"] == "按证件号或手机号搜索过于频繁，请稍等几分钟再试。"


def test_the_page_answers_429_with_the_message_in_the_results(world, limit_three, chinese):
    client = client_for(world, "health")
    for i in range(limit_three):
        client.get(PAGE, {"q": f"1380000{i:04d}"}, HTTP_HX_REQUEST="true")
    partial = client.get(PAGE, {"q": world.miner.phone}, HTTP_HX_REQUEST="true")
    assert partial.status_code == 429
    assert 'data-testid="throttled"' in partial.content.decode()
    assert "<html" not in partial.content.decode()
    assert "张三" not in partial.content.decode()
    page = client.get(PAGE, {"q": world.miner.phone})
    assert page.status_code == 429
    assert "过于频繁" in page.content.decode() and "<html" in page.content.decode()


def test_name_and_tail_searches_are_not_counted(world, limit_three):
    client = client_for(world, "safety")
    for _ in range(limit_three + 2):
        assert client.get(API, {"q": "张"}).status_code == 200
        assert client.get(API, {"q": world.miner.id_number[-4:]}).status_code == 200


def test_the_count_is_per_user(world, limit_three):
    search_n(client_for(world, "manager"), limit_three + 1)
    assert search_n(client_for(world, "health"), 1) == [200]


def test_the_window_ends_and_the_count_starts_again(world, limit_three):
    client = client_for(world, "manager")
    with time_machine.travel(dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC), tick=False) as clock:
        assert search_n(client, limit_three + 1)[-1] == 429
        clock.shift(dt.timedelta(seconds=599))
        assert search_n(client, 1) == [429]
        clock.shift(dt.timedelta(seconds=1))
        assert search_n(client, 1) == [200]


def test_the_export_of_a_throttled_search_answers_429(world, limit_three):
    client = client_for(world, "manager")
    search_n(client, limit_three)
    response = client.get(reverse("people:person_export"), {"q": world.miner.id_number})
    assert response.status_code == 429
