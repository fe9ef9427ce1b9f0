"""End to end in headless Chromium at 390×844: the health officer records a meeting and picks its
participants by searching their names (a select of several, in search mode), removes one again,
and saves exactly the others."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from fugong.core import pickers
from fugong.core.tests.test_browser import (  # noqa: F401 - the module's browser fixture
    PHONE,
    assert_fits_the_screen,
    browser,
    open_searching,
    shoot,
    site,
)
from fugong.epidemic.models import Gathering
from fugong.org.forms import person_label

pytestmark = pytest.mark.browser


def test_the_health_officer_picks_meeting_participants_by_name_on_a_phone(
    browser,  # noqa: F811
    site,  # noqa: F811
    world,
    chinese,
    monkeypatch,
):
    # GIVEN more people than a select should list (the threshold lowered to 1)
    monkeypatch.setattr(pickers, "PICKER_THRESHOLD", 1)
    page, search = open_searching(
        browser, site, PHONE, "health", reverse("epidemic:gathering_create"), "participants"
    )
    chosen = page.locator("#id_participants_chosen li")
    expect(chosen).to_have_count(0)

    # WHEN the officer searches two names and picks each THEN both are listed under the box
    for person in (world.miner, world.colleague):
        label = person_label(person)
        search.fill(person.name[0])
        expect(page.locator(f'#id_participants_results option[value="{label}"]')).to_be_attached()
        search.fill(label)
        expect(search).to_have_value("")  # picked: the box is free for the next name
    expect(chosen).to_have_count(2)
    assert world.miner.id_number not in page.content()

    # WHEN one is removed again THEN only the other stays chosen
    page.get_by_role("button", name=f"删除 {person_label(world.miner)}").click()
    expect(chosen).to_have_count(1)
    expect(chosen).to_contain_text(world.colleague.name)

    # AND the meeting is saved with exactly that participant
    page.select_option("#id_kind", "meeting")
    page.fill("#id_title", "复工座谈会")
    place = page.locator("#id_place_search")
    place.fill(world.checkpoint.name[:2])
    expect(page.locator("#id_place_results option").first).to_be_attached()
    place.fill(page.locator("#id_place_results option").first.get_attribute("value") or "")
    expect(page.locator("#id_place")).not_to_have_value("")
    page.fill("#id_starts_at", "2026-03-02T09:00")
    page.fill("#id_ends_at", "2026-03-02T10:30")
    assert_fits_the_screen(page)
    shoot(page, "phone-gathering-participants-picker")
    page.locator("[data-testid=save]").click()
    page.wait_for_url(site + reverse("epidemic:gathering_list"))
    gathering = Gathering.objects.get(title="复工座谈会")
    assert list(gathering.participants.all()) == [world.colleague]
    page.context.close()
