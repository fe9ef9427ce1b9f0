"""Opening observation: planned end = last exposure + policy days, rounded up to the end of the
local day; a new exposure extends it; nothing shortens it silently (DESIGN §3.3)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from fugong.epidemic.models import Observation, ObservationKind, ObservationReason
from fugong.epidemic.selectors.status import entry_decision
from fugong.epidemic.services.observation import observation_open

SH = ZoneInfo("Asia/Shanghai")


def open_for(person, last_exposure, days=14, kind=ObservationKind.HOME_QUARANTINE):
    return observation_open(
        person=person,
        kind=kind,
        reason=ObservationReason.CLOSE_CONTACT,
        started_at=dt.datetime(2026, 11, 30, 10, tzinfo=SH),
        last_exposure_at=last_exposure,
        days=days,
    )


def test_the_planned_end_is_rounded_up_to_the_end_of_the_local_day(world):
    # 23:30 UTC on 20 Nov is 07:30 on 21 Nov in Beijing: + 14 days = 5 Dec, to 23:59:59.
    exposure = dt.datetime(2026, 11, 20, 23, 30, tzinfo=dt.UTC)
    observation = open_for(world.miner, exposure)
    end = observation.planned_end.astimezone(SH)
    assert (end.date(), end.hour, end.minute, end.second) == (dt.date(2026, 12, 5), 23, 59, 59)


def test_a_new_exposure_extends_and_an_older_one_does_not_shorten(world):
    miner = world.miner
    first = open_for(miner, dt.datetime(2026, 11, 25, 9, tzinfo=SH))
    later = open_for(miner, dt.datetime(2026, 11, 27, 9, tzinfo=SH))
    assert later.pk == first.pk
    assert later.planned_end.astimezone(SH).date() == dt.date(2026, 12, 11)
    earlier = open_for(miner, dt.datetime(2026, 11, 20, 9, tzinfo=SH))
    assert earlier.planned_end.astimezone(SH).date() == dt.date(2026, 12, 11)
    assert earlier.last_exposure_at == dt.datetime(2026, 11, 27, 9, tzinfo=SH)
    assert Observation.objects.filter(person=miner).count() == 1


def test_quarantine_prohibits_work_until_the_planned_end_and_monitoring_does_not(world):
    miner, colleague = world.miner, world.colleague
    quarantine = open_for(miner, dt.datetime(2026, 11, 29, 9, tzinfo=SH))
    monitoring = open_for(
        colleague, dt.datetime(2026, 11, 29, 9, tzinfo=SH), kind=ObservationKind.HEALTH_MONITORING
    )
    assert quarantine.prohibition_until == quarantine.planned_end
    assert monitoring.prohibition_from is None


def test_a_prohibiting_kind_replaces_health_monitoring(world):
    miner = world.miner
    open_for(miner, dt.datetime(2026, 11, 29, 9, tzinfo=SH), kind=ObservationKind.HEALTH_MONITORING)
    upgraded = open_for(miner, dt.datetime(2026, 11, 29, 9, tzinfo=SH))
    assert upgraded.kind == ObservationKind.HOME_QUARANTINE
    assert upgraded.prohibition_until is not None


def test_the_checkpoint_denies_a_person_under_quarantine_without_saying_why(world):
    miner = world.miner
    open_for(miner, dt.datetime(2026, 11, 29, 9, tzinfo=SH))
    decision = entry_decision(person=miner, at=dt.datetime(2026, 11, 30, 12, tzinfo=SH))
    assert not decision.allowed
    assert decision.deny_reason == "red_code"
