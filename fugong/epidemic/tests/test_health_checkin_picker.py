"""The person of the check-in for someone else: a search picker over exactly the people the
helper may check in for (DESIGN §3.3 "a helper can check in for a worker without a smartphone").

The page lists them in a select while they are few; beyond the picker threshold it renders only
the chosen person and the search asks ``epidemic:health_checkin_people``, which answers the
helper's own set (a team leader's team, a checkpoint's or health officer's active people), by
name only, with masked ID numbers. Validation keeps checking the whole set.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import reverse

from fugong.accounts.tests.factories import UserFactory
from fugong.core.pickers import PICKER_THRESHOLD
from fugong.epidemic.models import CheckIn
from fugong.org.tests.factories import TeamFactory
from fugong.people.models import PersonStatus
from fugong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PAGE = "epidemic:health_checkin_for"
PICK = "epidemic:health_checkin_people"


def person_options(html: str) -> list[str]:
    """The <option>s of the page's person select."""
    found = re.search(r'<select name="person".*?</select>', html, re.S)
    assert found, "no person select on the page"
    return re.findall(r"<option[^>]*>", found.group(0))


def names(client, **params) -> list[str]:
    response = client.get(reverse(PICK), params)
    assert response.status_code == 200
    return [row["label"].split(" · ")[0] for row in response.json()["results"]]


def submit_for(client, person):
    return client.post(
        reverse(PAGE),
        {"person": person.pk, "temperature": "36.6", "pledge": "on",
         "client_uuid": str(uuid.uuid4())},
    )  # fmt: skip


@pytest.fixture
def root(world):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def crowd(world):
    """More people at 栖凤 than a select should list."""
    return [PersonFactory(name=f"矿工{n:02d}", enterprise=world.qifeng) for n in range(35)]


@pytest.fixture
def leader(world):
    """张三 (the worker) leads 综采一队 (张三, 李四); 孙八 is in another 栖凤 team."""
    world.team.leader = world.miner
    world.team.save()
    other_team = TeamFactory(enterprise=world.qifeng, name="掘进一队")
    world.other_member = PersonFactory(name="孙八", enterprise=world.qifeng, team=other_team)
    return world


# --- the page --------------------------------------------------------------------------------


def test_the_superuser_page_lists_no_people_and_does_not_grow_with_them(client, world, root, crowd):
    """GIVEN a superuser, who may check in for every active person
    WHEN the page is opened with 40 people, then with 75
    THEN the person select holds only the empty choice and the page keeps its size."""
    client.force_login(root)
    first = client.get(reverse(PAGE)).content.decode()
    assert 'data-picker-mode="search"' in first
    assert f'data-picker="{reverse(PICK)}"' in first
    assert len(person_options(first)) == 1  # "Please choose"
    assert crowd[0].name not in first and world.plant_worker.name not in first
    for n in range(35):
        PersonFactory(name=f"新工{n:02d}", enterprise=world.plant)
    second = client.get(reverse(PAGE)).content.decode()
    assert len(person_options(second)) == 1
    assert abs(len(second) - len(first)) < 64  # the CSRF token and the client UUID vary


def test_the_search_box_says_it_finds_people_by_name_and_counties_by_name_or_code(
    client, root, chinese
):
    """GIVEN the helper's page in Chinese
    THEN the person's search box asks for a name (an ID number finds nobody there) and each
    of the four region boxes for a county's name or code."""
    client.force_login(root)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    page = client.get(reverse(PAGE)).content.decode()
    assert page.count('data-picker-placeholder="输入姓名搜索"') == 1
    assert page.count('data-picker-placeholder="输入县区名称或代码搜索"') == 4
    assert 'data-picker-placeholder="输入以搜索"' not in page


def test_few_choices_stay_an_ordinary_select_of_exactly_those_people(client, leader):
    client.force_login(leader.users.worker)
    html = client.get(reverse(PAGE)).content.decode()
    assert 'data-picker-mode="select"' in html
    options = person_options(html)
    assert len(options) == 3  # "Please choose", 张三, 李四
    assert leader.colleague.name in html and leader.other_member.name not in html
    assert leader.miner.id_number not in html and leader.miner.id_number_masked in html


def test_a_person_outside_the_rendered_options_is_still_accepted_when_in_scope(
    client, world, crowd
):
    client.force_login(world.users.health)
    html = client.get(reverse(PAGE)).content.decode()
    assert 'data-picker-mode="search"' in html and crowd[-1].name not in html
    assert submit_for(client, crowd[-1]).status_code == 302
    assert CheckIn.objects.get(person=crowd[-1]).submitted_by == world.users.health


