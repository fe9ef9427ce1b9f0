"""The navigation groups each domain's pages into one drop-down (a city official has ~40)."""

from __future__ import annotations

from django.urls import reverse

from fugong.core.navigation import nav_for, sections_of


def test_a_section_with_several_pages_is_one_drop_down_and_a_lone_page_a_link(client, world):
    client.force_login(world.users.city)
    page = client.get(reverse("home")).content.decode()
    sections = sections_of(nav_for(world.users.city))
    assert len(sections) >= 4
    assert page.count('data-testid="nav-section"') == sum(len(s.items) > 1 for s in sections)
    for section in sections:
        assert str(section.label) in page
        for item in section.items:
            assert f'href="{reverse(item.url_name)}"' in page


def test_sections_keep_the_order_of_the_navigation_and_hold_no_page_twice(world):
    items = nav_for(world.users.city)
    sections = sections_of(items)
    flattened = [item for section in sections for item in section.items]
    assert sorted(i.url_name for i in flattened) == sorted(i.url_name for i in items if i.section)
    assert len({i.url_name for i in flattened}) == len(flattened)
