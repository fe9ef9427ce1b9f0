"""Reminders for missing daily reports: who is reminded, stored so the app can show them.

There is no SMS gateway in the platform yet: a reminder is a stored row (to whom, when) shown
on the "not reported" page and to the recipient; a gateway would send from these rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from fugong.core.roles import Role
from fugong.dailyreport.deadlines import day_due
from fugong.dailyreport.models import DailyReport, ReportReminder
from fugong.org.models import Enterprise, EnterpriseStatus


@dataclass(frozen=True)
class ReminderRun:
    day: dt.date
    missing: int
    sent: int


@transaction.atomic
def reminders_send(*, now: dt.datetime | None = None) -> ReminderRun:
    """Remind the managers of every due unit without a report for the day being filed today.

    System-wide (the task runs for everyone, not for an actor). A unit reminded already for the
    day is not reminded again; a unit without a manager account gets a row without recipient,
    so the county sees that nobody could be reminded.
    """
    now = now or timezone.now()
    day = day_due(now)
    reported = DailyReport.objects.current().filter(enterprise=OuterRef("pk"), day=day)
    reminded = ReportReminder.objects.filter(enterprise=OuterRef("pk"), day=day)
    missing = list(
        Enterprise.objects.filter(status=EnterpriseStatus.ACTIVE, resumption_due_on__lte=day)
        .exclude(Exists(reported))
        .exclude(Exists(reminded))
        .values_list("pk", flat=True)
    )
    managers: dict[int, list[int]] = {}
    users = get_user_model().objects.filter(
        role=Role.ENTERPRISE_MANAGER, is_active=True, enterprise_id__in=missing
    )
    for user_id, enterprise_id in users.values_list("pk", "enterprise_id"):
        managers.setdefault(enterprise_id, []).append(user_id)
    nobody: list[int | None] = [None]
    rows = [
        ReportReminder(enterprise_id=pk, day=day, recipient_id=user_id, sent_at=now)
        for pk in missing
        for user_id in (managers.get(pk) or nobody)
    ]
    ReportReminder.objects.bulk_create(rows)
    return ReminderRun(day=day, missing=len(missing), sent=len(rows))
