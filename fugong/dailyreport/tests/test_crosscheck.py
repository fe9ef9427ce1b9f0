"""Cross-checks (DESIGN §3.4): staff on duty against gate screenings and positioning."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import time_machine
from django.utils import timezone

from fugong.dailyreport import crosscheck
from fugong.dailyreport.services import report_submit

MORNING = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))


@pytest.mark.parametrize(
    ("reported", "counted", "flagged"),
    [
        (100, 90, False),  # a gap of 10 = 10 % of 100: at the tolerance, not over it
        (100, 89, True),  # 11 people and 11 % of the larger figure
        (100, 91, False),
        (20, 15, False),  # 5 people: at the absolute tolerance
        (20, 14, True),
        (20, 16, False),
        (100, None, False),  # no data: nothing to compare
    ],
)
def test_a_gap_is_flagged_only_over_both_tolerances(settings, reported, counted, flagged):
    settings.DAILYREPORT_CROSSCHECK_ABSOLUTE = 5
    settings.DAILYREPORT_CROSSCHECK_PERCENT = 10
    assert crosscheck.beyond_tolerance(reported, counted) is flagged


@pytest.mark.django_db
def test_a_report_stores_both_counts_and_the_flag(world, monkeypatch):
    monkeypatch.setitem(crosscheck.COUNTERS, "screened_count", lambda enterprise, day: 260)
    monkeypatch.setitem(crosscheck.COUNTERS, "underground_count", lambda enterprise, day: 180)
    with time_machine.travel(MORNING, tick=False):
        report = report_submit(
            actor=world.users.manager,
            enterprise=world.qifeng,
            day=dt.date(2026, 3, 1),
            operating=True,
            staff_on_duty=262,
        )
    assert (report.screened_count, report.underground_count) == (260, 180)
    assert report.flagged  # 262 reported, 180 underground


@pytest.mark.django_db
def test_without_screenings_or_positioning_nothing_is_counted_or_flagged(world):
    assert crosscheck.screened_people(world.qifeng.pk, dt.date(2026, 3, 1)) is None
    assert crosscheck.underground_people(world.qifeng.pk, dt.date(2026, 3, 1)) is None


def _at(hour: int, day: int = 1) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 3, day, hour, 0))


@pytest.mark.django_db
def test_the_counts_are_distinct_people_at_the_gates_and_underground_that_local_day(world):
    from decimal import Decimal

    from fugong.epidemic.models import PresenceInterval, PresenceSource, Screening

    def screened(person, moment):
        Screening.objects.create(
            client_uuid=uuid.uuid4(), place=world.checkpoint, enterprise=world.qifeng,
            person=person, identified_by="code", measured_at=moment, result="pass",
            temperature=Decimal("36.5"),
        )  # fmt: skip

    screened(world.miner, _at(7))
    screened(world.miner, _at(19))  # the same person twice: counted once
    screened(world.colleague, _at(0))  # 00:00 Beijing time belongs to the day
    screened(world.colleague, _at(0, day=2))  # the next day: not counted
    for source, start in ((PresenceSource.POSITIONING, _at(8)), (PresenceSource.ROSTER, _at(8))):
        PresenceInterval.objects.create(
            client_uuid=uuid.uuid4(), person=world.miner, place=world.zone,
            enterprise=world.qifeng, start=start, end=start + dt.timedelta(hours=8),
            source=source,
        )  # fmt: skip
    day = dt.date(2026, 3, 1)
    assert crosscheck.screened_people(world.qifeng.pk, day) == 2
    assert crosscheck.underground_people(world.qifeng.pk, day) == 1
    assert crosscheck.underground_people(world.qifeng.pk, dt.date(2026, 3, 2)) is None
