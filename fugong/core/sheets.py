"""The shared plumbing of an .xlsx import checked row by row (DESIGN §5 "An import is
all-or-nothing per file with a row-by-row error report"): the columns a sheet may name in either
language, reading the first sheet's non-empty rows with their Excel row numbers under a size
limit, the report of every (row, column, message), the cell parsers, and the downloadable
template with the headers.

A domain import declares its ``SheetColumn``s, reads with ``read_sheet`` and fills an
``ImportReport``; it writes nothing unless the report has no error.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from fugong.core.validators import nfkc, normalize_phone

MAX_ROWS = 5000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# 2026-3-9, 2026/03/09, 2026.3.9 and 2026年3月9日 (after NFKC).
_DAY_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@dataclass(frozen=True)
class SheetColumn:
    """A column of an import: ``header`` is the Chinese name the template writes and the
    report shows; ``names`` are the other names accepted (English), compared folded."""

    key: str
    header: str
    names: tuple[str, ...] = ()
    required: bool = True
    width: int = 16
    text: bool = False  # stored as text in the template, so Excel keeps every digit

    def accepts(self, title: str) -> bool:
        return fold(title) in {fold(self.header), *(fold(n) for n in self.names)}


@dataclass(frozen=True)
class SheetRow:
    number: int  # the Excel row number, as the clerk sees it
    cells: dict[str, Any]  # column key → the raw value (None when the column is absent)


@dataclass
class ImportReport:
    """What an import did (``count``, ``replaced``) or, when ``errors`` is not empty, why it
    did nothing: (Excel row, column header, message); row 0 concerns the whole file."""

    count: int = 0
    replaced: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)

    def add(self, row: int, column: SheetColumn | None, message: str) -> None:
        self.errors.append((row, column.header if column else "", str(message)))


class SheetError(ValueError):
    """The file as a whole cannot be imported; the message says why."""


def fold(value: Any) -> str:
    """A header compared without case, spaces or full-width forms."""
    return "".join(nfkc(str(value or "")).split()).lower()


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        value = int(value)  # a number that Excel stored as a float
    return " ".join(nfkc(str(value)).split())


def id_number_text(value: Any) -> str:
    """An ID number as the people search compares it: NFKC (full-width digits and Ｘ), no
    spaces or dashes, upper case."""
    return normalize_phone(cell_text(value)).upper()


def parse_day(value: Any) -> dt.date | None:
    """A date cell (an Excel date, or text such as 2026-03-09 or 2026年3月9日); None if not."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DAY_RE.match(cell_text(value))
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _header(values: tuple, columns: Sequence[SheetColumn]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, title in enumerate(values):
        for column in columns:
            if column.key not in positions and column.accepts(cell_text(title)):
                positions[column.key] = index
    missing = [c.header for c in columns if c.required and c.key not in positions]
    if missing:
        raise SheetError(
            gettext("Columns missing in the first row: %(names)s") % {"names": "、".join(missing)}
        )
    return positions


def sheet_lines(file: Any, *, max_rows: int = MAX_ROWS) -> list[tuple[int, tuple]]:
    """The non-empty rows of the first sheet as (Excel row number, values): the header (the
    first of them) and at most ``max_rows`` below it. Every import reads its file here.

    Raises ``SheetError`` for a file that is not a readable .xlsx, has no non-empty row, or
    has more rows than that. The rows are those the sheet holds, not those its dimension tag
    claims: some programs write a tag for fewer rows than they wrote (a reader trusting it
    would drop the others without a word), or for a million."""
    damaged = gettext("The file is not an Excel workbook (.xlsx), or it is damaged.")
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # whatever the parser trips on, the upload is not a usable .xlsx
        raise SheetError(damaged) from exc
    lines: list[tuple[int, tuple]] = []
    try:
        if not workbook.worksheets:
            raise SheetError(gettext("The sheet is empty."))
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # type: ignore[union-attr]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if not any(cell_text(v) for v in values):
                continue
            if len(lines) > max_rows:  # the header and max_rows below it are read already
                raise SheetError(
                    gettext("The file has more than %(max)d rows; split it into smaller files.")
                    % {"max": max_rows}
                )
            lines.append((number, values))
    except SheetError:
        raise
    except Exception as exc:  # the sheet is parsed lazily, so damage can surface here too
        raise SheetError(damaged) from exc
    finally:
        workbook.close()
    if not lines:
        raise SheetError(gettext("The sheet is empty."))
    return lines


def read_sheet(
    file: Any, columns: Sequence[SheetColumn], *, max_rows: int = MAX_ROWS
) -> list[SheetRow]:
    """The rows under the header (the first non-empty row) of the first sheet, by column.
    Raises ``SheetError`` as ``sheet_lines`` does, and for a missing column or no rows."""
    (_number, header), *body = sheet_lines(file, max_rows=max_rows)
    positions = _header(header, columns)
    rows: list[SheetRow] = []
    for number, values in body:
        cells = {
            key: values[index] if index < len(values) else None for key, index in positions.items()
        }
        rows.append(SheetRow(number, {c.key: cells.get(c.key) for c in columns}))
    if not rows:
        raise SheetError(gettext("There are no rows below the header."))
    return rows


def template_workbook(
    columns: Iterable[SheetColumn], *, title: str, examples: Iterable[Sequence[Any]] = ()
) -> bytes:
    """An .xlsx with the Chinese headers (bold, frozen), the columns' widths, text cells where
    digits must survive (ID numbers), and optional example rows."""
    columns = list(columns)
    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.title = title
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.text:
            sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = "A2"
    for example in examples:
        sheet.append(list(example))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
