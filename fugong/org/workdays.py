"""Working days and working-day clocks (DESIGN §3.4 "decision within 3 working days", §3.5 SLA).

A working day is Monday–Friday unless the official calendar (``CalendarDay``) says otherwise: a
holiday on a weekday is not worked, a 调休 Saturday is. A clock of N working days started at
some moment ends at the same local time of day on the N-th following working day, so a request
filed on Friday 16:00 with 3 working days is due on Wednesday 16:00; a request filed on a
non-working day starts counting from the next working day's 00:00 (filed on Saturday, 3
working days end on Thursday 00:00).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from fugong.org.models import CalendarDay


class WorkCalendar:
    """Working days between two dates, with the exceptions loaded once (one query)."""

    def __init__(self, exceptions: Iterable[tuple[dt.date, bool]] | None = None) -> None:
        if exceptions is None:
            exceptions = CalendarDay.objects.values_list("day", "is_working_day")
        self.exceptions: dict[dt.date, bool] = dict(exceptions)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.exceptions:
            return self.exceptions[day]
        return day.weekday() < 5

    def add_working_days(self, start: dt.datetime, days: int) -> dt.datetime:
        """The deadline of a clock of ``days`` working days started at aware ``start``."""
        tz = timezone.get_default_timezone()
        local = timezone.localtime(start, tz)
        day = local.date()
        time = local.timetz().replace(tzinfo=None)
        if not self.is_working_day(day):
            # Filed on a day off: the clock starts at the beginning of the next working day.
            time = dt.time(0, 0)
            day = self.next_working_day(day)
        for _ in range(days):
            day = self.next_working_day(day)
        return dt.datetime.combine(day, time, tzinfo=tz)

    def next_working_day(self, day: dt.date) -> dt.date:
        day += dt.timedelta(days=1)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def working_days_between(self, first: dt.date, last: dt.date) -> int:
        """How many working days lie in ``first`` … ``last``, both included."""
        count = 0
        day = first
        while day <= last:
            count += self.is_working_day(day)
            day += dt.timedelta(days=1)
        return count
