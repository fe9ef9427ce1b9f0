"""Directory export: the list page's filters and scope; masked unless a PII role POSTs for it."""

from __future__ import annotations

import io
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from fugong.audit.models import PiiAccess, PiiAction
from fugong.people import roster
from fugong.people.roster_columns import MASKED_NOTICE
from fugong.people.roster_export import roster_export
from fugong.people.tests.factories import PersonFactory
from fugong.people.tests.test_roster_import import xlsx

pytestmark = pytest.mark.django_db

EXPORT = reverse("people:person_export")
EXPORTERS = ["city", "county", "group", "manager", "health", "safety"]


def export(client, user, *, full=False, **params):
    """Export as ``user``: a GET (masked), or a POST (unmasked) with the filters in the URL."""
    client.force_login(user)
    response = client.post(f"{EXPORT}?{urlencode(params)}") if full else client.get(EXPORT, params)
    assert response.status_code == 200
    assert response["Content-Type"] == roster.XLSX_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    if not full:
        assert rows[0][0] == str(MASKED_NOTICE)
        rows = rows[1:]
    header, body = rows[0], rows[1:]
    return header, {row[0]: row for row in body}


def test_the_export_has_the_roster_columns_and_the_enterprise(client, world):
    header, rows = export(client, world.users.manager)
    assert list(header) == [c.header for c in roster.COLUMNS] + ["企业"]
    miner = rows["张三"]
    assert miner[3:6] == ("职工", "综采一队", "1号楼101") and miner[7:9] == ("在职", "宁武栖凤煤矿")


@pytest.mark.parametrize("role", EXPORTERS)
def test_it_masks_identifiers_by_default_for_every_role(client, world, role):
    _, rows = export(client, getattr(world.users, role))
    miner = rows["张三"]
    assert miner[1] == world.miner.id_number_masked and "*" in miner[1]
    assert miner[2] == world.miner.phone_masked
    assert not PiiAccess.objects.exists()


@pytest.mark.parametrize("role", ["manager", "health"])
def test_it_unmasks_for_pii_roles_that_post_and_logs_one_access(client, world, role):
    user = getattr(world.users, role)
    _, rows = export(client, user, full=True, q="张")
    assert rows["张三"][1:3] == (world.miner.id_number, world.miner.phone)
    (access,) = PiiAccess.objects.all()
    assert (access.user, access.action, access.record_count) == (user, PiiAction.EXPORT, 1)
    assert access.detail == "q=%E5%BC%A0" and access.person is None


@pytest.mark.parametrize("role", ["manager", "health"])
def test_a_get_is_masked_even_when_it_asks_for_full_identifiers(client, world, role):
    for params in ({}, {"unmasked": "1"}, {"unmasked": "yes"}):
        _, rows = export(client, getattr(world.users, role), **params)
        assert rows["张三"][1] == world.miner.id_number_masked
    assert not PiiAccess.objects.exists()


def test_a_superuser_may_export_unmasked(client, world, admin_user):
    _, rows = export(client, admin_user, full=True)
    assert rows["张三"][1] == world.miner.id_number
    assert PiiAccess.objects.get().user == admin_user


@pytest.mark.parametrize("role", ["city", "county", "group", "safety"])
def test_other_roles_get_403_when_they_post_for_full_identifiers(client, world, role):
    client.force_login(getattr(world.users, role))
    assert client.post(EXPORT).status_code == 403
    assert not PiiAccess.objects.exists()


def test_the_unmasked_export_needs_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users.manager)
    assert client.post(EXPORT).status_code == 403
    page = client.get(reverse("people:person_list")).content.decode()
    form = page.split('data-testid="person-export-unmasked"')[1].split("</form>")[0]
    token = form.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert client.post(EXPORT, {"csrfmiddlewaretoken": token}).status_code == 200
    assert PiiAccess.objects.get().detail == ""  # the token is not a filter


@pytest.mark.parametrize(("role", "button"), [("manager", True), ("group", False)])
def test_the_list_page_offers_the_unmasked_export_to_pii_roles_only(client, world, role, button):
    client.force_login(getattr(world.users, role))
    body = client.get(reverse("people:person_list")).content.decode()
    assert 'data-testid="person-export"' in body
    assert ('data-testid="person-export-unmasked"' in body) is button


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
def test_roles_without_the_directory_or_only_at_a_gate_get_403(client, world, role):
    client.force_login(getattr(world.users, role))
    assert client.get(EXPORT).status_code == 403
    assert client.post(EXPORT).status_code == 403


def test_a_checkpoint_operator_sees_no_export_button(client, world):
    client.force_login(world.users.checkpoint)
    body = client.get(reverse("people:person_list")).content.decode()
    assert "张三" in body and 'data-testid="person-export' not in body


def test_a_name_that_looks_like_a_formula_is_exported_as_text(client, world):
    PersonFactory(name="=HYPERLINK(1)", enterprise=world.qifeng)
    _, rows = export(client, world.users.manager)
    assert "=HYPERLINK(1)" in rows


def test_the_query_count_does_not_grow_with_the_people(
    client, world, django_assert_max_num_queries
):
    PersonFactory.create_batch(60, enterprise=world.qifeng, team=world.team, dormitory=world.dorm)
    client.force_login(world.users.health)
    with django_assert_max_num_queries(10):
        response = client.post(EXPORT)
        content = b"".join(response.streaming_content)
    assert len(load_workbook(io.BytesIO(content)).worksheets[0]["A"]) == 1 + 62
    assert PiiAccess.objects.get().record_count == 62


def test_an_unmasked_export_reads_back_through_the_import_with_no_change(world):
    """GIVEN an unmasked export with every column filled, WHEN it is imported again, THEN every
    column is understood (team, room, region, category and status names) and nothing changes."""
    world.miner.home_region = world.regions.ningwu
    world.miner.save()
    export_file = roster_export(actor=world.users.manager, unmasked=True)
    result = roster.roster_apply(
        actor=world.users.manager, enterprise=world.qifeng, file=export_file.file
    )
    assert result.applied and result.plan is not None, result.errors
    assert (len(result.plan.new), len(result.plan.changed), result.plan.unchanged) == (0, 0, 2)


def test_a_masked_export_cannot_be_imported(world):
    masked = roster_export(actor=world.users.manager)
    result = roster.roster_check(
        actor=world.users.manager, enterprise=world.qifeng, file=masked.file
    )
    assert "masked" in result.problem and result.plan is None
    # Without its first row, the masked ID numbers give it away.
    rows = [(world.miner.name, world.miner.id_number_masked)]
    result = roster.roster_check(
        actor=world.users.manager,
        enterprise=world.qifeng,
        file=xlsx(rows, header=["姓名", "身份证号"]),
    )
    assert "masked" in result.problem
