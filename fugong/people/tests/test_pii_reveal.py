"""Showing a person's full ID number and phone: allowed roles only, each view logged once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fugong.audit.models import PiiAccess, PiiAction

pytestmark = pytest.mark.django_db


def reveal(client, user, person, **headers):
    client.force_login(user)
    return client.post(reverse("people:person_reveal", args=[person.pk]), **headers)


def test_it_shows_the_health_officer_the_full_number_and_logs_exactly_one_view(client, world):
    response = reveal(client, world.users.health, world.colleague, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert world.colleague.id_number in html
    assert world.colleague.phone in html
    assert "<html" not in html  # only the identifiers block, for htmx to swap
    access = PiiAccess.objects.get()
    assert (access.user, access.person, access.action) == (
        world.users.health,
        world.colleague,
        PiiAction.VIEW,
    )
    assert access.record_count == 1
    assert access.ip_address == "127.0.0.1"


def test_it_logs_one_row_for_each_reveal(client, world):
    reveal(client, world.users.manager, world.miner)
    reveal(client, world.users.manager, world.miner)
    assert PiiAccess.objects.filter(person=world.miner, user=world.users.manager).count() == 2


def test_it_answers_a_form_post_without_javascript_with_the_whole_page(client, world):
    response = reveal(client, world.users.manager, world.colleague)
    html = response.content.decode()
    assert "<html" in html
    assert world.colleague.id_number in html
    assert response["Cache-Control"].find("no-store") >= 0


@pytest.mark.parametrize("persona", ["county", "safety", "city", "group", "checkpoint"])
def test_it_refuses_roles_that_may_not_see_pii_and_logs_nothing(client, world, persona):
    response = reveal(client, getattr(world.users, persona), world.colleague)
    assert response.status_code == 403
    assert world.colleague.id_number not in response.content.decode()
    assert not PiiAccess.objects.exists()


@pytest.mark.parametrize("persona", ["worker", "liaison", "department"])
def test_it_refuses_roles_without_people_work(client, world, persona):
    assert reveal(client, getattr(world.users, persona), world.miner).status_code == 403
    assert not PiiAccess.objects.exists()


@pytest.mark.parametrize("outsider", ["yuanping_miner", "independent_miner", "plant_worker"])
def test_it_answers_404_for_a_person_outside_the_scope(client, world, outsider):
    response = reveal(client, world.users.health, getattr(world, outsider))
    assert response.status_code == 404
    assert not PiiAccess.objects.exists()


def test_it_accepts_post_only(client, world):
    client.force_login(world.users.health)
    response = client.get(reverse("people:person_reveal", args=[world.colleague.pk]))
    assert response.status_code == 405
    assert not PiiAccess.objects.exists()
