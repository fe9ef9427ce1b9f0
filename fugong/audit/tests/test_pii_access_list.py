"""The personal-information access log page: city command only, limited to its city."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from fugong.accounts.tests.factories import UserFactory
from fugong.audit.services import pii_access_record
from fugong.core.roles import Role
from fugong.core.tests.personas import PERSONAS

pytestmark = pytest.mark.django_db
URL = reverse("audit:pii_access_list")
BEIJING = ZoneInfo("Asia/Shanghai")
OTHERS = [persona for persona in PERSONAS if persona != "city"]


@pytest.fixture
def log(world):
    """One view of a 忻州 person, one of the 太原 person, and one export each way."""
    plant_manager = UserFactory(
        username="plant", role=Role.ENTERPRISE_MANAGER, enterprise=world.plant
    )
    return {
        "view_in": pii_access_record(user=world.users.health, action="view", person=world.miner),
        "view_out": pii_access_record(user=plant_manager, action="view", person=world.plant_worker),
        "export_in": pii_access_record(
            user=world.users.manager,
            action="export",
            record_count=2,
            detail=f"enterprise={world.qifeng.pk}",
        ),
        "export_out": pii_access_record(
            user=plant_manager, action="export", record_count=1, detail=""
        ),
    }


EXPORT_IN = "Exported the roster of 宁武栖凤煤矿: 2 people (unmasked)"
EXPORT_OUT = "Exported the roster of 大唐太原第二热电厂: 1 person (unmasked)"


def rows(client, user, query=""):
    client.force_login(user)
    response = client.get(f"{URL}{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_city_command_the_accesses_of_its_city_only(client, world, log):
    html = rows(client, world.users.city)
    assert "张三" in html and EXPORT_IN in html
    assert "钱七" not in html and EXPORT_OUT not in html


def test_it_shows_a_superuser_everything(client, world, log):
    html = rows(client, UserFactory(username="root", is_superuser=True, is_staff=True))
    assert all(text in html for text in ("张三", EXPORT_IN, "钱七", EXPORT_OUT))


@pytest.mark.parametrize("persona", OTHERS)
def test_it_forbids_the_log_to_every_other_role(client, world, log, persona):
    client.force_login(getattr(world.users, persona))
    assert client.get(URL).status_code == 403


def test_it_filters_by_action(client, world, log):
    html = rows(client, world.users.city, "?action=export")
    assert EXPORT_IN in html and "张三" not in html


def test_it_filters_by_user(client, world, log):
    html = rows(client, world.users.city, f"?user={world.users.health.pk}")
    assert "张三" in html and EXPORT_IN not in html


def test_it_refuses_to_filter_by_a_user_outside_the_city(client, world, log):
    plant_manager = log["view_out"].user
    html = rows(client, world.users.city, f"?user={plant_manager.pk}")
    assert "钱七" not in html and EXPORT_OUT not in html
    assert 'data-testid="filter-errors"' in html


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("?date_from=2026-03-01", True),
        ("?date_from=2026-03-02", False),
        ("?date_to=2026-03-01", True),
        ("?date_to=2026-02-28", False),
    ],
)
def test_it_filters_by_beijing_calendar_day(client, world, time_machine, query, shown):
    """GIVEN an access at 23:30 Beijing time on 1 March (15:30 UTC)
    WHEN the log is filtered by day THEN the access belongs to 1 March, not 2 March."""
    time_machine.move_to(dt.datetime(2026, 3, 1, 23, 30, tzinfo=BEIJING), tick=False)
    pii_access_record(user=world.users.health, action="view", person=world.colleague)
    time_machine.move_to(dt.datetime(2026, 3, 5, 9, tzinfo=BEIJING))
    html = rows(client, world.users.city, query)
    assert ("李四" in html) is shown


def test_it_answers_htmx_with_the_table_only(client, world, log):
    client.force_login(world.users.city)
    html = client.get(URL, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in html and 'data-testid="pii-access-table"' in html


def test_it_lists_a_page_within_a_fixed_query_budget(client, world, django_assert_max_num_queries):
    for _ in range(30):
        pii_access_record(user=world.users.health, action="view", person=world.miner)
    client.force_login(world.users.city)
    with django_assert_max_num_queries(10):
        assert client.get(URL).status_code == 200


def test_each_access_is_a_sentence_not_a_url(client, world, log):
    pii_access_record(
        user=world.users.health, action="view", person=world.colleague, detail="/people/2/reveal/"
    )
    pii_access_record(
        user=world.users.manager,
        action="export",
        record_count=1,
        detail=f"q=%E6%9D%8E&team={world.team.pk}&status=active",
    )
    pii_access_record(user=world.users.city, action="view", person=world.miner, detail="admin")
    html = rows(client, world.users.city)
    assert "Viewed the resident ID number and phone of 李四" in html
    assert "Viewed the resident ID number and phone of 张三 (in the admin)" in html
    assert EXPORT_IN in html
    narrowed = "; only search “李”、综采一队、Active"
    assert f"Exported the roster of 宁武栖凤煤矿: 1 person (unmasked){narrowed}" in html
    table = html[html.index('data-testid="pii-access-table"') :]
    assert ">/people/2/reveal/<" not in table


def test_an_export_filtered_by_an_enterprise_outside_the_readers_scope_names_none(client, world):
    detail = f"enterprise={world.plant.pk}"
    pii_access_record(user=world.users.group, action="export", record_count=5, detail=detail)
    html = rows(client, world.users.city)
    assert "Exported the roster of (outside your scope): 5 people (unmasked)" in html
    assert world.plant.name not in html


def test_the_sentences_are_chinese_for_a_chinese_reader(client, world, log, chinese):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    html = rows(client, world.users.city)
    assert "查看 张三 的身份证号和手机号" in html
    assert "导出 宁武栖凤煤矿 人员名单 2 人（未脱敏）" in html
