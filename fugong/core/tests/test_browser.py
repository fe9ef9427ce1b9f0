"""End to end in headless Chromium: login, scope, navigation, htmx search, language, phone size.

Runs against pytest-django's live server with the shared ``world`` (made transactional by
``live_server``, so the server thread sees it). Screenshots go to test-artifacts/browser/.
Visible texts are checked by data (enterprise and people names) and by links, so the test holds
whether the interface speaks Chinese or English; only the language test reads English labels.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Locator, Page, ViewportSize, expect, sync_playwright

from conftest import PASSWORD
from fugong.people.data_checks import data_check_run
from fugong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "browser"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Playwright's sync API keeps an event loop in this thread for as long as it runs; Django
    # would refuse every ORM call made here meanwhile (building and flushing the world) as
    # "async unsafe". Nothing here is async: the server answers from its own thread.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(browser, live_server, world) -> str:
    """The live server over the world (transactional, so the server thread sees it)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return live_server.url


def new_page(browser: Browser, viewport: ViewportSize) -> Page:
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def shoot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page: Page, site: str, username: str) -> None:
    page.goto(site + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(site + reverse("home"))


def log_out(page: Page, site: str) -> None:
    page.locator(f"form[action='{reverse('logout')}'] button").click()
    page.wait_for_url(f"{site}{reverse('login')}*")


def nav_links(page: Page) -> set[str]:
    return set(page.locator("[data-testid=nav] a").evaluate_all("els => els.map(e => e.pathname)"))


def results_text(page: Page) -> str:
    return page.locator("#results").inner_text()


def open_searching(
    browser: Browser, site: str, viewport: ViewportSize, username: str, url: str, field: str
) -> tuple[Page, Locator]:
    """``url`` as ``username``, with the picker of ``field`` in search mode (the caller lowers
    PICKER_THRESHOLD): its search box shown, its select hidden. The page and the search box."""
    page = new_page(browser, viewport)
    log_in(page, site, username)
    page.goto(site + url)
    search = page.locator(f"#id_{field}_search")
    expect(search).to_be_visible()
    expect(page.locator(f"#id_{field}")).to_be_hidden()
    return page, search


def assert_fits_the_screen(page: Page) -> None:
    """Nothing pushes the page sideways on a phone; wide tables scroll inside their box."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{page.url} is {overflow}px wider than the screen"


def test_county_officer_and_group_admin_see_their_own_world(browser, site, world, chinese):
    page = new_page(browser, DESKTOP)
    enterprises = site + reverse("org:enterprise_list")
    page.goto(site + reverse("login"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    shoot(page, "login")

    # GIVEN the 宁武 county officer logs in through the real form
    log_in(page, site, "ningwu")
    shoot(page, "home-county")
    links = nav_links(page)
    assert reverse("org:enterprise_list") in links
    assert reverse("people:person_list") in links
    assert reverse("accounts:device_list") not in links

    # THEN the enterprise list is 宁武's, and an enterprise elsewhere does not exist for them
    page.goto(enterprises)
    shoot(page, "enterprises-county")
    listed = results_text(page)
    assert "宁武栖凤煤矿" in listed and "宁武独立煤矿" in listed
    assert "原平神达煤矿" not in listed and "大唐太原第二热电厂" not in listed
    response = page.goto(site + reverse("org:enterprise_detail", args=[world.plant.pk]))
    assert response is not None and response.status == 404

    # WHEN the group administrator logs in instead
    page.goto(site + reverse("home"))
    log_out(page, site)
    log_in(page, site, "group")
    shoot(page, "home-group")
    page.goto(enterprises)
    shoot(page, "enterprises-group")
    listed = results_text(page)
    for name in ("忻州神达能源集团", "宁武栖凤煤矿", "原平神达煤矿"):
        assert name in listed
    assert "宁武独立煤矿" not in listed and "大唐太原第二热电厂" not in listed

    # THEN the people list holds the group's people only
    page.goto(site + reverse("people:person_list"))
    shoot(page, "people-group")
    listed = results_text(page)
    for name in ("张三", "李四", "王五"):
        assert name in listed
    assert "赵六" not in listed and "钱七" not in listed

    # WHEN they type the last 4 digits of 王五's phone (what the masked list shows; a group
    # administrator may not search by whole numbers) into the search box, htmx swaps the
    # results without a page load. (Digits are real key presses; Playwright inserts Chinese
    # characters as text without the keyup events that the search box listens to.)
    page.evaluate("window.__sameDocument = true")
    with page.expect_response(
        lambda r: "q=" in r.url and r.request.headers.get("hx-request") == "true"
    ):
        page.locator("#id_q").press_sequentially(world.yuanping_miner.phone[-4:], delay=30)
    expect(page.locator("#results")).not_to_contain_text("张三")
    expect(page.locator("#results")).to_contain_text("王五")
    assert page.evaluate("window.__sameDocument === true"), "the search reloaded the page"
    assert "q=" in page.url  # hx-push-url keeps the search in the address bar
    shoot(page, "people-search")

    # WHEN they switch the language to English, the labels are English
    page.locator("[data-testid=language-switch] button[value=en]").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("[data-testid=nav]")).to_contain_text("Enterprises")
    expect(page.locator("h1")).to_contain_text("People")
    shoot(page, "people-english")
    page.goto(site + reverse("people:finding_list"))
    shoot(page, "findings-group")
    page.context.close()


@pytest.mark.parametrize("username", ["ningwu", "group"])
def test_the_main_pages_fit_a_phone(browser, site, world, username):
    PersonFactory(name="孙八", enterprise=world.qifeng, phone=world.miner.phone)
    data_check_run()  # something to show on the data checks page
    page = new_page(browser, PHONE)
    page.goto(site + reverse("login"))
    assert_fits_the_screen(page)
    shoot(page, "phone-login")
    log_in(page, site, username)
    pages = {
        "home": reverse("home"),
        "enterprises": reverse("org:enterprise_list"),
        "people": reverse("people:person_list"),
        "findings": reverse("people:finding_list"),
    }
    for name, path in pages.items():
        page.goto(site + path)
        assert_fits_the_screen(page)
        shoot(page, f"phone-{name}-{username}")
    # The collapsed menu opens with its toggler and offers the enterprise list.
    page.locator(".navbar-toggler").click()
    expect(page.locator("#mainnav")).to_have_class(re.compile(r"\bshow\b"))  # opened, not opening
    assert reverse("org:enterprise_list") in nav_links(page)
    shoot(page, f"phone-menu-{username}")
    page.context.close()


WIDE: ViewportSize = {"width": 1366, "height": 900}


def test_lists_are_cards_on_a_phone_and_tables_on_a_desktop(browser, site, world, chinese):
    """GIVEN the group administrator, WHEN the people and enterprise lists open at 390 px, THEN
    each row is a card with its name, status badge and enterprise, and nothing scrolls sideways;
    at 1366 px they are tables with sortable headers."""
    for viewport, label in ((PHONE, "390"), (WIDE, "1366")):
        page = new_page(browser, viewport)
        log_in(page, site, "group")
        for name, path in (
            ("people", reverse("people:person_list")),
            ("enterprises", reverse("org:enterprise_list")),
        ):
            page.goto(site + path)
            shoot(page, f"list-{name}-{label}")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{path} is {width}px wide at {label}px"
            first_card = page.locator("#results tbody tr").first
            expect(first_card.locator(".badge").first).to_be_visible()
            header_visible = page.locator("#results thead").is_visible()
            assert header_visible == (label == "1366")
        # The people list on a phone: the enterprise is a labelled line of the card.
        page.goto(site + reverse("people:person_list"))
        enterprise_cell = page.locator("#results tbody tr").first.locator("td").nth(2)
        expect(enterprise_cell).to_be_visible()
        assert enterprise_cell.get_attribute("data-label")
        page.context.close()


def test_sorting_a_column_swaps_the_results_and_keeps_the_filter(browser, site, world):
    page = new_page(browser, DESKTOP)
    log_in(page, site, "group")
    page.goto(site + reverse("people:person_list") + f"?enterprise={world.qifeng.pk}")
    page.evaluate("window.__sameDocument = true")
    page.locator("#results th a[data-sort=name]").click()
    expect(page.locator("#results th a[data-sort=name]")).to_contain_text("▲")
    assert "sort=name" in page.url and f"enterprise={world.qifeng.pk}" in page.url
    assert page.evaluate("window.__sameDocument === true"), "sorting reloaded the page"
    # A filter change keeps the sort (the hidden sort input belongs to the filter form).
    page.locator("#id_status").select_option("active")
    page.wait_for_url(re.compile(r"status=active"))
    assert "sort=name" in page.url
    expect(page.locator("#results th a[data-sort=name]")).to_contain_text("▲")
    page.context.close()


def test_every_list_fits_a_phone(browser, site, world):
    """Each list page, for a role that reads it, is no wider than a 390 px phone."""
    from fugong.accounts.services import device_token_create

    device_token_create(
        actor=world.users.group, enterprise=world.qifeng, name="门岗1号", places=[world.checkpoint]
    )
    lists = {
        "group": ["org:place_list", "org:team_list", "org:shift_list", "accounts:device_list"],
        "city": ["org:region_list", "audit:change_list", "audit:pii_access_list"],
    }
    for username, url_names in lists.items():
        page = new_page(browser, PHONE)
        log_in(page, site, username)
        for url_name in url_names:
            page.goto(site + reverse(url_name))
            width = page.evaluate("document.documentElement.scrollWidth")
            shoot(page, f"phone-{url_name.replace(':', '-')}")
            assert width <= PHONE["width"], f"{url_name} is {width}px wide"
        page.context.close()
