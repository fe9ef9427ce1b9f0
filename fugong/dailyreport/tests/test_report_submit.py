"""Filing a daily report: D-1 dating, the 12:00 deadline, replace-with-history, confirmation."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fugong.dailyreport.models import DailyReport
from fugong.dailyreport.selectors import report_history
from fugong.dailyreport.services import report_confirm, report_submit, reports_submit_batch

pytestmark = pytest.mark.django_db

D = dt.date(2026, 3, 2)  # the day of filing; the report covers D-1
D_1 = dt.date(2026, 3, 1)


def local(year: int, month: int, day: int, hour: int, minute: int = 0, second: int = 0):
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute, second))


def submit(world, *, day=D_1, actor=None, **values):
    values.setdefault("operating", True)
    values.setdefault("staff_on_duty", 200)
    values.setdefault("output", "2000")
    return report_submit(
        actor=actor or world.users.manager, enterprise=world.qifeng, day=day, **values
    )


@pytest.mark.parametrize(
    ("moment", "late"),
    [
        ((2026, 3, 2, 11, 59, 59), False),
        ((2026, 3, 2, 12, 0, 0), False),
        ((2026, 3, 2, 12, 0, 1), True),
        ((2026, 3, 1, 23, 0, 0), None),
    ],
)
def test_a_report_for_d_minus_1_is_late_only_after_1200_on_d(world, moment, late):
    with time_machine.travel(local(*moment), tick=False):
        if late is None:  # on D-1 itself the day is not over: nothing to report yet
            with pytest.raises(ValidationError) as error:
                submit(world)
            assert "day" in error.value.message_dict
            return
        report = submit(world)
    assert report.late is late


def test_the_normal_figures_are_prefilled_from_the_enterprise_record(world):
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        report = submit(world)
    assert report.normal_headcount == world.qifeng.normal_headcount
    assert report.normal_output == world.qifeng.normal_daily_output
    assert report.submitted_by == world.users.manager


def test_a_zero_report_is_accepted(world):
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        report = submit(world, operating=False, staff_on_duty=0, output=0)
    assert not report.operating and report.staff_on_duty == 0


def test_a_resend_replaces_the_report_and_keeps_the_old_version(world):
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        first = submit(world, staff_on_duty=100)
    report_confirm(actor=world.users.group, report=first)
    with time_machine.travel(local(2026, 3, 2, 13), tick=False):
        second = submit(world, staff_on_duty=150)
    first.refresh_from_db()
    assert first.superseded_at is not None
    assert DailyReport.objects.current().get(enterprise=world.qifeng, day=D_1) == second
    assert list(report_history(report=second)) == [second, first]
    # A change after confirmation: the new version is not confirmed.
    assert second.confirmed_at is None and second.late


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("staff_on_duty", -1),
        ("staff_on_duty", 100_001),
        ("output", "-0.01"),
        ("normal_headcount", -5),
        ("output", "abc"),
    ],
)
def test_bad_figures_are_refused_by_field_and_nothing_is_stored(world, field, value):
    with (
        time_machine.travel(local(2026, 3, 2, 9), tick=False),
        pytest.raises(ValidationError) as error,
    ):
        submit(world, **{field: value})
    assert field in error.value.message_dict
    assert not DailyReport.objects.exists()


def test_the_staff_bound_is_inclusive(world):
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        assert submit(world, staff_on_duty=100_000).staff_on_duty == 100_000


def test_an_enterprise_outside_the_scope_is_refused(world):
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        with pytest.raises(PermissionDenied):
            report_submit(
                actor=world.users.manager,
                enterprise=world.yuanping_mine,
                day=D_1,
                operating=True,
                staff_on_duty=1,
            )
        with pytest.raises(PermissionDenied):
            submit(world, actor=world.users.county)  # officials read reports, not file them


def test_a_batch_with_one_bad_item_names_it_and_stores_nothing(world):
    items = [
        {"enterprise": world.qifeng, "day": D_1, "operating": True, "staff_on_duty": 10},
        {"enterprise": world.yuanping_mine, "day": D_1, "operating": True, "staff_on_duty": -1},
    ]
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        with pytest.raises(ValidationError) as error:
            reports_submit_batch(actor=world.users.group, items=items)
        assert "items.1.staff_on_duty" in error.value.message_dict
        assert not DailyReport.objects.exists()
        items[1]["staff_on_duty"] = 5
        assert len(reports_submit_batch(actor=world.users.group, items=items)) == 2
        # Idempotent per enterprise and day: a resend replaces, the count of current is the same.
        reports_submit_batch(actor=world.users.group, items=items)
    assert DailyReport.objects.current().count() == 2
    assert DailyReport.objects.count() == 4


def test_a_batch_item_outside_the_scope_is_named_like_a_missing_one(world):
    items = [{"enterprise": world.plant, "day": D_1, "operating": True, "staff_on_duty": 1}]
    with (
        time_machine.travel(local(2026, 3, 2, 9), tick=False),
        pytest.raises(ValidationError) as error,
    ):
        reports_submit_batch(actor=world.users.group, items=items)
    assert "items.0.enterprise" in error.value.message_dict


def test_only_the_group_confirms_and_only_member_units(world):
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        report = submit(world)
    with pytest.raises(PermissionDenied):
        report_confirm(actor=world.users.manager, report=report)
    report_confirm(actor=world.users.group, report=report)
    report.refresh_from_db()
    assert report.confirmed_by == world.users.group and report.confirmed_at is not None
