"""Reading a roster .xlsx: the header, the rows, and every error in them (DESIGN §5).

Nothing here writes: ``RowChecker`` turns rows into unsaved people and collects every error with
the row number Excel shows, so that ``people.roster.roster_import`` can write all or nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from fugong.core.validators import (
    normalize_code,
    normalize_phone,
    validate_id_number,
    validate_phone,
    validate_region_code,
)
from fugong.org.models import Enterprise, Place, PlaceKind, Region, Team
from fugong.people.models import Person, PersonCategory, PersonStatus
from fugong.people.roster_columns import (
    CATEGORY_ZH,
    COLUMN_BY_KEY,
    COLUMN_ORDER,
    COLUMNS,
    EXAMPLE_ROW,
    HEADER_LOOKUP,
    STATUS_ZH,
    choice_hint,
    choice_lookup,
    fold,
)


@dataclass(frozen=True)
class RosterError:
    """One problem in one cell: row number as Excel shows it, column letter and label, reason."""

    row: int
    column: str
    label: str
    reason: str


class RosterFileError(Exception):
    """The file as a whole cannot be read as a roster; the message says why."""


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        value = int(value)  # a phone or region code that Excel stored as a number
    return " ".join(str(value).split())


def read_rows(file: Any) -> tuple[dict[str, int], list[tuple[int, tuple]]]:
    """The header's column positions and the non-empty rows below it, with Excel row numbers."""
    damaged = gettext("The file is not an Excel workbook (.xlsx), or it is damaged.")
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # whatever the parser trips on, the upload is not a usable .xlsx
        raise RosterFileError(damaged) from exc
    try:
        if not workbook.worksheets:
            raise RosterFileError(gettext("The workbook has no sheet."))
        sheet = workbook.worksheets[0]
        # Trust the rows themselves, not a dimension tag that may claim a million of them.
        sheet.reset_dimensions()  # type: ignore[union-attr]
        rows = enumerate(sheet.iter_rows(values_only=True), start=1)
        columns = read_header(rows)
        limit = settings.ROSTER_MAX_ROWS
        data: list[tuple[int, tuple]] = []
        for number, values in rows:
            if any(cell_text(v) for v in values):
                if len(data) == limit:
                    raise RosterFileError(
                        gettext("The file has more than %(max)d rows; split it into smaller files.")
                        % {"max": limit}
                    )
                data.append((number, values))
    except RosterFileError:
        raise
    except Exception as exc:  # the sheets are parsed lazily, so damage can surface here too
        raise RosterFileError(damaged) from exc
    finally:
        workbook.close()
    if not data:
        raise RosterFileError(gettext("There are no people below the header row."))
    return columns, data


def read_header(rows: Iterator[tuple[int, tuple]]) -> dict[str, int]:
    """The first non-empty row is the header; columns may come in any order, others are ignored."""
    for number, values in rows:
        texts = [cell_text(v) for v in values]
        if not any(texts):
            continue
        columns: dict[str, int] = {}
        for index, text in enumerate(texts):
            key = HEADER_LOOKUP.get(fold(text))
            if key is not None:
                columns.setdefault(key, index)
        missing = [c.header for c in COLUMNS if c.required and c.key not in columns]
        if missing:
            raise RosterFileError(
                gettext("The header row (row %(row)d) has no column %(columns)s.")
                % {"row": number, "columns": ", ".join(f"“{m}”" for m in missing)}
            )
        return columns
    raise RosterFileError(gettext("The first sheet is empty."))


