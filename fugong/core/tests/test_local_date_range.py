"""LocalDateRangeFilter: from/to Beijing calendar days, inclusive, right across midnight UTC+8."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from fugong.audit.filters import ChangeFilter, PiiAccessFilter
from fugong.audit.models import PiiAccess
from fugong.audit.services import pii_access_record
from fugong.core.filters import local_day_start, query_names
from fugong.org.models import Team

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
LAST_SECOND = dt.datetime(2026, 3, 1, 23, 59, 59, tzinfo=BEIJING)  # 15:59:59 UTC, 1 March
FIRST_SECOND = dt.datetime(2026, 3, 2, 0, 0, 0, tzinfo=BEIJING)  # 16:00:00 UTC, 1 March


@pytest.fixture
def accesses(world, time_machine):
    made = {}
    for name, when, person in (
        ("last", LAST_SECOND, world.miner),
        ("first", FIRST_SECOND, world.colleague),
    ):
        time_machine.move_to(when, tick=False)
        made[name] = pii_access_record(user=world.users.health, action="view", person=person)
    return made


def _shown(world, query):
    filterset = PiiAccessFilter(query, queryset=PiiAccess.objects.all(), actor=world.users.city)
    assert filterset.is_valid(), filterset.errors
    return {access.person.name for access in filterset.qs}


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({"date_from": "2026-03-01", "date_to": "2026-03-01"}, {"张三"}),
        ({"date_from": "2026-03-02", "date_to": "2026-03-02"}, {"李四"}),
        ({"date_to": "2026-03-01"}, {"张三"}),
        ({"date_from": "2026-03-02"}, {"李四"}),
        ({"date_from": "2026-03-01", "date_to": "2026-03-02"}, {"张三", "李四"}),
        ({"date_from": "2026-03-03"}, set()),
        ({}, {"张三", "李四"}),
    ],
)
def test_23_59_59_and_00_00_00_local_fall_on_their_own_local_days(world, accesses, query, names):
    """GIVEN accesses at 23:59:59 on 1 March and 00:00:00 on 2 March, Beijing time (both on
    1 March in UTC) WHEN filtered by local days THEN each belongs to its Beijing day."""
    assert _shown(world, query) == names


def test_a_wrong_date_is_a_filter_error_not_an_empty_filter(world):
    filterset = PiiAccessFilter(
        {"date_from": "2026-02-30"}, queryset=PiiAccess.objects.all(), actor=world.users.city
    )
    assert not filterset.is_valid()


def test_a_local_day_starts_at_midnight_beijing_time():
    assert local_day_start(dt.date(2026, 3, 2)) == dt.datetime(2026, 3, 1, 16, tzinfo=dt.UTC)


def test_the_range_reads_from_and_to_parameters():
    assert query_names(PiiAccessFilter) == {"user", "action", "date_from", "date_to"}
    assert query_names(ChangeFilter) == {"model", "date_from", "date_to"}


def test_the_change_list_filters_by_local_day(client, world, time_machine):
    for when, name in ((LAST_SECOND, "末班"), (FIRST_SECOND, "首班")):
        time_machine.move_to(when, tick=False)
        Team.objects.create(enterprise=world.qifeng, name=name)
    entries = LogEntry.objects.filter(object_repr__in=["末班", "首班"])
    assert entries.count() == 2
    client.force_login(world.users.city)
    html = client.get(reverse("audit:change_list"), {"date_to": "2026-03-01"}).content.decode()
    assert "末班" in html and "首班" not in html
    html = client.get(reverse("audit:change_list"), {"date_from": "2026-03-02"}).content.decode()
    assert "首班" in html and "末班" not in html
