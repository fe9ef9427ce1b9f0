"""A liaison leader's page in headless Chromium: record a visit, raise a problem, on a phone.

Uses the live server and browser fixtures of the core browser test; elements are found by
data-testid and form ids, so the test holds in Chinese and English.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from fugong.core.tests.test_browser import (  # noqa: F401  (fixtures: browser, site)
    DESKTOP,
    PHONE,
    assert_fits_the_screen,
    browser,
    log_in,
    new_page,
    shoot,
    site,
)
from fugong.oversight.models import Ticket, TicketState, Visit

pytestmark = pytest.mark.browser


def test_a_leader_records_a_visit_and_raises_a_problem_from_their_page(browser, site, world):  # noqa: F811
    page = new_page(browser, DESKTOP)
    log_in(page, site, "leader")
    # GIVEN the leader's page, reached from the navigation
    href = f"a[href='{reverse('oversight:my')}']"
    section = page.locator("[data-testid=nav] li.dropdown", has=page.locator(href))
    section.locator("[data-testid=nav-section]").click()
    section.locator(href).click()
    card = page.locator("[data-testid=enterprise-card]")
    assert card.count() == 1
    assert "宁武独立煤矿" in card.inner_text()
    assert card.locator("[data-testid=last-visit]").inner_text() == "—"
    shoot(page, "oversight-leader-page")

    # WHEN they record an on-site visit that raised one problem
    card.locator("[data-testid=record-visit]").click()
    page.select_option("#id_mode", "on_site")
    page.fill("#id_participants", "县能源局、矿长")
    page.fill("#id_findings", "复工准备到位")
    page.fill("#id_problem", "缺少检测试剂")
    page.select_option("#id_problem_category", "epidemic")
    page.select_option("#id_problem_sla_class", "policy")
    page.select_option("#id_problem_department", "health")
    page.locator("[data-testid=save]").click()
    page.wait_for_url(f"{site}/oversight/visits/*/")
    visit = Visit.objects.get()
    assert Ticket.objects.get().visit == visit

    # THEN their page shows the visit's date and the open problem
    page.goto(site + reverse("oversight:my"))
    last = page.locator("[data-testid=last-visit]").inner_text()
    assert last == visit.visited_on.strftime("%Y-%m-%d")
    assert "缺少检测试剂" in page.locator("[data-testid=my-open-tickets]").inner_text()

    # WHEN they raise a problem with one click from the card
    page.locator("[data-testid=raise-problem]").click()
    page.select_option("#id_category", "logistics")
    page.select_option("#id_sla_class", "complex")
    page.select_option("#id_department", "energy")
    page.fill("#id_description", "煤炭外运车辆受阻")
    page.locator("[data-testid=save]").click()
    page.wait_for_url(f"{site}/oversight/tickets/*/")
    ticket = Ticket.objects.get(description="煤炭外运车辆受阻")
    assert ticket.state == TicketState.SUBMITTED
    assert ticket.enterprise == world.independent
    shoot(page, "oversight-ticket")

    # AND on a phone the page fits the screen
    phone = new_page(browser, PHONE)
    log_in(phone, site, "leader")
    phone.goto(site + reverse("oversight:my"))
    assert phone.locator("[data-testid=open-count]").inner_text() == "2"
    assert_fits_the_screen(phone)
    shoot(phone, "oversight-leader-phone")
