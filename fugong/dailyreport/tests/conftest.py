"""A reporting world on top of the root ``world``: due dates, normal figures and a few reports.

Days 2026-03-01 and 03-02 (a Sunday and a Monday, which does not matter for daily reports).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from fugong.dailyreport.models import DailyReport
from fugong.org.models import Enterprise

D1 = dt.date(2026, 3, 1)
D2 = dt.date(2026, 3, 2)
FILED_AT = timezone.make_aware(dt.datetime(2026, 3, 3, 9, 0))


def report(enterprise, day, *, operating=True, staff=0, output=0, headcount=None, normal=None):
    return DailyReport.objects.create(
        enterprise=enterprise,
        day=day,
        operating=operating,
        staff_on_duty=staff,
        output=Decimal(output),
        normal_headcount=enterprise.normal_headcount if headcount is None else headcount,
        normal_output=enterprise.normal_daily_output if normal is None else Decimal(normal),
        submitted_at=FILED_AT,
    )


@pytest.fixture
def reporting(world):
    """栖凤 due D1 (300 staff, 3000 t), 原平矿 due D2 (200, 0 t), 独立 due D1 (100, 1000 t);
    the plant and the group are not due.

    Reports: 栖凤 D1 operating 240 staff 2500 t with its own headcount 320; 栖凤 D2 a
    zero-report; 独立 D1 operating 90 staff 800 t, D2 missing; 原平矿 D2 operating 150 staff
    100 t; 原平矿 D1 (before it was due) 50 staff, not operating.
    """
    Enterprise.objects.filter(pk=world.qifeng.pk).update(
        resumption_due_on=D1, normal_headcount=300, normal_daily_output=Decimal(3000)
    )
    Enterprise.objects.filter(pk=world.yuanping_mine.pk).update(
        resumption_due_on=D2, normal_headcount=200, normal_daily_output=Decimal(0)
    )
    Enterprise.objects.filter(pk=world.independent.pk).update(
        resumption_due_on=D1, normal_headcount=100, normal_daily_output=Decimal(1000)
    )
    for name in ("qifeng", "yuanping_mine", "independent"):
        getattr(world, name).refresh_from_db()
    report(world.qifeng, D1, staff=240, output=2500, headcount=320)
    report(world.qifeng, D2, operating=False)
    report(world.independent, D1, staff=90, output=800)
    report(world.yuanping_mine, D2, staff=150, output=100)
    report(world.yuanping_mine, D1, operating=False, staff=50)
    return world
