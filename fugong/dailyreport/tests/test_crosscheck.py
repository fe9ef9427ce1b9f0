"""Cross-checks (DESIGN §3.4): staff on duty against gate screenings and positioning."""

from __future__ import annotations

import datetime as dt

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
def test_without_the_epidemic_models_nothing_is_counted_or_flagged(world):
    assert crosscheck.screened_people(world.qifeng.pk, dt.date(2026, 3, 1)) is None
    assert crosscheck.underground_people(world.qifeng.pk, dt.date(2026, 3, 1)) is None
