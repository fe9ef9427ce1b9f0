"""The .xlsx export of the metrics: a sheet of the metrics with their definitions and a sheet
of the enterprises behind them (numerators and denominators, exact)."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from fugong.dailyreport.dashboards import METRIC_NAMES


def metrics_workbook(*, result: Any, rows: list[dict[str, Any]]) -> bytes:
    book = Workbook()
    sheet = book.worksheets[0]
    assert isinstance(sheet, Worksheet)
    sheet.title = _("Metrics")[:31]
    sheet.append([_("From"), result.start.isoformat(), _("To"), result.end.isoformat()])
    sheet.append([_("Metric"), _("Numerator"), _("Denominator"), _("Rate"), _("Definition")])
    for ratio in result.ratios.values():
        sheet.append(
            [str(ratio.label), ratio.numerator, ratio.denominator, ratio.percent,
             str(ratio.definition)]
        )  # fmt: skip
    detail = book.create_sheet(_("Enterprises")[:31])
    header = [_("Enterprise")]
    for name in METRIC_NAMES:
        label = str(rows[0]["ratios"][name].label) if rows else name
        header += [f"{label} {_('Numerator')}", f"{label} {_('Denominator')}", label]
    detail.append(header)
    for row in rows:
        line: list[Any] = [row["name"]]
        for name in METRIC_NAMES:
            ratio = row["ratios"][name]
            line += [ratio.numerator, ratio.denominator, ratio.percent]
        detail.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
