"""The home page per role: only the counts a role reads, each a link to the list it counts;
for city and county a table of enterprises by county and status."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from fugong.core.selectors import enterprises_by_county
from fugong.org.models import EnterpriseStatus

pytestmark = pytest.mark.django_db
HOME = reverse("home")
COUNT = re.compile(r'data-testid="count-(\w+)">(\d+)<')

# persona → the counts on its home page (written out from DESIGN §2, not from the code).
EXPECTED_COUNTS = {
    "city": {"enterprises": 4, "places": 4, "people": 4},
    "county": {"enterprises": 2, "places": 3, "people": 3},
    "department": {"enterprises": 4, "places": 4},
    "liaison": {"enterprises": 1, "places": 0},
    "group": {"enterprises": 3, "places": 4, "people": 3},
    "manager": {"enterprises": 1, "places": 3, "people": 2},
    "health": {"enterprises": 1, "places": 3, "people": 2},
    "safety": {"enterprises": 1, "places": 3, "people": 2},
    "checkpoint": {"enterprises": 1, "places": 1, "people": 2},
    "worker": {},
}
LIST_OF = {
    "enterprises": reverse("org:enterprise_list"),
    "places": reverse("org:place_list"),
    "people": reverse("people:person_list"),
}


def home_of(client, user) -> str:
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", sorted(EXPECTED_COUNTS))
def test_home_shows_only_the_counts_the_role_reads(client, world, persona):
    html = home_of(client, getattr(world.users, persona))
    counts = {key: int(value) for key, value in COUNT.findall(html)}
    assert counts == EXPECTED_COUNTS[persona]


def test_leaders_and_departments_see_no_people_count_not_even_zero(client, world, chinese):
    for user in (world.users.liaison, world.users.department):
        html = home_of(client, user)
        assert 'data-testid="count-people"' not in html
        assert ">人员<" not in html
    assert ">人员<" in home_of(client, world.users.city)  # the label the others must not see


@pytest.mark.parametrize("persona", ["city", "group", "checkpoint"])
def test_each_count_links_to_the_list_it_counts(client, world, persona):
    html = home_of(client, getattr(world.users, persona))
    for key in EXPECTED_COUNTS[persona]:
        link = re.search(rf'href="([^"]+)" data-testid="count-link-{key}"', html)
        assert link and link.group(1) == LIST_OF[key]


def test_city_home_has_a_row_per_county_and_a_column_per_status(client, world):
    world.yuanping_mine.status = EnterpriseStatus.SUSPENDED
    world.yuanping_mine.save()
    html = home_of(client, world.users.city)
    assert 'data-testid="county-table"' in html
    table = enterprises_by_county(actor=world.users.city)
    names = [row.region.name for row in table.rows]
    assert names == ["忻府区", "宁武县", "原平市"]  # by code; 太原 is outside 忻州
    assert [value for value, _ in table.statuses] == ["active", "suspended", "closed"]
    cells = {row.region.name: dict(row.cells) for row in table.rows}
    assert cells["宁武县"] == {"active": 2, "suspended": 0, "closed": 0}
    assert cells["原平市"] == {"active": 0, "suspended": 1, "closed": 0}
    assert dict(table.totals.cells) == {"active": 3, "suspended": 1, "closed": 0}


def test_each_cell_links_to_the_enterprise_list_it_counts(client, world):
    html = home_of(client, world.users.city)
    ningwu = world.regions.ningwu
    link = re.search(rf'href="([^"]+)" data-testid="cell-{ningwu.code}-active">(\d+)<', html)
    assert link is not None
    url = link.group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(url).query) == {"region": [str(ningwu.pk)], "status": ["active"]}
    listed = client.get(url).context["page"].object_list
    assert {e.name for e in listed} == {"宁武栖凤煤矿", "宁武独立煤矿"}
    assert len(listed) == int(link.group(2))


def test_county_home_has_only_its_own_county(client, world):
    html = home_of(client, world.users.county)
    assert f'data-testid="cell-{world.regions.ningwu.code}-active">2<' in html
    assert world.regions.yuanping.code not in html


@pytest.mark.parametrize("persona", ["department", "liaison", "group", "manager", "worker"])
def test_other_roles_get_no_county_table(client, world, persona):
    assert 'data-testid="county-table"' not in home_of(client, getattr(world.users, persona))


def test_the_county_table_takes_two_queries_however_many_counties(world, django_assert_num_queries):
    from fugong.org.tests.factories import EnterpriseFactory, RegionFactory

    city = world.users.city
    enterprises_by_county(actor=city)  # the actor's scope is computed once and cached
    for n in range(5):
        county = RegionFactory(
            code=f"1409{30 + n}", name=f"县{n}", level="county", parent=world.regions.xinzhou
        )
        EnterpriseFactory(region=county)
    with django_assert_num_queries(2):
        table = enterprises_by_county(actor=city)
    assert len(table.rows) == 8


def test_the_city_home_page_has_a_fixed_query_count(client, world, django_assert_max_num_queries):
    client.force_login(world.users.city)
    client.get(HOME)
    with django_assert_max_num_queries(8):
        assert client.get(HOME).status_code == 200
