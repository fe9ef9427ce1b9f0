"""Opening an observation: planned end = last exposure + days rounded up to the end of that
local day (Asia/Shanghai); a new exposure extends, nothing shortens (DESIGN §3.3)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from fugong.epidemic.models import Observation, ObservationKind, ObservationReason, Policy
from fugong.epidemic.selectors.status import prohibited_at
from fugong.epidemic.services.follow_up import observation_open_manual
from fugong.epidemic.services.observation import observation_open

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")


def _open(person, exposure, days=14, kind=ObservationKind.HOME_QUARANTINE):
    return observation_open(
        person=person,
        kind=kind,
        reason=ObservationReason.CLOSE_CONTACT,
        started_at=exposure,
        last_exposure_at=exposure,
        days=days,
    )


@pytest.mark.parametrize(
    ("exposure", "end_day"),
    [
        # 23:59 Beijing is still that day; 00:00 is the next; 15:59 UTC is 23:59 Beijing.
        (dt.datetime(2026, 3, 1, 23, 59, tzinfo=BEIJING), dt.date(2026, 3, 15)),
        (dt.datetime(2026, 3, 2, 0, 0, tzinfo=BEIJING), dt.date(2026, 3, 16)),
        (dt.datetime(2026, 3, 1, 15, 59, tzinfo=dt.UTC), dt.date(2026, 3, 15)),
        (dt.datetime(2026, 3, 1, 16, 0, tzinfo=dt.UTC), dt.date(2026, 3, 16)),
    ],
)
def test_the_planned_end_is_the_end_of_the_local_day_of_exposure_plus_days(
    world, exposure, end_day
):
    observation = _open(world.miner, exposure)
    end = observation.planned_end.astimezone(BEIJING)
    assert end.date() == end_day
    assert (end.hour, end.minute, end.second) == (23, 59, 59)


def test_a_later_exposure_extends_the_observation(world):
    first = _open(world.miner, dt.datetime(2026, 3, 1, 10, tzinfo=BEIJING))
    second = _open(world.miner, dt.datetime(2026, 3, 4, 10, tzinfo=BEIJING))
    assert second.pk == first.pk
    assert second.planned_end.astimezone(BEIJING).date() == dt.date(2026, 3, 18)
    assert second.prohibition_until == second.planned_end


@pytest.mark.parametrize("days", [1, 13])
def test_an_earlier_end_never_shortens_the_observation(world, days):
    first = _open(world.miner, dt.datetime(2026, 3, 1, 10, tzinfo=BEIJING), days=14)
    again = _open(world.miner, dt.datetime(2026, 3, 1, 10, tzinfo=BEIJING), days=days)
    assert again.planned_end == first.planned_end
    assert Observation.objects.filter(person=world.miner).count() == 1


def test_the_same_end_is_kept_exactly(world):
    first = _open(world.miner, dt.datetime(2026, 3, 1, 10, tzinfo=BEIJING))
    again = _open(world.miner, dt.datetime(2026, 3, 1, 23, 59, tzinfo=BEIJING))
    assert again.planned_end == first.planned_end


def test_health_monitoring_prohibits_no_work_but_quarantine_replacing_it_does(world):
    start = dt.datetime(2026, 3, 1, 10, tzinfo=BEIJING)
    monitoring = _open(world.miner, start, days=7, kind=ObservationKind.HEALTH_MONITORING)
    assert monitoring.prohibition_from is None
    assert not prohibited_at(world.miner.pk, start + dt.timedelta(hours=1))
    quarantine = _open(world.miner, start, days=14, kind=ObservationKind.HOME_QUARANTINE)
    assert quarantine.kind == ObservationKind.HOME_QUARANTINE
    assert prohibited_at(world.miner.pk, start + dt.timedelta(hours=1))


def test_a_manual_opening_takes_the_policys_days_for_the_reason(world, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 10, 9, tzinfo=BEIJING), tick=False)
    Policy.objects.create(effective_from=dt.date(2026, 1, 1), days_secondary_contact=5)
    observation = observation_open_manual(
        actor=world.users.health,
        person=world.miner,
        kind=ObservationKind.HEALTH_MONITORING,
        reason=ObservationReason.SECONDARY_CONTACT,
        last_exposure_at=dt.datetime(2026, 3, 9, 20, tzinfo=BEIJING),
    )
    assert observation.planned_end.astimezone(BEIJING).date() == dt.date(2026, 3, 14)


def test_a_manual_opening_refuses_a_future_exposure(world, time_machine):
    from django.core.exceptions import ValidationError

    time_machine.move_to(dt.datetime(2026, 3, 10, 9, tzinfo=BEIJING), tick=False)
    with pytest.raises(ValidationError) as caught:
        observation_open_manual(
            actor=world.users.health,
            person=world.miner,
            kind=ObservationKind.HOME_QUARANTINE,
            reason=ObservationReason.CLOSE_CONTACT,
            last_exposure_at=dt.datetime(2026, 3, 11, 9, tzinfo=BEIJING),
        )
    assert "last_exposure_at" in caught.value.message_dict
    assert not Observation.objects.filter(person=world.miner).exists()


def test_a_manual_opening_of_someone_outside_the_scope_is_not_found(world):
    from django.http import Http404

    with pytest.raises(Http404):
        observation_open_manual(
            actor=world.users.health,
            person=world.yuanping_miner,
            kind=ObservationKind.HOME_QUARANTINE,
            reason=ObservationReason.CLOSE_CONTACT,
            last_exposure_at=dt.datetime(2026, 3, 1, 9, tzinfo=BEIJING),
        )


def test_the_history_shows_an_extension_in_beijing_time(client, world, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 1, 12, tzinfo=BEIJING), tick=False)
    first = _open(world.miner, dt.datetime(2026, 3, 1, 10, tzinfo=BEIJING), days=3)
    _open(world.miner, dt.datetime(2026, 3, 1, 11, tzinfo=BEIJING), days=5)
    client.force_login(world.users.health)
    from django.urls import reverse

    response = client.get(reverse("epidemic:observation_detail", args=[first.pk]))
    changes = [change for entry in response.context["history"] for change in entry.changes]
    assert ("planned end", "2026-03-04 23:59", "2026-03-06 23:59") in changes
