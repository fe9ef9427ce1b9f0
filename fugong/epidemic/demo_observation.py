"""Demo data of the observation area (orders 120–129): a confirmed case at 栖凤 (a 神达 mine)
in isolation, people under observation in every line-list state with their follow-ups, and
alerts. The webhook URL stays empty (no policy is written here), so nothing leaves the demo.
Times are relative to the moment the demo is built, so the tabs are filled whenever it runs.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from fugong.demo import data
from fugong.demo.registry import DemoStep
from fugong.epidemic.models import (
    Alert,
    AlertKind,
    Case,
    CaseClassification,
    CaseTest,
    FollowUp,
    FollowUpSlot,
    Observation,
    ObservationKind,
    ObservationReason,
    ObservationState,
    TestKind,
    TestResult,
)
from fugong.epidemic.selectors.observation import SLOT_HOURS
from fugong.epidemic.services.observation import planned_end_for
from fugong.people.models import Person, PersonStatus

if TYPE_CHECKING:
    from fugong.demo.world import World

MORNING, AFTERNOON = FollowUpSlot.MORNING, FollowUpSlot.AFTERNOON


def _qifeng_people(world: World) -> list[Person]:
    qifeng = world.enterprises[data.QIFENG_NAME]
    return [
        p
        for p in world.people
        if p.enterprise_id == qifeng.pk and p.status == PersonStatus.ACTIVE and p != world.miner
    ]


def _observation(person: Person, kind: str, reason: str, exposure: dt.datetime, days: int,
                 case: Case | None = None) -> Observation:  # fmt: skip
    end = planned_end_for(exposure, days)
    prohibits = kind != ObservationKind.HEALTH_MONITORING
    return Observation(
        person=person, kind=kind, reason=reason, source_case=case,
        started_at=exposure + dt.timedelta(hours=2), last_exposure_at=exposure, planned_end=end,
        prohibition_from=exposure + dt.timedelta(hours=2) if prohibits else None,
        prohibition_until=end if prohibits else None,
        place="栖凤矿隔离观察点" if prohibits else "",
    )  # fmt: skip


def _slots_so_far(now: dt.datetime, days: int) -> list[tuple[dt.date, str]]:
    """The follow-up slots of the last ``days`` days whose hour has come."""
    local = timezone.localtime(now)
    slots: list[tuple[dt.date, str]] = []
    for back in range(days, -1, -1):
        day = local.date() - dt.timedelta(days=back)
        for slot in (MORNING, AFTERNOON):
            if back or local.hour >= SLOT_HOURS[slot]:
                slots.append((day, slot))
    return slots


def build_cases_and_observations(world: World) -> None:
    now = timezone.now()
    today = timezone.localdate(now)
    people = _qifeng_people(world)
    index, contacts = people[0], people[1:9]
    case = world.save(Case, [Case(
        person=index, classification=CaseClassification.CONFIRMED,
        onset_on=today - dt.timedelta(days=2), first_positive_on=today - dt.timedelta(days=1),
        isolation_started_at=now - dt.timedelta(hours=20), note="核酸检测阳性，已转定点医院",
    )])[0]  # fmt: skip
    world.save(CaseTest, [
        CaseTest(case=case, kind=TestKind.ANTIGEN, taken_on=today - dt.timedelta(days=2),
                 result=TestResult.POSITIVE),
        CaseTest(case=case, kind=TestKind.NUCLEIC_ACID, taken_on=today - dt.timedelta(days=1),
                 result=TestResult.POSITIVE),
    ])  # fmt: skip
    world.save(Case, [Case(person=contacts[7], classification=CaseClassification.SUSPECTED,
                           onset_on=today)])  # fmt: skip
    isolation_start = now - dt.timedelta(hours=20)
    quarantine, home = ObservationKind.CENTRALISED_QUARANTINE, ObservationKind.HOME_QUARANTINE
    close = ObservationReason.CLOSE_CONTACT
    observations = world.save(Observation, [
        _observation(index, ObservationKind.ISOLATION, ObservationReason.CASE, isolation_start,
                     14, case),
        # symptomatic: a fever at the last follow-ups
        _observation(contacts[0], quarantine, close, now - dt.timedelta(days=3), 14),
        # not reporting today: follow-ups up to yesterday only
        _observation(contacts[1], home, close, now - dt.timedelta(days=5), 14),
        # due for release today, normal follow-ups
        _observation(contacts[2], quarantine, close, now - dt.timedelta(days=14), 14),
        # under observation, normal and reporting
        _observation(contacts[3], ObservationKind.HEALTH_MONITORING,
                     ObservationReason.SECONDARY_CONTACT, now - dt.timedelta(days=2), 7),
        # released two days ago
        _observation(contacts[4], home, ObservationReason.MEDIUM_RISK_TRAVEL,
                     now - dt.timedelta(days=9), 7),
    ])  # fmt: skip
    symptomatic, silent, due, normal, released = observations[1:]
    released.state = ObservationState.RELEASED
    released.released_at = now - dt.timedelta(days=2)
    released.prohibition_until = released.released_at
    released.release_note = "观察期满，体温正常"
    Observation.objects.bulk_update([released], ["state", "released_at", "prohibition_until",
                                                 "release_note"])  # fmt: skip

    follow_ups = []
    for observation, days in ((symptomatic, 2), (due, 3), (normal, 2), (observations[0], 1)):
        for day, slot in _slots_so_far(now, days):
            fever = observation is symptomatic and day >= today - dt.timedelta(days=1)
            follow_ups.append(FollowUp(
                observation=observation, day=day, slot=slot,
                temperature=Decimal("38.1") if fever else Decimal("36.5"),
                symptoms=["fever", "cough"] if fever else [],
            ))  # fmt: skip
    for day, slot in _slots_so_far(now - dt.timedelta(days=1), 2):
        follow_ups.append(FollowUp(observation=silent, day=day, slot=slot,
                                   temperature=Decimal("36.7")))  # fmt: skip
    follow_ups.append(FollowUp(observation=released, day=today - dt.timedelta(days=2),
                               slot=MORNING, temperature=Decimal("36.4")))  # fmt: skip
    # One per slot: the generated list has no duplicates by construction.
    world.save(FollowUp, follow_ups)

    qifeng = world.enterprises[data.QIFENG_NAME]
    world.save(Alert, [
        Alert(kind=AlertKind.FEVER, enterprise=qifeng, person=contacts[0], ref="demo:fever",
              message=f"{contacts[0].name} 随访体温 38.1 °C，伴咳嗽", raised_at=now),
        Alert(kind=AlertKind.NON_REPORTING, enterprise=qifeng, person=contacts[1],
              ref="demo:silent", message=f"{contacts[1].name} 今日未随访",
              raised_at=now - dt.timedelta(hours=1)),
        Alert(kind=AlertKind.OBSERVATION_DUE, enterprise=qifeng, person=contacts[2],
              ref="demo:due", message=f"{contacts[2].name} 今日观察期满，请核对解除条件",
              raised_at=now - dt.timedelta(hours=2)),
        Alert(kind=AlertKind.CLUSTER, enterprise=qifeng, ref="demo:cluster",
              message="综采一队出现 2 例关联病例/发热，疑似聚集性疫情信号",
              raised_at=now - dt.timedelta(hours=3), acknowledged_at=now - dt.timedelta(hours=2)),
    ])  # fmt: skip

    from fugong.epidemic.services.status import health_status_refresh

    health_status_refresh(person_ids=[p.pk for p in [index, *contacts]], at=now)


STEPS = [DemoStep(120, "cases, observations and alerts", build_cases_and_observations)]
