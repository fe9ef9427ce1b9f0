"""Full-width input (DESIGN §3.2): NFKC to ASCII before validating and storing, so one identity
is one person, and anything still not ASCII digits (or X) is refused naming the field."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from fugong.core.identifiers import make_id_number, make_uscc
from fugong.org.models import Enterprise
from fugong.people import roster
from fugong.people.models import Person

pytestmark = pytest.mark.django_db

FULL_WIDTH = str.maketrans("0123456789Xx+", "０１２３４５６７８９Ｘｘ＋")
NEW_ID = make_id_number("140925", dt.date(1990, 1, 1), 9)
# Its last 4 digits are no factory phone's (139 + an 8-digit sequence number): "0000" was the
# first one's, 张三's once the world is built before any other person.
PHONE = "13912348642"
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def wide(value: str) -> str:
    return value.translate(FULL_WIDTH)


def form_data(world, **overrides):
    data = {
        "name": "孙八",
        "id_number": wide(NEW_ID),
        "phone": wide(PHONE),
        "enterprise": world.qifeng.pk,
        "category": "employee",
        "status": "active",
    }
    data.update(overrides)
    return data


def manager_client(world) -> Client:
    client = Client()
    client.force_login(world.users.manager)
    return client


def test_the_form_stores_full_width_identifiers_as_ascii(world):
    response = manager_client(world).post(reverse("people:person_create"), form_data(world))
    assert response.status_code == 302
    person = Person.objects.get(name="孙八")
    assert (person.id_number, person.phone) == (NEW_ID, PHONE)
    assert person.id_tail == NEW_ID[-4:]


def test_the_form_refuses_a_full_width_copy_of_a_registered_id_number(world):
    data = form_data(world, id_number=wide(world.miner.id_number))
    response = manager_client(world).post(reverse("people:person_create"), data)
    assert response.status_code == 200
    assert "already exists" in str(response.context["form"].errors["id_number"])
    assert Person.objects.filter(id_number=world.miner.id_number).count() == 1


def test_the_form_refuses_digits_of_another_script_naming_the_field(world):
    data = form_data(world, id_number=NEW_ID.translate(ARABIC_INDIC))
    response = manager_client(world).post(reverse("people:person_create"), data)
    errors = response.context["form"].errors
    assert "Resident ID number must be 17 digits" in str(errors["id_number"])
    assert not Person.objects.filter(name="孙八").exists()


def test_the_api_stores_full_width_identifiers_as_ascii(world):
    body = {"name": "孙八", "id_number": wide(NEW_ID), "phone": wide("+86" + PHONE)}
    body["enterprise"] = world.qifeng.pk
    response = manager_client(world).post("/api/people", body, content_type="application/json")
    assert response.status_code == 201, response.content
    person = Person.objects.get(pk=response.json()["id"])
    assert (person.id_number, person.phone) == (NEW_ID, PHONE)


def test_the_api_refuses_a_full_width_duplicate_and_a_foreign_script_phone(world):
    client = manager_client(world)
    body = {"name": "孙八", "id_number": wide(world.miner.id_number), "enterprise": world.qifeng.pk}
    duplicate = client.post("/api/people", body, content_type="application/json")
    assert duplicate.status_code == 422
    assert duplicate.json()["detail"][0]["field"] == "body.id_number"
    body = {"name": "孙八", "id_number": NEW_ID, "phone": PHONE.translate(ARABIC_INDIC)}
    body["enterprise"] = world.qifeng.pk
    foreign = client.post("/api/people", body, content_type="application/json")
    assert foreign.status_code == 422
    assert foreign.json()["detail"][0]["field"] == "body.phone"
    assert not Person.objects.filter(name="孙八").exists()


def test_a_full_width_phone_is_found_by_its_ascii_tail(world):
    client = manager_client(world)
    data = form_data(world)
    client.post(reverse("people:person_create"), data)
    found = client.get("/api/people", {"q": PHONE[-4:]}).json()["items"]
    assert [row["name"] for row in found] == ["孙八"]


def test_the_roster_import_stores_full_width_identifiers_as_ascii(world):
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.append([column.header for column in roster.COLUMNS])
    sheet.append(["孙八", wide(NEW_ID), wide(PHONE)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = roster.roster_import(
        actor=world.users.manager,
        enterprise=world.qifeng,
        file=SimpleUploadedFile("roster.xlsx", buffer.getvalue()),
    )
    assert result.ok, result.errors
    person = Person.objects.get(name="孙八")
    assert (person.id_number, person.phone) == (NEW_ID, PHONE)


def test_the_model_normalises_whatever_page_set_the_fields(world):
    """The admin's form calls full_clean() without the service: still stored as ASCII."""
    person = world.colleague
    person.id_number, person.phone = wide(NEW_ID.lower()), wide(PHONE)
    person.full_clean()
    assert (person.id_number, person.phone) == (NEW_ID, PHONE)


def test_an_enterprise_credit_code_in_full_width_is_stored_as_ascii(world):
    code = make_uscc("140925", 88_001)
    client = Client()
    client.force_login(world.users.group)
    data = {
        "credit_code": wide(code),
        "name": "宁武新建煤矿",
        "kind": "coal_mine",
        "industry": "coal_mining",
        "region": world.regions.ningwu.pk,
        "parent": world.group.pk,
        "normal_headcount": "120",
        "normal_daily_output": "1500",
        "output_unit": "t_raw_coal",
        "rated_capacity": "",
        "status": "active",
        "address": "",
    }
    response = client.post(reverse("org:enterprise_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    assert Enterprise.objects.get(name="宁武新建煤矿").credit_code == code
