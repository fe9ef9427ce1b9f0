"""Reads of the audit trails: the personal-information access log and the change history.

Both are limited to the reader's scope. A city command sees the accesses to people of its
city and the exports made by accounts of its city; changes are shown for the records the
reader can reach through the scoped querysets (so a deleted record's history drops out).
"""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.db.models import Model, Q, QuerySet
from django.urls import reverse

from fugong.accounts.models import User
from fugong.audit.filters import ChangeFilter, PiiAccessFilter
from fugong.audit.history import (
    HistoryEntry,
    changed_field_labels,
    object_history,
)
from fugong.audit.models import ChangeRecord, PiiAccess
from fugong.core.permissions import may
from fugong.org.models import Enterprise, Place, Region, Shift, Team
from fugong.people.models import Person

# The page of each record the change list links to (opened when the reader may view it).
RECORD_PAGES: dict[type[Model], str] = {
    Enterprise: "org:enterprise_detail",
    Place: "org:place_detail",
    Team: "org:team_detail",
    Shift: "org:shift_detail",
    Person: "people:person_detail",
}
# The kinds of record the change list can be filtered by.
AUDITED_MODELS: tuple[type[Model], ...] = tuple(RECORD_PAGES)

__all__ = [
    "HistoryEntry",
    "change_list",
    "changed_field_labels",
    "describe_changes",
    "object_history",
    "person_history",
    "pii_access_list",
    "users_in_scope",
]


def users_in_scope(*, actor: Any) -> QuerySet[User]:
    """Accounts bound to an enterprise or a region inside the actor's scope."""
    if getattr(actor, "is_superuser", False):
        return User.objects.all()
    return User.objects.filter(
        Q(enterprise__in=Enterprise.objects.restrict(actor).values("pk"))
        | Q(region__in=Region.objects.restrict(actor).values("pk"))
    )


def pii_access_list(
    *, actor: Any, filters: Any = None
) -> tuple[QuerySet[PiiAccess], PiiAccessFilter]:
    """Unmasked views of people in the actor's scope, and exports by accounts in it."""
    base = PiiAccess.objects.restrict(actor, "view").select_related("user__enterprise", "person")
    filterset = PiiAccessFilter(filters or {}, queryset=base, actor=actor)
    queryset = filterset.qs if filterset.is_valid() else base.none()
    return queryset.order_by("-at", "-id"), filterset


def change_list(*, actor: Any, filters: Any = None) -> tuple[QuerySet[LogEntry], ChangeFilter]:
    """Recent changes to the organisation and people records in the actor's scope.

    A roster import is one row: its people's "create" entries are kept (each person's own
    history shows them) but only the first of each file, which carries the file name and the
    row count, is listed.
    """
    one_per_import = (
        Q(additional_data__isnull=True)
        | ~Q(additional_data__has_key="batch")
        | Q(additional_data__head=True)
    )
    base = (
        ChangeRecord.objects.restrict(actor, "view")
        .filter(one_per_import)
        .select_related("actor", "content_type")
    )
    filterset = ChangeFilter(filters or {}, queryset=base, actor=actor, models=AUDITED_MODELS)
    queryset = filterset.qs if filterset.is_valid() else base.none()
    return queryset.order_by("-timestamp", "-id"), filterset


def person_history(*, person: Person, actor: Any) -> list[HistoryEntry]:
    return object_history(obj=person, actor=actor)


def describe_changes(*, actor: Any, entries: Any) -> None:
    """Set what a change-list row shows on each entry of a page (no query per row).

    ``changed_fields``: labels in form order; ``url``: the record's page when the actor may
    open it (the entries are already in scope); ``import_file``/``import_rows`` for the row
    that stands for a whole roster import.
    """
    for entry in entries:
        entry.changed_fields = changed_field_labels(entry)
        model = entry.content_type.model_class()
        page = RECORD_PAGES.get(model) if model is not None else None
        entry.url = ""
        if page is not None and entry.object_id is not None and may(actor, model):
            entry.url = reverse(page, args=[entry.object_id])
        data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
        entry.import_file = data.get("file", "") if data.get("head") else ""
        entry.import_rows = data.get("rows", 0) if data.get("head") else 0
        entry.import_enterprise = data.get("enterprise", "") if data.get("head") else ""
