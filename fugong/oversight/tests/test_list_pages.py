"""The oversight list pages (one template): each shows its heading, and its "new" button
(linking to its create page) exactly to the roles that may create there."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LISTS = [
    # (name, heading, a role that may create, a role that only reads)
    ("pairing", "Pairings", "city", "county"),
    ("project", "Key projects", "city", "county"),
    ("visit", "Visits", "liaison", "county"),
    ("ticket", "Problem tickets", "manager", "county"),
    ("measure", "One enterprise, one policy", "county", "group"),
]


@pytest.mark.parametrize(("name", "heading", "writer", "reader"), LISTS)
def test_a_list_page_offers_its_new_button_only_to_those_who_may_create(
    client, world, name, heading, writer, reader
):
    create = f'href="{reverse(f"oversight:{name}_create")}" data-testid="create"'
    client.force_login(getattr(world.users, writer))
    page = client.get(reverse(f"oversight:{name}_list")).content.decode()
    assert f"<title>{heading} · " in page
    assert f'<h1 class="h4 me-auto mb-0">{heading}</h1>' in page
    assert create in page

    client.force_login(getattr(world.users, reader))
    response = client.get(reverse(f"oversight:{name}_list"))
    assert response.status_code == 200
    assert f'<h1 class="h4 me-auto mb-0">{heading}</h1>' in response.content.decode()
    assert 'data-testid="create"' not in response.content.decode()
