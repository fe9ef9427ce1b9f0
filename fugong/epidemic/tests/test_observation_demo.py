"""The observation demo data: a confirmed case isolated at 栖凤, every line-list tab filled,
follow-ups, alerts, no webhook URL."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.utils import timezone

from fugong.demo import data
from fugong.demo.world import build_world
from fugong.epidemic.models import Alert, Case, CaseClassification, FollowUp, Observation
from fugong.epidemic.selectors.observation import LineList, line_list, release_verdict
from fugong.epidemic.selectors.policy import policy_in_force

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize("hour", [7, 11, 16])
def test_the_demo_fills_every_tab_whatever_the_hour(without_world, time_machine, hour):
    time_machine.move_to(dt.datetime(2026, 3, 2, hour, 30, tzinfo=BEIJING), tick=False)
    # The test's transaction is rolled back at its end, demo world and all.
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        build_world(total_people=1200)
    case = Case.objects.get(classification=CaseClassification.CONFIRMED)
    assert case.person.enterprise.name == data.QIFENG_NAME
    assert Observation.objects.get(source_case=case).kind == "isolation"
    rows = Observation.objects.all()
    for tab in LineList.LABELS:
        assert line_list(rows, tab, timezone.now()).exists(), tab
    due = line_list(rows, LineList.DUE, timezone.now()).exclude(source_case=case).get()
    assert release_verdict(due).allowed or hour < 8
    assert FollowUp.objects.exists()
    assert set(Alert.objects.values_list("kind", flat=True)) == {
        "fever", "non_reporting", "observation_due", "cluster"
    }  # fmt: skip
    assert policy_in_force().alert_webhook_url == ""
