"""The Excel upload: template in scope, row-by-row errors, all or nothing, preview then confirm."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from fugong.dailyreport.models import DailyReport
from fugong.dailyreport.upload import HEADERS

pytestmark = pytest.mark.django_db

MORNING = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))


def xlsx(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.worksheets[0]
    assert isinstance(sheet, Worksheet)
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("日报.xlsx", out.getvalue())


def row(enterprise, *, staff=100, output=1000, day="2026-03-01"):
    return [enterprise.credit_code, enterprise.name, day, "是", None, staff, output, None, ""]


def test_the_template_lists_the_units_in_the_uploaders_scope(client, world):
    client.force_login(world.users.group)
    with time_machine.travel(MORNING, tick=False):
        response = client.get(reverse("dailyreport:upload_template"))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert {r[1] for r in rows[1:]} == {world.qifeng.name, world.yuanping_mine.name}
    assert {r[2] for r in rows[1:]} == {"2026-03-01"}


def test_a_file_with_bad_rows_lists_every_error_and_stores_nothing(client, world):
    client.force_login(world.users.group)
    unclear = row(world.qifeng, day="2026-02-28")
    unclear[3] = "也许"
    rows = [row(world.qifeng), row(world.yuanping_mine, staff=-3), row(world.plant), unclear]
    with time_machine.travel(MORNING, tick=False):
        response = client.post(reverse("dailyreport:upload"), {"file": xlsx(rows)})
    errors = [(e.row, e.column) for e in response.context["errors"]]
    assert errors == [(3, "在岗人数"), (4, "统一社会信用代码"), (5, "是否开工")]
    assert not DailyReport.objects.exists()


def test_a_good_file_is_previewed_then_stored_once_on_confirmation(client, world):
    client.force_login(world.users.group)
    with time_machine.travel(MORNING, tick=False):
        preview = client.post(
            reverse("dailyreport:upload"),
            {"file": xlsx([row(world.qifeng), row(world.yuanping_mine, staff=50)])},
        )
        assert len(preview.context["items"]) == 2
        assert not DailyReport.objects.exists()
        token = preview.context["token"]
        done = client.post(reverse("dailyreport:upload_confirm"), {"token": token})
        assert done.status_code == 302
        again = client.post(reverse("dailyreport:upload_confirm"), {"token": token})
    assert again.context["gone"]
    assert DailyReport.objects.current().count() == 2
    assert DailyReport.objects.get(enterprise=world.yuanping_mine).staff_on_duty == 50


def test_a_file_that_is_not_a_workbook_is_refused_on_the_file_field(client, world):
    client.force_login(world.users.manager)
    response = client.post(
        reverse("dailyreport:upload"), {"file": SimpleUploadedFile("x.xlsx", b"not a workbook")}
    )
    assert "file" in response.context["form"].errors


def test_full_width_digits_from_an_input_method_are_read_as_meant(client, world):
    """A clerk's input method may type the credit code and the numbers in full width."""
    # What NFKC folds: the full-width forms of ASCII sit 0xFEE0 above it.
    wide = {code: code + 0xFEE0 for code in range(ord("0"), ord("Z") + 1)}
    line = row(world.qifeng)
    line[0] = world.qifeng.credit_code.translate(wide)
    line[5], line[6] = "８０", "１２００"
    client.force_login(world.users.group)
    with time_machine.travel(MORNING, tick=False):
        preview = client.post(reverse("dailyreport:upload"), {"file": xlsx([line])})
        assert not preview.context.get("errors"), preview.context.get("errors")
        done = client.post(
            reverse("dailyreport:upload_confirm"), {"token": preview.context["token"]}
        )
    assert done.status_code == 302
    report = DailyReport.objects.get(enterprise=world.qifeng)
    assert (report.staff_on_duty, report.output) == (80, 1200)


def test_blank_rows_do_not_count_towards_the_limit_and_no_row_is_dropped(world, monkeypatch):
    """The upload read the first MAX_ROWS + 2 rows of the sheet, blank or not: a file with blank
    rows lost its last rows without a word. Only rows with something in them count now."""
    from fugong.dailyreport import upload

    monkeypatch.setattr(upload, "MAX_ROWS", 3)
    blank = [None] * len(HEADERS)
    book = Workbook()
    sheet = book.worksheets[0]
    assert isinstance(sheet, Worksheet)
    for values in [HEADERS, blank, blank, blank, row(world.qifeng), row(world.yuanping_mine)]:
        sheet.append(values)
    sheet.cell(row=2, column=9, value=" ")  # a blank row that still has a cell written
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    with time_machine.travel(MORNING, tick=False):
        result = upload.upload_check(actor=world.users.group, file=out)
    assert result.problem == ""
    assert [item["name"] for item in result.items] == [world.qifeng.name, world.yuanping_mine.name]
    # Above the limit, the file is refused whole.
    monkeypatch.setattr(upload, "MAX_ROWS", 1)
    out.seek(0)
    with time_machine.travel(MORNING, tick=False):
        refused = upload.upload_check(actor=world.users.group, file=out)
    assert "more than 1 rows" in refused.problem and refused.items == []
