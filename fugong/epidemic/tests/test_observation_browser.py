"""End to end in headless Chromium: the health officer records a follow-up of an observation
due today and releases it; the page fits a phone."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect, sync_playwright

from fugong.core.tests.test_browser import (
    ARTIFACTS,
    CHROMIUM_ARGS,
    PHONE,
    assert_fits_the_screen,
    log_in,
    new_page,
    shoot,
)
from fugong.epidemic.models import ObservationKind, ObservationReason
from fugong.epidemic.services.observation import observation_open

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    # As in core's browser test: Playwright's loop would make Django refuse ORM calls here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def test_the_health_officer_records_a_follow_up_and_releases(chromium, live_server, world, chinese):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # GIVEN 张三 under home quarantine since an exposure 3 days ago for 3 days: due today
    exposure = timezone.now() - dt.timedelta(days=3)
    observation = observation_open(
        person=world.miner,
        kind=ObservationKind.HOME_QUARANTINE,
        reason=ObservationReason.CLOSE_CONTACT,
        started_at=exposure,
        last_exposure_at=exposure,
        days=3,
    )
    site = live_server.url
    page = new_page(chromium, PHONE)
    log_in(page, site, "health")

    # WHEN the officer opens the due tab, then the observation
    page.goto(site + reverse("epidemic:observation_list") + "?tab=due")
    expect(page.locator("#results")).to_contain_text(world.miner.name)
    assert_fits_the_screen(page)
    page.locator("#results a", has_text=world.miner.name).first.click()
    expect(page.get_by_test_id("release-button")).to_be_disabled()  # no follow-up yet
    expect(page.get_by_test_id("release-refusals")).to_be_visible()
    assert_fits_the_screen(page)

    # AND records a normal follow-up (day and slot are filled in for now)
    page.fill("#id_temperature", "36.6")
    page.get_by_test_id("record-follow-up").click()
    expect(page.get_by_test_id("follow-ups")).to_contain_text("36.6")
    shoot(page, "observation-follow-up")

    # THEN the release is allowed, and releasing ends the observation and the prohibition
    page.fill("#id_release-note", "观察期满，体温正常")
    page.get_by_test_id("release-button").click()
    expect(page.get_by_test_id("state")).to_have_text("已解除")
    shoot(page, "observation-released")
    observation.refresh_from_db()
    assert observation.state == "released"
    assert observation.prohibition_until is not None
    assert observation.prohibition_until <= timezone.now()
    assert observation.released_by == world.users.health
    assert observation.release_note == "观察期满，体温正常"
    _finish(page)


def test_the_command_page_draws_its_chart_and_the_lists_fit_a_phone(chromium, live_server, world):
    from fugong.epidemic.tests.observation_world import add_observation_world

    add_observation_world(world)
    site = live_server.url
    page = new_page(chromium, PHONE)
    log_in(page, site, "city")
    page.goto(site + reverse("epidemic:command"))
    expect(page.get_by_test_id("total-cases")).to_have_text("2")
    expect(page.locator("#county-chart canvas")).to_have_count(1)  # ECharts drew the bars
    assert_fits_the_screen(page)
    shoot(page, "command-phone")
    for name in ("case_list", "observation_list", "alert_list", "prohibition_list"):
        page.goto(site + reverse(f"epidemic:{name}"))
        expect(page.get_by_test_id("results-table")).to_be_visible()
        assert_fits_the_screen(page)
    _finish(page)


def _finish(page: Page) -> None:
    """Let htmx's requests (the navigation badge) end before the live server's tables are
    flushed: a request still running holds a SQLite lock the flush would fail on."""
    page.wait_for_load_state("networkidle")
    page.context.close()
