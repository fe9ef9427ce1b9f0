"""Append-only event tables (CONVENTIONS "Events are not master data").

High-volume events (screenings, positioning events, presence intervals) are their own record:
they are written in bulk, never edited, and not audited row by row. Every row carries the
client's UUID, unique in its table, so a device may send the same batch any number of times and
each event is stored exactly once. ``events_ingest`` answers which of the sent UUIDs were new.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventRecord(models.Model):
    """Base of an append-only event table: a client UUID and when the server received it."""

    client_uuid = models.UUIDField(_("client UUID"), unique=True, editable=False)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)

    class Meta:
        abstract = True


E = TypeVar("E", bound=EventRecord)

# Rows per INSERT: at most this many, and under SQLite's 32,766 bound parameters.
INGEST_BATCH = 1000
MAX_PARAMETERS = 32_000


@dataclass(frozen=True)
class IngestResult:
    """Which of the sent events were stored now, and which the table already had."""

    new: list[uuid.UUID]
    duplicates: list[uuid.UUID]


def event_tables() -> list[type[EventRecord]]:
    """Every concrete event table of the project."""
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, EventRecord)]


def events_ingest(*, model: type[E], events: Sequence[E]) -> IngestResult:
    """Store the events whose client UUID the table does not hold yet; all or nothing.

    The caller has validated every event (a bad one refuses the whole batch before this is
    called). A UUID sent twice in one batch counts once. See ``events_ingest_values``.
    """
    names = [f.attname for f in _insert_fields(model)]
    return events_ingest_values(
        model=model, rows=[{name: getattr(e, name) for name in names} for e in events]
    )


@transaction.atomic
def events_ingest_values(
    *, model: type[EventRecord], rows: Sequence[dict[str, Any]]
) -> IngestResult:
    """``events_ingest`` for rows given as field values by attname (``place_id``), no model
    instances: a device's batch of a thousand events costs its insert, not a thousand objects.

    Each chunk is one ``INSERT ... ON CONFLICT (client_uuid) DO NOTHING RETURNING client_uuid``
    (SQLite ≥ 3.35 and PostgreSQL): the database says which rows it stored, in the same
    statement, so there is no read of the existing UUIDs first, and a concurrent resend of the
    same batch reports each event new in exactly one of the two answers. A missing value takes
    the field's default; ``received_at`` is the server's time.
    """
    by_uuid: dict[uuid.UUID, dict[str, Any]] = {}
    for row in rows:
        by_uuid.setdefault(row["client_uuid"], row)
    sent = list(by_uuid)
    fields = _insert_fields(model)
    now = timezone.now()
    prepared: list[list[Any]] = []
    for field in fields:
        if field.attname == "received_at":
            value = field.get_db_prep_save(now, connection)
            prepared.append([value] * len(sent))
            continue
        default = field.get_default() if field.has_default() or field.null else _MISSING
        plain = _plain_type(field)
        moment = isinstance(field, models.DateTimeField)
        number = (
            (field.max_digits, field.decimal_places)
            if isinstance(field, models.DecimalField)
            else None
        )
        empty: Any = _MISSING  # the prepared empty JSON list, made once
        values = []
        for key in sent:
            raw = by_uuid[key].get(field.attname, default)
            if raw is _MISSING:
                raise ValueError(f"{model.__name__}.{field.attname} has no value and no default")
            if raw is None or (plain is not None and isinstance(raw, plain)):
                values.append(raw)  # what get_db_prep_save would return, at a tenth of the cost
            elif moment and isinstance(raw, dt.datetime) and raw.tzinfo is not None:
                # An aware datetime needs no conversion to a datetime first: only the adapter.
                values.append(connection.ops.adapt_datetimefield_value(raw))
            elif number and isinstance(raw, Decimal) and raw.is_finite():
                values.append(connection.ops.adapt_decimalfield_value(raw, *number))
            elif raw == [] and isinstance(field, models.JSONField):
                if empty is _MISSING:
                    empty = field.get_db_prep_save([], connection)
                values.append(empty)
            else:
                values.append(field.get_db_prep_save(raw, connection))
        prepared.append(values)
    stored: set[uuid.UUID] = set()
    per_insert = max(1, min(INGEST_BATCH, MAX_PARAMETERS // len(fields)))
    for start in range(0, len(sent), per_insert):
        end = min(start + per_insert, len(sent))
        stored |= _insert(model, fields, [column[start:end] for column in prepared])
    return IngestResult(
        new=[key for key in sent if key in stored],
        duplicates=[key for key in sent if key not in stored],
    )


_MISSING = object()


def _insert_fields(model: type[EventRecord]) -> list[models.Field]:
    """The columns an insert writes: every concrete field but an automatic primary key."""
    return [
        f
        for f in model._meta.concrete_fields
        if not (f.primary_key and isinstance(f, models.AutoField | models.BigAutoField))
    ]


def _plain_type(field: models.Field) -> type | None:
    """The Python type the database takes as it is for this column (an integer key, a text),
    or None when every value goes through ``get_db_prep_save`` (dates, UUIDs, JSON)."""
    target = field.target_field if field.is_relation else field  # type: ignore[attr-defined]
    if isinstance(target, models.IntegerField | models.AutoField):
        return int
    if isinstance(target, models.CharField | models.TextField):
        return str
    return None


def _insert(model: type[EventRecord], fields: list[models.Field], columns: list[list[Any]]) -> set:
    """One multi-row INSERT of the columns; the client UUIDs the database stored now.

    PostgreSQL gets one array per column through ``UNNEST`` (as Django's own ``bulk_create``
    does): planning a VALUES list of sixteen thousand parameters cost more than the insert.
    """
    quote = connection.ops.quote_name
    names = ", ".join(quote(str(f.column)) for f in fields)
    key = quote(str(model._meta.get_field("client_uuid").column))
    if connection.vendor == "postgresql":
        # Without the type's parameters (varchar[], not varchar(16)[]), as Django does.
        types = [f.db_type(connection).split("(")[0] for f in fields]  # type: ignore[union-attr]
        arrays = ", ".join(f"(%s)::{kind}[]" for kind in types)
        rows = f"SELECT * FROM UNNEST({arrays})"
        params: list[Any] = list(columns)
    else:
        one = "(" + ", ".join(["%s"] * len(fields)) + ")"
        rows = "VALUES " + ", ".join([one] * len(columns[0]))
        params = [value for row in zip(*columns, strict=True) for value in row]
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({names}) {rows} "
        f"ON CONFLICT ({key}) DO NOTHING RETURNING {key}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        returned = cursor.fetchall()
    return {
        value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)) for (value,) in returned
    }
