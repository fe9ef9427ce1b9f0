"""Checking the rows of a roster .xlsx (read by ``roster_sheet``): every error in them (DESIGN §5).

Nothing here writes: ``RowChecker`` turns rows into unsaved people, matches those already
registered with the enterprise by ID number, and collects every error with the row number Excel
shows and the person's name, so that ``people.roster`` can preview and then write all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

from fugong.core.sheets import cell_text
from fugong.core.validators import (
    normalize_code,
    normalize_phone,
    validate_id_number,
    validate_phone,
    validate_region_code,
)
from fugong.org.models import Enterprise, Place, PlaceKind, Team
from fugong.org.region_names import RegionNames
from fugong.people.models import Person, PersonCategory, PersonStatus
from fugong.people.roster_columns import (
    CATEGORY_ZH,
    COLUMN_BY_KEY,
    COLUMN_ORDER,
    COLUMNS,
    EXAMPLE_ROW,
    OLD_EXAMPLE_ROWS,
    STATUS_ZH,
    choice_hint,
    choice_lookup,
    fold,
)
from fugong.people.roster_sheet import RosterFileError, read_rows

__all__ = ["RosterError", "RosterFileError", "RowChecker", "cell_text", "read_rows"]


@dataclass(frozen=True)
class RosterError:
    """One problem in one cell: row number as Excel shows it, column letter and label, reason,
    and the name on that row, so that a clerk finds the person without counting rows."""

    row: int
    column: str
    label: str
    reason: str
    name: str = ""


class RowChecker:
    """Turns rows into unsaved people, collecting every error instead of stopping at the first.

    A row whose ID number is registered with the chosen enterprise is that person (``existing``,
    by ID number), to be updated; one registered anywhere else is an error.
    """

    def __init__(self, *, actor: Any, enterprise: Enterprise, columns: dict[str, int]):
        self.actor, self.enterprise, self.columns = actor, enterprise, columns
        # (row, column position, error): sorted so that the report reads like the sheet.
        self.errors: list[tuple[int, int, RosterError]] = []
        self.names: dict[int, str] = {}
        self.existing: dict[str, Person] = {}
        # Names compared as the cells are read (NFKC, spaces collapsed): a clerk's １号楼１０１
        # is the room 1号楼101.
        teams = Team.objects.restrict(actor).filter(enterprise=enterprise)
        self.teams = {cell_text(name): pk for name, pk in teams.values_list("name", "pk")}
        rooms = Place.objects.restrict(actor).filter(
            enterprise=enterprise, kind=PlaceKind.DORMITORY_ROOM
        )
        self.dormitories = {cell_text(name): pk for name, pk in rooms.values_list("name", "pk")}
        # key → (accepted spellings, the hint an error shows, the value of an empty cell)
        self.choices: dict[str, tuple[dict[str, str], str, str]] = {
            "category": (
                choice_lookup(PersonCategory, CATEGORY_ZH),
                choice_hint(CATEGORY_ZH),
                PersonCategory.EMPLOYEE,
            ),
            "status": (
                choice_lookup(PersonStatus, STATUS_ZH),
                choice_hint(STATUS_ZH),
                PersonStatus.ACTIVE,
            ),
        }
        self.name_max = Person._meta.get_field("name").max_length or 64

    def error(self, row: int, key: str, reason: Any) -> None:
        index = self.columns.get(key)
        letter = get_column_letter(index + 1) if index is not None else ""
        label = str(COLUMN_BY_KEY[key].label)
        error = RosterError(row, letter, label, str(reason), self.names.get(row, ""))
        self.errors.append((row, COLUMN_ORDER[key], error))

    def check(self, rows: list[tuple[int, tuple]]) -> tuple[list[Person], list[RosterError]]:
        people: list[Person] = []
        id_rows: dict[str, int] = {}
        region_rows: dict[str, list[tuple[int, Person]]] = {}
        for number, values in rows:
            raw = {key: values[i] if i < len(values) else None for key, i in self.columns.items()}
            cells = {key: cell_text(value) for key, value in raw.items()}
            as_row = tuple(cells.get(c.key, "") for c in COLUMNS)
            if as_row == EXAMPLE_ROW or as_row in OLD_EXAMPLE_ROWS:
                continue
            self.names[number] = cells.get("name", "")
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
        if region_rows:
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
        regions = RegionNames()
        for text, uses in region_rows.items():
            match, reason = regions.resolve(text), None
            if "".join(text.split()).isdigit():
                try:
                    validate_region_code("".join(text.split()))
                except ValidationError as exc:
                    reason = " ".join(exc.messages)
                if reason is None and match.pk is None:
                    reason = _("No region has code %(code)s.") % {"code": text}
            elif match.candidates:
                reason = _(
                    "“%(value)s” may be any of %(candidates)s; write the city or province "
                    "before it, or the 6-digit code."
                ) % {"value": text, "candidates": "、".join(match.candidates)}
            elif match.pk is None:
                reason = _("No region is named “%(value)s”.") % {"value": text}
            for number, person in uses:
                if reason is None:
                    person.home_region_id = match.pk
                else:
                    self.error(number, "home_region", reason)

    def check_registered(self, id_rows: dict[str, int]) -> None:
        # ID numbers are unique across the whole system, so this check cannot be scoped; the
        # message says only that the number is taken elsewhere, never by whom or where.
        ids = list(id_rows)
        mine = Person.objects.restrict(self.actor).filter(enterprise=self.enterprise)
        for start in range(0, len(ids), 500):
            batch = ids[start : start + 500]
            self.existing.update(
                (person.id_number, person)
                for person in mine.filter(id_number__in=batch).select_related(
                    "team", "dormitory", "home_region"
                )
            )
            taken = Person.objects.filter(id_number__in=batch).values_list("id_number", flat=True)
            for id_number in taken:
                if id_number in self.existing:
                    continue
                self.error(
                    id_rows[id_number],
                    "id_number",
                    _(
                        "A person with this resident ID number is already registered with "
                        "another enterprise."
                    ),
                )
