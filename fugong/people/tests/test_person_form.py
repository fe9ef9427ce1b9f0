"""Registering and editing a person through the form: errors name the field, nothing is saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fugong.core.identifiers import make_id_number
from fugong.org.models import PlaceKind
from fugong.org.tests.factories import PlaceFactory
from fugong.people.models import Person

pytestmark = pytest.mark.django_db
CREATE = reverse("people:person_create")
GOOD_ID = make_id_number("140925", dt.date(1985, 6, 1), 123)


def wrong_check_digit(code: str) -> str:
    return code[:17] + ("0" if code[17] != "0" else "1")


def form_data(world, **overrides):
    data = {
        "name": "孙八",
        "id_number": GOOD_ID,
        "phone": "13912345678",
        "enterprise": world.qifeng.pk,
        "team": world.team.pk,
        "category": "contractor",
        "status": "active",
        "home_region": world.regions.yuanping.pk,
        "dormitory": world.dorm.pk,
    }
    data.update(overrides)
    return data


def post(client, user, data, url=CREATE):
    client.force_login(user)
    return client.post(url, data)


def test_it_registers_a_person_and_opens_the_record(client, world):
    response = post(client, world.users.health, form_data(world))
    person = Person.objects.get(id_number=GOOD_ID)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person_detail", args=[person.pk])
    assert (person.name, person.team, person.dormitory) == ("孙八", world.team, world.dorm)


def test_it_stores_a_lower_case_x_and_a_spaced_phone_normalised(client, world):
    code = next(
        c
        for n in range(1000)
        if (c := make_id_number("140925", dt.date(1990, 1, 1), n)).endswith("X")
    )
    post(
        client, world.users.manager, form_data(world, id_number=code.lower(), phone="139 1234 5678")
    )
    person = Person.objects.get(name="孙八")
    assert (person.id_number, person.phone) == (code, "13912345678")


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("id_number", wrong_check_digit(GOOD_ID), "Resident ID number"),
        ("id_number", GOOD_ID[:17], "Resident ID number"),
        ("id_number", GOOD_ID + "1", "Resident ID number"),
        ("phone", "1391234567", "Phone"),
        ("phone", "139123456789", "Phone"),
        ("phone", "12912345678", "Phone"),
        ("name", "", "Name"),
    ],
)
def test_it_rejects_bad_input_naming_the_field_and_saves_nothing(
    client, world, field, value, label
):
    before = Person.objects.count()
    response = post(client, world.users.manager, form_data(world, **{field: value}))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="form-errors"' in html
    assert f"<strong>{label}</strong>" in html
    assert Person.objects.count() == before


def test_it_accepts_a_phone_of_exactly_eleven_digits(client, world):
    post(client, world.users.manager, form_data(world, phone="19912345678"))
    assert Person.objects.filter(phone="19912345678").exists()


def test_it_refuses_a_duplicate_id_number_without_saying_where_it_is(client, world):
    before = Person.objects.count()
    response = post(
        client, world.users.manager, form_data(world, id_number=world.plant_worker.id_number)
    )
    html = response.content.decode()
    assert "A person with this resident ID number already exists." in html
    assert world.plant.name not in html
    assert "钱七" not in html
    assert Person.objects.count() == before


def test_it_refuses_a_duplicate_typed_with_a_lower_case_x(client, world):
    code = next(
        c
        for n in range(1000)
        if (c := make_id_number("140925", dt.date(1991, 1, 1), n)).endswith("X")
    )
    post(client, world.users.manager, form_data(world, id_number=code))
    response = post(
        client, world.users.manager, form_data(world, name="周九", id_number=code.lower())
    )
    assert "A person with this resident ID number already exists." in response.content.decode()
    assert not Person.objects.filter(name="周九").exists()


@pytest.mark.parametrize(
    ("field", "attr"),
    [("enterprise", "plant"), ("team", "other_team"), ("dormitory", "other_dorm")],
)
def test_it_refuses_a_choice_outside_the_scope(client, world, field, attr):
    world.other_dorm = PlaceFactory(
        enterprise=world.yuanping_mine, name="2号楼", kind=PlaceKind.DORMITORY_ROOM
    )
    before = Person.objects.count()
    response = post(
        client, world.users.manager, form_data(world, **{field: getattr(world, attr).pk})
    )
    assert 'data-testid="form-errors"' in response.content.decode()
    assert Person.objects.count() == before


def test_it_refuses_a_team_of_another_enterprise_in_the_same_scope(client, world):
    data = form_data(world, enterprise=world.yuanping_mine.pk, dormitory="")
    response = post(client, world.users.group, data)
    html = response.content.decode()
    assert "The team belongs to another enterprise." in html
    assert not Person.objects.filter(name="孙八").exists()


@pytest.mark.parametrize("persona", ["city", "county", "safety", "checkpoint", "worker", "liaison"])
def test_it_forbids_registration_to_non_editors(client, world, persona):
    client.force_login(getattr(world.users, persona))
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, form_data(world)).status_code == 403
    assert not Person.objects.filter(name="孙八").exists()


def test_it_offers_only_the_scope_s_enterprises_teams_and_rooms(client, world):
    client.force_login(world.users.manager)
    html = client.get(CREATE).content.decode()
    assert world.qifeng.name in html and world.team.name in html and world.dorm.name in html
    assert world.plant.name not in html
    assert world.other_team.name not in html


def test_it_edits_a_person_and_keeps_the_id_number_when_left_empty(client, world):
    url = reverse("people:person_edit", args=[world.colleague.pk])
    response = post(
        client, world.users.manager, form_data(world, name="李四", id_number="", phone=""), url
    )
    world.colleague.refresh_from_db()
    assert response.status_code == 302
    assert world.colleague.dormitory == world.dorm
    assert world.colleague.id_number.startswith("140925")
    assert world.colleague.phone.startswith("139")


def test_it_never_shows_the_full_identifiers_on_the_edit_form(client, world):
    client.force_login(world.users.group)
    html = client.get(reverse("people:person_edit", args=[world.colleague.pk])).content.decode()
    assert world.colleague.id_number not in html
    assert world.colleague.phone not in html
    assert world.colleague.id_number_masked in html


def test_it_edits_the_id_number_with_the_same_checks(client, world):
    url = reverse("people:person_edit", args=[world.colleague.pk])
    response = post(
        client, world.users.manager, form_data(world, id_number=world.miner.id_number), url
    )
    assert "A person with this resident ID number already exists." in response.content.decode()
    world.colleague.refresh_from_db()
    assert world.colleague.id_number != world.miner.id_number


@pytest.mark.parametrize(
    ("persona", "outsider"), [("manager", "yuanping_miner"), ("group", "plant_worker")]
)
def test_it_answers_404_when_editing_a_person_outside_the_scope(client, world, persona, outsider):
    client.force_login(getattr(world.users, persona))
    url = reverse("people:person_edit", args=[getattr(world, outsider).pk])
    assert client.get(url).status_code == 404
    assert client.post(url, form_data(world)).status_code == 404