class RowChecker:
    """Turns rows into unsaved people, collecting every error instead of stopping at the first."""

    def __init__(self, *, actor: Any, enterprise: Enterprise, columns: dict[str, int]):
        self.enterprise, self.columns = enterprise, columns
        # (row, column position, error): sorted so that the report reads like the sheet.
        self.errors: list[tuple[int, int, RosterError]] = []
        self.teams = dict(
            Team.objects.restrict(actor).filter(enterprise=enterprise).values_list("name", "pk")
        )
        self.dormitories = dict(
            Place.objects.restrict(actor)
            .filter(enterprise=enterprise, kind=PlaceKind.DORMITORY_ROOM)
            .values_list("name", "pk")
        )
        # key → (accepted spellings, the hint an error shows, the value of an empty cell)
        self.choices: dict[str, tuple[dict[str, str], str, str]] = {
            "category": (
                choice_lookup(PersonCategory, CATEGORY_ZH),
                choice_hint(PersonCategory, CATEGORY_ZH),
                PersonCategory.EMPLOYEE,
            ),
            "status": (
                choice_lookup(PersonStatus, STATUS_ZH),
                choice_hint(PersonStatus, STATUS_ZH),
                PersonStatus.ACTIVE,
            ),
        }
        self.name_max = Person._meta.get_field("name").max_length or 64

    def error(self, row: int, key: str, reason: Any) -> None:
        index = self.columns.get(key)
        letter = get_column_letter(index + 1) if index is not None else ""
        error = RosterError(row, letter, str(COLUMN_BY_KEY[key].label), str(reason))
        self.errors.append((row, COLUMN_ORDER[key], error))

    def check(self, rows: list[tuple[int, tuple]]) -> tuple[list[Person], list[RosterError]]:
        people: list[Person] = []
        id_rows: dict[str, int] = {}
        region_rows: dict[str, list[tuple[int, Person]]] = {}
        for number, values in rows:
            raw = {key: values[i] if i < len(values) else None for key, i in self.columns.items()}
            cells = {key: cell_text(value) for key, value in raw.items()}
            if tuple(cells.get(c.key, "") for c in COLUMNS) == EXAMPLE_ROW:
                continue
            person = self.person(number, raw, cells)
            if person.id_number:
                first = id_rows.setdefault(person.id_number, number)
                if first != number:
                    self.error(
                        number,
                        "id_number",
                        _("The same resident ID number is on rows %(first)d and %(row)d.")
                        % {"first": first, "row": number},
                    )
            if cells.get("home_region"):
                region_rows.setdefault(cells["home_region"], []).append((number, person))
            people.append(person)
        self.check_regions(region_rows)
        self.check_registered(id_rows)
        return people, [error for *_, error in sorted(self.errors, key=lambda e: e[:2])]

    def person(self, number: int, raw: dict[str, Any], cells: dict[str, str]) -> Person:
        person = Person(enterprise=self.enterprise, name=cells.get("name", ""))
        if not person.name:
            self.error(number, "name", _("Enter the name."))
        elif len(person.name) > self.name_max:
            self.error(number, "name", _("At most %(max)d characters.") % {"max": self.name_max})
        person.id_number = self.id_number(number, raw.get("id_number"))
        if phone := normalize_phone(cells.get("phone", "")):
            try:
                validate_phone(phone)
                person.phone = phone
            except ValidationError as exc:
                self.error(number, "phone", " ".join(exc.messages))
        person.category = self.choice(number, "category", cells.get("category", ""))
        person.status = self.choice(number, "status", cells.get("status", ""))
        names = {"enterprise": self.enterprise.name}
        if team := cells.get("team"):
            if team in self.teams:
                person.team_id = self.teams[team]
            else:
                message = _("%(enterprise)s has no team named “%(value)s”.")
                self.error(number, "team", message % {**names, "value": team})
        if room := cells.get("dormitory"):
            if room in self.dormitories:
                person.dormitory_id = self.dormitories[room]
            else:
                message = _("%(enterprise)s has no dormitory room named “%(value)s”.")
                self.error(number, "dormitory", message % {**names, "value": room})
        return person

    def id_number(self, number: int, value: Any) -> str:
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        code = (
            "".join(cell_text(value).split()).upper()
            if numeric
            else normalize_code("".join(str(value or "").split()))
        )
        if not code:
            self.error(number, "id_number", _("Enter the resident ID number."))
            return ""
        try:
            validate_id_number(code)
        except ValidationError as exc:
            reason: Any
            # Excel keeps 15 significant digits of a number: an 18-digit ID typed as a number has
            # lost its last digits, and only the cell's text format can keep them.
            if numeric and (isinstance(value, float) or len(code) >= 16):
                reason = _(
                    "The ID number was stored as a number, which loses its last digits. Format "
                    "the column as text and type the ID number again."
                )
            else:
                reason = " ".join(exc.messages)
            self.error(number, "id_number", reason)
            return ""
        return code

    def choice(self, number: int, key: str, value: str) -> str:
        lookup, hint, default = self.choices[key]
        if not value:
            return default
        if (code := lookup.get(fold(value))) is None:
            message = _("Unknown value “%(value)s”; use one of: %(allowed)s.")
            self.error(number, key, message % {"value": value, "allowed": hint})
            return default
        return code

    def check_regions(self, region_rows: dict[str, list[tuple[int, Person]]]) -> None:
        # Home regions are reference data for the whole country, not part of anyone's scope.
        codes = [code for code in region_rows if len(code) == 6 and code.isdigit()]
        known = dict(Region.objects.filter(code__in=codes).values_list("code", "pk"))
        for code, uses in region_rows.items():
            for number, person in uses:
                try:
                    validate_region_code(code)
                except ValidationError as exc:
                    self.error(number, "home_region", " ".join(exc.messages))
                    continue
                if code in known:
                    person.home_region_id = known[code]
                else:
                    self.error(
                        number, "home_region", _("No region has code %(code)s.") % {"code": code}
                    )

    def check_registered(self, id_rows: dict[str, int]) -> None:
        # ID numbers are unique across the whole system, so this check cannot be scoped; the
        # message says only that the number is taken, never by whom or where.
        ids = list(id_rows)
        for start in range(0, len(ids), 500):
            taken = Person.objects.filter(id_number__in=ids[start : start + 500])
            for id_number in taken.values_list("id_number", flat=True):
                self.error(
                    id_rows[id_number],
                    "id_number",
                    _("A person with this resident ID number is already registered."),
                )
