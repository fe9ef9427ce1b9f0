"""Directory export: the list page's filters and scope; masked unless PII is needed and asked."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fugong.audit.models import PiiAccess, PiiAction
from fugong.people import roster
from fugong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

EXPORT = reverse("people:person_export")
# A checkpoint identifies people at its gate; it does not take the roster away.
READERS = ["city", "county", "group", "manager", "health", "safety"]


def export(client, user, **params):
    client.force_login(user)
    response = client.get(EXPORT, params)
    assert response.status_code == 200
    assert response["Content-Type"] == roster.XLSX_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    return header, {row[0]: row for row in body}


def test_the_export_has_the_roster_columns_and_the_enterprise(client, world):
    header, rows = export(client, world.users.manager)
    assert list(header) == [c.header for c in roster.COLUMNS] + ["企业 Enterprise"]
    miner = rows["张三"]
    assert miner[4:6] == ("综采一队", "1号楼101") and miner[8] == "宁武栖凤煤矿"


@pytest.mark.parametrize("role", READERS)
def test_it_masks_identifiers_by_default_for_every_role(client, world, role):
    _, rows = export(client, getattr(world.users, role))
    miner = rows["张三"]
    assert miner[1] == world.miner.id_number_masked and "*" in miner[1]
    assert miner[2] == world.miner.phone_masked
    assert not PiiAccess.objects.exists()


@pytest.mark.parametrize("role", ["manager", "health"])
def test_it_unmasks_for_pii_roles_that_ask_and_logs_one_access(client, world, role):
    user = getattr(world.users, role)
    _, rows = export(client, user, unmasked="1", q="张")
    assert rows["张三"][1:3] == (world.miner.id_number, world.miner.phone)
    (access,) = PiiAccess.objects.all()
    assert (access.user, access.action, access.record_count) == (user, PiiAction.EXPORT, 1)
    assert access.detail == "q=%E5%BC%A0" and access.person is None


@pytest.mark.parametrize("role", ["manager", "health"])
def test_pii_roles_get_masked_identifiers_unless_they_ask(client, world, role):
    for params in ({}, {"unmasked": "0"}, {"unmasked": "yes"}):
        _, rows = export(client, getattr(world.users, role), **params)
        assert rows["张三"][1] == world.miner.id_number_masked
    assert not PiiAccess.objects.exists()


@pytest.mark.parametrize("role", ["city", "county", "group", "safety"])
def test_other_roles_get_masked_identifiers_even_when_they_ask(client, world, role):
    _, rows = export(client, getattr(world.users, role), unmasked="1")
    assert rows["张三"][1] == world.miner.id_number_masked
    assert not PiiAccess.objects.exists()


def test_it_exports_only_what_the_filter_selects(client, world):
    _, rows = export(client, world.users.group, enterprise=world.yuanping_mine.pk)
    assert set(rows) == {"王五"}
    _, rows = export(client, world.users.group, q="李")
    assert set(rows) == {"李四"}


@pytest.mark.parametrize(
    ("role", "seen"),
    [
        ("city", {"张三", "李四", "王五", "赵六"}),
        ("county", {"张三", "李四", "赵六"}),
        ("group", {"张三", "李四", "王五"}),
        ("manager", {"张三", "李四"}),
    ],
)
def test_no_person_out_of_scope_ever_appears(client, world, role, seen):
    user = getattr(world.users, role)
    assert set(export(client, user)[1]) == seen
    # Naming an enterprise out of scope in the filter yields nothing, not its people.
    assert set(export(client, user, enterprise=world.plant.pk)[1]) == set()


@pytest.mark.parametrize("role", ["department", "liaison", "worker", "checkpoint"])
def test_roles_without_the_directory_get_403(client, world, role):
    client.force_login(getattr(world.users, role))
    assert client.get(EXPORT).status_code == 403


def test_a_name_that_looks_like_a_formula_is_exported_as_text(client, world):
    PersonFactory(name="=HYPERLINK(1)", enterprise=world.qifeng)
    _, rows = export(client, world.users.manager)
    assert "=HYPERLINK(1)" in rows


def test_the_query_count_does_not_grow_with_the_people(
    client, world, django_assert_max_num_queries
):
    PersonFactory.create_batch(60, enterprise=world.qifeng, team=world.team, dormitory=world.dorm)
    client.force_login(world.users.health)
    with django_assert_max_num_queries(8):
        response = client.get(EXPORT, {"unmasked": "1"})
        content = b"".join(response.streaming_content)
    assert len(load_workbook(io.BytesIO(content)).worksheets[0]["A"]) == 1 + 62
    assert PiiAccess.objects.get().record_count == 62


def test_an_unmasked_export_reads_back_through_the_import_columns(world):
    """GIVEN an unmasked export, WHEN it is imported again, THEN every column is understood
    (team, room, category and status labels) and only the ID numbers are refused as taken."""
    export_file = roster.roster_export(actor=world.users.manager, unmasked=True)
    result = roster.roster_import(
        actor=world.users.manager, enterprise=world.qifeng, file=export_file.file
    )
    assert {(e.row, e.label) for e in result.errors} == {
        (2, "Resident ID number"),
        (3, "Resident ID number"),
    }
