"""Observation-area objects added to a test world: a confirmed case, an observation and an
alert at 栖凤 (the health officer's enterprise) and the same at 原平 (outside it)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from fugong.epidemic.models import (
    Alert,
    AlertKind,
    Case,
    CaseClassification,
    Observation,
    ObservationKind,
    ObservationReason,
)


def _observation(person, case) -> Observation:
    now = timezone.now()
    return Observation.objects.create(
        person=person,
        kind=ObservationKind.ISOLATION,
        reason=ObservationReason.CASE,
        source_case=case,
        started_at=now,
        last_exposure_at=now,
        planned_end=now + dt.timedelta(days=14),
        prohibition_from=now,
        prohibition_until=now + dt.timedelta(days=14),
    )


def add_observation_world(world: SimpleNamespace) -> SimpleNamespace:
    for prefix, person, enterprise in (
        ("", world.miner, world.qifeng),
        ("other_", world.yuanping_miner, world.yuanping_mine),
    ):
        case = Case.objects.create(
            person=person,
            classification=CaseClassification.CONFIRMED,
            onset_on=timezone.localdate() - dt.timedelta(days=1),
        )
        setattr(world, f"{prefix}case", case)
        setattr(world, f"{prefix}observation", _observation(person, case))
        setattr(
            world,
            f"{prefix}alert",
            Alert.objects.create(
                kind=AlertKind.FEVER,
                enterprise=enterprise,
                person=person,
                message=f"{person.name} 发热",
                raised_at=timezone.now(),
            ),
        )
    return world
