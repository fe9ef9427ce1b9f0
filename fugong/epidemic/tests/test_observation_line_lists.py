"""The line lists (tabs) at the Asia/Shanghai day boundary, and the work prohibition list:
names and dates only, inside the reader's scope."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from fugong.epidemic.models import (
    FollowUp,
    FollowUpSlot,
    Observation,
    ObservationKind,
    ObservationReason,
    ObservationState,
    Policy,
)
from fugong.epidemic.selectors.observation import LineList, line_list, prohibitions_today
from fugong.epidemic.services.observation import observation_open

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
START = dt.datetime(2026, 3, 1, 10, tzinfo=BEIJING)


def _open(person, days=3, kind=ObservationKind.HOME_QUARANTINE):
    return observation_open(
        person=person,
        kind=kind,
        reason=ObservationReason.CLOSE_CONTACT,
        started_at=START,
        last_exposure_at=START,
        days=days,
    )


def _tab(tab, at):
    return set(line_list(Observation.objects.all(), tab, at).values_list("pk", flat=True))


@pytest.fixture
def observed(world, time_machine):
    time_machine.move_to(START, tick=False)
    return _open(world.miner)


@pytest.mark.parametrize(
    ("at", "due"),
    [
        (dt.datetime(2026, 3, 3, 23, 59, tzinfo=BEIJING), False),
        (dt.datetime(2026, 3, 4, 0, 0, tzinfo=BEIJING), True),  # planned end is today
        (dt.datetime(2026, 3, 5, 8, 0, tzinfo=BEIJING), True),  # passed
    ],
)
def test_due_for_release_starts_on_the_local_day_of_the_planned_end(observed, at, due):
    assert (observed.pk in _tab(LineList.DUE, at)) is due


def test_not_reporting_today_turns_at_local_midnight(observed):
    FollowUp.objects.create(
        observation=observed, day=dt.date(2026, 3, 2), slot=FollowUpSlot.AFTERNOON,
        temperature=Decimal("36.5"),
    )  # fmt: skip
    assert observed.pk not in _tab(
        LineList.NOT_REPORTING, dt.datetime(2026, 3, 2, 23, 59, tzinfo=BEIJING)
    )
    assert observed.pk in _tab(
        LineList.NOT_REPORTING, dt.datetime(2026, 3, 3, 0, 0, tzinfo=BEIJING)
    )


def test_a_missed_follow_up_today_is_still_not_reporting(observed):
    FollowUp.objects.create(
        observation=observed, day=dt.date(2026, 3, 2), slot=FollowUpSlot.MORNING, seen=False
    )
    assert observed.pk in _tab(LineList.NOT_REPORTING, dt.datetime(2026, 3, 2, 12, tzinfo=BEIJING))


@pytest.mark.parametrize(
    ("temperature", "symptoms", "symptomatic"),
    [("37.2", [], False), ("37.3", [], True), ("37.4", [], True), ("36.5", ["cough"], True)],
)
def test_symptomatic_means_fever_or_symptoms_at_a_follow_up_of_the_last_24_hours(
    observed, temperature, symptoms, symptomatic
):
    FollowUp.objects.create(
        observation=observed, day=dt.date(2026, 3, 2), slot=FollowUpSlot.MORNING,
        temperature=Decimal(temperature), symptoms=symptoms,
    )  # fmt: skip
    # The morning slot stands for 08:00: recent until 08:00 the next day.
    just_before = dt.datetime(2026, 3, 3, 7, 59, tzinfo=BEIJING)
    assert (observed.pk in _tab(LineList.SYMPTOMATIC, just_before)) is symptomatic
    assert observed.pk not in _tab(
        LineList.SYMPTOMATIC, dt.datetime(2026, 3, 3, 8, 0, tzinfo=BEIJING)
    )


def test_released_observations_leave_the_active_tabs(observed):
    Observation.objects.filter(pk=observed.pk).update(
        state=ObservationState.RELEASED, released_at=START
    )
    at = dt.datetime(2026, 3, 5, 9, tzinfo=BEIJING)
    assert _tab(LineList.RELEASED, at) == {observed.pk}
    for tab in (LineList.ACTIVE, LineList.DUE, LineList.NOT_REPORTING, LineList.SYMPTOMATIC):
        assert observed.pk not in _tab(tab, at)


def test_the_list_page_shows_the_tab_asked_for(client, world, observed, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 4, 9, tzinfo=BEIJING), tick=False)
    client.force_login(world.users.health)
    due = client.get(reverse("epidemic:observation_list"), {"tab": "due"})
    assert [o.pk for o in due.context["page"]] == [observed.pk]
    released = client.get(reverse("epidemic:observation_list"), {"tab": "released"})
    assert list(released.context["page"]) == []


# --- the work prohibition list ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "listed"),
    [
        (dt.datetime(2026, 3, 1, 9, tzinfo=BEIJING), True),  # starts later today
        (dt.datetime(2026, 3, 4, 23, 59, tzinfo=BEIJING), True),  # its last day
        (dt.datetime(2026, 3, 5, 0, 0, tzinfo=BEIJING), False),  # ended yesterday
        (dt.datetime(2026, 2, 28, 23, 59, tzinfo=BEIJING), False),  # starts tomorrow
    ],
)
def test_the_prohibition_list_holds_who_may_not_work_at_some_time_today(observed, at, listed):
    rows = prohibitions_today(Observation.objects.all(), at)
    assert (observed.pk in {o.pk for o in rows}) is listed


def test_health_monitoring_is_no_work_prohibition(world, time_machine):
    time_machine.move_to(START, tick=False)
    monitoring = _open(world.miner, kind=ObservationKind.HEALTH_MONITORING)
    assert monitoring not in prohibitions_today(Observation.objects.all(), START)


@pytest.mark.parametrize("persona", ["manager", "group", "safety"])
def test_the_prohibition_page_names_people_and_dates_but_never_the_reason(
    client, world, time_machine, persona
):
    time_machine.move_to(START, tick=False)
    _open(world.miner)
    _open(world.yuanping_miner)
    client.force_login(getattr(world.users, persona))
    response = client.get(reverse("epidemic:prohibition_list"))
    text = response.content.decode()
    assert world.miner.name in text
    assert world.miner.id_number not in text  # masked
    assert world.miner.id_number_masked in text
    for secret in ("Close contact", "Home quarantine", "close_contact", "home"):
        assert secret not in text.split('data-testid="results-table"')[1]
    # 原平 is the group's, not the manager's or the safety officer's.
    assert (world.yuanping_miner.name in text) is (persona == "group")


def test_the_prohibition_api_has_no_reason_and_refuses_an_enterprise_outside_the_scope(
    client, world, time_machine
):
    time_machine.move_to(START, tick=False)
    _open(world.miner)
    _open(world.yuanping_miner)
    client.force_login(world.users.manager)
    answer = client.get("/api/epidemic/prohibitions")
    assert answer.status_code == 200
    items = answer.json()["items"]
    assert [item["person"]["name"] for item in items] == [world.miner.name]
    assert set(items[0]) == {"person", "prohibition_from", "prohibition_until"}
    assert items[0]["person"]["id_number"] == world.miner.id_number_masked
    outside = client.get("/api/epidemic/prohibitions", {"enterprise": world.yuanping_mine.pk})
    assert outside.status_code == 422


def test_an_observation_of_another_enterprise_is_not_found_for_the_health_officer(
    client, world, time_machine
):
    time_machine.move_to(START, tick=False)
    other = _open(world.yuanping_miner)
    client.force_login(world.users.health)
    assert client.get(reverse("epidemic:observation_detail", args=[other.pk])).status_code == 404
    client.force_login(world.users.manager)  # may see prohibitions, not the records
    assert client.get(reverse("epidemic:observation_detail", args=[other.pk])).status_code == 403


def test_the_list_shows_the_latest_follow_up(client, world, observed, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 16, tzinfo=BEIJING), tick=False)
    for slot, temperature in ((FollowUpSlot.AFTERNOON, "36.9"), (FollowUpSlot.MORNING, "36.4")):
        FollowUp.objects.create(
            observation=observed, day=dt.date(2026, 3, 2), slot=slot,
            temperature=Decimal(temperature),
        )  # fmt: skip
    client.force_login(world.users.health)
    text = client.get(reverse("epidemic:observation_list")).content.decode()
    assert "03-02 Afternoon · 36.9 °C" in text


@pytest.mark.parametrize(
    ("yesterday", "today", "symptomatic"),
    [
        ("37.3", "37.5", True),  # raised today: yesterday afternoon's 37.4 stays a fever
        ("37.5", "37.3", False),  # lowered today: it stays normal
    ],
)
def test_a_follow_up_is_symptomatic_by_the_threshold_of_its_own_day(
    observed, yesterday, today, symptomatic
):
    Policy.objects.create(effective_from=dt.date(2026, 3, 1), fever_threshold=Decimal(yesterday))
    Policy.objects.create(effective_from=dt.date(2026, 3, 3), fever_threshold=Decimal(today))
    FollowUp.objects.create(
        observation=observed, day=dt.date(2026, 3, 2), slot=FollowUpSlot.AFTERNOON,
        temperature=Decimal("37.4"),
    )  # fmt: skip
    at = dt.datetime(2026, 3, 3, 9, 0, tzinfo=BEIJING)  # 19 hours after the 14:00 slot
    assert (observed.pk in _tab(LineList.SYMPTOMATIC, at)) is symptomatic
