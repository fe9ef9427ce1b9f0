"""Roster import as .xlsx (DESIGN §3.2; §5 "an import is all-or-nothing per file").

One column definition (``roster_columns.COLUMNS``) serves the template, the import and the
export, so a template filled in, or a file exported with full identifiers, reads back. An import
checks every row first (``roster_read``), collecting every error with the row number Excel shows.
A good file becomes a plan: people new to the enterprise, people matched by ID number whose
fields change, people unchanged, and active people of the enterprise missing from the file. The
user sees the plan, then it is applied in one transaction, or nothing is.
"""

from __future__ import annotations

import copy
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import Workbook

from fugong.audit.services import audit_bulk_changed, audit_bulk_created
from fugong.core.permissions import require
from fugong.core.pinyin import fill_sort_keys
from fugong.core.scope import get_scoped_or_404
from fugong.org.models import Enterprise
from fugong.people.models import Person, PersonStatus
from fugong.people.roster_columns import COLUMNS
from fugong.people.roster_export import XLSX_CONTENT_TYPE, plain
from fugong.people.roster_read import RosterError, RosterFileError, RowChecker, read_rows

__all__ = [
    "COLUMNS",
    "XLSX_CONTENT_TYPE",
    "RosterError",
    "RosterPlan",
    "RosterResult",
    "roster_apply",
    "roster_check",
    "roster_errors_workbook",
    "roster_import",
]

BATCH_SIZE = 1000
# Columns of the file that update a matched person; a column missing from the file changes nothing.
UPDATABLE = ("name", "phone", "category", "team", "dormitory", "home_region", "status")


@dataclass
class PersonChange:
    """A registered person as the file has them (``after``, unsaved) and as they are now."""

    before: Person
    after: Person
    fields: list[str]


@dataclass
class RosterPlan:
    new: list[Person] = field(default_factory=list)
    changed: list[PersonChange] = field(default_factory=list)
    unchanged: int = 0
    absent: list[Person] = field(default_factory=list)  # active, in the enterprise, not in the file

    @property
    def digest(self) -> str:
        """What the plan would do, in short: a confirmation applies only the plan that was shown."""
        parts = [f"+{p.id_number}" for p in self.new]
        for change in self.changed:
            values = [str(getattr(change.after, _attname(key))) for key in change.fields]
            parts.append(f"~{change.before.pk}:{','.join(change.fields)}={'|'.join(values)}")
        parts += [f"-{p.pk}" for p in self.absent]
        return hashlib.sha256("\n".join(sorted(parts)).encode()).hexdigest()


@dataclass
class RosterResult:
    """What an import found or did: a file ``problem``, row ``errors``, or a ``plan`` (applied
    when ``applied``). ``stale`` says that the roster changed since the plan was shown."""

    problem: str = ""
    errors: list[RosterError] = field(default_factory=list)
    plan: RosterPlan | None = None
    applied: bool = False
    left: int = 0
    stale: bool = False

    @property
    def ok(self) -> bool:
        return not self.problem and not self.errors

    @property
    def created(self) -> int:
        return len(self.plan.new) if self.plan and self.applied else 0

    @property
    def updated(self) -> int:
        return len(self.plan.changed) if self.plan and self.applied else 0


def _require_editor(actor: Any) -> None:
    require(actor, Person, "change")


def _attname(key: str) -> str:
    field = Person._meta.get_field(key)
    assert isinstance(field, models.Field)
    return field.attname


def _plan(
    *, actor: Any, enterprise: Enterprise, checker: RowChecker, people: list[Person]
) -> RosterPlan:
    plan = RosterPlan()
    compared = [key for key in UPDATABLE if key in checker.columns]
    attnames = {key: _attname(key) for key in compared}
    for person in people:
        before = checker.existing.get(person.id_number)
        if before is None:
            plan.new.append(person)
            continue
        fields = [
            key
            for key in compared
            if getattr(person, attnames[key]) != getattr(before, attnames[key])
        ]
        if not fields:
            plan.unchanged += 1
            continue
        after = copy.copy(before)
        for key in fields:
            # Setting team_id drops a cached team that no longer matches (Django does that).
            setattr(after, attnames[key], getattr(person, attnames[key]))
        plan.changed.append(PersonChange(before=before, after=after, fields=fields))
    in_file = {person.id_number for person in people}
    active = Person.objects.restrict(actor).filter(
        enterprise=enterprise, status=PersonStatus.ACTIVE
    )
    plan.absent = [p for p in active.order_by("name", "id") if p.id_number not in in_file]
    return plan


