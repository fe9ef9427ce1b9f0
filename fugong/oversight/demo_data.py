"""The demo world's oversight layer (orders 80–89): key projects, visits, tickets, measures.

The leader ("leader", 包联领导) is paired with 栖凤煤矿 and 山西铝业 by the logins step; here
they also get two key projects, visits on site and by video, tickets in every state (some
overdue and escalated) and the measures of their enterprises.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from fugong.demo import data
from fugong.demo.registry import DemoStep
from fugong.oversight.models import (
    KeyProject,
    Measure,
    MeasureState,
    Pairing,
    ProjectPairing,
    ProjectStatus,
    SlaClass,
    Ticket,
    TicketState,
    TicketTransition,
    Visit,
    VisitMode,
)
from fugong.oversight.tickets import ticket_due_at, tickets_escalate_overdue

if TYPE_CHECKING:
    from fugong.demo.world import World

START = dt.date(2020, 1, 1)


def _users() -> dict[str, Any]:
    names = ("leader", "qifeng", "dept_energy", "city", "shenda")
    return {u.username: u for u in get_user_model().objects.filter(username__in=names)}


def _paired(world: World) -> list[Any]:
    return [world.enterprises[data.QIFENG_NAME], world.enterprises[data.CUSTOMERS[1][0]]]


def build_projects(world: World) -> None:
    users = _users()
    if "leader" not in users:
        return
    qifeng = _paired(world)[0]
    names = ["栖凤煤矿智能化综采工作面改造", "宁武县煤炭外运铁路专用线"]
    # A project placed in a region outlives a reset (regions stay): replace it.
    KeyProject.objects.filter(name__in=names, enterprise__isnull=True).delete()
    projects = world.save(
        KeyProject,
        [
            KeyProject(
                name=names[0],
                enterprise=qifeng,
                status=ProjectStatus.UNDER_CONSTRUCTION,
                description="8101 工作面智能化改造，计划 6 月底完工。",
            ),
            KeyProject(
                name=names[1],
                region=world.regions["140925"],
                status=ProjectStatus.SUSPENDED,
                description="受疫情影响停工，待复工审批。",
            ),
        ],
    )
    world.save(
        ProjectPairing,
        [ProjectPairing(leader=users["leader"], project=p, starts_on=START) for p in projects],
    )
    # An ended pairing, for the record: the leader no longer sees this mine.
    ended = world.enterprises[data.GROUP_MINES[1][0]]
    world.save(
        Pairing,
        [
            Pairing(
                leader=users["leader"],
                enterprise=ended,
                starts_on=START,
                ends_on=START + dt.timedelta(days=30),
                note="调整包联",
            )
        ],
    )


def build_visits(world: World) -> None:
    users = _users()
    if "leader" not in users:
        return
    qifeng, aluminium = _paired(world)
    today = timezone.localdate()
    world.save(
        Visit,
        [
            Visit(
                leader=users["leader"],
                enterprise=qifeng,
                visited_on=today - dt.timedelta(days=3),
                mode=VisitMode.ON_SITE,
                participants="市能源局、宁武县政府、栖凤煤矿孙矿长",
                findings="防疫措施到位；井下通风、排水系统正常；外省职工返岗不足三成。",
            ),
            Visit(
                leader=users["leader"],
                enterprise=aluminium,
                visited_on=today - dt.timedelta(days=8),
                mode=VisitMode.VIDEO,
                video_link="https://meeting.example.cn/aluminium",
                participants="山西铝业生产副总",
                findings="氧化铝库存 7 天；原料运输车辆通行证办理慢。",
            ),
        ],
    )


# (enterprise index, raised by, category, class, description, state, days ago submitted)
TICKETS = [
    (0, "qifeng", "labour", SlaClass.COMPLEX, "外省务工人员返岗需隔离，影响综采队组人员配备。",
     TicketState.SUBMITTED, 0),
    (0, "leader", "supplies", SlaClass.POLICY, "测温枪和口罩储备不足 3 天用量。",
     TicketState.ACCEPTED, 3),  # overdue → escalated
    (1, "leader", "logistics", SlaClass.COMPLEX, "原料运输车辆通行证办理慢。",
     TicketState.IN_PROGRESS, 9),  # overdue → escalated
    (0, "qifeng", "approvals", SlaClass.MAJOR, "复工验收需市县两级会签，流程不清。",
     TicketState.ANSWERED, 4),
    (1, "leader", "funds", SlaClass.COMPLEX, "疫情期间贷款展期申请。",
     TicketState.CONFIRMED, 12),
    (0, "qifeng", "epidemic", SlaClass.POLICY, "核酸检测点设置需卫健部门指导。",
     TicketState.REOPENED, 6),
]  # fmt: skip

PATH = {
    TicketState.SUBMITTED: [],
    TicketState.ACCEPTED: [TicketState.ACCEPTED],
    TicketState.IN_PROGRESS: [TicketState.ACCEPTED, TicketState.IN_PROGRESS],
    TicketState.ANSWERED: [TicketState.ACCEPTED, TicketState.IN_PROGRESS, TicketState.ANSWERED],
    TicketState.CONFIRMED: [
        TicketState.ACCEPTED,
        TicketState.IN_PROGRESS,
        TicketState.ANSWERED,
        TicketState.CONFIRMED,
    ],
    TicketState.REOPENED: [
        TicketState.ACCEPTED,
        TicketState.IN_PROGRESS,
        TicketState.ANSWERED,
        TicketState.REOPENED,
    ],
}
BY_RAISER = {TicketState.CONFIRMED, TicketState.REOPENED}


def build_tickets(world: World) -> None:
    users = _users()
    if not {"leader", "qifeng", "dept_energy"} <= set(users):
        return
    enterprises = _paired(world)
    now = timezone.now()
    visit = Visit.objects.filter(enterprise=enterprises[0]).order_by("-visited_on").first()
    for index, raiser, category, sla, text, state, days in TICKETS:
        submitted = now - dt.timedelta(days=days, hours=2)
        ticket = Ticket(
            enterprise=enterprises[index],
            visit=visit if raiser == "leader" and index == 0 else None,
            raised_by=users[raiser],
            category=category,
            sla_class=sla,
            description=text,
            enterprise_cannot_solve=True,
            department="energy",
            state=state,
            submitted_at=submitted,
            due_at=ticket_due_at(sla_class=sla, submitted_at=submitted),
        )
        moves = [("", TicketState.SUBMITTED, users[raiser], submitted, "")]
        at, previous = submitted, TicketState.SUBMITTED
        for step in PATH[state]:
            at += dt.timedelta(hours=10)
            who = users[raiser] if step in BY_RAISER else users["dept_energy"]
            note = {
                TicketState.ANSWERED: "已协调相关部门办理，请企业确认。",
                TicketState.REOPENED: "问题仍未解决。",
            }.get(step, "")
            moves.append((previous, step, who, at, note))
            if step == TicketState.ANSWERED:
                ticket.answered_at = at
                ticket.answer = note
            previous = step
        if state == TicketState.CONFIRMED:
            ticket.confirmed_at, ticket.satisfaction = at, 5
        world.save(Ticket, [ticket])
        world.save(
            TicketTransition,
            [
                TicketTransition(
                    ticket=ticket, from_state=f, to_state=t, actor=who, at=when, note=n
                )
                for f, t, who, when, n in moves
            ],
        )
    tickets_escalate_overdue(now=now)


def build_measures(world: World) -> None:
    qifeng, aluminium = _paired(world)
    today = timezone.localdate()
    world.save(
        Measure,
        [
            Measure(enterprise=qifeng, title="协调外省职工返岗包车", owner="宁武县交通局",
                    deadline=today + dt.timedelta(days=5)),
            Measure(enterprise=qifeng, title="储备 15 天防疫物资", owner="栖凤煤矿",
                    deadline=today - dt.timedelta(days=2)),  # overdue: shown in red
            Measure(enterprise=aluminium, title="原料运输绿色通道", owner="市交通运输局",
                    deadline=today - dt.timedelta(days=10), state=MeasureState.DONE),
        ],
    )  # fmt: skip


STEPS = [
    DemoStep(80, "key projects and project pairings", build_projects),
    DemoStep(82, "visits", build_visits),
    DemoStep(84, "problem tickets and escalations", build_tickets),
    DemoStep(86, "one enterprise, one policy measures", build_measures),
]
