"""The screening records as .xlsx: the page's rows (same filters, same scope), ID numbers
masked, a fever marked by the threshold of the reading's day. Written row by row (openpyxl
write-only); a text that starts with "=" stays text."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from fugong.epidemic.models import Screening
from fugong.epidemic.models.common import symptom_labels
from fugong.epidemic.screening_tables import recorded_by, who
from fugong.epidemic.selectors.screening_list import is_fever
from fugong.people.roster_export import plain

# The most rows one export holds (a month of a large mine's gates); narrow the days for more.
MAX_ROWS = 50_000


def screening_workbook(rows: Iterable[Screening]) -> bytes:
    """``rows`` of ``screening_rows`` (each carries its day's fever threshold) as a workbook;
    the fever column is judged as the page's badge is."""
    yes = _("Yes")
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Screenings")[:31])
    sheet.append(
        [
            _("Measured at"),
            _("Checkpoint"),
            _("Enterprise"),
            _("Person"),
            _("Resident ID number"),
            _("Temperature (°C)"),
            _("Fever"),
            _("Symptoms"),
            _("Result"),
            _("Reason for denial"),
            _("Operator or device"),
        ]
    )
    for row in rows:
        name, detail = who(row)
        sheet.append(
            [
                plain(sheet, f"{timezone.localtime(row.measured_at):%Y-%m-%d %H:%M:%S}"),
                plain(sheet, row.place.name),
                plain(sheet, row.enterprise.name),
                plain(sheet, name),
                plain(sheet, detail),
                float(row.temperature),
                yes if is_fever(row) else "",
                "、".join(symptom_labels(row.symptoms)),
                str(row.get_result_display()),
                str(row.get_deny_reason_display()) if row.deny_reason else "",
                plain(sheet, recorded_by(row)),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
