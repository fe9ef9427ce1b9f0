"""The data check findings page: roles, scope, filters and the htmx partial."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from fugong.people.data_checks import data_check_run
from fugong.people.models import FindingKind, Person
from fugong.people.services import person_update
from fugong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
URL = reverse("people:finding_list")


@pytest.fixture
def findings(world):
    """A shared phone in each of 栖凤 (宁武, group), 原平矿 (group) and the 太原 plant."""
    suspects = {
        "qifeng": PersonFactory(name="孙八", enterprise=world.qifeng, phone=world.miner.phone),
        "yuanping": PersonFactory(
            name="周九", enterprise=world.yuanping_mine, phone=world.yuanping_miner.phone
        ),
        "plant": PersonFactory(name="吴十", enterprise=world.plant, phone=world.plant_worker.phone),
    }
    data_check_run()
    return suspects


def page(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


def test_county_officer_sees_only_findings_of_its_county(client, world, findings):
    body = page(client, world.users.county).content.decode()
    assert "孙八" in body and "张三" in body
    assert "周九" not in body and "吴十" not in body


def test_group_admin_sees_findings_of_the_group_members(client, world, findings):
    body = page(client, world.users.group).content.decode()
    assert "孙八" in body and "周九" in body
    assert "吴十" not in body


def test_city_command_sees_its_city_and_nothing_outside(client, world, findings):
    body = page(client, world.users.city).content.decode()
    assert "孙八" in body and "周九" in body and "吴十" not in body


def test_it_links_to_both_people_of_a_finding(client, world, findings):
    body = page(client, world.users.manager).content.decode()
    assert reverse("people:person_detail", args=[findings["qifeng"].pk]) in body
    assert reverse("people:person_detail", args=[world.miner.pk]) in body
    assert world.miner.phone not in body  # the phone shows masked
    assert world.miner.phone_masked in body


@pytest.mark.parametrize("role", ["worker", "checkpoint", "safety", "department", "liaison"])
def test_other_roles_are_refused(client, world, findings, role):
    assert page(client, getattr(world.users, role)).status_code == 403


def test_anonymous_users_are_sent_to_login(client):
    assert client.get(URL).status_code == 302


def test_it_filters_by_kind_and_enterprise(client, world, findings):
    user = world.users.group
    assert "孙八" not in page(client, user, kind=FindingKind.CLOSED_ENTERPRISE).content.decode()
    assert "孙八" in page(client, user, kind=FindingKind.SHARED_PHONE).content.decode()
    body = page(client, user, enterprise=world.yuanping_mine.pk).content.decode()
    assert "周九" in body and "孙八" not in body


def test_an_enterprise_outside_the_scope_is_not_a_valid_filter(client, world, findings):
    body = page(client, world.users.county, enterprise=world.plant.pk).content.decode()
    assert "吴十" not in body and "孙八" not in body


def test_htmx_gets_only_the_rows(client, world, findings):
    client.force_login(world.users.county)
    response = client.get(URL, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "孙八" in body
    assert "<html" not in body and 'data-testid="finding-filter"' not in body


def test_resolved_findings_leave_the_list(client, world, findings):
    findings["qifeng"].phone = "13700000001"
    findings["qifeng"].save()
    data_check_run()
    assert "孙八" not in page(client, world.users.county).content.decode()


def test_the_list_page_costs_the_same_queries_for_many_findings(
    client, world, django_assert_max_num_queries
):
    for _ in range(30):
        PersonFactory(enterprise=world.qifeng, phone=world.miner.phone)
    data_check_run()
    client.force_login(world.users.city)
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    assert response.content.decode().count("<tr>") == 26  # header + a page of 25


def test_a_bad_filter_names_the_field(client, world, findings):
    client.force_login(world.users.county)
    body = client.get(URL, {"kind": "nonsense"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'role="alert"' in body and "Kind:" in body


# --- when the check last ran --------------------------------------------------------------


def test_it_says_the_check_has_not_run_yet(client, world):
    body = page(client, world.users.manager).content.decode()
    assert "The check has not run yet." in body


def test_it_says_when_the_check_last_ran_and_what_it_found_in_scope(client, world, time_machine):
    """GIVEN a run at 02:30 Beijing time finding a shared phone in 栖凤, 原平矿 and the plant
    WHEN 栖凤's manager and the city open the page THEN each sees the time and its own counts."""
    at = dt.datetime(2026, 3, 2, 2, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    PersonFactory(name="孙八", enterprise=world.qifeng, phone=world.miner.phone)
    PersonFactory(name="周九", enterprise=world.yuanping_mine, phone=world.yuanping_miner.phone)
    PersonFactory(name="吴十", enterprise=world.plant, phone=world.plant_worker.phone)
    data_check_run(now=at)
    manager = page(client, world.users.manager).content.decode()
    assert "Last checked 2026-03-02 02:30: 1 findings open in your scope (1 new, 0 resolved)." in (
        manager
    )
    city = page(client, world.users.city).content.decode()
    assert "2 findings open in your scope (2 new, 0 resolved)" in city


def test_a_later_run_reports_what_it_resolved(client, world):
    PersonFactory(name="孙八", enterprise=world.qifeng, phone=world.miner.phone)
    data_check_run(now=timezone.now() - dt.timedelta(days=1))
    suspect = Person.objects.get(name="孙八")
    person_update(actor=world.users.manager, person=suspect, phone="")
    data_check_run()
    body = page(client, world.users.manager).content.decode()
    assert "0 findings open in your scope (0 new, 1 resolved)" in body


def test_it_says_not_run_yet_in_chinese(client, world, chinese):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    assert "尚未运行" in page(client, world.users.manager).content.decode()
