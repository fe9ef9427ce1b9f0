"""Import of dormitory assignments from an .xlsx: all or nothing per file, every error listed
with its Excel row (DESIGN §5 "An import is all-or-nothing per file with a row-by-row error
report"); the sheet is read by ``fugong.core.sheets``.

Columns, in the first row, in either language: ID number (身份证号), room (房间), first night
(首晚), last night (末晚). People are found by their ID number among those the officer may
see (the importing roles are the ones allowed to search by number); rooms by name among the
dormitory rooms in scope.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from fugong.core.permissions import require
from fugong.core.sheets import (
    ImportReport,
    SheetColumn,
    SheetError,
    cell_text,
    id_number_text,
    parse_day,
    read_sheet,
)
from fugong.epidemic.models import DormitoryNight
from fugong.epidemic.services.presence import dormitory_nights_assign
from fugong.org.models import Place, PlaceKind
from fugong.people.models import Person

ID_NUMBER = SheetColumn("id_number", "身份证号", ("id number",), width=22, text=True)
ROOM = SheetColumn("room", "房间", ("room",))
FIRST_NIGHT = SheetColumn("first_night", "首晚", ("first night",), width=12)
LAST_NIGHT = SheetColumn("last_night", "末晚", ("last night",), width=12)
COLUMNS = (ID_NUMBER, ROOM, FIRST_NIGHT, LAST_NIGHT)
MAX_NIGHTS = 62


def people_by_id_number(*, actor: Any, values: Any) -> dict[str, Person]:
    """The people the actor may see whose ID number is among the cells ``values`` (keyed by
    the normalised number); anyone else is simply absent, as if the number did not exist."""
    numbers = {id_number_text(v) for v in values} - {""}
    return {p.id_number: p for p in Person.objects.restrict(actor).filter(id_number__in=numbers)}


def dormitory_import(*, actor: Any, file: Any) -> ImportReport:
    """Check every row; write all the nights only when no row has an error."""
    require(actor, DormitoryNight, "change")
    report = ImportReport()
    try:
        rows = read_sheet(file, COLUMNS)
    except SheetError as exc:
        report.add(0, None, str(exc))
        return report
    people = people_by_id_number(actor=actor, values=[r.cells["id_number"] for r in rows])
    rooms = {p.name: p for p in Place.objects.restrict(actor).filter(kind=PlaceKind.DORMITORY_ROOM)}
    plan: list[tuple[Place, list[dt.date], Person]] = []
    for row in rows:
        person = people.get(id_number_text(row.cells["id_number"]))
        room = rooms.get(cell_text(row.cells["room"]))
        first, last = parse_day(row.cells["first_night"]), parse_day(row.cells["last_night"])
        if person is None:
            report.add(row.number, ID_NUMBER, _("No such person in your scope."))
        if room is None:
            report.add(row.number, ROOM, _("No such dormitory room."))
        if person and room and person.enterprise_id != room.enterprise_id:
            report.add(row.number, ROOM, _("The room is of another enterprise."))
        if first is None:
            report.add(row.number, FIRST_NIGHT, _("Not a date."))
        if last is None:
            report.add(row.number, LAST_NIGHT, _("Not a date."))
        elif first is not None and not 0 <= (last - first).days < MAX_NIGHTS:
            report.add(row.number, LAST_NIGHT, _("From the first night, at most 62 nights."))
        if person and room and first and last and not report.errors:
            nights = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
            plan.append((room, nights, person))
    if report.errors:
        return report
    with transaction.atomic():
        for room, nights, person in plan:
            report.count += dormitory_nights_assign(
                actor=actor, room=room, nights=nights, people=[person]
            )
    return report
