"""Alerts: the periodic "observation due" and "not reporting" alerts (once a day each), the
alerts page with its acknowledge button and count, and the alerts API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from fugong.epidemic.models import (
    Alert,
    AlertKind,
    FollowUp,
    FollowUpSlot,
    ObservationKind,
    ObservationReason,
)
from fugong.epidemic.services.alert_watch import alerts_non_reporting, alerts_observation_due
from fugong.epidemic.services.observation import observation_open
from fugong.epidemic.tasks.observation import non_reporting_alerts, observation_due_alerts

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
START = dt.datetime(2026, 3, 1, 8, tzinfo=BEIJING)


@pytest.fixture
def observed(world, time_machine):
    time_machine.move_to(START, tick=False)
    return observation_open(
        person=world.miner,
        kind=ObservationKind.HOME_QUARANTINE,
        reason=ObservationReason.CLOSE_CONTACT,
        started_at=START,
        last_exposure_at=START,
        days=3,
    )


@pytest.mark.parametrize(
    ("at", "raised"),
    [
        (dt.datetime(2026, 3, 3, 23, 59, tzinfo=BEIJING), 0),
        (dt.datetime(2026, 3, 4, 0, 5, tzinfo=BEIJING), 1),
        (dt.datetime(2026, 3, 5, 0, 5, tzinfo=BEIJING), 0),  # its day has passed
    ],
)
def test_an_observation_ending_today_raises_one_due_alert(observed, at, raised):
    assert alerts_observation_due(at) == raised
    assert Alert.objects.filter(kind=AlertKind.OBSERVATION_DUE).count() == raised


def test_the_hourly_due_run_raises_the_alert_once(observed, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 4, 0, 5, tzinfo=BEIJING), tick=False)
    assert observation_due_alerts.call_local() == 1
    time_machine.move_to(dt.datetime(2026, 3, 4, 1, 5, tzinfo=BEIJING), tick=False)
    assert observation_due_alerts.call_local() == 0
    alert = Alert.objects.get(kind=AlertKind.OBSERVATION_DUE)
    assert alert.person == observed.person and observed.person.id_number not in alert.message


@pytest.mark.parametrize(
    ("hour", "minute", "raised"), [(9, 59, 0), (10, 0, 1), (10, 1, 1)]
)  # fmt: skip
def test_not_reporting_alerts_start_at_ten_local_time(observed, hour, minute, raised):
    at = dt.datetime(2026, 3, 2, hour, minute, tzinfo=BEIJING)
    assert alerts_non_reporting(at) == raised


def test_a_follow_up_seen_today_means_no_non_reporting_alert(observed):
    FollowUp.objects.create(
        observation=observed, day=dt.date(2026, 3, 2), slot=FollowUpSlot.MORNING,
        temperature=Decimal("36.4"),
    )  # fmt: skip
    assert alerts_non_reporting(dt.datetime(2026, 3, 2, 11, tzinfo=BEIJING)) == 0


def test_the_non_reporting_time_is_a_setting(observed, settings):
    settings.EPIDEMIC_NON_REPORTING_AFTER = "15:30"
    assert alerts_non_reporting(dt.datetime(2026, 3, 2, 15, 29, tzinfo=BEIJING)) == 0
    assert alerts_non_reporting(dt.datetime(2026, 3, 2, 15, 30, tzinfo=BEIJING)) == 1


def test_the_non_reporting_task_raises_once_a_day(observed, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 35, tzinfo=BEIJING), tick=False)
    assert non_reporting_alerts.call_local() == 1
    time_machine.move_to(dt.datetime(2026, 3, 2, 11, 35, tzinfo=BEIJING), tick=False)
    assert non_reporting_alerts.call_local() == 0
    time_machine.move_to(dt.datetime(2026, 3, 3, 10, 35, tzinfo=BEIJING), tick=False)
    assert non_reporting_alerts.call_local() == 1


# --- the page and the API --------------------------------------------------------------------


def _alert(enterprise, message="发热"):
    return Alert.objects.create(
        kind=AlertKind.FEVER, enterprise=enterprise, message=message, raised_at=START
    )


def test_the_alerts_page_counts_open_alerts_and_acknowledges_one(client, world):
    mine = _alert(world.qifeng)
    _alert(world.qifeng, "第二条")
    other = _alert(world.yuanping_mine, "原平")
    client.force_login(world.users.health)
    page = client.get(reverse("epidemic:alert_list"))
    assert page.context["open_count"] == 2
    assert {a.pk for a in page.context["page"]} == {mine.pk, mine.pk + 1}
    assert f'data-testid="acknowledge-{mine.pk}"' in page.content.decode()
    done = client.post(reverse("epidemic:alert_acknowledge", args=[mine.pk]))
    assert done.status_code == 302
    mine.refresh_from_db()
    assert mine.acknowledged_by == world.users.health
    assert client.get(reverse("epidemic:alert_list")).context["open_count"] == 1
    assert client.post(reverse("epidemic:alert_acknowledge", args=[other.pk])).status_code == 404


def test_the_open_filter_lists_alerts_not_acknowledged(client, world):
    _alert(world.qifeng)
    Alert.objects.filter(pk=_alert(world.qifeng).pk).update(acknowledged_at=START)
    client.force_login(world.users.county)
    answer = client.get("/api/epidemic/alerts", {"open": "true"})
    assert answer.status_code == 200
    assert answer.json()["count"] == 1


def test_acknowledging_twice_says_so(client, world):
    alert = _alert(world.qifeng)
    client.force_login(world.users.city)
    assert client.post(f"/api/epidemic/alerts/{alert.pk}/acknowledge").status_code == 200
    again = client.post(f"/api/epidemic/alerts/{alert.pk}/acknowledge")
    assert again.status_code == 422
    assert "already acknowledged" in again.json()["detail"][0]["message"]


def test_the_navigation_badge_counts_open_alerts_after_the_page(client, world):
    _alert(world.qifeng)
    _alert(world.yuanping_mine)
    client.force_login(world.users.health)
    home = client.get(reverse("home")).content.decode()
    assert f'hx-get="{reverse("epidemic:alert_badge")}"' in home
    badge = client.get(reverse("epidemic:alert_badge")).content.decode()
    assert '<span class="badge' in badge and ">1</span>" in badge
    Alert.objects.update(acknowledged_at=START)
    assert client.get(reverse("epidemic:alert_badge")).content == b""
    client.force_login(world.users.manager)  # no alerts in a manager's work: no badge at all
    assert reverse("epidemic:alert_badge") not in client.get(reverse("home")).content.decode()


def test_an_alert_about_an_observation_links_to_it(client, world, observed):
    alerts_observation_due(dt.datetime(2026, 3, 4, 0, 5, tzinfo=BEIJING))
    client.force_login(world.users.health)
    text = client.get(reverse("epidemic:alert_list")).content.decode()
    assert reverse("epidemic:observation_detail", args=[observed.pk]) in text
