"""Change history as officials read it: field labels, in form order, values by name, in scope.

What a log entry stores is a column name and two raw values (an id for a foreign key, a code
for a choice). This module turns them into what a reader of the page understands: the field's
verbose name, the name of the related record (or "(outside your scope)" when the reader may not
see it: a person who moved to another mine, a group in another county), the label of a choice.
Columns that are bookkeeping (ids, timestamps, search tails, sort keys) are not shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from auditlog.models import LogEntry
from django.db import models
from django.db.models import Model
from django.utils import timezone

from fugong.core.audit import action_label
from fugong.core.masking import mask_personal
from fugong.org.models import Region
from fugong.org.selectors import OUT_OF_SCOPE

HISTORY_LENGTH = 20
# Fields whose values are personal information: stored masked, and masked again when shown in
# case an entry predates the masking (masking is idempotent).
PII_FIELDS = frozenset({"id_number", "phone"})
# Columns that are not what a user typed: never shown in a history.
HIDDEN_FIELDS = frozenset({"id", "created_at", "updated_at", "id_tail", "phone_tail"})
# Reference data anyone may read by name (GB/T 2260 regions): looked up without a scope.
REFERENCE_MODELS: tuple[type[Model], ...] = (Region,)
# Where each key in additional_data["source"] comes from.
IMPORT_SOURCE = "roster import"


def shown_fields(model: type[Model]) -> list[models.Field]:
    """The model's fields a history shows, in the model's (and so the form's) order."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS
        and not isinstance(f, models.GeneratedField)
        and "sort" not in f.name
        and "pinyin" not in f.name
    ]


def changed_field_labels(entry: LogEntry) -> list[str]:
    """The labels of the fields an entry changed, in form order (values are left out)."""
    model = entry.content_type.model_class()
    if model is None:
        return []
    changed = {
        name: values
        for name, values in (entry.changes_dict or {}).items()
        if len(values) >= 2 and _clean(values[0]) != _clean(values[1])
    }
    return [str(f.verbose_name) for f in shown_fields(model) if f.name in changed]


def _clean(value: Any) -> str:
    return "" if value in (None, "None") else str(value)


def related_names(
    *, actor: Any, fields: Iterable[models.Field], entries: Iterable[LogEntry]
) -> dict[str, dict[str, str]]:
    """For each foreign key, the names of the related records the actor may see, by id.

    One query per related model. Lookups go through the model's scoped queryset, so an id the
    actor may not see is missing here and shown as out of scope.
    """
    relations = {f.name: f for f in fields if f.is_relation}
    ids: dict[str, set[int]] = {}
    for entry in entries:
        for name, values in (entry.changes_dict or {}).items():
            if name in relations:
                ids.setdefault(name, set()).update(
                    int(v) for v in map(_clean, values) if v.isdigit()
                )
    names: dict[str, dict[str, str]] = {}
    for name, wanted in ids.items():
        related = relations[name].related_model
        assert isinstance(related, type)
        manager: Any = related._default_manager
        if related not in REFERENCE_MODELS and not hasattr(manager, "restrict"):
            # A model without a scope (a user who recorded or released something): its ids
            # are shown as out of scope rather than named to everyone, or failing the page.
            continue
        queryset = manager.all() if related in REFERENCE_MODELS else manager.restrict(actor)
        names[name] = {str(pk): str(obj) for pk, obj in queryset.in_bulk(list(wanted)).items()}
    return names


@dataclass
class HistoryEntry:
    timestamp: datetime
    actor: Any
    action: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    source: str = ""


def _value(model_field: models.Field, raw: str, names: dict[str, str] | None) -> str:
    if not raw:
        return ""
    if model_field.name in PII_FIELDS:
        return mask_personal(raw)
    if names is not None:
        return names.get(raw, str(OUT_OF_SCOPE))
    if model_field.choices:
        choices = {str(k): str(v) for k, v in model_field.flatchoices}
        return choices.get(raw, raw)
    if isinstance(model_field, models.DateTimeField):
        return _local_time(raw)
    return raw


def _local_time(raw: str) -> str:
    """A stored moment ("2026-03-01 15:59:59.999999+00:00") as Beijing time to the minute."""
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        return raw
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def import_note(entry: LogEntry) -> str:
    """The file an entry came from when it was written by a roster import, else ''."""
    data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    if data.get("source") != IMPORT_SOURCE:
        return ""
    return str(data.get("file") or "")


def object_history(*, obj: Model, actor: Any) -> list[HistoryEntry]:
    """The latest changes to a record, as the actor may read them: who, when, field from → to.

    ID numbers and phones are masked (the audit trail stores them masked); foreign keys are
    named through the actor's scope, choices by their label; fields in form order.
    """
    entries = list(
        LogEntry.objects.get_for_object(obj)
        .select_related("actor")
        .order_by("-timestamp", "-id")[:HISTORY_LENGTH]
    )
    fields = shown_fields(type(obj))
    names = related_names(actor=actor, fields=fields, entries=entries)
    history = []
    for entry in entries:
        changed = entry.changes_dict or {}
        rows = []
        for model_field in fields:
            if model_field.name not in changed:
                continue
            old, new = (_clean(v) for v in changed[model_field.name][:2])
            if old == new:  # a creation records empty fields as None → "None"
                continue
            lookup = names.get(model_field.name) if model_field.is_relation else None
            if model_field.is_relation and lookup is None:
                lookup = {}
            rows.append(
                (
                    str(model_field.verbose_name),
                    _value(model_field, old, lookup),
                    _value(model_field, new, lookup),
                )
            )
        history.append(
            HistoryEntry(
                timestamp=entry.timestamp,
                actor=entry.actor,
                action=action_label(entry),
                changes=rows,
                source=import_note(entry),
            )
        )
    return history
