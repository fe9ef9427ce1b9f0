"""Reads of the audit trails: the personal-information access log and the change history.

Both are limited to the reader's scope. A city command sees the accesses to people of its
city and the exports made by accounts of its city; changes are shown for the records the
reader can reach through the scoped querysets (so a deleted record's history drops out).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Q, QuerySet

from fugong.accounts.models import User
from fugong.audit.filters import ChangeFilter, PiiAccessFilter
from fugong.audit.models import PiiAccess
from fugong.core.audit import action_label
from fugong.core.masking import mask_id_number, mask_phone
from fugong.org.models import Enterprise, Place, Region, Shift, Team
from fugong.people.models import Person

# Records whose changes the change list shows, each reached through its scoped queryset.
AUDITED_MODELS: tuple[type[Model], ...] = (Enterprise, Place, Team, Shift, Person)
# Fields whose values are personal information, with how each is masked.
PII_MASKS = {"id_number": mask_id_number, "phone": mask_phone}
HISTORY_LENGTH = 20


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
    users = users_in_scope(actor=actor)
    base = PiiAccess.objects.all()
    if not getattr(actor, "is_superuser", False):
        base = base.filter(
            Q(person__in=Person.objects.restrict(actor).values("pk"))
            | Q(person__isnull=True, user__in=users.values("pk"))
        )
    base = base.select_related("user", "person")
    filterset = PiiAccessFilter(filters or {}, queryset=base, actor=actor)
    queryset = filterset.qs if filterset.is_valid() else base.none()
    return queryset.order_by("-at", "-id"), filterset


def change_list(*, actor: Any, filters: Any = None) -> tuple[QuerySet[LogEntry], ChangeFilter]:
    """Recent changes to the organisation and people records in the actor's scope."""
    types = ContentType.objects.get_for_models(*AUDITED_MODELS)
    in_scope = Q(pk__in=[])
    for model, content_type in types.items():
        scoped = model._default_manager.restrict(actor).values("pk")  # type: ignore[attr-defined]
        in_scope |= Q(content_type=content_type, object_id__in=scoped)
    base = LogEntry.objects.filter(in_scope).select_related("actor", "content_type")
    filterset = ChangeFilter(filters or {}, queryset=base, actor=actor, models=AUDITED_MODELS)
    queryset = filterset.qs if filterset.is_valid() else base.none()
    return queryset.order_by("-timestamp", "-id"), filterset


def changed_field_labels(entry: LogEntry) -> list[str]:
    """The verbose names of the fields an entry changed (values are left out on purpose)."""
    model = entry.content_type.model_class()
    labels = []
    for name in entry.changes_dict or {}:
        try:
            labels.append(str(model._meta.get_field(name).verbose_name))
        except (FieldDoesNotExist, AttributeError):  # a field since removed, or a model gone
            labels.append(name)
    return labels


@dataclass
class HistoryEntry:
    timestamp: datetime
    actor: Any
    action: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def _clean(value: Any) -> str:
    return "" if value in (None, "None") else str(value)


def object_history(*, obj: Model, unmasked: bool = False) -> list[HistoryEntry]:
    """The latest changes to a record: who, when, and each field from → to.

    ID numbers and phones stay masked unless ``unmasked`` (the caller has checked the role
    and written the access log). Foreign keys are shown by name, looked up in one query per
    related model rather than one per entry; choices by their label.
    """
    entries = list(
        LogEntry.objects.get_for_object(obj)
        .select_related("actor")
        .order_by("-timestamp", "-id")[:HISTORY_LENGTH]
    )
    fields = {f.name: f for f in obj._meta.concrete_fields}
    related_ids: dict[str, set[str]] = {}
    for entry in entries:
        for name, values in (entry.changes_dict or {}).items():
            if name in fields and fields[name].is_relation:
                related_ids.setdefault(name, set()).update(_clean(v) for v in values if _clean(v))
    related_names = {
        name: {
            str(pk): str(obj)
            for pk, obj in fields[name]
            .related_model._default_manager.in_bulk(  # type: ignore[union-attr]
                [int(i) for i in ids if i.isdigit()]
            )
            .items()
        }
        for name, ids in related_ids.items()
    }
    history = []
    for entry in entries:
        rows = []
        for name, values in (entry.changes_dict or {}).items():
            model_field = fields.get(name)
            if model_field is None or name in ("id", "created_at", "updated_at"):
                continue
            old, new = (_clean(v) for v in values[:2])
            if name in PII_MASKS and not unmasked:
                old, new = PII_MASKS[name](old), PII_MASKS[name](new)
            elif name in related_names:
                old, new = related_names[name].get(old, old), related_names[name].get(new, new)
            elif model_field.choices:
                choices = {str(k): str(v) for k, v in model_field.flatchoices}
                old, new = choices.get(old, old), choices.get(new, new)
            rows.append((str(model_field.verbose_name), old, new))
        history.append(
            HistoryEntry(
                timestamp=entry.timestamp,
                actor=entry.actor,
                action=action_label(entry),
                changes=rows,
            )
        )
    return history


def person_history(*, person: Person, unmasked: bool = False) -> list[HistoryEntry]:
    return object_history(obj=person, unmasked=unmasked)
