"""The checkpoint page in headless Chromium on a phone (390×844), offline queue included."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from fugong.core.tests.test_browser import (  # noqa: F401  (fixtures)
    ARTIFACTS,
    PHONE,
    assert_fits_the_screen,
    browser,
    log_in,
    new_page,
    site,
)
from fugong.epidemic.models import Screening

pytestmark = pytest.mark.browser


def record(page, temperature: str) -> None:
    page.fill("#temperature", temperature)
    page.locator("[data-testid=record]").click()


def test_an_operator_screens_on_a_phone_and_the_offline_queue_sends_once(
    browser,  # noqa: F811
    site,  # noqa: F811
    world,
):
    page = new_page(browser, PHONE)
    log_in(page, site, "gate")
    page.goto(site + reverse("epidemic:checkpoint"))
    page.locator("[data-testid=checkpoints] a").first.click()
    page.wait_for_url(f"{site}{reverse('epidemic:checkpoint_screen', args=[world.checkpoint.pk])}")
    assert_fits_the_screen(page)

    # A worker identified by ID number. 43.1 °C is a measurement error, refused on the phone.
    page.locator("label[for=way-id]").click()
    page.fill("#id_number", world.miner.id_number)
    record(page, "43.1")
    expect(page.locator("[data-testid=errors]")).to_contain_text("43.0")
    assert not Screening.objects.exists()
    # Normal temperature: pass (green box).
    record(page, "36.5")
    answer = page.locator("[data-testid=answer]")
    expect(answer).to_have_attribute("data-result", "pass")

    # 37.8: re-measure, with the countdown; the identity is kept for the re-measure.
    page.fill("#id_number", world.miner.id_number)
    record(page, "37.8")
    expect(answer).to_have_attribute("data-result", "remeasure")
    expect(page.locator("[data-testid=countdown]")).to_contain_text("4:")
    expect(page.locator("[data-testid=remeasure-banner]")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "checkpoint-remeasure-phone.png"), full_page=True)
    page.locator("#remeasure-cancel").click()

    # The network drops: a visitor's reading is kept on the phone and shown as queued.
    page.context.set_offline(True)
    page.locator("label[for=way-visitor]").click()
    page.fill("#visitor_name", "访客甲")
    page.fill("#visitor_phone", "13900001111")
    record(page, "36.6")
    expect(answer).to_have_attribute("data-result", "queued")
    expect(page.locator("[data-testid=queue]")).to_have_attribute("data-length", "1")
    assert not Screening.objects.filter(visitor_name="访客甲").exists()
    page.screenshot(path=str(ARTIFACTS / "checkpoint-offline-phone.png"), full_page=True)

    # Back online: the queue is sent, the decision shown, the reading stored once.
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(answer).to_have_attribute("data-result", "pass", timeout=15_000)
    expect(page.locator("[data-testid=queue]")).to_be_hidden()
    expect(page.locator("[data-testid=recent]")).to_contain_text("访**")
    assert Screening.objects.filter(visitor_name="访客甲").count() == 1
    assert world.miner.id_number not in page.content()
    assert_fits_the_screen(page)
