"""Roster import and export as .xlsx (DESIGN §3.2; §5 "an import is all-or-nothing per file").

One column definition (``roster_columns.COLUMNS``, re-exported here) serves the downloadable
template, the import and the export, so a template filled in, or a file exported here with full
identifiers, reads back. An import checks every row first (``roster_read``), collecting every
error with the row number Excel shows, and writes nothing unless every row is good.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fugong.audit.models import PiiAction
from fugong.audit.services import audit_bulk_created, pii_access_record
from fugong.core.pinyin import fill_sort_keys
from fugong.core.roles import PEOPLE_EDITOR_ROLES
from fugong.core.scope import get_scoped_or_404
from fugong.org.models import Enterprise
from fugong.people.models import Person, PersonCategory, PersonStatus
from fugong.people.roster_columns import (
    CATEGORY_ZH,
    COLUMNS,
    ENTERPRISE_COLUMN,
    EXAMPLE_ROW,
    STATUS_ZH,
    Column,
)
from fugong.people.roster_read import RosterError, RosterFileError, RowChecker, read_rows
from fugong.people.selectors import may_see_pii, person_list

__all__ = [
    "COLUMNS",
    "RosterError",
    "RosterExport",
    "RosterResult",
    "roster_errors_workbook",
    "roster_export",
    "roster_import",
    "roster_template_workbook",
]

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BATCH_SIZE = 1000
EXPORT_CHUNK_SIZE = 2000
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


# --- the template ----------------------------------------------------------------------------


def _style_header(sheet: Worksheet, columns: Iterable[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.text:
            sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = "A2"


def roster_template_workbook() -> bytes:
    """The empty roster: a header row, one example row and a sheet of instructions."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "花名册 Roster"
    _style_header(sheet, COLUMNS)
    for index, value in enumerate(EXAMPLE_ROW, start=1):
        cell = sheet.cell(row=2, column=index, value=value)
        cell.font = Font(italic=True, color="808080")
        if COLUMNS[index - 1].text:
            cell.number_format = "@"

    notes = workbook.create_sheet("说明 Instructions")
    notes.column_dimensions["A"].width, notes.column_dimensions["B"].width = 24, 80
    lines: list[tuple[Any, Any]] = [
        (gettext("Roster of people"), ""),
        (gettext("Fill one person per row on the first sheet, from row 3 on."), ""),
        (gettext("Row 2 is an example: it is skipped on import, you may delete it."), ""),
        (
            gettext("If any row has an error nothing is imported; fix the rows and upload again."),
            "",
        ),
        ("", ""),
        (gettext("Column"), gettext("How to fill it")),
        *((column.header, str(column.help)) for column in COLUMNS),
        ("", ""),
        (gettext("Category values"), ""),
        *(_choice_note(code, label, CATEGORY_ZH) for code, label in PersonCategory.choices),
        (gettext("Status values"), ""),
        *(_choice_note(code, label, STATUS_ZH) for code, label in PersonStatus.choices),
    ]
    for line in lines:
        notes.append(line)
    for row in (1, 6):
        notes.cell(row=row, column=1).font = HEADER_FONT
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _choice_note(code: str, label: Any, zh: dict) -> tuple[str, str]:
    with translation.override("en"):
        english = str(label)
    return zh[code][0], f"{english} · {code}"


