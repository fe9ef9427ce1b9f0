"""Reading the sheet of a roster .xlsx: the header row, the non-empty rows, and the refusals
that concern the file as a whole (not a workbook, no header, too many rows, a masked export).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from fugong.core.sheets import SheetError, cell_text, sheet_lines
from fugong.people.roster_columns import COLUMNS, HEADER_LOOKUP, MASKED_NOTICE, fold


class RosterFileError(Exception):
    """The file as a whole cannot be read as a roster; the message says why."""


def read_rows(file: Any) -> tuple[dict[str, int], list[tuple[int, tuple]]]:
    """The header's column positions and the non-empty rows below it, with Excel row numbers."""
    try:
        lines = iter(sheet_lines(file, max_rows=settings.ROSTER_MAX_ROWS))
    except SheetError as exc:
        raise RosterFileError(str(exc)) from exc
    columns = read_header(lines)
    data = list(lines)
    id_index = columns["id_number"]
    for _number, values in data:
        if id_index < len(values) and "*" in cell_text(values[id_index]):
            raise RosterFileError(masked_file_message())
    if not data:
        raise RosterFileError(gettext("There are no people below the header row."))
    return columns, data


def is_masked_notice(text: str) -> bool:
    """Whether a first cell is the notice of a masked export, in whichever language it was made."""
    notices = set()
    for language in ("zh-hans", "en"):
        with translation.override(language):
            notices.add(fold(MASKED_NOTICE))
    return fold(text) in notices


def masked_file_message() -> str:
    return gettext(
        "This is an export with masked ID numbers (with *): it cannot be imported. Import a "
        "filled-in template, or an export with full identifiers."
    )


def read_header(rows: Iterator[tuple[int, tuple]]) -> dict[str, int]:
    """The first non-empty row is the header; columns may come in any order, others are ignored."""
    for number, values in rows:
        texts = [cell_text(v) for v in values]
        if not any(texts):
            continue
        if is_masked_notice(texts[0]):
            raise RosterFileError(masked_file_message())
        columns: dict[str, int] = {}
        for index, text in enumerate(texts):
            key = HEADER_LOOKUP.get(fold(text))
            if key is not None:
                columns.setdefault(key, index)
        missing = [c.header for c in COLUMNS if c.required and c.key not in columns]
        if missing:
            raise RosterFileError(
                gettext("The header row (row %(row)d) has no column %(columns)s.")
                % {"row": number, "columns": "、".join(f"“{m}”" for m in missing)}
            )
        return columns
    raise RosterFileError(gettext("The first sheet is empty."))
