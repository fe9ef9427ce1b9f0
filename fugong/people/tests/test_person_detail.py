"""A person's record: scope, masking by default, the reveal button and the change history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fugong.audit.models import PiiAccess
from fugong.people.models import PersonStatus
from fugong.people.services import person_update

pytestmark = pytest.mark.django_db
READERS = ["city", "county", "group", "manager", "health", "safety", "checkpoint"]


def detail(client, user, person):
    client.force_login(user)
    return client.get(reverse("people:person_detail", args=[person.pk]))


@pytest.mark.parametrize("persona", READERS)
def test_it_shows_a_person_in_scope_masked_by_default(client, world, persona):
    response = detail(client, getattr(world.users, persona), world.colleague)
    html = response.content.decode()
    assert response.status_code == 200
    assert world.colleague.id_number_masked in html
    assert world.colleague.id_number not in html
    assert world.colleague.phone not in html
    assert not PiiAccess.objects.exists()


@pytest.mark.parametrize(
    ("persona", "outsider"),
    [
        ("city", "plant_worker"),
        ("county", "yuanping_miner"),
        ("group", "independent_miner"),
        ("manager", "yuanping_miner"),
        ("health", "plant_worker"),
        ("safety", "independent_miner"),
        ("checkpoint", "yuanping_miner"),
    ],
)
def test_it_answers_404_for_a_person_outside_the_scope(client, world, persona, outsider):
    response = detail(client, getattr(world.users, persona), getattr(world, outsider))
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["liaison", "department"])
def test_it_forbids_the_record_page_to_roles_without_people_work(client, world, persona):
    assert detail(client, getattr(world.users, persona), world.miner).status_code == 403


def test_a_worker_opens_their_own_record_and_no_one_elses(client, world):
    assert detail(client, world.users.worker, world.miner).status_code == 200
    assert detail(client, world.users.worker, world.colleague).status_code == 404


@pytest.mark.parametrize("persona", ["manager", "health"])
def test_it_offers_the_reveal_button_to_roles_whose_work_needs_it(client, world, persona):
    html = detail(client, getattr(world.users, persona), world.colleague).content.decode()
    assert 'data-testid="pii-reveal"' in html
    assert f'hx-post="{reverse("people:person_reveal", args=[world.colleague.pk])}"' in html


@pytest.mark.parametrize("persona", ["city", "county", "group", "safety", "checkpoint"])
def test_it_offers_no_reveal_button_to_other_roles(client, world, persona):
    html = detail(client, getattr(world.users, persona), world.colleague).content.decode()
    assert 'data-testid="pii-reveal"' not in html


@pytest.mark.parametrize("persona", ["manager", "health"])
def test_it_offers_edit_to_editors(client, world, persona):
    html = detail(client, getattr(world.users, persona), world.colleague).content.decode()
    assert reverse("people:person_edit", args=[world.colleague.pk]) in html


def test_it_shows_who_changed_what_in_the_history(client, world):
    client.force_login(world.users.manager)
    client.post(
        reverse("people:person_edit", args=[world.colleague.pk]),
        {
            "name": "李四",
            "id_number": "",
            "phone": "13812345678",
            "enterprise": world.qifeng.pk,
            "team": world.team.pk,
            "category": "employee",
            "status": PersonStatus.LEFT,
        },
    )
    html = detail(client, world.users.county, world.colleague).content.decode()
    assert 'data-testid="history"' in html
    assert "manager" in html
    assert "Left" in html


@pytest.mark.parametrize("persona", ["county", "safety", "health"])
def test_it_masks_id_numbers_and_phones_in_the_history(client, world, persona):
    person_update(actor=world.users.manager, person=world.colleague, phone="13812345678")
    old_phone = "13812345678"
    html = detail(client, getattr(world.users, persona), world.colleague).content.decode()
    assert old_phone not in html
    assert "138****5678" in html
    assert world.colleague.id_number not in html
