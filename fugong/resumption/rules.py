"""The numbers and rules of DESIGN §3.4, in one place and free of the database."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fugong.accounts.models import Department
from fugong.org.models import EnterpriseKind
from fugong.org.workdays import WorkCalendar
from fugong.resumption.models import AcceptanceRoute, StoppageCause

# A decision is due within this many working days of the submission.
DECISION_WORKING_DAYS = 3
# A mine stopped for fewer days than this (and for no accident or stop order, with its four
# systems running) accepts itself; from this many days on the regulator must accept.
SELF_ACCEPTANCE_MAX_DAYS = 30
# Attachments: what a reviewer can open on a phone, and small enough to keep.
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = {".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xls", ".xlsx"}


def acceptance_route(
    *, stopped_on: dt.date, requested_on: dt.date, cause: str, systems_running: bool
) -> str:
    """Who accepts a mine after a stoppage: itself, or the regulator with the head's signature.

    Days are counted from the local day the mine stopped to the local day acceptance is asked
    for: stopped on 1 November and asked on 30 November is 29 days, so the mine accepts itself.
    """
    stopped_days = (requested_on - stopped_on).days
    if (
        stopped_days >= SELF_ACCEPTANCE_MAX_DAYS
        or cause in (StoppageCause.ACCIDENT, StoppageCause.STOP_ORDER)
        or not systems_running
    ):
        return AcceptanceRoute.REGULATOR
    return AcceptanceRoute.SELF


def departments_for(kind: str) -> list[str]:
    """The departments an application is routed to, besides its county.

    Health reads every prevention plan; a coal mine goes to emergency management (safety) and
    energy, a power or heating plant to energy, everything else to industry.
    """
    if kind == EnterpriseKind.COAL_MINE:
        return [Department.HEALTH, Department.EMERGENCY, Department.ENERGY]
    if kind in (EnterpriseKind.POWER_PLANT, EnterpriseKind.HEATING_PLANT):
        return [Department.HEALTH, Department.ENERGY]
    return [Department.HEALTH, Department.INDUSTRY]


def decision_due_at(submitted_at: dt.datetime, calendar: WorkCalendar | None = None) -> dt.datetime:
    return (calendar or WorkCalendar()).add_working_days(submitted_at, DECISION_WORKING_DAYS)


def notice_number(county_code: str, year: int, sequence: int) -> str:
    """``140925复工〔2026〕0007号``: the county's code, the year and the county's sequence."""
    return f"{county_code}复工〔{year}〕{sequence:04d}号"


def working_days_elapsed(start: dt.datetime, end: dt.datetime, calendar: WorkCalendar) -> float:
    """Time from ``start`` to ``end`` counted on working days only, in days (local days)."""
    tz = timezone.get_default_timezone()
    start, end = timezone.localtime(start, tz), timezone.localtime(end, tz)
    if end <= start:
        return 0.0
    total = dt.timedelta()
    day = start.date()
    while day <= end.date():
        if calendar.is_working_day(day):
            day_start = dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz)
            day_end = day_start + dt.timedelta(days=1)
            total += max(min(end, day_end) - max(start, day_start), dt.timedelta())
        day += dt.timedelta(days=1)
    return total / dt.timedelta(days=1)