@dataclass
class RosterResult:
    """What an import did: ``created`` people, or a file ``problem``, or row ``errors``."""

    created: int = 0
    problem: str = ""
    errors: list[RosterError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problem and not self.errors


def roster_import(*, actor: Any, enterprise: Enterprise, file: Any) -> RosterResult:
    """Import every row of an .xlsx roster into ``enterprise``, or none of them.

    The enterprise must be in the actor's scope (404 otherwise, as if it did not exist). Rows are
    written in one transaction with bulk inserts; should the database refuse any of them (an ID
    number registered meanwhile), the whole file is rolled back.
    """
    if not (
        getattr(actor, "is_superuser", False) or getattr(actor, "role", "") in PEOPLE_EDITOR_ROLES
    ):
        raise PermissionDenied
    enterprise = get_scoped_or_404(Enterprise.objects.all(), actor, pk=enterprise.pk)
    try:
        columns, rows = read_rows(file)
    except RosterFileError as exc:
        return RosterResult(problem=str(exc))
    people, errors = RowChecker(actor=actor, enterprise=enterprise, columns=columns).check(rows)
    if errors:
        return RosterResult(errors=errors)
    try:
        with transaction.atomic():
            fill_sort_keys(people)  # bulk_create does not call save(), which fills them
            Person.objects.bulk_create(people, batch_size=BATCH_SIZE)
            audit_bulk_created(objects=people, actor=actor, note="roster import")
    except IntegrityError:
        return RosterResult(
            problem=gettext(
                "Someone registered one of these ID numbers while the file was being imported. "
                "Nothing was imported; upload the file again to see which row."
            )
        )
    return RosterResult(created=len(people))


def roster_errors_workbook(errors: Iterable[RosterError]) -> bytes:
    """The row-by-row error report of a refused import, to fix the file beside it."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(gettext("Errors"))
    for letter, width in (("A", 8), ("B", 10), ("C", 22), ("D", 80)):
        sheet.column_dimensions[letter].width = width
    sheet.append([gettext("Row"), gettext("Column"), gettext("Field"), gettext("Error")])
    for error in errors:
        sheet.append([error.row, error.column, error.label, _plain(sheet, error.reason)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- the export ------------------------------------------------------------------------------


def _plain(sheet: Any, value: Any) -> Any:
    """A text that starts with '=' stays text: an exported name must never run as a formula."""
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


@dataclass
class RosterExport:
    file: IO[bytes]
    count: int
    unmasked: bool


def roster_export(
    *, actor: Any, filters: Any = None, unmasked: bool = False, ip_address: str | None = None
) -> RosterExport:
    """The people directory as .xlsx, with the list page's filters and the actor's scope.

    Identifiers are masked unless the caller asks for them and the actor's role may see them;
    an unmasked export is written to the personal-information access log.
    """
    reveal = unmasked and may_see_pii(actor=actor)
    people, _filterset = person_list(actor=actor, filters=filters)
    people = people.select_related("dormitory", "home_region")
    columns = (*COLUMNS, ENTERPRISE_COLUMN)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("花名册 Roster")
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        header.append(cell)
    sheet.append(header)
    count = 0
    for person in people.iterator(chunk_size=EXPORT_CHUNK_SIZE):
        row = (
            person.name,
            person.id_number if reveal else person.id_number_masked,
            person.phone if reveal else person.phone_masked,
            person.get_category_display(),
            person.team.name if person.team else "",
            person.dormitory.name if person.dormitory else "",
            person.home_region.code if person.home_region else "",
            person.get_status_display(),
            person.enterprise.name,
        )
        sheet.append([_plain(sheet, value) for value in row])
        count += 1
    # Spooled: small exports stay in memory, large ones go to disk instead of filling it. The
    # response closes it once sent, so no context manager here.
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    workbook.save(out)
    out.seek(0)
    if reveal:
        pii_access_record(
            user=actor,
            action=PiiAction.EXPORT,
            record_count=count,
            detail=_filter_querystring(filters),
            ip_address=ip_address,
        )
    return RosterExport(file=out, count=count, unmasked=reveal)  # type: ignore[arg-type]


def _filter_querystring(filters: Any) -> str:
    if not filters:
        return ""
    if hasattr(filters, "lists"):
        pairs = [(k, v) for k, values in filters.lists() for v in values if k != "unmasked"]
    else:
        pairs = [(k, v) for k, v in dict(filters).items() if k != "unmasked"]
    return urlencode(pairs)
