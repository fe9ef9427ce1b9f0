"""The change history page: who changed which record of the city, and when."""

from __future__ import annotations

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.urls import reverse

from fugong.people.services import person_update

pytestmark = pytest.mark.django_db
URL = reverse("audit:change_list")


def test_it_shows_city_command_the_changes_in_its_city_only(client, world):
    client.force_login(world.users.city)
    html = client.get(URL).content.decode()
    assert "张三" in html and world.qifeng.name in html
    assert "钱七" not in html and world.plant.name not in html


def test_it_names_the_changed_fields_without_their_values(client, world):
    person_update(actor=world.users.manager, person=world.colleague, phone="13812345678")
    client.force_login(world.users.city)
    response = client.get(f"{URL}?model=person")
    html = response.content.decode()
    updates = [e for e in response.context["page"] if e.action == LogEntry.Action.UPDATE]
    assert [(e.object_id, e.changed_fields) for e in updates] == [(world.colleague.pk, ["phone"])]
    assert "13812345678" not in html
    assert world.colleague.id_number not in html
    assert world.qifeng.name not in html  # only people, by the filter


@pytest.mark.parametrize("persona", ["county", "manager", "health", "worker"])
def test_it_forbids_the_page_to_other_roles(client, world, persona):
    client.force_login(getattr(world.users, persona))
    assert client.get(URL).status_code == 403


def test_it_lists_a_page_within_a_fixed_query_budget(
    client, world, settings, django_assert_max_num_queries
):
    with set_actor(world.users.manager):  # as the middleware does for a request
        for n in range(30):
            person_update(actor=world.users.manager, person=world.colleague, name=f"李四{n}")
    client.force_login(world.users.city)
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    assert response.status_code == 200
    # The budget holds for a full page of the updates, not for a page without them.
    updates = [e for e in response.context["page"] if e.action == LogEntry.Action.UPDATE]
    assert len(updates) == settings.PAGE_SIZE
    assert {(e.object_id, e.actor_id) for e in updates} == {
        (world.colleague.pk, world.users.manager.pk)
    }
