"""Import of shift rosters from an .xlsx: all or nothing per file, every error listed with its
Excel row and column (DESIGN §5); the sheet is read by ``fugong.core.sheets``.

Columns, in the first row, in either language: day (日期, the day the shift starts), shift
(班次, by its name in the enterprise), team (队组), place (地点, optional) and the ID number
(身份证号) of one member per row. The rows with the same day, shift and team are one roster; a
roster already kept for that team, shift and day is replaced by the file's (members and place),
so importing the same file again changes nothing. Each roster is saved by ``roster_save``,
which derives its presence intervals.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from fugong.core.permissions import require
from fugong.core.sheets import (
    ImportReport,
    SheetColumn,
    SheetError,
    SheetRow,
    cell_text,
    id_number_text,
    parse_day,
    read_sheet,
    template_workbook,
)
from fugong.epidemic.models import ShiftRoster
from fugong.epidemic.services.presence import roster_save
from fugong.epidemic.services.presence_import import people_by_id_number
from fugong.org.models import Place, Shift, Team
from fugong.people.models import Person

DAY = SheetColumn("day", "日期", ("day", "date"), width=12)
SHIFT = SheetColumn("shift", "班次", ("shift",), width=10)
TEAM = SheetColumn("team", "队组", ("team", "班组"), width=16)
PLACE = SheetColumn("place", "地点", ("place",), required=False, width=20)
ID_NUMBER = SheetColumn("id_number", "身份证号", ("id number",), width=22, text=True)
COLUMNS = (DAY, SHIFT, TEAM, PLACE, ID_NUMBER)


@dataclass
class _Roster:
    team: Team
    shift: Shift
    day: dt.date
    place: Place | None = None
    place_row: int = 0
    members: dict[int, int] = field(default_factory=dict)  # person id → first row
    people: list[Person] = field(default_factory=list)


def _by_name(rows: Any) -> dict[tuple[int, str], list[Any]]:
    """Records keyed by (enterprise, name); a list, so that a name used twice is seen."""
    found: dict[tuple[int, str], list[Any]] = defaultdict(list)
    for record in rows:
        found[(record.enterprise_id, record.name)].append(record)
    return found


class _Lookup:
    """The teams, shifts, places and people the actor may see, fetched once per file."""

    def __init__(self, actor: Any, rows: list[SheetRow]) -> None:
        self.teams: dict[str, list[Team]] = defaultdict(list)
        for team in Team.objects.restrict(actor):
            self.teams[team.name].append(team)
        self.shifts = _by_name(Shift.objects.restrict(actor))
        self.places = _by_name(Place.objects.restrict(actor).filter(is_active=True))
        self.people = people_by_id_number(actor=actor, values=[r.cells["id_number"] for r in rows])

    def team(self, name: str) -> tuple[Team | None, str]:
        found = self.teams.get(name, [])
        if len(found) > 1:
            return None, _("Several teams in your scope have this name.")
        return (found[0], "") if found else (None, _("No such team in your scope."))

    def shift(self, team: Team | None, name: str) -> tuple[Shift | None, str]:
        """The team's shift of this name; without a team (reported already), only whether any
        shift in scope has the name, so that a wrong shift is reported on the same pass."""
        if team is None:
            known = any(key[1] == name for key in self.shifts)
            return None, "" if known else _("No such shift in your scope.")
        found = self.shifts.get((team.enterprise_id, name), [])
        return (found[0], "") if found else (None, _("No such shift at the team's enterprise."))

    def place(self, team: Team | None, name: str) -> tuple[Place | None, str]:
        if team is None:  # as for the shift: only whether the name is known at all
            known = any(key[1] == name for key in self.places)
            return None, "" if known else _("No such place in your scope.")
        found = self.places.get((team.enterprise_id, name), [])
        if len(found) > 1:
            return None, _("Several places of the team's enterprise have this name.")
        return (found[0], "") if found else (None, _("No such place at the team's enterprise."))


def _check(lookup: _Lookup, rows: list[SheetRow], report: ImportReport) -> list[_Roster]:
    """Every row checked, every error reported; the rosters the rows describe."""
    rosters: dict[tuple[int, int, dt.date], _Roster] = {}
    for row in rows:
        day = parse_day(row.cells["day"])
        if day is None:
            report.add(row.number, DAY, _("Not a date: write it as 2026-03-09."))
        team, problem = lookup.team(cell_text(row.cells["team"]))
        if team is None:
            report.add(row.number, TEAM, problem)
        shift, problem = lookup.shift(team, cell_text(row.cells["shift"]))
        if problem:
            report.add(row.number, SHIFT, problem)
        place, place_name = None, cell_text(row.cells["place"])
        if place_name:
            place, problem = lookup.place(team, place_name)
            if problem:
                report.add(row.number, PLACE, problem)
        person = lookup.people.get(id_number_text(row.cells["id_number"]))
        if person is None:
            report.add(row.number, ID_NUMBER, _("No such person in your scope."))
        elif team is not None and person.enterprise_id != team.enterprise_id:
            report.add(row.number, ID_NUMBER, _("The person is not of the team's enterprise."))
        if not (day and team and shift and person) or (place_name and place is None):
            continue
        roster = rosters.setdefault((team.pk, shift.pk, day), _Roster(team, shift, day))
        if roster.place_row == 0:
            roster.place, roster.place_row = place, row.number
        elif roster.place != place:
            report.add(
                row.number, PLACE,
                _("One roster has one place: row %(row)d says otherwise.")
                % {"row": roster.place_row},
            )  # fmt: skip
        if person.pk in roster.members:
            report.add(
                row.number, ID_NUMBER,
                _("This person is listed twice in this roster (row %(row)d).")
                % {"row": roster.members[person.pk]},
            )  # fmt: skip
        else:
            roster.members[person.pk] = row.number
            roster.people.append(person)
    return list(rosters.values())


def rosters_import(*, actor: Any, file: Any) -> ImportReport:
    """Check every row; save every roster (replacing the one kept for the same team, shift and
    day) only when no row has an error. ``count`` is the rosters saved, ``replaced`` those of
    them that existed before."""
    require(actor, ShiftRoster, "change")
    report = ImportReport()
    try:
        rows = read_sheet(file, COLUMNS)
    except SheetError as exc:
        report.add(0, None, str(exc))
        return report
    rosters = _check(_Lookup(actor, rows), rows, report)
    if report.errors:
        return report
    kept = ShiftRoster.objects.restrict(actor, "change").filter(
        team__in={r.team.pk for r in rosters}, day__in={r.day for r in rosters}
    )
    existing = set(kept.values_list("team_id", "shift_id", "day"))
    with transaction.atomic():
        for roster in rosters:
            roster_save(
                actor=actor, team=roster.team, shift=roster.shift, day=roster.day,
                place=roster.place, members=roster.people,
            )  # fmt: skip
            report.count += 1
            report.replaced += (roster.team.pk, roster.shift.pk, roster.day) in existing
    return report


def rosters_template() -> bytes:
    """The empty template: the headers, the ID number column kept as text."""
    return template_workbook(COLUMNS, title="排班表")