@pytest.mark.parametrize(
    ("persona", "target"),
    [
        ("worker", "other_member"),  # a 栖凤 person of another team
        ("worker", "yuanping_miner"),
        ("health", "yuanping_miner"),  # another enterprise
        ("health", "plant_worker"),
        ("checkpoint", "yuanping_miner"),
        ("checkpoint", "left"),  # in scope, but no longer working here
    ],
)
def test_an_out_of_scope_person_posted_is_a_form_error_and_nothing_is_stored(
    client, leader, crowd, persona, target
):
    leader.left = PersonFactory(name="周九", enterprise=leader.qifeng, status=PersonStatus.LEFT)
    client.force_login(getattr(leader.users, persona))
    response = submit_for(client, getattr(leader, target))
    assert response.status_code == 200
    assert response.context["form"].errors["person"]
    assert not CheckIn.objects.exists()


# --- the search ------------------------------------------------------------------------------


def test_a_team_leader_finds_their_team_and_nobody_else(client, leader):
    client.force_login(leader.users.worker)
    assert sorted(names(client)) == sorted([leader.miner.name, leader.colleague.name])
    assert names(client, q="孙") == []  # another team of the same mine
    assert names(client, q="王") == []  # another mine


def test_a_worker_who_leads_no_team_finds_only_themself(client, world):
    client.force_login(world.users.worker)
    assert names(client) == [world.miner.name]
    assert names(client, q="李") == []


def test_the_health_officer_finds_the_active_people_of_the_enterprise(client, world, crowd):
    PersonFactory(name="矿工离职", enterprise=world.qifeng, status=PersonStatus.LEFT)
    client.force_login(world.users.health)
    found = names(client, q="矿工")
    assert len(found) == 20  # PICKER_RESULTS, and more to come
    assert client.get(reverse(PICK), {"q": "矿工"}).json()["more"] is True
    assert "矿工离职" not in names(client, q="矿工离")
    assert names(client, q="矿工34") == ["矿工34"]
    assert names(client, q="王五") == [] and names(client, q="钱七") == []


def test_the_checkpoint_never_finds_another_enterprises_people(client, world):
    client.force_login(world.users.checkpoint)
    assert sorted(names(client)) == sorted([world.miner.name, world.colleague.name])
    for other in (world.yuanping_miner, world.independent_miner, world.plant_worker):
        assert names(client, q=other.name) == []


def test_the_superuser_finds_every_active_person(client, world, root):
    client.force_login(root)
    assert names(client, q="钱七") == ["钱七"]


def test_the_answer_shows_masked_id_numbers_only(client, world):
    client.force_login(world.users.health)
    response = client.get(reverse(PICK), {"q": "张"})
    body = response.content.decode()
    assert [row["label"] for row in response.json()["results"]] == [
        f"张三 · {world.miner.id_number_masked}"
    ]
    assert world.miner.id_number not in body and world.miner.phone not in body


@pytest.mark.parametrize("persona", ["health", "checkpoint", "worker"])
def test_the_search_is_by_name_and_no_oracle_for_id_numbers_or_phones(client, world, persona):
    """Even the health officer, who may search the directory by number (logged, throttled),
    finds nobody here by number: this search is not logged, so it must not answer one."""
    client.force_login(getattr(world.users, persona))
    miner = world.miner
    full_width = miner.id_number.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    for q in (miner.id_number, full_width, miner.id_number[-4:], miner.id_number[:6],
              miner.phone, miner.phone[-4:], miner.id_number_masked):  # fmt: skip
        assert names(client, q=q) == [], q


@pytest.mark.parametrize("persona", ["city", "county", "manager", "safety", "group"])
def test_a_role_without_the_page_gets_403_from_its_search(client, world, persona):
    client.force_login(getattr(world.users, persona))
    assert client.get(reverse(PAGE)).status_code == 403
    assert client.get(reverse(PICK), {"q": "张"}).status_code == 403


@pytest.mark.parametrize("persona", ["health", "checkpoint", "worker", "root"])
def test_the_search_and_the_page_keep_their_queries_few(
    client, leader, crowd, root, persona, django_assert_max_num_queries
):
    for n in range(PICKER_THRESHOLD):
        PersonFactory(name=f"矿工{n:02d}乙", enterprise=leader.qifeng, team=leader.team)
    client.force_login(root if persona == "root" else getattr(leader.users, persona))
    with django_assert_max_num_queries(4):
        assert names(client, q="矿工")
    with django_assert_max_num_queries(10):
        html = client.get(reverse(PAGE)).content.decode()
    assert 'data-picker-mode="search"' in html
