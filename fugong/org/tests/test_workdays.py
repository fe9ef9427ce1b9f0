"""Working-day clocks across weekends, holidays and 调休 Saturdays (Asia/Shanghai)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from fugong.org.workdays import WorkCalendar

SH = ZoneInfo("Asia/Shanghai")


def at(y: int, m: int, d: int, h: int = 0, mi: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, h, mi, tzinfo=SH)


def test_three_working_days_from_friday_afternoon_end_on_wednesday_afternoon() -> None:
    # 2026-11-27 is a Friday.
    assert WorkCalendar([]).add_working_days(at(2026, 11, 27, 16), 3) == at(2026, 12, 2, 16)


def test_a_clock_started_on_saturday_counts_from_monday_morning() -> None:
    assert WorkCalendar([]).add_working_days(at(2026, 11, 28, 10), 3) == at(2026, 12, 3)


def test_a_holiday_on_a_weekday_is_skipped_and_a_swapped_saturday_is_worked() -> None:
    calendar = WorkCalendar([(dt.date(2026, 12, 1), False), (dt.date(2026, 12, 5), True)])
    # Mon 30 Nov 09:00 + 3: Wed 2, Thu 3, Fri 4 (Tue 1 is a holiday).
    assert calendar.add_working_days(at(2026, 11, 30, 9), 3) == at(2026, 12, 4, 9)
    # Thu 3 Dec + 2: Fri 4, Sat 5 (worked).
    assert calendar.add_working_days(at(2026, 12, 3, 9), 2) == at(2026, 12, 5, 9)


def test_working_days_between_counts_both_ends() -> None:
    calendar = WorkCalendar([(dt.date(2026, 12, 1), False)])
    assert calendar.working_days_between(dt.date(2026, 11, 27), dt.date(2026, 12, 2)) == 3
    assert calendar.working_days_between(dt.date(2026, 11, 28), dt.date(2026, 11, 29)) == 0


def test_a_utc_moment_is_read_on_the_beijing_day() -> None:
    # Friday 2026-11-27 23:30 UTC is Saturday 07:30 in Beijing: the clock starts on Monday.
    start = dt.datetime(2026, 11, 27, 23, 30, tzinfo=dt.UTC)
    assert WorkCalendar([]).add_working_days(start, 1) == at(2026, 12, 1)
