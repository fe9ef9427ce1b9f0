"""Roster import pages: who may upload, the form's answers, the template and the error report."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from openpyxl import load_workbook

from fugong.people import roster
from fugong.people.models import Person
from fugong.people.tests.test_roster_import import (
    CONFIRM,
    HEADER,
    IMPORT,
    TEMPLATE,
    good_rows,
    new_id,
    post,
    token_of,
    upload_and_confirm,
    xlsx,
)

pytestmark = pytest.mark.django_db


def test_a_file_that_is_not_xlsx_is_refused_with_a_clear_error(client, world):
    upload = SimpleUploadedFile("roster.csv", "姓名,身份证号\n".encode())
    body = post(client, world.users.manager, world.qifeng, upload).content.decode()
    assert "roster.csv is not an Excel workbook" in body


def test_an_old_xls_file_is_asked_to_be_saved_as_xlsx(client, world):
    upload = SimpleUploadedFile("roster.xls", b"\xd0\xcf\x11\xe0 old excel")
    body = post(client, world.users.manager, world.qifeng, upload).content.decode()
    assert "Save it as .xlsx" in body


def test_a_damaged_xlsx_is_refused_with_a_clear_error(client, world):
    upload = SimpleUploadedFile("roster.xlsx", b"PK\x03\x04 not really a zip")
    body = post(client, world.users.manager, world.qifeng, upload).content.decode()
    assert "not an Excel workbook (.xlsx), or it is damaged" in body


def test_an_enterprise_out_of_scope_is_refused_and_nothing_is_saved(client, world):
    before = Person.objects.count()
    response = post(client, world.users.manager, world.yuanping_mine, xlsx(good_rows(world)))
    assert response.status_code == 200
    assert 'data-testid="error-enterprise"' in response.content.decode()
    assert Person.objects.count() == before
    with pytest.raises(Http404):
        roster.roster_import(
            actor=world.users.manager, enterprise=world.yuanping_mine, file=xlsx(good_rows(world))
        )


def test_a_group_admin_imports_into_a_member_unit(client, world):
    rows = [("集团导入", new_id(30))]
    upload = xlsx(rows, header=HEADER[:2])
    response = upload_and_confirm(client, world.users.group, world.yuanping_mine, upload)
    assert response.status_code == 302
    assert Person.objects.get(name="集团导入").enterprise == world.yuanping_mine


@pytest.mark.parametrize("role", ["city", "county", "liaison", "safety", "checkpoint", "worker"])
def test_roles_without_the_right_to_edit_people_get_403(client, world, role):
    client.force_login(getattr(world.users, role))
    assert client.get(IMPORT).status_code == 403
    assert client.get(TEMPLATE).status_code == 403
    upload = xlsx(good_rows(world))
    assert client.post(IMPORT, {"enterprise": world.qifeng.pk, "file": upload}).status_code == 403
    assert client.post(CONFIRM, {"token": "x" * 22}).status_code == 403


@pytest.mark.parametrize("role", ["group", "manager", "health"])
def test_the_upload_form_offers_only_enterprises_in_scope(client, world, role):
    client.force_login(getattr(world.users, role))
    body = client.get(IMPORT).content.decode()
    assert "宁武栖凤煤矿" in body
    assert "宁武独立煤矿" not in body and "大唐太原第二热电厂" not in body


def test_the_template_round_trips(client, world):
    client.force_login(world.users.health)
    response = client.get(TEMPLATE)
    assert response["Content-Disposition"] == 'attachment; filename="fugong-roster-template.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADER
    for row in good_rows(world):
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("filled.xlsx", buffer.getvalue())
    before = Person.objects.count()
    assert upload_and_confirm(client, world.users.health, world.qifeng, upload).status_code == 302
    assert Person.objects.count() == before + 3  # the example row is skipped
    assert not Person.objects.filter(name__startswith="示例").exists()


def test_the_errors_can_be_downloaded_as_xlsx(client, world):
    rows = [("甲", "123"), ("乙", new_id(50)), ("", new_id(51))]
    post(client, world.users.manager, world.qifeng, xlsx(rows, header=HEADER[:2]))
    response = client.get(IMPORT, {"report": "errors"})
    assert response["Content-Disposition"].endswith('filename="fugong-roster-errors.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in sheet[1]] == ["Row", "Column", "Name", "Field", "Error"]
    table = [row[:4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert table == [(2, "B", "甲", "Resident ID number"), (4, "A", None, "Name")]


def test_there_is_no_error_report_before_a_refused_import(client, world):
    client.force_login(world.users.manager)
    assert client.get(IMPORT, {"report": "errors"}).status_code == 404


def test_htmx_gets_the_preview_and_then_the_result_as_partials(client, world):
    upload = xlsx(good_rows(world))
    preview = post(client, world.users.manager, world.qifeng, upload, HTTP_HX_REQUEST="true")
    body = preview.content.decode()
    assert preview.status_code == 200 and "<html" not in body
    assert 'hx-post="' + CONFIRM + '"' in body
    response = client.post(CONFIRM, {"token": token_of(preview)}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "3 people added to 宁武栖凤煤矿, 0 updated." in body


def test_the_full_page_posts_the_form_through_htmx(client, world):
    client.force_login(world.users.manager)
    body = client.get(IMPORT).content.decode()
    assert "<html" in body and 'hx-post="' + IMPORT + '"' in body
    assert 'hx-encoding="multipart/form-data"' in body
