"""The demo world's daily reports (order 70–79): 30 days for every unit due to resume.

The five active 神达 mines operate every day and their group confirms their reports (but the
last two days, still waiting); the suspended 保德王家岭 mine is not accepted yet: it has no due
date and no reports. Other units report mostly on time, some late, some not at all, a few
zero-reports (not operating). Rows are bulk-created (no auditlog, as for the base world).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from fugong.accounts.models import User
from fugong.core.roles import Role
from fugong.dailyreport.deadlines import deadline_for
from fugong.dailyreport.models import DailyReport, ReportReminder
from fugong.demo.registry import DemoStep
from fugong.org.models import Enterprise, EnterpriseKind, EnterpriseStatus

if TYPE_CHECKING:
    from fugong.demo.world import World

DAYS = 30
NOT_ACCEPTED_MINE = "保德神达王家岭煤矿"
MISSING_SHARE = 0.06
LATE_SHARE = 0.1
ZERO_REPORT_SHARE = 0.05


def build_due_dates(world: World) -> None:
    """A due date for every active unit without one (the resumption step may have set some):
    most resumed before the 30 days, some during them, a few are not due yet."""
    today = timezone.localdate()
    changed = []
    for enterprise in world.enterprises.values():
        if enterprise.resumption_due_on is not None or enterprise.name == NOT_ACCEPTED_MINE:
            continue
        if enterprise.kind == EnterpriseKind.GROUP:
            continue
        roll = world.rng.random()
        if enterprise.parent_id is not None or roll < 0.7:
            offset = DAYS + 5
        elif roll < 0.95:
            offset = world.rng.randint(3, DAYS)
        else:
            offset = -world.rng.randint(1, 10)  # due in the coming days
        enterprise.resumption_due_on = today - dt.timedelta(days=offset)
        changed.append(enterprise)
    Enterprise.objects.bulk_update(changed, ["resumption_due_on"], batch_size=1000)


def _figures(world: World, enterprise: Enterprise, *, operating: bool) -> dict[str, object]:
    if not operating:
        return {"operating": False, "staff_on_duty": 0, "output": Decimal(0)}
    staff = round(enterprise.normal_headcount * world.rng.uniform(0.78, 1.0))
    output = enterprise.normal_daily_output * Decimal(str(round(world.rng.uniform(0.7, 1.05), 3)))
    return {"operating": True, "staff_on_duty": staff, "output": output.quantize(Decimal("0.01"))}


def build_daily_reports(world: World) -> None:
    today = timezone.localdate()
    first = today - dt.timedelta(days=DAYS)
    managers = dict(
        User.objects.filter(role=Role.ENTERPRISE_MANAGER).values_list("enterprise_id", "pk")
    )
    group_admin = User.objects.filter(role=Role.GROUP_ADMIN).values_list("pk", flat=True).first()
    shenda = {mine.pk for mine in world.group_mines}
    rows = []
    for enterprise in world.enterprises.values():
        due = enterprise.resumption_due_on
        if enterprise.status != EnterpriseStatus.ACTIVE or due is None:
            continue
        for n in range(DAYS):
            day = first + dt.timedelta(days=n)
            if day < due:
                continue
            is_mine = enterprise.pk in shenda
            # More units are missing for yesterday: the morning's list is not empty yet.
            missing = MISSING_SHARE * (4 if day == today - dt.timedelta(days=1) else 1)
            if not is_mine and world.rng.random() < missing:
                continue
            operating = is_mine or world.rng.random() > ZERO_REPORT_SHARE
            late = world.rng.random() < LATE_SHARE
            submitted = deadline_for(day) + dt.timedelta(
                minutes=world.rng.randint(1, 300) if late else -world.rng.randint(10, 180)
            )
            confirmed = is_mine and day < today - dt.timedelta(days=2)
            rows.append(
                DailyReport(
                    enterprise=enterprise,
                    day=day,
                    normal_headcount=enterprise.normal_headcount,
                    normal_output=enterprise.normal_daily_output,
                    submitted_by_id=managers.get(enterprise.pk),
                    submitted_at=submitted,
                    late=late,
                    confirmed_by_id=group_admin if confirmed else None,
                    confirmed_at=submitted + dt.timedelta(hours=1) if confirmed else None,
                    notes="" if operating else "停产检修",
                    **_figures(world, enterprise, operating=operating),
                )
            )
    world.save(DailyReport, rows)


def build_reminders(world: World) -> None:
    """This morning's reminders for yesterday's missing reports, if it is past 10:00."""
    from fugong.dailyreport.reminders import reminders_send

    now = timezone.now()
    if timezone.localtime(now).hour >= 10:
        world.built[ReportReminder] += reminders_send(now=now).sent


STEPS = [
    DemoStep(72, "resumption due dates", build_due_dates),
    DemoStep(74, "daily reports", build_daily_reports),
    DemoStep(76, "report reminders", build_reminders),
]
