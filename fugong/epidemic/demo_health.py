"""The health area's demo layer (DemoStep orders 110–119): a week of daily check-ins at 栖凤
(most normal, some with symptoms, some people missing today), travel declarations from a low-,
a medium- and a high-risk area, a manual status and an open appeal, then every status computed.

The demo miner has checked in every day but today, so their login shows a real (green) code
page and the check-in button. Rows are bulk-created (seed data, not changes anyone made).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.utils import timezone

from fugong.demo import data
from fugong.demo.registry import DemoStep
from fugong.demo.world import World
from fugong.epidemic.models import (
    Appeal,
    CheckIn,
    HealthStatus,
    RiskArea,
    RiskLevel,
    Transport,
    TravelDeclaration,
    TravelStop,
)
from fugong.epidemic.services.status import health_status_refresh
from fugong.org.models import Region
from fugong.people.models import Person, PersonStatus

DAYS = 7
MISSING_TODAY = 0.08  # share of people who have not reported yet today
WITH_SYMPTOMS = 0.02  # share of check-ins that report a symptom
# (region code, risk level, transport, number): where three demo workers came back from.
TRAVELLERS = [
    ("150622", RiskLevel.LOW, Transport.COACH, ""),  # 准格尔旗: low risk, green on arrival
    ("411328", RiskLevel.MEDIUM, Transport.TRAIN, "K1279"),  # 唐河县: yellow
    ("511322", RiskLevel.HIGH, Transport.FLIGHT, "CA4365"),  # 营山县: red
]


def _people(world: World) -> list[Person]:
    qifeng = world.enterprises[data.QIFENG_NAME]
    return list(Person.objects.filter(enterprise=qifeng, status=PersonStatus.ACTIVE).order_by("pk"))


def build_checkins(world: World) -> None:
    now = timezone.now()
    today = timezone.localdate(now)
    rng = world.rng
    rows = []
    for person in _people(world):
        is_miner = world.miner is not None and person.pk == world.miner.pk
        for back in range(DAYS - 1, -1, -1):
            day = today - dt.timedelta(days=back)
            if back == 0 and (is_miner or rng.random() < MISSING_TODAY):
                continue
            sick = not is_miner and rng.random() < WITH_SYMPTOMS
            at = timezone.make_aware(dt.datetime.combine(day, dt.time(7, rng.randrange(60))))
            rows.append(
                CheckIn(
                    client_uuid=uuid.UUID(int=rng.getrandbits(128)),
                    person=person,
                    day=day,
                    temperature=Decimal("37.6") if sick else Decimal(rng.choice(NORMAL)),
                    symptoms=["cough", "fever"] if sick else [],
                    location=data.QIFENG_NAME,
                    pledge=True,
                    submitted_at=min(at, now),
                    is_current=True,
                )
            )
    world.save(CheckIn, rows)


NORMAL = ["36.2", "36.4", "36.5", "36.6", "36.7", "36.8"]


def build_checkins_elsewhere(world: World) -> None:
    """Everyone else checked in normally yesterday, and most of them today: without it the
    stale check-in rule would show the whole city yellow on the command page."""
    now = timezone.now()
    today = timezone.localdate(now)
    rng = world.rng
    others = (
        Person.objects.filter(status=PersonStatus.ACTIVE)
        .exclude(enterprise=world.enterprises[data.QIFENG_NAME])
        .select_related("enterprise")
        .order_by("pk")
    )
    rows = []
    for person in others:
        for back in (1, 0):
            if back == 0 and rng.random() < MISSING_TODAY:
                continue
            day = today - dt.timedelta(days=back)
            at = timezone.make_aware(dt.datetime.combine(day, dt.time(7, rng.randrange(60))))
            rows.append(
                CheckIn(
                    client_uuid=uuid.UUID(int=rng.getrandbits(128)),
                    person=person,
                    day=day,
                    temperature=Decimal(rng.choice(NORMAL)),
                    symptoms=[],
                    location=person.enterprise.name if person.enterprise else "",
                    pledge=True,
                    submitted_at=min(at, now),
                    is_current=True,
                )
            )
    world.save(CheckIn, rows)


def build_travel(world: World) -> None:
    today = timezone.localdate()
    people = [p for p in _people(world) if world.miner is None or p.pk != world.miner.pk]
    travellers = people[-len(TRAVELLERS) :]
    for person, (code, level, transport, number) in zip(travellers, TRAVELLERS, strict=True):
        region = Region.objects.get(code=code)
        # The checkpoint engineer's step may have published the same area already.
        RiskArea.objects.get_or_create(
            region=region,
            level=level,
            defaults={"valid_from": today - dt.timedelta(days=20), "note": "演示数据"},
        )
        declaration = TravelDeclaration.objects.create(
            person=person,
            transport=transport,
            transport_number=number,
            arrived_on=today - dt.timedelta(days=3),
            note="返岗",
        )
        TravelStop.objects.create(
            declaration=declaration,
            region=region,
            arrived_on=today - dt.timedelta(days=10),
            left_on=today - dt.timedelta(days=3),
        )


def build_statuses(world: World) -> None:
    """Every status computed, then one manual status and one open appeal."""
    ids = [p.pk for p in _people(world)]
    for start in range(0, len(ids), 500):
        health_status_refresh(person_ids=ids[start : start + 500])
    yellow = list(HealthStatus.objects.filter(person_id__in=ids, colour="yellow")[:2])
    if yellow:
        overridden = yellow[0]
        overridden.override_colour = "green"
        overridden.override_reason = "体温计故障, 复测正常"
        overridden.override_until = timezone.now() + dt.timedelta(days=2)
        overridden.save()
        health_status_refresh(person_ids=[overridden.person_id])
    if len(yellow) > 1:
        Appeal.objects.create(
            person_id=yellow[1].person_id,
            colour_appealed="yellow",
            text="昨天只是轻微咳嗽, 今天已无症状, 申请复核。",
        )


STEPS = [
    DemoStep(110, "health check-ins", build_checkins),
    DemoStep(113, "normal check-ins of the other enterprises' people", build_checkins_elsewhere),
    DemoStep(111, "travel declarations", build_travel),
    DemoStep(112, "health statuses, a manual status and an appeal", build_statuses),
]
