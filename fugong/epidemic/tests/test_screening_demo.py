"""The demo world has screenings today at 栖凤, whatever the hour, on the records page."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from fugong.demo.world import build_world

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize(("hour", "minute"), [(0, 50), (9, 30)])
def test_the_demo_shows_todays_screenings_to_qifengs_health_officer(
    without_world, client, time_machine, hour, minute
):
    now = dt.datetime(2026, 3, 2, hour, minute, tzinfo=BEIJING)
    time_machine.move_to(now, tick=False)
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        build_world(total_people=1200)
    client.force_login(get_user_model().objects.get(username="qifeng_health"))
    response = client.get(reverse("epidemic:screening_list"))
    counts = response.context["counts"]
    assert counts["total"] > 0
    assert all(row.measured_at <= now for row in response.context["page"].object_list)
    assert all(r.measured_at.astimezone(BEIJING).date() == now.date()
               for r in response.context["page"].object_list)  # fmt: skip
    if hour >= 9:
        assert counts["remeasure"] == 3 and counts["passed"] > 100
        first = client.get(reverse("epidemic:screening_list"), {"sort": "measured_at"})
        assert "刘建国" in first.content.decode()  # the visitor, a minute after the first
