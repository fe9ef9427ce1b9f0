"""One view, two answers: when htmx gets the partial, and caches told the answers differ."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.cache import has_vary_header

pytestmark = pytest.mark.django_db

# Every list page answers through core.views.render_page; one from each app that has one.
LISTS = [
    ("org:enterprise_list", "city"),
    ("people:person_list", "city"),
    ("audit:change_list", "city"),
    ("accounts:device_list", "manager"),
    ("people:finding_list", "manager"),
]


@pytest.mark.parametrize(("url_name", "persona"), LISTS)
def test_the_full_page_and_the_partial_both_say_they_vary_by_hx_request(
    client, world, url_name, persona
):
    client.force_login(getattr(world.users, persona))
    full = client.get(reverse(url_name))
    partial = client.get(reverse(url_name), HTTP_HX_REQUEST="true")
    assert full.status_code == partial.status_code == 200
    assert "<html" in full.content.decode()
    assert "<html" not in partial.content.decode()
    assert has_vary_header(full, "HX-Request")
    assert has_vary_header(partial, "HX-Request")


def test_a_history_restore_gets_the_full_page_not_the_partial(client, world):
    """GIVEN htmx pushed /org/enterprises/?q=栖凤 WHEN the user comes Back and htmx has no
    snapshot THEN it asks again with HX-History-Restore-Request and needs the whole page."""
    client.force_login(world.users.city)
    response = client.get(
        reverse("org:enterprise_list"),
        {"q": "栖凤"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    body = response.content.decode()
    assert "<html" in body
    assert 'data-testid="nav"' in body
    assert "宁武栖凤煤矿" in body
    assert has_vary_header(response, "HX-Request")


def test_a_boosted_link_gets_the_full_page(client, world):
    client.force_login(world.users.city)
    response = client.get(
        reverse("org:enterprise_list"), HTTP_HX_REQUEST="true", HTTP_HX_BOOSTED="true"
    )
    assert "<html" in response.content.decode()
