"""End to end in headless Chromium: an enterprise manager files and submits an application on a
phone, the county officer finds it in the queue with its clock and approves it, and once every
reviewer has approved, the notice number is on the enterprise's page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from fugong.core.tests.test_browser import (
    DESKTOP,
    PHONE,
    assert_fits_the_screen,
    log_in,
    new_page,
    shoot,
)
from fugong.resumption import services
from fugong.resumption.models import Application

pytestmark = pytest.mark.browser


def test_an_application_is_filed_on_a_phone_and_reviewed(
    browser, site, world, reviewers, accepted_qifeng, chinese
):
    # GIVEN the 栖凤 manager on a phone files an application through the form
    phone = new_page(browser, PHONE)
    log_in(phone, site, "manager")
    phone.goto(site + reverse("resumption:application_create"))
    assert_fits_the_screen(phone)
    phone.select_option("#id_enterprise", str(world.qifeng.pk))
    phone.fill("#id_planned_on", "2026-12-07")
    phone.fill("#id_planned_headcount", "300")
    phone.fill("#id_from_outside_province", "12")
    phone.fill("#id_prevention_plan", "井口测温，分餐，宿舍每日消毒")
    for name in Application.FIVE_THINGS:
        phone.check(f"#id_{name}")
    phone.locator("[data-testid=save]").click()
    expect(phone.locator("[data-testid=status]")).to_be_visible()
    shoot(phone, "resumption-filed-phone")
    # WHEN it is submitted
    phone.locator("[data-testid=submit]").click()
    expect(phone.locator("[data-testid=clock]")).to_be_visible()
    assert_fits_the_screen(phone)
    application = Application.objects.get()
    assert application.status == "submitted"

    # THEN the county officer finds it in the queue with its clock and approves it
    desk = new_page(browser, DESKTOP)
    log_in(desk, site, "ningwu")
    desk.goto(site + reverse("resumption:review_queue"))
    queue = desk.locator("[data-testid=queue]")
    expect(queue).to_contain_text(world.qifeng.name)
    expect(queue.locator("[data-testid=clock]")).to_be_visible()
    shoot(desk, "resumption-queue")
    queue.get_by_role("link", name="审批").first.click()
    desk.check("input[name=decision][value=approved]")
    desk.fill("#id_note", "严格落实井口测温")
    desk.locator("[data-testid=save]").click()
    desk.wait_for_url(site + reverse("resumption:review_queue"))
    expect(desk.locator("[data-testid=queue]")).not_to_contain_text(world.qifeng.name)

    # AND once the departments have approved too, the manager sees the notice number
    for who in (reviewers.health, reviewers.emergency, reviewers.energy):
        services.application_decide(actor=who, application=application, decision="approved")
    phone.goto(site + reverse("resumption:application_detail", args=[application.pk]))
    expect(phone.locator("[data-testid=notice]")).to_contain_text("140925复工〔")
    shoot(phone, "resumption-approved-phone")
    assert_fits_the_screen(phone)


def test_the_reviewers_pages_fit_a_phone(browser, site, world, reviewers, chinese):
    from fugong.resumption.tests.world import add_resumption_objects

    add_resumption_objects(world)
    pages = {
        "ningwu": [
            reverse("resumption:review_queue"),
            reverse("resumption:application_decide", args=[world.application.pk]),
            reverse("resumption:acceptance", args=[world.qifeng.pk]),
            reverse("resumption:acceptance_sign", args=[world.acceptance.pk]),
            reverse("resumption:due_edit", args=[world.independent.pk]),
            reverse("resumption:statistics"),
        ],
        "city": [reverse("resumption:calendar"), reverse("resumption:application_list")],
    }
    for username, urls in pages.items():
        phone = new_page(browser, PHONE)
        log_in(phone, site, username)
        for url in urls:
            response = phone.goto(site + url)
            assert response is not None and response.status == 200, url
            assert_fits_the_screen(phone)
        shoot(phone, f"resumption-{username}-phone")
