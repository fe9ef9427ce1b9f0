"""person_register and person_update: the rules every entry path (form, import, API) shares."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fugong.core.identifiers import make_id_number
from fugong.org.models import PlaceKind
from fugong.org.tests.factories import PlaceFactory
from fugong.people.models import Person
from fugong.people.services import person_register, person_update

pytestmark = pytest.mark.django_db
GOOD_ID = make_id_number("140925", dt.date(1988, 2, 29), 7)


def register(world, actor=None, **overrides):
    kwargs = {
        "name": "吴十",
        "id_number": GOOD_ID,
        "phone": "13700000000",
        "enterprise": world.qifeng,
    }
    kwargs.update(overrides)
    return person_register(actor=actor or world.users.manager, **kwargs)


def test_it_registers_a_person_with_normalised_identifiers(world):
    person = register(world, id_number=f" {GOOD_ID.lower()} ", phone="+86 137-0000-0000")
    assert (person.id_number, person.phone) == (GOOD_ID, "13700000000")


@pytest.mark.parametrize("persona", ["city", "county", "safety", "checkpoint", "worker"])
def test_it_refuses_non_editors(world, persona):
    with pytest.raises(PermissionDenied):
        register(world, actor=getattr(world.users, persona))
    assert not Person.objects.filter(name="吴十").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("enterprise", "plant"), ("team", "other_team"), ("dormitory", "other_dorm")],
)
def test_it_refuses_an_enterprise_team_or_room_outside_the_scope(world, field, value):
    world.other_dorm = PlaceFactory(
        enterprise=world.yuanping_mine, name="2号楼", kind=PlaceKind.DORMITORY_ROOM
    )
    with pytest.raises(PermissionDenied):
        register(world, **{field: getattr(world, value)})
    assert not Person.objects.filter(name="吴十").exists()


def test_it_refuses_a_place_that_is_not_a_dormitory_room(world):
    with pytest.raises(ValidationError) as error:
        register(world, dormitory=world.zone)
    assert error.value.message_dict == {"dormitory": ["Choose a dormitory room."]}


@pytest.mark.parametrize("length", [17, 19])
def test_it_refuses_an_id_number_one_character_short_or_long(world, length):
    code = (GOOD_ID + "0")[:length]
    with pytest.raises(ValidationError) as error:
        register(world, id_number=code)
    assert "id_number" in error.value.message_dict


@pytest.mark.parametrize(
    ("phone", "ok"), [("1370000000", False), ("13700000000", True), ("137000000000", False)]
)
def test_it_checks_the_phone_at_ten_eleven_and_twelve_digits(world, phone, ok):
    if ok:
        assert register(world, phone=phone).phone == phone
    else:
        with pytest.raises(ValidationError) as error:
            register(world, phone=phone)
        assert "phone" in error.value.message_dict


def test_it_refuses_a_duplicate_id_number_held_by_another_enterprise(world):
    with pytest.raises(ValidationError) as error:
        register(world, id_number=world.plant_worker.id_number)
    assert error.value.message_dict == {
        "id_number": ["A person with this resident ID number already exists."]
    }


def test_it_updates_fields_of_a_person_in_scope(world):
    person = person_update(actor=world.users.health, person=world.colleague, phone="13600000000")
    person.refresh_from_db()
    assert person.phone == "13600000000"


def test_it_refuses_to_update_a_person_outside_the_scope(world):
    with pytest.raises(PermissionDenied):
        person_update(actor=world.users.manager, person=world.yuanping_miner, name="王五五")


def test_it_refuses_to_move_a_person_to_an_enterprise_outside_the_scope(world):
    with pytest.raises(PermissionDenied):
        person_update(actor=world.users.manager, person=world.colleague, enterprise=world.plant)
    world.colleague.refresh_from_db()
    assert world.colleague.enterprise == world.qifeng


def test_it_rejects_an_unknown_field(world):
    with pytest.raises(TypeError):
        person_update(actor=world.users.manager, person=world.colleague, created_at=None)
