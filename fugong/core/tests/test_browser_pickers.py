"""Pickers in headless Chromium: search an enterprise, the team follows it; copy a token."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from fugong.core import pickers
from fugong.core.tests.test_browser import (  # noqa: F401 - fixtures
    DESKTOP,
    browser,
    log_in,
    new_page,
    open_searching,
    results_text,
    shoot,
    site,
)

pytestmark = pytest.mark.browser


def test_a_long_enterprise_filter_is_searched_and_the_team_filter_follows_it(
    browser,  # noqa: F811
    site,  # noqa: F811
    world,
    chinese,
    monkeypatch,
):
    # GIVEN more choices than a select should list (the threshold lowered to 1)
    monkeypatch.setattr(pickers, "PICKER_THRESHOLD", 1)
    page, search = open_searching(
        browser, site, DESKTOP, "group", reverse("people:person_list"), "enterprise"
    )

    # WHEN the administrator types part of a name THEN the scoped suggestions arrive
    search.fill("栖凤")
    expect(page.locator("#id_enterprise_results option")).to_have_count(1)
    assert page.locator("#id_enterprise_results option").get_attribute("value") == "宁武栖凤煤矿"

    # WHEN the whole name is chosen THEN the list shows that enterprise's people only
    search.fill("宁武栖凤煤矿")
    # (the unfiltered list shows 张三 too: wait for 王五 to go, then check 张三 stayed)
    expect(page.locator("#results")).not_to_contain_text("王五")
    assert "张三" in results_text(page)
    assert "enterprise=" in page.url
    shoot(page, "picker-enterprise")

    # AND the team search offers only that enterprise's teams, named with it
    team = page.locator("#id_team_search")
    team.fill("队")
    expect(page.locator("#id_team_results option")).to_have_count(1)
    assert (
        page.locator("#id_team_results option").get_attribute("value") == "宁武栖凤煤矿 · 综采一队"
    )


def test_the_token_page_copies_the_token(browser, site, world, chinese):  # noqa: F811
    page = new_page(browser, DESKTOP)
    log_in(page, site, "manager")
    page.goto(site + reverse("accounts:device_create"))
    page.fill("#id_name", "门岗4号")
    page.locator("input[name=places]").first.check()
    page.locator("main form button[type=submit]").click()
    button = page.locator("[data-testid=copy-token]")
    expect(button).to_have_text("复制")
    button.click()
    expect(button).to_have_text("已复制")
