"""End to end in headless Chromium: a mine manager files a daily report on a phone."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from fugong.core.tests.test_browser import (  # noqa: F401 — the fixtures are used by name
    PHONE,
    assert_fits_the_screen,
    browser,
    log_in,
    new_page,
    shoot,
    site,
)
from fugong.dailyreport.models import DailyReport

pytestmark = pytest.mark.browser


def test_a_manager_files_a_daily_report_on_a_phone(browser, site, world):  # noqa: F811
    page = new_page(browser, PHONE)
    log_in(page, site, world.users.manager.username)
    page.goto(site + reverse("dailyreport:report_file"))
    assert_fits_the_screen(page)
    page.select_option("#id_enterprise", str(world.qifeng.pk))
    page.check("#id_operating_0")
    page.fill("#id_staff_on_duty", "812")
    page.fill("#id_output", "4100.5")
    page.fill("#id_notes", "正常生产")
    shoot(page, "dailyreport-form")
    page.locator("[data-testid=submit]").click()
    expect(page.locator("[data-testid=facts]")).to_contain_text("812")
    assert_fits_the_screen(page)
    shoot(page, "dailyreport-detail")
    report = DailyReport.objects.get()
    assert report.staff_on_duty == 812 and report.operating
    assert report.normal_headcount == world.qifeng.normal_headcount
    page.goto(site + reverse("dailyreport:report_list"))
    expect(page.locator("#results")).to_contain_text(world.qifeng.name)
    assert_fits_the_screen(page)


def test_the_metrics_pages_fit_a_phone_and_draw_the_trend(browser, site, world):  # noqa: F811
    page = new_page(browser, PHONE)
    log_in(page, site, world.users.city.username)
    for name in ("metrics_overview", "metrics_trends", "metrics_rankings", "missing_list"):
        page.goto(site + reverse(f"dailyreport:{name}"))
        assert_fits_the_screen(page)
    page.goto(site + reverse("dailyreport:metrics_trends"))
    expect(page.locator("[data-testid=trend-chart] canvas")).to_have_count(1)
    shoot(page, "dailyreport-trends")
