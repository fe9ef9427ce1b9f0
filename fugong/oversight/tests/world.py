"""Oversight objects added to the shared test world for the permission matrices.

Made directly (not through the services) so that each lands exactly where the matrix expects:
one object inside the liaison leader's pairing (宁武独立煤矿) and one outside it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from fugong.oversight.models import (
    KeyProject,
    Measure,
    Pairing,
    ProjectPairing,
    SlaClass,
    Ticket,
    Visit,
    VisitMode,
)

START = dt.date(2020, 1, 1)


def _ticket(world: Any, enterprise: Any, department: str, by: Any) -> Ticket:
    now = timezone.now()
    return Ticket.objects.create(
        enterprise=enterprise,
        raised_by=by,
        category="supplies",
        sla_class=SlaClass.COMPLEX,
        description="缺少测温枪",
        department=department,
        submitted_at=now,
        due_at=now + dt.timedelta(days=3),
    )


def add_oversight_objects(world: Any) -> Any:
    users = world.users
    world.pairing = Pairing.objects.get(leader=users.liaison, enterprise=world.independent)
    world.plant_pairing = Pairing.objects.create(
        leader=users.liaison, enterprise=world.plant, starts_on=dt.date(2030, 1, 1)
    )
    world.project = KeyProject.objects.create(name="独立煤矿技改", enterprise=world.independent)
    world.other_project = KeyProject.objects.create(
        name="原平矿井扩建", enterprise=world.yuanping_mine
    )
    plant_project = KeyProject.objects.create(name="热电厂改造", enterprise=world.plant)
    world.project_pairing = ProjectPairing.objects.create(
        leader=users.liaison, project=world.project, starts_on=START
    )
    world.plant_project_pairing = ProjectPairing.objects.create(
        leader=users.liaison, project=plant_project, starts_on=dt.date(2030, 1, 1)
    )
    world.visit = Visit.objects.create(
        leader=users.liaison,
        enterprise=world.independent,
        visited_on=timezone.localdate(),
        mode=VisitMode.ON_SITE,
    )
    world.other_visit = Visit.objects.create(
        leader=users.city,
        enterprise=world.qifeng,
        visited_on=timezone.localdate(),
        mode=VisitMode.VIDEO,
        video_link="https://meeting.example.cn/123",
    )
    # Routed to energy (the world's department) at 栖凤; to health at the leader's mine.
    world.ticket = _ticket(world, world.qifeng, "energy", users.manager)
    world.other_ticket = _ticket(world, world.independent, "health", users.liaison)
    world.measure = Measure.objects.create(
        enterprise=world.independent, title="协调复工审批", owner="县能源局", deadline=START
    )
    world.other_measure = Measure.objects.create(
        enterprise=world.qifeng, title="防疫物资储备", owner="栖凤煤矿", deadline=START
    )
    return world