def roster_check(*, actor: Any, enterprise: Enterprise, file: Any) -> RosterResult:
    """Read and check a roster for ``enterprise`` and say what importing it would do; no writes.

    The actor must edit people (PermissionDenied) and see the enterprise (404 otherwise, as if it
    did not exist).
    """
    _require_editor(actor)
    enterprise = get_scoped_or_404(Enterprise.objects.all(), actor, pk=enterprise.pk)
    try:
        columns, rows = read_rows(file)
    except RosterFileError as exc:
        return RosterResult(problem=str(exc))
    checker = RowChecker(actor=actor, enterprise=enterprise, columns=columns)
    people, errors = checker.check(rows)
    if errors:
        return RosterResult(errors=errors)
    return RosterResult(
        plan=_plan(actor=actor, enterprise=enterprise, checker=checker, people=people)
    )


def roster_apply(
    *,
    actor: Any,
    enterprise: Enterprise,
    file: Any,
    mark_absent_left: bool = False,
    expected_digest: str | None = None,
    file_name: str = "",
) -> RosterResult:
    """Check the roster again and apply its plan, all of it or nothing.

    New people are inserted, matched people updated, and, only when asked, the active people
    missing from the file marked as left; every write is in the audit trail. With
    ``expected_digest`` (the plan the user saw), a plan that has changed since is not applied
    but returned ``stale``, to be shown again.
    """
    result = roster_check(actor=actor, enterprise=enterprise, file=file)
    plan = result.plan
    if plan is None:
        return result
    if expected_digest is not None and expected_digest != plan.digest:
        result.stale = True
        return result
    note = "roster import"
    try:
        with transaction.atomic():
            fill_sort_keys(plan.new)  # bulk_create does not call save(), which fills them
            Person.objects.bulk_create(plan.new, batch_size=BATCH_SIZE)
            name = file_name or str(getattr(file, "name", "") or "")
            audit_bulk_created(objects=plan.new, actor=actor, note=note, file_name=name)
            now = timezone.now()
            if plan.changed:
                keys = sorted({key for change in plan.changed for key in change.fields})
                for change in plan.changed:
                    change.after.updated_at = now
                after = [change.after for change in plan.changed]
                if "name" in keys:
                    fill_sort_keys(after)
                    keys.append("name_pinyin")
                Person.objects.bulk_update(after, [*keys, "updated_at"], batch_size=BATCH_SIZE)
                pairs = [(change.before, change.after) for change in plan.changed]
                audit_bulk_changed(pairs=pairs, actor=actor, note=note)
            if mark_absent_left and plan.absent:
                pairs = []
                for person in plan.absent:
                    left = copy.copy(person)
                    left.status, left.updated_at = PersonStatus.LEFT, now
                    pairs.append((person, left))
                Person.objects.bulk_update(
                    [left for _, left in pairs], ["status", "updated_at"], batch_size=BATCH_SIZE
                )
                audit_bulk_changed(pairs=pairs, actor=actor, note=note)
                result.left = len(pairs)
    except IntegrityError:
        return RosterResult(
            problem=gettext(
                "Someone registered one of these ID numbers while the file was being imported. "
                "Nothing was imported; upload the file again to see which row."
            )
        )
    result.applied = True
    return result


def roster_import(*, actor: Any, enterprise: Enterprise, file: Any) -> RosterResult:
    """Check and apply at once, without a preview (absent people are left as they are)."""
    return roster_apply(actor=actor, enterprise=enterprise, file=file)


def roster_errors_workbook(errors: Iterable[RosterError]) -> bytes:
    """The row-by-row error report of a refused import, to fix the file beside it."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(gettext("Errors"))
    for letter, width in (("A", 8), ("B", 8), ("C", 14), ("D", 22), ("E", 80)):
        sheet.column_dimensions[letter].width = width
    header = [
        gettext("Row"),
        gettext("Column"),
        gettext("Name"),
        gettext("Field"),
        gettext("Error"),
    ]
    sheet.append(header)
    for error in errors:
        values = [error.row, error.column, error.name, error.label, error.reason]
        sheet.append([plain(sheet, value) for value in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
