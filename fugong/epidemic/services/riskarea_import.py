"""Importing risk areas from .xlsx: every row checked, then all or nothing (DESIGN §5).

Columns (header row, Chinese or English): region (code or name), level (high/medium/low or
高/中/低), valid from, valid to (empty: until revoked), note. The check answers the rows it
would add and every row's errors; the preview shows them; the confirmation adds them all in
one transaction, or nothing when any row is wrong.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from fugong.core.permissions import require
from fugong.core.sheets import SheetError, sheet_lines
from fugong.core.validators import nfkc
from fugong.epidemic.models import RiskArea, RiskLevel
from fugong.epidemic.services.riskarea import riskarea_build
from fugong.epidemic.services.status import health_status_invalidate

MAX_ROWS = 5000
# Header names, folded (lower case, no spaces), to the field they fill.
HEADERS = {
    "region": "region", "地区": "region", "地区代码或名称": "region", "regioncodeorname": "region",
    "level": "level", "risklevel": "level", "风险等级": "level", "等级": "level",
    "validfrom": "valid_from", "开始日期": "valid_from", "生效日期": "valid_from",
    "validto": "valid_to", "结束日期": "valid_to", "截止日期": "valid_to",
    "note": "note", "备注": "note",
}  # fmt: skip
LEVELS = {
    "high": RiskLevel.HIGH, "高": RiskLevel.HIGH, "高风险": RiskLevel.HIGH,
    "medium": RiskLevel.MEDIUM, "中": RiskLevel.MEDIUM, "中风险": RiskLevel.MEDIUM,
    "low": RiskLevel.LOW, "低": RiskLevel.LOW, "低风险": RiskLevel.LOW,
}  # fmt: skip
TEMPLATE_HEADER = ["地区代码或名称", "风险等级", "开始日期", "结束日期", "备注"]


@dataclass(frozen=True)
class ImportRow:
    row: int
    region_code: str
    region_name: str
    level: str
    valid_from: dt.date
    valid_to: dt.date | None
    note: str


@dataclass(frozen=True)
class ImportError_:
    row: int
    column: str
    message: str


def _fold(value: Any) -> str:
    return "".join(nfkc(str(value or "")).split()).lower()


def _date(value: Any, column: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = nfkc(str(value)).strip().replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError({column: _("Write the date as 2026-03-01.")}) from None


def riskareas_check(*, file: Any) -> tuple[list[ImportRow], list[ImportError_], str]:
    """(rows, errors, problem with the whole file) of an uploaded .xlsx."""
    try:
        lines = sheet_lines(file, max_rows=MAX_ROWS)
    except SheetError as exc:
        return [], [], str(exc)
    number, header = lines[0]
    columns = {HEADERS[_fold(c)]: i for i, c in enumerate(header) if _fold(c) in HEADERS}
    missing = [f for f in ("region", "level", "valid_from") if f not in columns]
    if missing:
        return [], [], gettext("The header row must name the region, the level and the start date.")
    rows: list[ImportRow] = []
    errors: list[ImportError_] = []
    for number, values in lines[1:]:

        def cell(name: str, values: tuple = values) -> Any:
            index = columns.get(name)
            return values[index] if index is not None and index < len(values) else None

        try:
            level = LEVELS.get(_fold(cell("level")))
            if level is None:
                raise ValidationError({"level": _("The level is high, medium or low.")})
            start = _date(cell("valid_from"), "valid_from")
            if start is None:
                raise ValidationError({"valid_from": _("The start date is required.")})
            area = riskarea_build(
                region=str(cell("region") or "").strip(),
                level=level,
                valid_from=start,
                valid_to=_date(cell("valid_to"), "valid_to"),
                note=nfkc(str(cell("note") or "")).strip()[:200],
            )
        except ValidationError as exc:
            for column, messages in exc.message_dict.items():
                errors.extend(ImportError_(number, column, m) for m in messages)
            continue
        rows.append(
            ImportRow(
                number,
                area.region.code,
                area.region.name,
                area.level,
                area.valid_from,
                area.valid_to,
                area.note,
            )  # fmt: skip
        )
    return rows, errors, ""


@transaction.atomic
def riskareas_import(*, actor: Any, rows: list[ImportRow]) -> int:
    """Add every previewed row, or none (each row is checked again as it is saved)."""
    require(actor, RiskArea, "change")
    for row in rows:
        area = riskarea_build(
            region=row.region_code, level=row.level, valid_from=row.valid_from,
            valid_to=row.valid_to, note=row.note,
        )  # fmt: skip
        area.save()  # one by one, so the audit trail has each area
    health_status_invalidate()
    return len(rows)


def riskareas_template() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "风险地区"  # type: ignore[union-attr]
    sheet.append(TEMPLATE_HEADER)  # type: ignore[union-attr]
    sheet.append(["140925", "中", "2026-03-01", "2026-03-14", ""])  # type: ignore[union-attr]
    sheet.append(["太原市", "低", "2026-03-01", "", ""])  # type: ignore[union-attr]
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def errors_workbook(errors: list[ImportError_]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([gettext("Row"), gettext("Column"), gettext("Error")])  # type: ignore[union-attr]
    for error in errors:
        sheet.append([error.row, error.column, error.message])  # type: ignore[union-attr]
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
