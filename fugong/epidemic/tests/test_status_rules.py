"""The health status is the most severe active condition (DESIGN §3.3 "Health status").

Every number of the policy is tried at, just below and just above it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fugong.epidemic.models import (
    Case,
    CaseClassification,
    CheckIn,
    Colour,
    HealthStatusChange,
    ObservationKind,
    ObservationReason,
    Policy,
    RiskArea,
    RiskLevel,
    TravelDeclaration,
    TravelStop,
)
from fugong.epidemic.services.observation import observation_open
from fugong.epidemic.services.status import health_status_refresh

SH = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=SH)
TODAY = NOW.date()


def status_of(person, at=NOW):
    return health_status_refresh(person_ids=[person.pk], at=at)[person.pk]


def rules(status) -> set[str]:
    return {c["rule"] for c in status.conditions}


def check_in(person, day, temperature="36.5", symptoms=()):
    return CheckIn.objects.create(
        client_uuid=uuid.uuid4(),
        person=person,
        day=day,
        temperature=Decimal(temperature),
        symptoms=list(symptoms),
        submitted_at=dt.datetime.combine(day, dt.time(8), tzinfo=SH),
        pledge=True,
    )


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


@pytest.fixture
def miner(world):
    return world.miner


def test_a_worker_from_a_low_risk_county_who_checks_in_normally_is_green(world, miner):
    RiskArea.objects.create(
        region=world.regions.ningwu, level=RiskLevel.LOW, valid_from=days_ago(20)
    )
    declaration = TravelDeclaration.objects.create(
        person=miner, transport="train", arrived_on=TODAY
    )
    TravelStop.objects.create(
        declaration=declaration, region=world.regions.ningwu, arrived_on=days_ago(5), left_on=TODAY
    )
    check_in(miner, TODAY)
    status = status_of(miner)
    assert status.colour == Colour.GREEN
    assert status.conditions == []


def travel(world, person, level, left_days_ago):
    RiskArea.objects.create(region=world.regions.taiyuan, level=level, valid_from=days_ago(60))
    declaration = TravelDeclaration.objects.create(
        person=person, transport="train", arrived_on=days_ago(left_days_ago)
    )
    TravelStop.objects.create(
        declaration=declaration,
        region=world.regions.jiancaoping,
        arrived_on=days_ago(left_days_ago + 3),
        left_on=days_ago(left_days_ago),
    )


def test_a_medium_risk_stay_within_the_window_is_yellow(world, miner):
    check_in(miner, TODAY)
    travel(world, miner, RiskLevel.MEDIUM, left_days_ago=3)
    status = status_of(miner)
    assert status.colour == Colour.YELLOW
    assert "medium_risk_travel" in rules(status)


@pytest.mark.parametrize(
    ("left_days_ago", "colour"), [(13, Colour.RED), (14, Colour.RED), (15, Colour.GREEN)]
)
def test_a_high_risk_stay_is_red_until_the_travel_window_has_passed(
    world, miner, left_days_ago, colour
):
    """GIVEN a stay in a high-risk area (a district of a high-risk city) that ended N days ago
    WHEN the window is 14 days THEN it is red through the 14th day after leaving, green after."""
    check_in(miner, TODAY)
    travel(world, miner, RiskLevel.HIGH, left_days_ago=left_days_ago)
    assert status_of(miner).colour == colour


def test_a_risk_area_declared_after_the_stay_does_not_count(world, miner):
    check_in(miner, TODAY)
    RiskArea.objects.create(region=world.regions.taiyuan, level=RiskLevel.HIGH, valid_from=TODAY)
    declaration = TravelDeclaration.objects.create(
        person=miner, transport="car", arrived_on=days_ago(3)
    )
    TravelStop.objects.create(
        declaration=declaration,
        region=world.regions.taiyuan,
        arrived_on=days_ago(6),
        left_on=days_ago(3),
    )
    assert status_of(miner).colour == Colour.GREEN


@pytest.mark.parametrize(
    ("last_checkin_days_ago", "colour"), [(0, Colour.GREEN), (1, Colour.GREEN), (2, Colour.YELLOW)]
)
def test_the_code_turns_yellow_after_the_policy_days_without_a_check_in(
    miner, last_checkin_days_ago, colour
):
    check_in(miner, days_ago(last_checkin_days_ago))
    assert status_of(miner).colour == colour


def test_nobody_who_never_checked_in_is_green(miner):
    status = status_of(miner)
    assert status.colour == Colour.YELLOW
    assert rules(status) == {"stale_checkin"}


@pytest.mark.parametrize(
    ("normal_days", "colour"), [(2, Colour.YELLOW), (3, Colour.GREEN), (4, Colour.GREEN)]
)
def test_consecutive_normal_check_ins_turn_yellow_back_to_green(miner, normal_days, colour):
    """GIVEN a check-in with a cough WHEN it is followed by N normal check-ins on consecutive
    days THEN the code is green from the 3rd (the policy's default) on."""
    check_in(miner, days_ago(normal_days), symptoms=["cough"])
    for n in range(normal_days - 1, -1, -1):
        check_in(miner, days_ago(n))
    assert status_of(miner).colour == colour


def test_a_missed_day_breaks_the_run_of_normal_check_ins(miner):
    check_in(miner, days_ago(4), symptoms=["cough"])
    check_in(miner, days_ago(3))
    # day 2 missing
    check_in(miner, days_ago(1))
    check_in(miner, days_ago(0))
    assert "abnormal_checkin" in rules(status_of(miner))


@pytest.mark.parametrize(
    ("temperature", "colour"),
    [("37.2", Colour.GREEN), ("37.3", Colour.YELLOW), ("37.4", Colour.YELLOW)],
)
def test_a_reported_temperature_at_the_fever_threshold_is_abnormal(miner, temperature, colour):
    check_in(miner, TODAY, temperature=temperature)
    assert status_of(miner).colour == colour


@pytest.mark.parametrize(
    ("yesterday", "today", "abnormal"),
    [
        ("37.3", "37.5", True),  # raised today: yesterday's 37.4 stays abnormal
        ("37.5", "37.3", False),  # lowered today: it stays normal
    ],
)
def test_each_check_in_is_judged_by_the_threshold_of_its_own_day(miner, yesterday, today, abnormal):
    Policy.objects.create(effective_from=days_ago(10), fever_threshold=Decimal(yesterday))
    Policy.objects.create(effective_from=TODAY, fever_threshold=Decimal(today))
    check_in(miner, days_ago(1), temperature="37.4")
    check_in(miner, TODAY)
    assert ("abnormal_checkin" in rules(status_of(miner))) is abnormal


def test_the_older_versions_are_read_only_for_check_ins_before_todays_version(miner):
    Policy.objects.create(effective_from=days_ago(10), fever_threshold=Decimal("37.3"))
    policy = Policy.objects.create(effective_from=TODAY, fever_threshold=Decimal("37.5"))
    check_in(miner, TODAY, temperature="37.4")
    health_status_refresh(person_ids=[miner.pk], at=NOW, policy=policy)  # warm up
    with CaptureQueriesContext(connection) as today_only:
        health_status_refresh(person_ids=[miner.pk], at=NOW, policy=policy)
    check_in(miner, days_ago(1), temperature="37.4")
    with CaptureQueriesContext(connection) as with_yesterday:
        status = health_status_refresh(person_ids=[miner.pk], at=NOW, policy=policy)[miner.pk]
    policy_reads = [
        [q for q in queries.captured_queries if "epidemic_policy" in q["sql"]]
        for queries in (today_only, with_yesterday)
    ]
    assert [len(reads) for reads in policy_reads] == [0, 1]  # the versions, once
    assert "abnormal_checkin" in rules(status)  # yesterday's 37.4 by yesterday's 37.3


def test_an_active_quarantine_is_red_and_health_monitoring_yellow(world, miner):
    colleague = world.colleague
    check_in(miner, TODAY)
    check_in(colleague, TODAY)
    for person, kind in (
        (miner, ObservationKind.HOME_QUARANTINE),
        (colleague, ObservationKind.HEALTH_MONITORING),
    ):
        observation_open(
            person=person,
            kind=kind,
            reason=ObservationReason.SECONDARY_CONTACT,
            started_at=NOW,
            last_exposure_at=NOW - dt.timedelta(days=1),
            days=7,
        )
    assert status_of(miner).colour == Colour.RED
    assert status_of(colleague).colour == Colour.YELLOW


def test_a_case_is_red_until_discarded(miner):
    check_in(miner, TODAY)
    case = Case.objects.create(person=miner, classification=CaseClassification.SUSPECTED)
    assert status_of(miner).colour == Colour.RED
    case.classification = CaseClassification.DISCARDED
    case.save()
    assert status_of(miner).colour == Colour.GREEN


def test_a_manual_override_wins_while_it_lasts_and_every_change_is_kept(world, miner):
    check_in(miner, TODAY)
    status = status_of(miner)
    status.override_colour = Colour.YELLOW
    status.override_reason = "复核中"
    status.override_until = NOW + dt.timedelta(hours=2)
    status.save()
    assert status_of(miner).colour == Colour.YELLOW
    assert rules(status_of(miner)) == {"override"}
    assert status_of(miner, at=NOW + dt.timedelta(hours=3)).colour == Colour.GREEN
    colours = list(
        HealthStatusChange.objects.filter(person=miner)
        .order_by("changed_at", "pk")
        .values_list("colour_after", flat=True)
    )
    assert colours == [Colour.GREEN, Colour.YELLOW, Colour.GREEN]


def test_refreshing_without_a_change_records_no_change(miner):
    check_in(miner, TODAY)
    status_of(miner)
    status_of(miner, at=NOW + dt.timedelta(minutes=5))
    assert HealthStatusChange.objects.filter(person=miner).count() == 1
