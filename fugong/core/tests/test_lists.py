"""The one list page (core.lists) on every list: page and partial, sort, pages, filters kept."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fugong.accounts.services import device_token_create
from fugong.audit.models import PiiAction
from fugong.audit.services import pii_access_record
from fugong.org.tests.factories import ShiftFactory
from fugong.people.data_checks import data_check_run
from fugong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

# Every list page, with a persona that reads it and the column names its table sorts by.
LISTS = {
    "org:enterprise_list": ("city", ["name", "status", "kind", "region", "parent",
                                     "member_count", "credit_code", "industry"]),
    "org:place_list": ("city", ["name", "kind", "enterprise", "headcount_limit", "is_active",
                                "code", "parent"]),
    "org:team_list": ("city", ["name", "enterprise", "leader", "is_underground"]),
    "org:shift_list": ("city", ["name", "kind", "enterprise", "start_time", "end_time"]),
    "org:region_list": ("city", ["name", "code", "level", "parent"]),
    "people:person_list": ("city", ["name", "status", "enterprise", "team", "category",
                                    "id_number", "phone"]),
    "people:finding_list": ("city", ["person", "kind", "other_person", "enterprise",
                                     "first_found_at", "last_seen_at"]),
    "accounts:device_list": ("group", ["name", "state", "enterprise", "last_used_at"]),
    "audit:pii_access_list": ("city", ["at", "user", "action", "record_count", "ip_address"]),
    "audit:change_list": ("city", ["timestamp", "actor", "action", "record"]),
}  # fmt: skip


@pytest.fixture
def filled(world):
    """Something on every list: findings, devices and access log lines besides the world."""
    PersonFactory(name="孙八", enterprise=world.qifeng, phone=world.miner.phone)
    PersonFactory(name="周九", enterprise=world.qifeng, phone=world.miner.phone)
    ShiftFactory(enterprise=world.qifeng, name="早班")
    data_check_run()
    for name, place in (("门岗1号", world.checkpoint), ("门岗2号", world.checkpoint)):
        device_token_create(
            actor=world.users.group, enterprise=world.qifeng, name=name, places=[place]
        )
    for person in (world.miner, world.colleague):
        pii_access_record(user=world.users.manager, action=PiiAction.VIEW, person=person)
    return world


def get(client, user, url, **headers):
    client.force_login(user)
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response


@pytest.mark.parametrize("url_name", sorted(LISTS))
def test_each_list_renders_as_a_page_and_as_an_htmx_partial(client, filled, url_name):
    persona, _columns = LISTS[url_name]
    user = getattr(filled.users, persona)
    page = get(client, user, reverse(url_name)).content.decode()
    assert "<html" in page and 'id="results"' in page and "list-table" in page
    partial = get(client, user, reverse(url_name), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "list-table" in partial
    assert 'data-label="' in partial  # each cell is labelled for the phone card


@pytest.mark.parametrize("url_name", sorted(LISTS))
def test_each_list_sorts_by_every_sortable_column_both_ways(client, filled, url_name):
    persona, columns = LISTS[url_name]
    user = getattr(filled.users, persona)
    html = get(client, user, reverse(url_name)).content.decode()
    offered = set(re.findall(r'data-sort="([a-z_]+)"', html))
    assert offered == set(columns)
    for column in columns:
        for sort in (column, f"-{column}"):
            response = get(client, user, f"{reverse(url_name)}?sort={sort}")
            table = response.context["table"]
            assert table.order_by == (sort,), sort


@pytest.mark.parametrize("url_name", sorted(LISTS))
def test_each_list_pages_keep_filters_and_sort_and_offer_first_last_and_jump(
    client, filled, settings, url_name
):
    settings.PAGE_SIZE = 1
    persona, columns = LISTS[url_name]
    user = getattr(filled.users, persona)
    url = f"{reverse(url_name)}?sort=-{columns[0]}&q="
    html = get(client, user, f"{url}&page=2").content.decode()
    first = re.search(r'href="([^"]*)"[^>]*data-testid="page-first"', html)
    last = re.search(
        r'href="([^"]*)"[^>]*data-testid="page-last"', get(client, user, url).content.decode()
    )
    assert first and last, "page 2 links to the first page, page 1 to the last"
    for link in (first.group(1), last.group(1)):
        assert f"sort=-{columns[0]}" in link and "q=" in link
    assert "page=1" in first.group(1)
    jump = html[html.index('data-testid="page-jump"') :]
    assert f'name="sort" value="-{columns[0]}"' in jump and 'name="page"' in jump


@pytest.mark.parametrize("url_name", sorted(LISTS))
def test_a_page_past_the_end_shows_the_last_page(client, filled, settings, url_name):
    settings.PAGE_SIZE = 1
    persona, _columns = LISTS[url_name]
    response = get(client, getattr(filled.users, persona), f"{reverse(url_name)}?page=999")
    page = response.context["page"]
    assert page.number == page.paginator.num_pages > 1
    assert 'data-testid="page-last"' not in response.content.decode()


def test_jumping_to_a_page_shows_that_page(client, world, settings):
    settings.PAGE_SIZE = 2
    response = get(client, world.users.city, reverse("people:person_list") + "?sort=name&page=2")
    assert response.context["page"].number == 2
    assert [p.name for p in response.context["page"]] == ["张三", "赵六"]  # li, wang | zhang, zhao


def test_the_people_list_sorts_by_name_in_pinyin_order_both_ways(client, world):
    url = reverse("people:person_list")
    up = [p.name for p in get(client, world.users.city, f"{url}?sort=name").context["page"]]
    down = [p.name for p in get(client, world.users.city, f"{url}?sort=-name").context["page"]]
    assert up == ["李四", "王五", "张三", "赵六"]
    assert down == list(reversed(up))


def test_a_sorted_list_keeps_its_sort_when_the_filters_change(client, world):
    html = get(client, world.users.city, reverse("people:person_list") + "?sort=-name").content
    # The hidden input belongs to the filter form, which drives the results through htmx.
    assert b'<input type="hidden" name="sort" value="-name" form="list-filter">' in html
    assert b'id="list-filter"' in html


def test_an_invalid_filter_shows_no_rows_and_the_error(client, world):
    url = f"{reverse('org:place_list')}?enterprise={world.plant.pk}"
    html = get(client, world.users.county, url, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="filter-errors"' in html
    assert "No places match." in html


def test_the_sort_links_answer_through_htmx_into_the_results(client, world):
    html = get(client, world.users.city, reverse("org:enterprise_list")).content.decode()
    link = re.search(r'<a class="sort-link[^>]*data-sort="name"', html)
    assert link and 'hx-target="#results"' in link.group(0) and "hx-push-url" in link.group(0)


@pytest.mark.parametrize("url_name", sorted(LISTS))
def test_each_list_costs_the_same_queries_for_one_row_as_for_a_full_page(
    client, filled, settings, url_name
):
    """No query per row: a page of one row and a page of all rows cost the same, within 10."""
    persona, _columns = LISTS[url_name]
    client.force_login(getattr(filled.users, persona))
    client.get(reverse(url_name))  # warm the session and the content types
    counts = []
    for size in (1, 25):
        settings.PAGE_SIZE = size
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(url_name))
        assert len(response.context["page"]) == min(size, response.context["page"].paginator.count)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 10, counts
