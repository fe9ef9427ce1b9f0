"""The people directory as .xlsx (DESIGN §3.2): masked for everyone, unmasked for the PII roles.

A masked export says on its first row that it cannot be imported back (and the import refuses
it); an unmasked one has the import's own columns and goes back through it with no change. The
file is written row by row (openpyxl write-only), small exports in the request, large ones by a
background task (``roster_export_jobs``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.http import urlencode
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from fugong.audit.models import PiiAction
from fugong.audit.services import pii_access_record
from fugong.core.permissions import may
from fugong.org.region_names import RegionNames
from fugong.people.models import Person, PersonCategory, PersonStatus
from fugong.people.roster_columns import (
    CATEGORY_ZH,
    COLUMNS,
    ENTERPRISE_COLUMN,
    MASKED_NOTICE,
    STATUS_ZH,
)
from fugong.people.selectors import person_list

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_CHUNK_SIZE = 2000
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
NOTICE_FONT = Font(bold=True, color="C00000")


def may_export(actor: Any, *, unmasked: bool = False) -> bool:
    """Who may export the directory (Person's "export" and "export_unmasked" declarations): not a
    checkpoint operator, whose work is to identify one person at the gate."""
    return may(actor, Person, "export_unmasked" if unmasked else "export")


def plain(sheet: Any, value: Any) -> Any:
    """A text that starts with '=' stays text: an exported name must never run as a formula."""
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def export_people(
    *,
    actor: Any,
    filters: Any = None,
    unmasked: bool = False,
    ip_address: str | None = None,
    search_counted: bool = False,
) -> QuerySet[Person]:
    """The people an export would contain; PermissionDenied for a role that may not have it.

    A search by number in ``filters`` is guarded and logged like the list's (``person_list``).
    """
    if not may_export(actor, unmasked=unmasked):
        raise PermissionDenied
    people, _filterset = person_list(
        actor=actor, filters=filters, ip_address=ip_address, search_counted=search_counted
    )
    return people.select_related("dormitory")


def write_roster(
    people: QuerySet[Person],
    out: IO[bytes] | str,
    *,
    unmasked: bool,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write ``people`` to ``out`` as .xlsx; the number of rows. ``progress`` hears every chunk."""
    regions = RegionNames()
    columns = (*COLUMNS, ENTERPRISE_COLUMN)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("花名册")
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    if not unmasked:
        notice = WriteOnlyCell(sheet, value=str(MASKED_NOTICE))
        notice.font = NOTICE_FONT
        sheet.append([notice])
    sheet.freeze_panes = "A2" if unmasked else "A3"
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
            person.id_number if unmasked else person.id_number_masked,
            person.phone if unmasked else person.phone_masked,
            CATEGORY_ZH[PersonCategory(person.category)][0],
            person.team.name if person.team else "",
            person.dormitory.name if person.dormitory else "",
            regions.full_name(person.home_region_id) if person.home_region_id else "",
            STATUS_ZH[PersonStatus(person.status)][0],
            person.enterprise.name,
        )
        sheet.append([plain(sheet, value) for value in row])
        count += 1
        if progress is not None and count % EXPORT_CHUNK_SIZE == 0:
            progress(count)
    workbook.save(out)
    return count


def log_unmasked_export(*, actor: Any, filters: Any, count: int, ip_address: str | None) -> None:
    """An unmasked export reveals ``count`` people: logged with the filter that chose them."""
    pii_access_record(
        user=actor,
        action=PiiAction.EXPORT,
        record_count=count,
        detail=filter_querystring(filters),
        ip_address=ip_address,
    )


@dataclass
class RosterExport:
    file: IO[bytes]
    count: int
    unmasked: bool


def roster_export(
    *,
    actor: Any,
    filters: Any = None,
    unmasked: bool = False,
    ip_address: str | None = None,
    people: QuerySet[Person] | None = None,
) -> RosterExport:
    """The directory as .xlsx, in the request, with the list page's filters and the actor's scope.

    Identifiers are masked unless asked for (PermissionDenied for a role that may not see them);
    an unmasked export is written to the personal-information access log.
    """
    if people is None:
        people = export_people(
            actor=actor, filters=filters, unmasked=unmasked, ip_address=ip_address
        )
    # Spooled: small exports stay in memory, large ones go to disk instead of filling it. The
    # response closes it once sent, so no context manager here.
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    count = write_roster(people, out, unmasked=unmasked)  # type: ignore[arg-type]
    out.seek(0)
    if unmasked:
        log_unmasked_export(actor=actor, filters=filters, count=count, ip_address=ip_address)
    return RosterExport(file=out, count=count, unmasked=unmasked)  # type: ignore[arg-type]


def filter_querystring(filters: Any) -> str:
    if not filters:
        return ""
    skipped = {"unmasked", "csrfmiddlewaretoken"}
    if hasattr(filters, "lists"):
        pairs = [(k, v) for k, values in filters.lists() for v in values if k not in skipped]
    else:
        pairs = [(k, v) for k, v in dict(filters).items() if k not in skipped]
    return urlencode(pairs)
