"""The local-day arithmetic of the 日报 (DESIGN §3.4): a report on day D covers D-1 (data as of
D-1 24:00) and is due at 12:00 on D, Beijing time."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

DEADLINE = dt.time(12, 0)


def today_local(now: dt.datetime | None = None) -> dt.date:
    return timezone.localdate(now or timezone.now())


def day_due(now: dt.datetime | None = None) -> dt.date:
    """The day whose report is being filed today: yesterday, local time."""
    return today_local(now) - dt.timedelta(days=1)


def deadline_for(day: dt.date) -> dt.datetime:
    """12:00 local on the day after the reported day."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), DEADLINE))


def is_late(day: dt.date, submitted_at: dt.datetime) -> bool:
    """Late only after 12:00:00 — a report at exactly 12:00:00 is on time."""
    return submitted_at > deadline_for(day)
