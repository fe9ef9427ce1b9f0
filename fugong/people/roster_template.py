"""The downloadable roster template: Chinese headers, an example row, drop-down lists.

The lists (category, status, and the teams of the chosen enterprise by name) live on a hidden
sheet and are offered by Excel's data validation, so a clerk picks a value instead of typing one
that the import would refuse. A list on a sheet, not in the validation itself, because Excel
caps an inline list at 255 characters and an enterprise may have many teams.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from fugong.people.roster_columns import (
    CATEGORY_ZH,
    COLUMN_ORDER,
    COLUMNS,
    EXAMPLE_ROW,
    STATUS_ZH,
    Column,
    choice_names,
)

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
ROSTER_SHEET = "花名册"
LISTS_SHEET = "选项"
NOTES_SHEET = "说明"


def style_header(sheet: Worksheet, columns: Iterable[Column], *, row: int = 1) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=row, column=index, value=column.header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.text:
            sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = f"A{row + 1}"


def _drop_down(workbook: Workbook, sheet: Worksheet, key: str, values: Sequence[str]) -> None:
    """Offer ``values`` (written to the hidden lists sheet) in the roster column ``key``."""
    lists = workbook[LISTS_SHEET]
    list_column = get_column_letter(COLUMN_ORDER[key] + 1)
    lists[f"{list_column}1"] = next(c.header for c in COLUMNS if c.key == key)
    for row, value in enumerate(values, start=2):
        lists[f"{list_column}{row}"] = value
    source = f"{quote_sheetname(LISTS_SHEET)}!${list_column}$2:${list_column}${len(values) + 1}"
    validation = DataValidation(type="list", formula1=source, allow_blank=True)
    validation.error = gettext("Choose a value from the list.")
    validation.errorTitle = gettext("Not in the list")
    validation.showErrorMessage = True
    sheet.add_data_validation(validation)
    letter = get_column_letter(COLUMN_ORDER[key] + 1)
    validation.add(f"{letter}2:{letter}{settings.ROSTER_MAX_ROWS + 2}")


def roster_template_workbook(*, teams: Sequence[str] = ()) -> bytes:
    """The empty roster: a header row, one example row, drop-down lists, and instructions.

    ``teams`` are the team names of the enterprise the template is for (none: a free column).
    """
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = ROSTER_SHEET
    style_header(sheet, COLUMNS)
    for index, value in enumerate(EXAMPLE_ROW, start=1):
        cell = sheet.cell(row=2, column=index, value=value)
        cell.font = Font(italic=True, color="808080")
        if COLUMNS[index - 1].text:
            cell.number_format = "@"

    workbook.create_sheet(LISTS_SHEET).sheet_state = "hidden"
    _drop_down(workbook, sheet, "category", choice_names(CATEGORY_ZH))
    _drop_down(workbook, sheet, "status", choice_names(STATUS_ZH))
    if teams:
        _drop_down(workbook, sheet, "team", sorted(teams))

    notes = workbook.create_sheet(NOTES_SHEET)
    notes.column_dimensions["A"].width, notes.column_dimensions["B"].width = 24, 80
    lines: list[tuple[Any, Any]] = [
        (gettext("Roster of people"), ""),
        (gettext("Fill one person per row on the first sheet, from row 3 on."), ""),
        (gettext("Row 2 is an example: it is skipped on import, you may delete it."), ""),
        (
            gettext(
                "People already registered with the enterprise are matched by ID number and "
                "updated; you see every change before it is applied."
            ),
            "",
        ),
        (
            gettext("If any row has an error nothing is imported; fix the rows and upload again."),
            "",
        ),
        ("", ""),
        (gettext("Column"), gettext("How to fill it")),
        *((column.header, str(column.help)) for column in COLUMNS),
        ("", ""),
        (gettext("Category values"), "、".join(choice_names(CATEGORY_ZH))),
        (gettext("Status values"), "、".join(choice_names(STATUS_ZH))),
    ]
    for line in lines:
        notes.append(line)
    for row in (1, 7):
        notes.cell(row=row, column=1).font = HEADER_FONT
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
