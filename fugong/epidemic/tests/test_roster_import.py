"""Shift rosters imported from an .xlsx (services/roster_import.py, the roster import page):
all or nothing per file, every error named by Excel row and column, rosters replaced."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from fugong.core.sheets import MAX_ROWS, SheetError, read_sheet
from fugong.epidemic.models import PresenceInterval, ShiftRoster
from fugong.epidemic.services.presence import roster_save
from fugong.epidemic.services.roster_import import COLUMNS, rosters_import
from fugong.epidemic.tests.tracing_helpers import at, person
from fugong.org.tests.factories import ShiftFactory

pytestmark = pytest.mark.django_db
HEADER = ["日期", "班次", "队组", "地点", "身份证号"]


def sheet(rows: list[list[Any]], header: list[str] | None = HEADER) -> BytesIO:
    book = Workbook()
    page: Any = book.active
    if header is not None:
        page.append(header)
    for row in rows:
        page.append(row)
    out = BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "rosters.xlsx"
    return out


def row(world, who, day: Any = "2026-03-09", **cells: Any) -> list[Any]:
    values = {"shift": world.night.name, "team": world.team.name, "place": world.zone.name}
    values.update(cells)
    return [day, values["shift"], values["team"], values["place"], who.id_number]


def errors(world, rows: list[list[Any]], **kwargs: Any) -> list[tuple[int, str, str]]:
    report = rosters_import(actor=world.users.health, file=sheet(rows, **kwargs))
    assert report.count == 0
    return report.errors


def test_a_night_shift_roster_is_imported_with_the_intervals_roster_save_gives(world):
    """GIVEN the 夜班 (22:00–06:00) of 9 March for two members WHEN imported THEN one roster
    holds both, and each is at the face from 22:00 on the 9th until 06:00 on the 10th."""
    a, b = person(world, "甲"), person(world, "乙")
    report = rosters_import(actor=world.users.health, file=sheet([row(world, a), row(world, b)]))
    assert (report.errors, report.count, report.replaced) == ([], 1, 0)
    roster = ShiftRoster.objects.get()
    assert (roster.team, roster.shift, roster.day, roster.place) == (
        world.team, world.night, dt.date(2026, 3, 9), world.zone,
    )  # fmt: skip
    assert set(roster.members.all()) == {a, b}
    intervals = PresenceInterval.objects.filter(source_ref=f"roster:{roster.pk}")
    assert {(i.person_id, i.place_id, i.start, i.end) for i in intervals} == {
        (a.pk, world.zone.pk, at(9, 22), at(10, 6)),
        (b.pk, world.zone.pk, at(9, 22), at(10, 6)),
    }


def test_rows_of_other_days_shifts_or_teams_are_other_rosters_and_place_is_optional(world):
    a = person(world, "甲")
    morning: Any = ShiftFactory(
        enterprise=world.qifeng, name="早班", start_time=dt.time(6), end_time=dt.time(14)
    )
    rows = [
        row(world, a, dt.datetime(2026, 3, 9)),  # an Excel date cell
        row(world, a, "2026年3月10日", place=""),
        row(world, a, "2026/3/10", shift="早班"),
    ]
    report = rosters_import(actor=world.users.health, file=sheet(rows))
    assert (report.errors, report.count) == ([], 3)
    days = ShiftRoster.objects.values_list("day", "shift", "place")
    assert set(days) == {
        (dt.date(2026, 3, 9), world.night.pk, world.zone.pk),
        (dt.date(2026, 3, 10), world.night.pk, None),
        (dt.date(2026, 3, 10), morning.pk, world.zone.pk),
    }
    # As roster_save does: a roster without a place yields no interval.
    assert PresenceInterval.objects.count() == 2


def test_one_bad_row_stores_nothing_and_is_named_by_row_and_column(world):
    a, b = person(world, "甲"), person(world, "乙")
    found = errors(world, [row(world, a), row(world, b, team="综采九队")])
    assert [(r, c) for r, c, _m in found] == [(3, "队组")]
    assert not ShiftRoster.objects.exists()
    assert not PresenceInterval.objects.exists()


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"shift": "午夜班"}, "班次"),
        ({"team": "综采九队"}, "队组"),
        ({"team": "掘进二队"}, "队组"),  # a team of another enterprise, out of scope
        ({"team": "综采九队", "shift": "午夜班", "place": "9号井"}, "队组 班次 地点"),
        ({"place": "9号井"}, "地点"),
        ({"day": "3月9日"}, "日期"),
        ({"day": "2026-02-30"}, "日期"),
        ({"day": ""}, "日期"),
    ],
)
def test_each_unknown_or_malformed_cell_is_named(world, cells, column):
    a = person(world, "甲")
    day = cells.pop("day", "2026-03-09")
    found = errors(world, [row(world, a, day, **cells)])
    assert [(r, c) for r, c, _m in found] == [(2, c) for c in column.split()]
    assert not ShiftRoster.objects.exists()


def test_an_unknown_and_an_out_of_scope_person_get_the_same_message(world):
    a = person(world, "甲")
    nobody = [world.night.name, world.team.name, "", "140981199001011234"]
    stranger = row(world, world.yuanping_miner)
    found = errors(world, [row(world, a), ["2026-03-09", *nobody], stranger])
    assert [(r, c) for r, c, _m in found] == [(3, "身份证号"), (4, "身份证号")]
    assert found[0][2] == found[1][2]
    assert world.yuanping_miner.name not in str(found)


def test_a_member_listed_twice_in_one_roster_is_an_error(world):
    a = person(world, "甲")
    found = errors(world, [row(world, a), row(world, a, place=world.zone.name)])
    assert [(r, c) for r, c, _m in found] == [(3, "身份证号")]
    assert "2" in found[0][2]
    # The same person on two rosters (two days) is fine.
    report = rosters_import(
        actor=world.users.health, file=sheet([row(world, a), row(world, a, "2026-03-10")])
    )
    assert (report.errors, report.count) == ([], 2)


def test_one_roster_with_two_places_is_an_error(world):
    a, b = person(world, "甲"), person(world, "乙")
    found = errors(world, [row(world, a), row(world, b, place=world.dorm.name)])
    assert [(r, c) for r, c, _m in found] == [(3, "地点")]


def test_full_width_digits_in_the_id_number_are_read_as_digits(world):
    a = person(world, "甲")
    wide = a.id_number.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789X"})
    cells = row(world, a)
    cells[-1] = f" {wide[:6]} {wide[6:]} "
    report = rosters_import(actor=world.users.health, file=sheet([cells]))
    assert (report.errors, report.count) == ([], 1)
    assert list(ShiftRoster.objects.get().members.all()) == [a]


def test_importing_the_same_file_again_changes_nothing(world):
    a, b = person(world, "甲"), person(world, "乙")
    rows = [row(world, a), row(world, b)]
    rosters_import(actor=world.users.health, file=sheet(rows))
    before = list(PresenceInterval.objects.values_list("pk", "person", "start", "end"))
    again = rosters_import(actor=world.users.health, file=sheet(rows))
    assert (again.errors, again.count, again.replaced) == ([], 1, 1)
    assert ShiftRoster.objects.count() == 1
    assert list(PresenceInterval.objects.values_list("pk", "person", "start", "end")) == before


def test_an_existing_roster_gets_the_members_of_the_file(world):
    a, b, c = person(world, "甲"), person(world, "乙"), person(world, "丙")
    kept = roster_save(
        team=world.team, shift=world.night, day=dt.date(2026, 3, 9), place=world.zone,
        members=[a, b],
    )  # fmt: skip
    report = rosters_import(actor=world.users.manager, file=sheet([row(world, a), row(world, c)]))
    assert (report.errors, report.count, report.replaced) == ([], 1, 1)
    kept.refresh_from_db()
    assert set(kept.members.all()) == {a, c}
    people = set(PresenceInterval.objects.values_list("person", flat=True))
    assert people == {a.pk, c.pk}


@pytest.mark.parametrize("content", [b"PK\x03\x04 not really a workbook", b"name,id\n"])
def test_a_file_that_is_not_an_xlsx_is_refused_in_chinese(world, content):
    with translation.override("zh-hans"):
        report = rosters_import(actor=world.users.health, file=BytesIO(content))
    assert report.count == 0
    assert report.errors == [(0, "", "文件不是Excel工作簿（.xlsx），或已损坏。")]


def test_an_empty_sheet_or_a_header_alone_is_refused(world):
    assert errors(world, [], header=None)[0][0] == 0
    assert errors(world, [], header=HEADER)[0][0] == 0
    missing = errors(world, [["2026-03-09", "夜班"]], header=["日期", "班次"])
    assert "队组" in missing[0][2] and "身份证号" in missing[0][2] and "地点" not in missing[0][2]


def test_headers_may_be_english_in_any_order(world):
    a = person(world, "甲")
    header = ["ID Number", "Team", "Shift", "Day"]
    rows = [[a.id_number, world.team.name, world.night.name, "2026-03-09"]]
    report = rosters_import(actor=world.users.health, file=sheet(rows, header=header))
    assert (report.errors, report.count) == ([], 1)


def test_the_row_limit_is_5000(world):
    assert MAX_ROWS == 5000
    filler = [["2026-03-09", "夜班", "综采一队", "", "x"]]
    assert len(read_sheet(sheet(filler * 3), COLUMNS, max_rows=3)) == 3
    with pytest.raises(SheetError):
        read_sheet(sheet(filler * 4), COLUMNS, max_rows=3)
    found = errors(world, filler * (MAX_ROWS + 1))
    assert found[0][0] == 0 and "5000" in found[0][2]
    assert not ShiftRoster.objects.exists()


def test_the_template_round_trips_through_the_import_page(client, world):
    """GIVEN the downloaded template WHEN a clerk fills two rows and uploads it THEN the roster
    is saved and the list says how many were imported."""
    a, b = person(world, "甲"), person(world, "乙")
    client.force_login(world.users.health)
    listing = client.get(reverse("epidemic:roster_list")).content.decode()
    assert reverse("epidemic:roster_import") in listing
    page = client.get(reverse("epidemic:roster_import")).content.decode()
    assert reverse("epidemic:roster_import_template") in page
    assert 'data-testid="replace-note"' in page
    response = client.get(reverse("epidemic:roster_import_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    template: Any = book.worksheets[0]
    assert [c.value for c in template[1]] == HEADER
    assert template.max_row == 1
    template.append(row(world, a))
    template.append(row(world, b))
    out = BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "filled.xlsx"
    done = client.post(reverse("epidemic:roster_import"), {"file": out}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("epidemic:roster_list")
    assert set(ShiftRoster.objects.get().members.all()) == {a, b}


def test_the_import_page_lists_every_error_and_stores_nothing(client, world):
    a = person(world, "甲")
    client.force_login(world.users.manager)
    bad = sheet([row(world, a, "昨天"), row(world, a, shift="午夜班")])
    page = client.post(reverse("epidemic:roster_import"), {"file": bad}).content.decode()
    assert 'data-testid="import-errors"' in page
    assert "<td>2</td><td>日期</td>" in page and "<td>3</td><td>班次</td>" in page
    assert not ShiftRoster.objects.exists()
    assert client.post(reverse("epidemic:roster_import"), {}).status_code == 200
