"""End to end in headless Chromium at 390×844: the worker logs in on a phone, checks in
(a first try with an implausible temperature is refused), and lands on the code page with
the colour, the QR code and a ticking clock; the health officer's lists fit the phone too."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from fugong.core.tests.test_browser import (  # noqa: F401 - the module's browser fixture
    PHONE,
    assert_fits_the_screen,
    browser,
    log_in,
    new_page,
    shoot,
    site,
)
from fugong.epidemic.models import CheckIn

pytestmark = pytest.mark.browser


def test_the_worker_checks_in_on_a_phone_and_sees_the_code(browser, site, world):  # noqa: F811
    page = new_page(browser, PHONE)
    log_in(page, site, "miner")
    page.goto(site + reverse("epidemic:health_checkin"))
    assert_fits_the_screen(page)
    shoot(page, "phone-health-checkin")

    # A thermometer misread: refused on the field, nothing stored
    page.fill("#id_temperature", "45.0")
    page.check("#id_pledge")
    page.locator("[data-testid=checkin-submit]").click()
    expect(page.locator("[data-testid=form-errors]")).to_be_visible()
    assert not CheckIn.objects.exists()

    # The real reading, with a cough ticked
    page.fill("#id_temperature", "36.6")
    page.check("#id_pledge")
    page.locator("input[name=symptoms][value=cough]").check()
    page.locator("[data-testid=checkin-submit]").click()
    page.wait_for_url(site + reverse("epidemic:health_code"))
    code = page.locator("[data-testid=code-colour]")
    expect(code).to_have_attribute("data-colour", "yellow")
    expect(page.locator("[data-testid=code-qr] svg")).to_be_visible()
    clock = page.locator("[data-testid=live-clock]")
    first = clock.inner_text()
    page.wait_for_timeout(1200)
    assert clock.inner_text() != first, "the clock ticks"
    assert_fits_the_screen(page)
    shoot(page, "phone-health-code")
    page.context.close()


def test_the_health_officer_lists_fit_a_phone(browser, site, world):  # noqa: F811
    page = new_page(browser, PHONE)
    log_in(page, site, "health")
    for url_name in (
        "epidemic:health_checkin_list",
        "epidemic:health_checkin_missing",
        "epidemic:health_travel_list",
        "epidemic:health_status_list",
        "epidemic:health_appeal_list",
        "epidemic:health_checkin_for",
    ):
        page.goto(site + reverse(url_name))
        shoot(page, f"phone-{url_name.replace(':', '-')}")
        assert_fits_the_screen(page)
    page.context.close()
