"""The people directory page: who sees whom, masking, search, htmx and the query budget."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fugong.accounts.tests.factories import UserFactory
from fugong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
URL = reverse("people:person_list")

SEEN_BY = {
    "city": {"张三", "李四", "王五", "赵六"},
    "county": {"张三", "李四", "赵六"},
    "group": {"张三", "李四", "王五"},
    "manager": {"张三", "李四"},
    "health": {"张三", "李四"},
    "safety": {"张三", "李四"},
    "checkpoint": {"张三", "李四"},
}
EVERYONE = {"张三", "李四", "王五", "赵六", "钱七"}


def page_text(client, user, url=URL, **headers):
    client.force_login(user)
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", sorted(SEEN_BY))
def test_it_shows_each_reader_exactly_the_people_of_its_scope(client, world, persona):
    html = page_text(client, getattr(world.users, persona))
    shown = {name for name in EVERYONE if name in html}
    assert shown == SEEN_BY[persona]


def test_it_shows_the_county_officer_of_ningwu_zhang_li_and_zhao_only(client, world):
    html = page_text(client, world.users.county)
    assert all(name in html for name in ("张三", "李四", "赵六"))
    assert "王五" not in html and "钱七" not in html


@pytest.mark.parametrize("persona", ["worker", "liaison", "department"])
def test_it_forbids_the_list_to_roles_without_people_work(client, world, persona):
    client.force_login(getattr(world.users, persona))
    assert client.get(URL).status_code == 403


def test_it_sends_anonymous_visitors_to_the_login_page(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("persona", [*sorted(SEEN_BY), "superuser"])
def test_it_never_shows_a_full_id_number_or_phone_in_the_list(client, world, persona):
    user = (
        UserFactory(username="root", is_superuser=True, is_staff=True)
        if persona == "superuser"
        else getattr(world.users, persona)
    )
    html = page_text(client, user)
    for person in (world.miner, world.colleague):
        assert person.id_number not in html
        assert person.phone not in html
        assert person.id_number_masked in html
        assert person.phone_masked in html


def test_it_finds_a_person_by_the_last_digits_of_the_id_number(client, world):
    html = page_text(client, world.users.manager, f"{URL}?q={world.colleague.id_number[-6:]}")
    assert "李四" in html and "张三" not in html


def test_it_finds_a_person_by_name(client, world):
    html = page_text(client, world.users.county, f"{URL}?q=赵")
    assert "赵六" in html and "张三" not in html


def test_it_filters_by_enterprise(client, world):
    html = page_text(client, world.users.city, f"{URL}?enterprise={world.independent.pk}")
    assert "赵六" in html and "张三" not in html


def test_it_refuses_a_filter_naming_an_enterprise_outside_the_scope(client, world):
    html = page_text(client, world.users.county, f"{URL}?enterprise={world.plant.pk}")
    assert "钱七" not in html
    assert 'data-testid="filter-errors"' in html


def test_it_answers_htmx_with_the_results_partial_only(client, world):
    html = page_text(client, world.users.health, f"{URL}?q=李", HTTP_HX_REQUEST="true")
    assert "<html" not in html
    assert 'data-testid="person-table"' in html
    assert "李四" in html and "张三" not in html


def test_it_keeps_the_current_filters_in_the_export_link(client, world):
    html = page_text(client, world.users.manager, f"{URL}?q=%E6%9D%8E&category=employee&page=1")
    export = reverse("people:person_export")
    assert f'href="{export}?q=%E6%9D%8E&amp;category=employee"' in html


def test_it_offers_import_and_registration_to_editors(client, world):
    html = page_text(client, world.users.health)
    assert reverse("people:roster_import") in html
    assert reverse("people:person_create") in html


@pytest.mark.parametrize("persona", ["city", "county", "safety", "checkpoint"])
def test_it_hides_import_and_registration_from_readers(client, world, persona):
    html = page_text(client, getattr(world.users, persona))
    assert reverse("people:roster_import") not in html
    assert reverse("people:person_create") not in html


@pytest.mark.parametrize("extra", [30, 60])
def test_it_lists_a_page_within_a_fixed_query_budget(
    client, world, django_assert_max_num_queries, extra
):
    """GIVEN 30 (or 60) more people, WHEN the list is shown, THEN the query count is the same."""
    PersonFactory.create_batch(extra, enterprise=world.qifeng, team=world.team)
    client.force_login(world.users.group)
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    assert response.status_code == 200


def test_a_checkpoint_operator_gets_no_team_filter_and_a_manager_does(client, world):
    client.force_login(world.users.checkpoint)
    assert 'name="team"' not in client.get("/people/").content.decode()
    client.force_login(world.users.manager)
    assert 'name="team"' in client.get("/people/").content.decode()
