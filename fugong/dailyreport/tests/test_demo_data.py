"""The demo world's daily reports: 30 days, the 神达 mines operating, one mine not accepted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fugong.dailyreport.demo_data import DAYS, NOT_ACCEPTED_MINE
from fugong.dailyreport.models import DailyReport
from fugong.demo import data
from fugong.demo.world import build_world
from fugong.org.models import Enterprise

pytestmark = pytest.mark.django_db


def test_the_demo_world_has_30_days_of_reports_with_late_missing_and_zero_reports(
    without_world, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    build_world(total_people=200)
    today = timezone.localdate()
    reports = DailyReport.objects.all()
    days = set(reports.values_list("day", flat=True))
    assert min(days) == today - dt.timedelta(days=DAYS)
    assert max(days) == today - dt.timedelta(days=1)
    assert reports.filter(late=True).exists() and reports.filter(late=False).exists()
    assert reports.filter(operating=False, staff_on_duty=0).exists()
    mines = Enterprise.objects.filter(parent__name=data.GROUP_NAME, status="active")
    assert mines.count() == 5
    mine_reports = reports.filter(enterprise__in=mines)
    first = today - dt.timedelta(days=DAYS)
    for mine in mines:  # every day from its due date (the resumption step may set it)
        since = max(mine.resumption_due_on or first, first)
        assert mine_reports.filter(enterprise=mine).count() == (today - since).days
    assert not mine_reports.filter(operating=False).exists()
    assert mine_reports.filter(confirmed_at__isnull=False).exists()
    not_accepted = Enterprise.objects.get(name=NOT_ACCEPTED_MINE)
    assert not_accepted.resumption_due_on is None
    assert not reports.filter(enterprise=not_accepted).exists()
    due = Enterprise.objects.filter(status="active", resumption_due_on__lte=today)
    assert reports.count() < due.count() * DAYS  # some are missing
