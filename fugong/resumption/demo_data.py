"""The demo world's resumption layer (fugong.demo.registry, orders 60–69).

The 神达 group's five operating mines are accepted (验收) and approved, due to resume on their
planned dates; one of its stopped mines has been idle for 45 days and waits for the
regulator's acceptance, so its application cannot be approved yet. The customers and other
units show every other state: a draft, a submission in the queue, one overdue, a return and a
resubmission after a return. Rows are written directly (the demo is not a change anyone made),
with the same rules the services apply: the 3-working-day clock, the notice numbers, routing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from fugong.demo import data
from fugong.demo.registry import DemoStep
from fugong.org.models import Enterprise
from fugong.org.workdays import WorkCalendar
from fugong.resumption import rules
from fugong.resumption.models import (
    AcceptanceRoute,
    Application,
    MineAcceptance,
    ReviewStep,
    StoppageCause,
)

if TYPE_CHECKING:
    from fugong.demo.world import World

PLAN = (
    "一、成立疫情防控领导组，矿长任组长；二、返岗人员逐一登记、测温、核验健康码；"
    "三、食堂分餐、错峰就餐，宿舍每日消毒通风；四、井口设置测温点，异常人员立即隔离并报告；"
    "五、储备口罩、消毒液、测温枪等物资不少于15天用量。"
)
WAITING_MINE = "神池神达南坪煤矿"


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_default_timezone())


class _Filing:
    """Builds one application and its steps on the given days."""

    def __init__(self, world: World, calendar: WorkCalendar) -> None:
        self.world, self.calendar = world, calendar
        self.sequences: dict[tuple[str, int], int] = {}
        self.steps: list[ReviewStep] = []

    def application(
        self, enterprise: Enterprise, planned_on: dt.date, **fields: object
    ) -> Application:
        headcount = enterprise.normal_headcount
        values: dict[str, object] = {
            "planned_headcount": headcount,
            "from_outside_province": headcount // 10,
            "prevention_plan": PLAN,
            "masks": headcount * 30,
            "thermometers": max(headcount // 50, 2),
            "disinfectant_litres": max(headcount // 4, 20),
            **dict.fromkeys(Application.FIVE_THINGS, True),
            **fields,
        }
        return Application(enterprise=enterprise, planned_on=planned_on, **values)

    def submit(self, application: Application, at: dt.datetime) -> None:
        application.status = "submitted"
        application.round += 1
        application.submitted_at = at
        application.due_at = rules.decision_due_at(at, self.calendar)

    def route(self, application: Application, decisions: dict[str, tuple[str, str]]) -> None:
        """Steps of the current submission; ``decisions`` by department ('' = the county)."""
        assert application.submitted_at is not None
        decided = application.submitted_at + dt.timedelta(days=1, hours=2)
        for department in ["", *rules.departments_for(application.enterprise.kind)]:
            decision, note = decisions.get(department, ("pending", ""))
            self.steps.append(
                ReviewStep(
                    application=application,
                    enterprise=application.enterprise,
                    department=department,
                    round=application.round,
                    decision=decision,
                    note=note,
                    started_at=application.submitted_at,
                    decided_at=None if decision in ("pending", "closed") else decided,
                )  # fmt: skip
            )

    def approve(self, application: Application, at: dt.datetime) -> None:
        county = application.enterprise.region.code[:6]
        year = at.year
        sequence = self.sequences.get((county, year), 0) + 1
        self.sequences[(county, year)] = sequence
        application.status = "approved"
        application.decided_at = at
        application.conditions = "县: 严格落实井口测温和分餐制度"
        application.notice_county, application.notice_year = county, year
        application.notice_sequence = sequence
        application.notice_number = rules.notice_number(county, year, sequence)


def build_applications(world: World) -> None:
    today = timezone.localdate()
    calendar = WorkCalendar()
    filing = _Filing(world, calendar)
    applications: list[Application] = []
    acceptances: list[MineAcceptance] = []
    approved_all = {d: ("approved", "") for d in ("", "health", "emergency", "energy")}
    submitted_on = today - dt.timedelta(days=40)

    # The five operating mines: accepted after the epidemic stoppage, approved, due.
    for n, mine in enumerate(m for m in world.group_mines if m.status == "active"):
        stopped = today - dt.timedelta(days=60)
        requested = submitted_on - dt.timedelta(days=2)
        stopped_days = (requested - stopped).days
        acceptances.append(
            MineAcceptance(
                enterprise=mine,
                stopped_on=stopped,
                cause=StoppageCause.EPIDEMIC,
                requested_on=requested,
                ventilation_running=True,
                drainage_running=True,
                monitoring_running=True,
                positioning_running=True,
                route=AcceptanceRoute.REGULATOR if stopped_days >= 30 else AcceptanceRoute.SELF,
                regulator_signed_at=_at(requested, 15),
                government_signatory="县长 张国华",
                government_signed_at=_at(requested, 16),
                accepted_on=requested,
            )  # fmt: skip
        )
        application = filing.application(mine, submitted_on + dt.timedelta(days=7 + n))
        filing.submit(application, _at(submitted_on, 9 + n))
        filing.approve(application, _at(submitted_on + dt.timedelta(days=1), 17))
        filing.route(application, approved_all)
        mine.resumption_due_on = application.planned_on
        applications.append(application)

    # A stopped mine, idle 45 days: waits for the regulator, so its submission cannot pass.
    waiting = world.enterprises[WAITING_MINE]
    acceptances.append(
        MineAcceptance(
            enterprise=waiting,
            stopped_on=today - dt.timedelta(days=45),
            cause=StoppageCause.EPIDEMIC,
            requested_on=today - dt.timedelta(days=1),
            ventilation_running=True,
            drainage_running=True,
            monitoring_running=True,
            positioning_running=True,
            route=AcceptanceRoute.REGULATOR,
        )  # fmt: skip
    )
    application = filing.application(waiting, today + dt.timedelta(days=5))
    filing.submit(application, _at(today - dt.timedelta(days=1), 10))
    filing.route(application, {"health": ("approved", "")})
    applications.append(application)

    customers = [world.enterprises[row[0]] for row in data.CUSTOMERS]
    # Units in 宁武 (the demo county login) and in 忻府区.
    names = ("宁武县管涔建筑工程有限公司", "宁武县汾源物流有限公司", "忻州市金山建筑工程有限公司")
    others = [world.enterprises[name] for name in names]
    # In the queue, on time (a power plant: health and energy).
    application = filing.application(customers[0], today + dt.timedelta(days=4))
    filing.submit(application, _at(today, 9))
    filing.route(application, {})
    applications.append(application)
    # In the queue and overdue (submitted 8 days ago).
    application = filing.application(others[0], today - dt.timedelta(days=1))
    filing.submit(application, _at(today - dt.timedelta(days=8), 11))
    filing.route(application, {"health": ("approved", "")})
    applications.append(application)
    # Returned with reasons, waiting for the enterprise's answer.
    application = filing.application(customers[1], today + dt.timedelta(days=10))
    filing.submit(application, _at(today - dt.timedelta(days=3), 10))
    application.status, application.decided_at = "returned", _at(today - dt.timedelta(days=2), 15)
    application.return_reasons = "外省返岗人员未落实14天隔离观察场所，请补充。"
    filing.route(
        application, {"health": ("returned", application.return_reasons), "": ("closed", "")}
    )
    applications.append(application)
    # Returned once, answered and resubmitted (round 2 in the queue).
    application = filing.application(others[1], today + dt.timedelta(days=6))
    filing.submit(application, _at(today - dt.timedelta(days=6), 10))
    filing.route(application, {"industry": ("returned", "防疫物资储备不足15天用量。")})
    filing.submit(application, _at(today - dt.timedelta(days=1), 16))
    filing.route(application, {})
    applications.append(application)
    # A draft, not yet submitted, and a heating plant approved earlier.
    applications.append(filing.application(others[2], today + dt.timedelta(days=12), round=0,
                                           thermometers=0, publicity_ready=False))  # fmt: skip
    application = filing.application(customers[2], submitted_on + dt.timedelta(days=5))
    filing.submit(application, _at(submitted_on, 14))
    filing.approve(application, _at(submitted_on + dt.timedelta(days=4), 11))
    filing.route(application, {d: ("approved", "") for d in ("", "health", "energy")})
    customers[2].resumption_due_on = application.planned_on
    applications.append(application)

    world.save(Application, applications)
    for step in filing.steps:
        step.application_id = step.application.pk
    world.save(ReviewStep, filing.steps)
    world.save(MineAcceptance, acceptances)
    due = [e for e in (*world.group_mines, customers[2]) if e.resumption_due_on]
    Enterprise.objects.bulk_update(due, ["resumption_due_on"])


STEPS = [
    DemoStep(60, "resumption applications and acceptances", build_applications),
]
