"""Every .xlsx import reads its rows through ``core.sheets.sheet_lines``: all the rows the sheet
holds (whatever its dimension tag claims), blank rows skipped, a limit, clear refusals."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from fugong.core.sheets import SheetError, sheet_lines


def workbook(rows: list[list[Any]], *, dimension: str | None = None) -> io.BytesIO:
    """An .xlsx of ``rows``; ``dimension`` rewrites the sheet's dimension tag, as programs that
    write the tag before they know how many rows follow leave it."""
    book = Workbook()
    sheet = book.worksheets[0]
    assert isinstance(sheet, Worksheet)
    for row in rows:
        sheet.append(row)
    raw = io.BytesIO()
    book.save(raw)
    if dimension is None:
        raw.seek(0)
        return raw
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), data
                )
            target.writestr(item, data)
    out.seek(0)
    return out


def test_every_row_is_read_even_when_the_dimension_tag_claims_fewer():
    rows: list[list[Any]] = [["名称", "数量"], ["甲", 1], ["乙", 2], ["丙", 3]]
    lines = sheet_lines(workbook(rows, dimension="A1:B2"))
    assert [values[:2] for _number, values in lines] == [tuple(r) for r in rows]


def test_blank_rows_are_skipped_and_rows_keep_their_excel_numbers():
    lines = sheet_lines(workbook([[None], ["名称"], [None, None], ["甲"], ["  "], ["乙"]]))
    assert [(number, values[0]) for number, values in lines] == [(2, "名称"), (4, "甲"), (6, "乙")]


@pytest.mark.parametrize(("count", "refused"), [(3, False), (4, True)])
def test_more_rows_than_the_limit_below_the_header_are_refused(count, refused):
    rows = [["名称"], *[[f"人{n}"] for n in range(count)]]
    if refused:
        with pytest.raises(SheetError, match="more than 3 rows"):
            sheet_lines(workbook(rows), max_rows=3)
    else:
        assert len(sheet_lines(workbook(rows), max_rows=3)) == 4


@pytest.mark.parametrize("content", [b"", b"not a workbook", b"PK\x03\x04broken"])
def test_a_file_that_is_not_a_workbook_is_refused_clearly(content):
    with pytest.raises(SheetError, match=r"not an Excel workbook \(\.xlsx\)"):
        sheet_lines(io.BytesIO(content))


def test_an_empty_sheet_is_refused_clearly():
    with pytest.raises(SheetError, match="empty"):
        sheet_lines(workbook([[None, None], []]))
