"""The Excel upload of daily reports for many units at once (DESIGN §3.4).

The template lists the units in the uploader's scope that are due, with the day (yesterday)
and their normal figures filled in; the clerk fills operating, staff and output. Reading checks
every row and collects every error (row, column, message); the file is stored only if there is
none, all of it at once through ``reports_submit_batch``.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fugong.core.sheets import SheetError, cell_text, sheet_lines
from fugong.core.validators import nfkc
from fugong.dailyreport.deadlines import day_due
from fugong.dailyreport.services import report_check
from fugong.org.models import Enterprise, EnterpriseKind, EnterpriseStatus

MAX_ROWS = 5000
# Column key, Chinese header (the clerks' words), width.
COLUMNS = (
    ("credit_code", "统一社会信用代码", 22),
    ("name", "企业名称", 28),
    ("day", "日期", 12),
    ("operating", "是否开工", 10),
    ("normal_headcount", "正常在册人数", 14),
    ("staff_on_duty", "在岗人数", 12),
    ("output", "产量", 12),
    ("normal_output", "正常产量", 12),
    ("notes", "备注", 30),
)
HEADERS = [header for _key, header, _width in COLUMNS]
YES, NO = "是", "否"


@dataclass(frozen=True)
class UploadError:
    row: int
    column: str
    message: str


@dataclass
class UploadResult:
    items: list[dict[str, Any]] = field(default_factory=list)
    errors: list[UploadError] = field(default_factory=list)
    problem: str = ""


def template_workbook(*, actor: Any) -> bytes:
    """One row per unit in scope (active, not a group) with yesterday's date."""
    book = Workbook()
    sheet = book.worksheets[0]
    assert isinstance(sheet, Worksheet)
    sheet.title = "日报"
    sheet.append(HEADERS)
    for index, (_key, _header, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    day = day_due().isoformat()
    units = (
        Enterprise.objects.restrict(actor)
        .filter(status=EnterpriseStatus.ACTIVE)
        .exclude(kind=EnterpriseKind.GROUP)
        .order_by("name_pinyin")
    )
    for unit in units:
        sheet.append(
            [unit.credit_code, unit.name, day, YES, unit.normal_headcount, None, None,
             unit.normal_daily_output, ""]
        )  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _note(value: Any) -> str:
    """A note as the clerk wrote it, line breaks kept: ``cell_text``, which reads every other
    cell, collapses spaces and line breaks into one space."""
    return nfkc(str(value)).strip() if value is not None else ""


def _day(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(cell_text(value).replace("/", "-"))
    except ValueError:
        return None


TRUE_WORDS = {YES, "1", "yes", "y", "true", "开工"}
FALSE_WORDS = {NO, "0", "no", "n", "false", "停产", "未开工"}


def _values(raw: dict[str, Any]) -> dict[str, Any]:
    operating = cell_text(raw.get("operating")).lower()
    if operating not in TRUE_WORDS | FALSE_WORDS:
        raise ValidationError({"operating": _("Write 是 or 否.")})
    return {
        "operating": operating in TRUE_WORDS,
        "normal_headcount": cell_text(raw.get("normal_headcount")) or None,
        "staff_on_duty": cell_text(raw.get("staff_on_duty")) or "0",
        "output": cell_text(raw.get("output")) or "0",
        "normal_output": cell_text(raw.get("normal_output")) or None,
        "notes": _note(raw.get("notes")),
    }


def upload_check(*, actor: Any, file: IO[bytes], now: dt.datetime | None = None) -> UploadResult:
    """Read and check every row; the items are JSON-ready (ids and strings) for the preview."""
    now = now or timezone.now()
    result = UploadResult()
    try:
        (_first, headers), *body = sheet_lines(file, max_rows=MAX_ROWS)
    except SheetError as exc:
        result.problem = str(exc)
        return result
    if [cell_text(v) for v in headers[: len(HEADERS)]] != HEADERS:
        result.problem = _("The first row must be the template's headers. Download the template.")
        return result
    codes = {cell_text(row[0]) for _number, row in body}
    units = {
        e.credit_code: e for e in Enterprise.objects.restrict(actor).filter(credit_code__in=codes)
    }
    header = {key: header for key, header, _width in COLUMNS}
    seen: set[tuple[int, dt.date]] = set()
    for number, row in body:
        raw = {key: row[i] if i < len(row) else None for i, (key, _h, _w) in enumerate(COLUMNS)}
        enterprise = units.get(cell_text(raw["credit_code"]))
        if enterprise is None:
            result.errors.append(
                UploadError(
                    number, header["credit_code"], _("No enterprise with this code in your scope.")
                )
            )
            continue
        day = _day(raw["day"])
        try:
            values = _values(raw)
            report_check(actor=actor, enterprise=enterprise, day=day, now=now, values=values)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                for message in messages:
                    result.errors.append(UploadError(number, header.get(name, name), message))
            continue
        except PermissionDenied:
            result.errors.append(
                UploadError(
                    number, header["credit_code"], _("No enterprise with this code in your scope.")
                )
            )
            continue
        if (enterprise.pk, day) in seen:
            result.errors.append(
                UploadError(number, header["day"], _("This enterprise and day appear twice."))
            )
            continue
        seen.add((enterprise.pk, day))
        result.items.append(
            {"enterprise": enterprise.pk, "name": enterprise.name, "day": day.isoformat(),
             **{k: (str(v) if isinstance(v, Decimal) else v) for k, v in values.items()}}
        )  # fmt: skip
    return result
