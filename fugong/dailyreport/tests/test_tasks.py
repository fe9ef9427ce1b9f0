"""The reminder for missing daily reports as a Huey periodic task (default 10:00 local)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from fugong.dailyreport.models import ReportReminder
from fugong.dailyreport.tasks import report_reminders
from fugong.dailyreport.tests.conftest import D2

TASK_NAME = "dailyreport.reminders_send"


def due_at(moment: tuple[int, int, int, int, int]) -> set[str]:
    # utc=False: the consumer hands periodic tasks the naive local (Asia/Shanghai) time.
    return {task.name for task in HUEY.read_periodic(dt.datetime(*moment))}


def test_it_is_due_at_1000_local_time_every_day():
    assert not HUEY.utc
    assert TASK_NAME in due_at((2026, 3, 1, 10, 0))
    assert TASK_NAME in due_at((2026, 12, 31, 10, 0))


@pytest.mark.parametrize(
    "moment", [(2026, 3, 1, 9, 59), (2026, 3, 1, 10, 1), (2026, 3, 1, 2, 0), (2026, 3, 1, 22, 0)]
)
def test_it_is_not_due_at_other_minutes(moment):
    assert TASK_NAME not in due_at(moment)


@pytest.mark.django_db
def test_it_reminds_the_managers_of_due_units_without_a_report_once(reporting, huey_immediate):
    with time_machine.travel(timezone.make_aware(dt.datetime(2026, 3, 3, 10, 0)), tick=False):
        report_reminders()
        report_reminders()  # the second run of the day reminds nobody again
    reminders = list(ReportReminder.objects.all())
    # D2: 独立 is due and has not reported; it has no manager account in the world.
    assert [(r.enterprise_id, r.day, r.recipient_id) for r in reminders] == [
        (reporting.independent.pk, D2, None)
    ]
    assert not huey_immediate.is_locked(TASK_NAME)


@pytest.mark.django_db
def test_the_manager_of_a_missing_unit_is_the_recipient(reporting):
    from fugong.dailyreport.models import DailyReport

    DailyReport.objects.filter(enterprise=reporting.qifeng, day=D2).delete()
    with time_machine.travel(timezone.make_aware(dt.datetime(2026, 3, 3, 10, 0)), tick=False):
        result = report_reminders.call_local()
    assert result["missing"] == 2
    recipients = set(ReportReminder.objects.values_list("recipient_id", flat=True))
    assert reporting.users.manager.pk in recipients
