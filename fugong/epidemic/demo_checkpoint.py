"""The checkpoint's layers of the demo world (orders 100–109): a policy version, risk areas,
and screenings of the last three days and of today up to now at the demo checkpoints, one of
them a confirmed fever."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from fugong.demo import data
from fugong.demo.registry import DemoStep
from fugong.epidemic.models import Policy, RiskArea, RiskLevel, Screening, ScreeningResult
from fugong.org.models import Place, PlaceKind

if TYPE_CHECKING:
    from fugong.demo.world import World

DEMO_NOTE = "演示数据"
# Home counties of migrant workers graded high, medium and low, so graded (not blanket)
# treatment shows on arrival (codes of fugong.demo.data).
DEMO_RISK_AREAS = [
    ("511322", RiskLevel.HIGH),
    ("411328", RiskLevel.MEDIUM),
    ("140108", RiskLevel.LOW),
]
DAYS = 3
READINGS_PER_DAY = 120


# The note of the version the demo publishes: it hangs on no demo enterprise or region, so the
# tests' clean-up finds it by this (demo.world.remove_demo_reference_data).
DEMO_POLICY_NOTE = "市指挥部第1号通告"


def build_policy(world: World) -> None:
    """The version in force since the start of the month (left alone when one exists)."""
    start = timezone.localdate().replace(day=1)
    if not Policy.objects.filter(effective_from__lte=timezone.localdate()).exists():
        Policy.objects.create(effective_from=start, note=DEMO_POLICY_NOTE)


def build_risk_areas(world: World) -> None:
    RiskArea.objects.filter(note=DEMO_NOTE).delete()
    today = timezone.localdate()
    areas = []
    for code, level in DEMO_RISK_AREAS:
        region = world.regions.get(code)
        if region is None:
            continue
        areas.append(
            RiskArea(
                region=region,
                level=level,
                valid_from=today - dt.timedelta(days=5),
                valid_to=None if level == RiskLevel.HIGH else today + dt.timedelta(days=9),
                note=DEMO_NOTE,
            )
        )
    world.save(RiskArea, areas)


def build_screenings(world: World) -> None:
    """Normal readings (passes) of the last days and of today up to now stored in bulk, today
    with a few re-measures that came back normal and a visitor, then one confirmed fever
    through the service, so its observation and alert exist too."""
    qifeng = world.enterprises[data.QIFENG_NAME]
    gates = list(Place.objects.filter(enterprise=qifeng, kind=PlaceKind.CHECKPOINT))
    people = [p for p in world.people if p.enterprise_id == qifeng.pk][:READINGS_PER_DAY]
    if not gates or not people:
        return
    rng = world.rng
    now = timezone.now()
    recorders = _recorders(gates)
    rows: list[Screening] = []
    for day in range(DAYS, -1, -1):
        morning = _morning(now, day)
        for index, person in enumerate(people):
            at = morning + dt.timedelta(seconds=20 * index + rng.randint(0, 15))
            if at > now:
                break
            gate = gates[index % len(gates)]
            rows.append(_reading(world, gate, person, at, **recorders.get(gate.pk, {})))
    world.save(Screening, rows)
    _today_remeasures_and_visitor(world, [r for r in rows if r.measured_at >= _morning(now, 0)])
    _confirmed_fever(world, people[-1], now - dt.timedelta(hours=20))


def _recorders(gates: list[Place]) -> dict[int, dict[str, Any]]:
    """Who records at each gate: the demo terminal at its own gate, the gate's operator (a
    login with that checkpoint) at the others."""
    from fugong.accounts.models import DeviceToken, User, hash_token

    recorders: dict[int, dict[str, Any]] = {}
    for user in User.objects.filter(checkpoints__in=gates).prefetch_related("checkpoints"):
        for place in user.checkpoints.all():
            recorders[place.pk] = {"operator": user}
    device = DeviceToken.objects.filter(token_hash=hash_token(data.DEMO_DEVICE_TOKEN)).first()
    if device is not None:
        for place in device.places.all():
            recorders[place.pk] = {"device": device}
    return recorders


def _morning(now: dt.datetime, days_ago: int) -> dt.datetime:
    """07:00 local of an earlier day; today, early enough that the shift change has readings
    before now (never before midnight)."""
    local = timezone.localtime(now - dt.timedelta(days=days_ago))
    seven = local.replace(hour=7, minute=0, second=0, microsecond=0)
    if days_ago:
        return seven
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return max(midnight, min(seven, local - dt.timedelta(minutes=45)))


def _reading(world: World, gate: Place, person: Any, at: dt.datetime, **fields: Any) -> Screening:
    fields.setdefault("temperature", Decimal(str(round(world.rng.uniform(36.0, 37.1), 1))))
    fields.setdefault("result", ScreeningResult.PASS)
    fields.setdefault("identified_by", "code")
    return Screening(
        client_uuid=uuid.UUID(int=world.rng.getrandbits(128), version=4),
        place=gate,
        enterprise=gate.enterprise,
        person=person,
        measured_at=at,
        **fields,
    )


def _today_remeasures_and_visitor(world: World, today: list[Screening]) -> None:
    """Three of today's readers first measured 37.4–37.8 °C and passed on the re-measure six
    minutes later; a visitor passed at the first gate."""
    if not today:
        return
    now = timezone.now()
    firsts = today[5:8]
    for first in firsts:
        first.temperature = Decimal(str(round(world.rng.uniform(37.4, 37.8), 1)))
        first.result = ScreeningResult.REMEASURE
    Screening.objects.bulk_update(firsts, ["temperature", "result"])
    again = [
        _reading(world, first.place, first.person, first.measured_at + dt.timedelta(minutes=6),
                 temperature=Decimal("36.8"), remeasure_of=first, operator=first.operator,
                 device=first.device)
        for first in firsts
        if first.measured_at + dt.timedelta(minutes=6) <= now
    ]  # fmt: skip
    visitor = _reading(
        world, today[0].place, None, min(today[0].measured_at + dt.timedelta(minutes=1), now),
        identified_by="visitor", visitor_name="刘建国", visitor_phone="13903501234",
        operator=today[0].operator, device=today[0].device,
    )  # fmt: skip
    world.save(Screening, [*again, visitor])


def _confirmed_fever(world: World, person: object, at: dt.datetime) -> None:
    from fugong.accounts.models import DeviceToken, hash_token
    from fugong.epidemic.services.screening import ScreeningInput, screenings_ingest

    device = DeviceToken.objects.filter(token_hash=hash_token(data.DEMO_DEVICE_TOKEN)).first()
    gate = device.places.first() if device is not None else None
    if device is None or gate is None:
        return
    first = uuid.UUID(int=world.rng.getrandbits(128), version=4)
    items = [
        ScreeningInput(client_uuid=first, place=gate.pk, measured_at=at, temperature="38.2",
                       person=person),  # type: ignore[arg-type]
        ScreeningInput(client_uuid=uuid.UUID(int=world.rng.getrandbits(128), version=4),
                       place=gate.pk, measured_at=at + dt.timedelta(minutes=6),
                       temperature="38.4", remeasure_of=first),
    ]  # fmt: skip
    screenings_ingest(actor=device, items=items)


STEPS = [
    DemoStep(100, "prevention policy", build_policy),
    DemoStep(101, "risk areas", build_risk_areas),
    DemoStep(102, "screenings", build_screenings),
]
