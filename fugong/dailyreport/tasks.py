"""Background tasks of the daily reports (Huey; `manage.py run_huey` runs them)."""

from __future__ import annotations

import dataclasses
import logging

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from fugong.dailyreport.reminders import reminders_send

logger = logging.getLogger(__name__)


# At FUGONG_REPORT_REMINDER_HOUR:MINUTE local time (HUEY utc=False, TIME_ZONE Asia/Shanghai),
# default 10:00: two hours before the 12:00 deadline of the day's reports.
@db_periodic_task(
    crontab(
        hour=str(settings.DAILYREPORT_REMINDER_HOUR),
        minute=str(settings.DAILYREPORT_REMINDER_MINUTE),
    ),
    name="dailyreport.reminders_send",
)
@lock_task("dailyreport.reminders_send")
def report_reminders() -> dict[str, object]:
    """Remind the units due that have not reported yet."""
    run = reminders_send()
    logger.info(
        "daily report reminders for %s: %d missing, %d sent", run.day, run.missing, run.sent
    )
    return {**dataclasses.asdict(run), "day": run.day.isoformat()}
