"""End to end in headless Chromium at 390×844: the worker logs in on a phone, checks in
(a first try with an implausible temperature is refused), and lands on the code page with
the colour, the QR code and a ticking clock; the health officer's lists fit the phone too, and
the officer searches the person to check in for."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from fugong.core import pickers
from fugong.core.tests.test_browser import (  # noqa: F401 - the module's browser fixture
    PHONE,
    assert_fits_the_screen,
    browser,
    log_in,
    new_page,
    open_searching,
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


def test_the_health_officer_searches_the_person_to_check_in_for_on_a_phone(
    browser,  # noqa: F811
    site,  # noqa: F811
    world,
    chinese,
    monkeypatch,
):
    # GIVEN more people than a select should list (the threshold lowered to 1)
    monkeypatch.setattr(pickers, "PICKER_THRESHOLD", 1)
    page, search = open_searching(
        browser, site, PHONE, "health", reverse("epidemic:health_checkin_for"), "person"
    )

    # WHEN another enterprise's name is typed THEN nothing is offered
    search.fill("王五")
    page.wait_for_timeout(600)
    expect(page.locator("#id_person_results option")).to_have_count(0)

    # WHEN the officer types the start of a colleague's name THEN the masked label arrives
    search.fill("李")
    label = f"李四 · {world.colleague.id_number_masked}"
    expect(page.locator("#id_person_results option")).to_have_count(1)
    assert page.locator("#id_person_results option").get_attribute("value") == label
    assert world.colleague.id_number not in page.content()

    # AND choosing it and submitting checks in for 李四, recorded as the officer's
    search.fill(label)
    expect(page.locator("#id_person")).to_have_value(str(world.colleague.pk))
    page.fill("#id_temperature", "36.5")
    page.check("#id_pledge")
    assert_fits_the_screen(page)
    shoot(page, "phone-health-checkin-for-picker")
    page.locator("[data-testid=checkin-submit]").click()
    page.wait_for_url(site + reverse("epidemic:health_status_detail", args=[world.colleague.pk]))
    checkin = CheckIn.objects.get(person=world.colleague)
    assert checkin.submitted_by == world.users.health
    page.context.close()


def test_the_worker_searches_the_current_county_on_a_phone(
    browser,  # noqa: F811
    site,  # noqa: F811
    world,
    chinese,
    monkeypatch,
):
    # GIVEN more counties than a select should list (the threshold lowered to 1)
    monkeypatch.setattr(pickers, "PICKER_THRESHOLD", 1)
    page, search = open_searching(
        browser, site, PHONE, "miner", reverse("epidemic:health_checkin"), "location_region"
    )
    results = page.locator("#id_location_region_results option")

    # WHEN a code prefix is typed (full-width, as a Chinese keyboard may) THEN 忻州's counties
    search.fill("１４０９")
    expect(results).to_have_count(3)
    assert results.first.get_attribute("label") == "140902"

    # WHEN the worker types part of the name THEN the county arrives, named with its parents
    search.fill("宁武")
    expect(results).to_have_count(1)
    assert results.get_attribute("value") == "山西省 忻州市 宁武县"

    # AND choosing it and submitting stores the county
    search.fill("山西省 忻州市 宁武县")
    expect(page.locator("#id_location_region")).to_have_value(str(world.regions.ningwu.pk))
    page.fill("#id_temperature", "36.5")
    page.check("#id_pledge")
    assert_fits_the_screen(page)
    shoot(page, "phone-health-checkin-region-picker")
    page.locator("[data-testid=checkin-submit]").click()
    page.wait_for_url(site + reverse("epidemic:health_code"))
    assert CheckIn.objects.get(person=world.miner).location_region == world.regions.ningwu
    page.context.close()
