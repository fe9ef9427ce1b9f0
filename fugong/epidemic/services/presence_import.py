"""Import of dormitory assignments from an .xlsx: all or nothing per file, every error listed
with its Excel row (DESIGN §5 "An import is all-or-nothing per file with a row-by-row error
report").

Columns, in the first row, in either language: ID number (身份证号), room (房间), first night
(首晚), last night (末晚). People are found by their ID number among those the officer may
see (the importing roles are the ones allowed to search by number); rooms by name among the
dormitory rooms in scope.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from fugong.core.permissions import require
from fugong.epidemic.models import DormitoryNight
from fugong.epidemic.services.presence import dormitory_nights_assign
from fugong.org.models import Place, PlaceKind
from fugong.people.models import Person

HEADERS = {
    "id_number": ("身份证号", "id number"),
    "room": ("房间", "room"),
    "first_night": ("首晚", "first night"),
    "last_night": ("末晚", "last night"),
}
MAX_ROWS = 5000
MAX_NIGHTS = 62


@dataclass
class ImportReport:
    nights: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # row, column, message


def _text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_text(value).replace("/", "-"))
    except ValueError:
        return None


def _read(file: Any) -> tuple[dict[str, int], list[tuple[int, tuple]]]:
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
        rows = list(enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1))
        workbook.close()
    except Exception as exc:  # whatever the parser trips on, the upload is not a usable .xlsx
        raise ValueError(_("The file is not an Excel workbook (.xlsx), or it is damaged.")) from exc
    if not rows:
        raise ValueError(_("The sheet is empty."))
    header = [_text(v).lower() for v in rows[0][1]]
    columns: dict[str, int] = {}
    for key, names in HEADERS.items():
        for index, text in enumerate(header):
            if text in names:
                columns[key] = index
    missing = [HEADERS[k][0] for k in HEADERS if k not in columns]
    if missing:
        raise ValueError(
            _("Columns missing in the first row: %(names)s") % {"names": "、".join(missing)}
        )
    data = [(n, values) for n, values in rows[1:] if any(_text(v) for v in values)]
    if len(data) > MAX_ROWS:
        raise ValueError(_("At most %(max)d rows per file.") % {"max": MAX_ROWS})
    return columns, data


def dormitory_import(*, actor: Any, file: Any) -> ImportReport:
    """Check every row; write all the nights only when no row has an error."""
    require(actor, DormitoryNight, "change")
    report = ImportReport()
    try:
        columns, rows = _read(file)
    except ValueError as exc:
        report.errors.append((0, "", str(exc)))
        return report

    def cell(values: tuple, key: str) -> Any:
        index = columns[key]
        return values[index] if index < len(values) else None

    numbers = {_text(cell(v, "id_number")).upper() for _, v in rows}
    people = {p.id_number: p for p in Person.objects.restrict(actor).filter(id_number__in=numbers)}
    rooms = {p.name: p for p in Place.objects.restrict(actor).filter(kind=PlaceKind.DORMITORY_ROOM)}
    plan: list[tuple[Place, list[dt.date], Person]] = []
    for number, values in rows:
        person = people.get(_text(cell(values, "id_number")).upper())
        room = rooms.get(_text(cell(values, "room")))
        first, last = _day(cell(values, "first_night")), _day(cell(values, "last_night"))
        if person is None:
            report.errors.append(
                (number, HEADERS["id_number"][0], _("No such person in your scope."))
            )
        if room is None:
            report.errors.append((number, HEADERS["room"][0], _("No such dormitory room.")))
        if person and room and person.enterprise_id != room.enterprise_id:
            report.errors.append(
                (number, HEADERS["room"][0], _("The room is of another enterprise."))
            )
        if first is None:
            report.errors.append((number, HEADERS["first_night"][0], _("Not a date.")))
        if last is None:
            report.errors.append((number, HEADERS["last_night"][0], _("Not a date.")))
        elif first is not None and not 0 <= (last - first).days < MAX_NIGHTS:
            report.errors.append(
                (number, HEADERS["last_night"][0], _("From the first night, at most 62 nights."))
            )
        if person and room and first and last and not report.errors:
            nights = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
            plan.append((room, nights, person))
    if report.errors:
        return report
    with transaction.atomic():
        for room, nights, person in plan:
            report.nights += dormitory_nights_assign(
                actor=actor, room=room, nights=nights, people=[person]
            )
    return report
