"""Roster import: every row checked, every error reported, all rows or none written."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from fugong.core.identifiers import make_id_number
from fugong.people import roster
from fugong.people.models import Person, PersonCategory, PersonStatus
from fugong.people.roster_read import RowChecker

pytestmark = pytest.mark.django_db

IMPORT = reverse("people:roster_import")
CONFIRM = reverse("people:roster_confirm")
TEMPLATE = reverse("people:roster_template")
HEADER = [column.header for column in roster.COLUMNS]


def new_id(serial: int) -> str:
    """IDs born in 1985, apart from the factories' 1970s ones."""
    return make_id_number("140925", dt.date(1985, 5, 5), serial)


def bad_check_digit(code: str) -> str:
    return code[:17] + ("1" if code[17] != "1" else "2")


def xlsx(rows, header=HEADER, name="roster.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    if header is not None:
        sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def with_exact_number(upload: SimpleUploadedFile, cell: str, digits: str) -> SimpleUploadedFile:
    """Rewrite one text cell as a number cell holding exactly ``digits`` (openpyxl itself would
    write an 18-digit int as a float, as Excel does)."""
    source = zipfile.ZipFile(io.BytesIO(upload.read()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                pattern = rf'<c r="{cell}"[^>]*>.*?</c>'.encode()
                data = re.sub(pattern, f'<c r="{cell}" t="n"><v>{digits}</v></c>'.encode(), data)
            target.writestr(item, data)
    return SimpleUploadedFile(upload.name or "roster.xlsx", out.getvalue())


def good_rows(world):
    return [
        ("孙一", new_id(1), "13911110001", "职工", "综采一队", "1号楼101", "140925", "在职"),
        ("周二", new_id(2), "", "Contractor / migrant worker", "", "", "", ""),
        ("吴三", new_id(3), "139 1111 0003", "visitor", "", "", "140981", "left"),
    ]


def post(client, user, enterprise, upload, **extra):
    """Upload a roster: the answer is the preview (or the errors)."""
    client.force_login(user)
    return client.post(IMPORT, {"enterprise": enterprise.pk, "file": upload}, **extra)


def token_of(response) -> str:
    match = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    assert match, response.content.decode()[:2000]
    return match.group(1)


def confirm(client, token: str, *, mark_absent_left: bool = False, **extra):
    data = {"token": token, **({"mark_absent_left": "1"} if mark_absent_left else {})}
    return client.post(CONFIRM, data, **extra)


def upload_and_confirm(client, user, enterprise, upload, **kwargs):
    return confirm(client, token_of(post(client, user, enterprise, upload)), **kwargs)


def run(world, rows, user=None, **kwargs):
    return roster.roster_import(
        actor=user or world.users.manager, enterprise=world.qifeng, file=xlsx(rows, **kwargs)
    )


def test_it_imports_every_row_of_a_good_roster_after_the_preview(client, world):
    before = Person.objects.count()
    preview = post(client, world.users.manager, world.qifeng, xlsx(good_rows(world)))
    assert 'data-testid="roster-preview"' in preview.content.decode()
    assert Person.objects.count() == before
    response = confirm(client, token_of(preview))
    assert response.status_code == 302
    assert Person.objects.count() == before + 3
    follow = client.get(response["Location"])
    assert "3 people added to 宁武栖凤煤矿, 0 updated" in follow.content.decode()
    sun = Person.objects.get(id_number=new_id(1))
    assert (sun.enterprise, sun.team, sun.dormitory) == (world.qifeng, world.team, world.dorm)
    assert sun.home_region == world.regions.ningwu and sun.phone == "13911110001"
    zhou = Person.objects.get(id_number=new_id(2))
    assert zhou.category == PersonCategory.CONTRACTOR and zhou.status == PersonStatus.ACTIVE
    wu = Person.objects.get(id_number=new_id(3))
    assert (wu.category, wu.status, wu.phone) == ("visitor", "left", "13911110003")


def test_imported_people_have_their_creation_in_the_audit_trail(client, world):
    upload_and_confirm(client, world.users.manager, world.qifeng, xlsx(good_rows(world)))
    sun = Person.objects.get(id_number=new_id(1))
    entries = list(LogEntry.objects.get_for_object(sun))
    assert [(e.action, e.actor) for e in entries] == [(LogEntry.Action.CREATE, world.users.manager)]
    assert entries[0].changes["name"] == ["None", sun.name]
    assert entries[0].additional_data["source"] == "roster import"
    assert entries[0].changes["id_number"] == ["None", sun.id_number_masked]


def test_it_imports_nothing_when_row_3_has_a_bad_check_digit(client, world):
    rows = good_rows(world)
    rows[1] = (rows[1][0], bad_check_digit(rows[1][1]), *rows[1][2:])
    before = Person.objects.count()
    response = post(client, world.users.manager, world.qifeng, xlsx(rows))
    body = response.content.decode()
    assert response.status_code == 200
    assert Person.objects.count() == before
    assert 'data-testid="roster-errors"' in body
    result = run(world, rows)
    assert result.created == 0
    assert [(e.row, e.column, e.label) for e in result.errors] == [(3, "B", "Resident ID number")]
    assert "check digit" in result.errors[0].reason


def test_it_reports_every_error_of_every_row_in_sheet_order(world):
    rows = [
        ("", "", "12345", "boss", "no such team", "no such room", "999999", "asleep"),
        ("好人", new_id(5), "", "", "", "", "", ""),
        ("A" * 65, "1409251985", "", "", "", "", "14092", ""),
    ]
    result = run(world, rows)
    found = [(e.row, e.label, e.name) for e in result.errors]
    assert found == [
        (2, "Name", ""),
        (2, "Resident ID number", ""),
        (2, "Phone", ""),
        (2, "Category", ""),
        (2, "Team", ""),
        (2, "Dormitory room", ""),
        (2, "Home region", ""),
        (2, "Status", ""),
        (4, "Name", "A" * 65),
        (4, "Resident ID number", "A" * 65),
        (4, "Home region", "A" * 65),
    ]
    reasons = " | ".join(e.reason for e in result.errors)
    assert "no team named “no such team”" in reasons
    assert "No region has code 999999" in reasons
    assert "At most 64 characters" in reasons
    assert not Person.objects.filter(name="好人").exists()


def test_a_name_of_64_characters_is_accepted(world):
    assert run(world, [("A" * 64, new_id(6))]).created == 1


def test_it_names_both_rows_of_an_id_number_repeated_in_the_file(world):
    rows = [("甲", new_id(7)), ("乙", new_id(8)), ("丙", new_id(7).lower())]
    result = run(world, rows, header=HEADER[:2])
    assert [(e.row, e.label) for e in result.errors] == [(4, "Resident ID number")]
    assert "rows 2 and 4" in result.errors[0].reason
    assert not Person.objects.filter(name__in=["甲", "乙"]).exists()


def test_it_refuses_an_id_number_already_registered_without_saying_where(world):
    taken = world.plant_worker.id_number  # 钱七 works in 太原, out of the manager's sight
    result = run(world, [("钱七", taken)], header=HEADER[:2])
    (error,) = result.errors
    assert (error.row, error.label) == (2, "Resident ID number")
    assert "already registered with another enterprise" in error.reason
    assert error.name == "钱七"
    assert "太原" not in error.reason and "热电厂" not in error.reason


def test_it_accepts_a_lower_case_x_and_stores_it_upper_case(world):
    code = "14092519850505018X"
    assert run(world, [("带X的人", code.lower())], header=HEADER[:2]).created == 1
    assert Person.objects.get(name="带X的人").id_number == code


def test_numeric_cells_that_are_exact_are_read_as_text(world):
    # An ID stored as a whole number (by a program, not Excel, which keeps 15 digits) is exact.
    upload = xlsx([("数字", "placeholder", 13911110009, "", "", "", 140925)])
    upload = with_exact_number(upload, "B2", new_id(9))
    result = roster.roster_import(actor=world.users.manager, enterprise=world.qifeng, file=upload)
    assert result.created == 1, result.errors
    person = Person.objects.get(name="数字")
    assert (person.id_number, person.phone) == (new_id(9), "13911110009")
    assert person.home_region == world.regions.ningwu


def test_an_id_number_that_excel_stored_as_a_number_asks_for_text(world):
    for value in (int(new_id(10)), float(new_id(10))):  # openpyxl, like Excel, keeps 15 digits
        (error,) = run(world, [("科学计数", value)], header=HEADER[:2]).errors
        assert error.label == "Resident ID number" and "as text" in error.reason


def test_it_skips_fully_empty_rows_but_keeps_excel_row_numbers(world):
    rows = [("甲", new_id(11)), (None, None), ("", "   "), ("乙", "123")]
    result = run(world, rows, header=HEADER[:2])
    assert [(e.row, e.label) for e in result.errors] == [(5, "Resident ID number")]


def test_headers_may_come_in_any_order_and_in_one_language(world):
    rows = [(new_id(12), "英文表头", "Employee")]
    result = run(world, rows, header=["Resident ID number", "姓名", "category"])
    assert result.created == 1


def test_headers_of_the_older_bilingual_template_are_still_understood(world):
    header = ["姓名 Name", "身份证号 Resident ID number", "户籍地区代码 Home region code"]
    result = run(world, [("旧模板", new_id(13), "140925")], header=header)
    assert result.created == 1, result.errors
    assert Person.objects.get(name="旧模板").home_region == world.regions.ningwu


def test_it_names_a_missing_required_column(world):
    result = run(world, [("无身份证",)], header=["姓名"])
    assert "“身份证号”" in result.problem and not result.errors


@pytest.mark.parametrize("header", [None, []])
def test_an_empty_sheet_is_a_clear_error(world, header):
    result = run(world, [], header=header)
    assert "empty" in result.problem


def test_a_header_without_rows_is_a_clear_error(world):
    assert "no people below the header" in run(world, []).problem


@pytest.mark.parametrize(("rows", "refused"), [(1, False), (2, False), (3, True)])
def test_it_refuses_more_rows_than_the_limit(world, settings, rows, refused):
    settings.ROSTER_MAX_ROWS = 2
    result = run(world, [(f"人{n}", new_id(20 + n)) for n in range(rows)], header=HEADER[:2])
    assert bool(result.problem) is refused
    assert result.created == (0 if refused else rows)
    if refused:
        assert "more than 2 rows" in result.problem


def test_it_is_all_or_nothing_even_when_the_database_refuses_a_row_midway(world, monkeypatch):
    """GIVEN an ID number registered after the check (a race), WHEN the rows are written in
    batches of one, THEN the rows already written are rolled back."""
    monkeypatch.setattr(RowChecker, "check_registered", lambda self, id_rows: None)
    monkeypatch.setattr(roster, "BATCH_SIZE", 1)
    rows = [("先写一", new_id(40)), ("先写二", new_id(41)), ("撞车", world.colleague.id_number)]
    before = Person.objects.count()
    result = run(world, rows, header=HEADER[:2])
    assert result.created == 0 and "Nothing was imported" in result.problem
    assert not result.applied
    assert Person.objects.count() == before


def test_the_import_query_count_does_not_grow_with_the_rows(world, django_assert_max_num_queries):
    rows = [
        (f"批量{n}", new_id(100 + n), "", "务工人员", "综采一队", "1号楼101", "宁武县")
        for n in range(300)
    ]
    upload = xlsx(rows)
    # Fixed look-ups plus INSERT batches (SQLite caps the variables of one statement, so 300
    # people take 4 batches and their 300 audit entries 5): nothing is done row by row.
    with django_assert_max_num_queries(20):
        result = roster.roster_import(
            actor=world.users.manager, enterprise=world.qifeng, file=upload
        )
    assert result.created == 300
    assert world.team.members.count() == 302


def test_full_width_digits_in_a_room_team_or_region_code_match_as_typed_in_ascii(world):
    """A clerk's input method may type １号楼１０１ or １４０９２５: the room 1号楼101, the county
    140925. Names are compared after the same normalisation on both sides."""
    from fugong.org.models import Team

    Team.objects.create(enterprise=world.qifeng, name="检修3队")
    rows = [("孙一", new_id(1), "", "职工", "检修３队", "１号楼１０１", "１４０９２５", "在职")]
    report = run(world, rows)
    assert not report.errors, report.errors
    person = Person.objects.get(name="孙一")
    assert person.team is not None and person.team.name == "检修3队"
    assert person.dormitory is not None and person.dormitory.name == "1号楼101"
    assert person.home_region is not None and person.home_region.code == "140925"
