"""Append-only event tables (CONVENTIONS "Events are not master data").

High-volume events (screenings, positioning events, presence intervals) are their own record:
they are written in bulk, never edited, and not audited row by row. Every row carries the
client's UUID, unique in its table, so a device may send the same batch any number of times and
each event is stored exactly once. ``events_ingest`` answers which of the sent UUIDs were new.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventRecord(models.Model):
    """Base of an append-only event table: a client UUID and when the server received it."""

    client_uuid = models.UUIDField(_("client UUID"), unique=True, editable=False)
    # Not indexed: nothing looks events up by when they arrived, and every index is one more
    # B-tree page written by each insert of a batch or a check-in (DESIGN §5 P1, P2).
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        abstract = True


E = TypeVar("E", bound=EventRecord)

# Rows per insert (one COPY, or one executemany): a device's batch is at most this many.
INGEST_BATCH = 1000


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
    *, model: type[EventRecord], rows: Sequence[dict[str, Any]], all_new: bool = False
) -> IngestResult:
    """``events_ingest`` for rows given as field values by attname (``place_id``), no model
    instances: a device's batch of a thousand events costs its insert, not a thousand objects.

    Rows whose client UUID the table holds are not inserted, and the answer says which were
    new; a concurrent resend of the same batch reports each event new in exactly one of the two
    answers (see ``_insert`` for how each database makes sure of that). A missing value takes
    the field's default; ``received_at`` is the server's time.

    ``all_new``: the caller has reason to expect that the table holds none of the keys (a
    device's new batch). The rows are inserted as they are, with nothing asked about the keys
    first or skipped on a conflict, and a key the table holds raises ``IntegrityError``: this
    call's savepoint is undone and nothing of the rows is kept. The caller then asks again
    without it.
    """
    sent = [row["client_uuid"] for row in rows]
    in_order = list(rows)
    if len(set(sent)) != len(sent):  # a UUID twice in the batch: the first one counts
        by_uuid: dict[uuid.UUID, dict[str, Any]] = {}
        for row in rows:
            by_uuid.setdefault(row["client_uuid"], row)
        sent, in_order = list(by_uuid), list(by_uuid.values())
    fields = _insert_fields(model)
    now = timezone.now()
    prepared: list[list[Any]] = []
    for field in fields:
        name = field.attname
        if name == "received_at":
            prepared.append([field.get_db_prep_save(now, connection)] * len(sent))
            continue
        if field.has_default() or field.null:
            default = field.get_default()
            column = [row.get(name, default) for row in in_order]
        else:
            try:
                column = [row[name] for row in in_order]
            except KeyError:
                raise ValueError(f"{model.__name__}.{name} has no value and no default") from None
        # One comprehension a column: the values the database takes as they are pass through
        # untouched (what get_db_prep_save would return, at a tenth of the cost).
        plain = _plain_type(field)
        prepare = _preparer(field)
        if plain is None:
            prepared.append([None if raw is None else prepare(raw) for raw in column])
        else:
            prepared.append(
                [raw if raw is None or isinstance(raw, plain) else prepare(raw) for raw in column]
            )
    keys = prepared[[f.attname for f in fields].index("client_uuid")]
    stored: set[Any] = set()
    for start in range(0, len(sent), INGEST_BATCH):
        end = min(start + INGEST_BATCH, len(sent))
        stored |= _insert(
            model, fields, [column[start:end] for column in prepared], all_new=all_new
        )
    # The database answers the keys as they were sent to it (hex text on SQLite): compared so,
    # without making a thousand UUIDs again.
    fresh = [sent_as in stored for sent_as in keys]
    return IngestResult(
        new=[key for key, now_stored in zip(sent, fresh, strict=True) if now_stored],
        duplicates=[key for key, now_stored in zip(sent, fresh, strict=True) if not now_stored],
    )


def _preparer(field: models.Field) -> Any:
    """How one value of ``field`` becomes the database's: ``get_db_prep_save``, with shortcuts
    for the common types a device sends (aware datetimes, finite decimals, UUIDs, empty JSON)."""
    ops = connection.ops

    def slow(raw: Any) -> Any:
        return field.get_db_prep_save(raw, connection)

    if isinstance(field, models.UUIDField):
        native = connection.features.has_native_uuid_field
        return lambda raw: (raw if native else raw.hex) if isinstance(raw, uuid.UUID) else slow(raw)
    if isinstance(field, models.DateTimeField):
        adapt: Any = ops.adapt_datetimefield_value
        if connection.vendor == "sqlite" and settings.USE_TZ:
            # What the SQLite adapter does to an aware datetime, without its checks per value.
            zone = connection.timezone
            if zone is dt.UTC:
                # The same text, without making a naive copy first: an aware time in UTC
                # writes "+00:00" last, and ``str`` is ``isoformat(" ")`` called by name.
                def adapt(raw: dt.datetime) -> str:
                    return raw.astimezone(zone).isoformat(" ")[:-6]
            else:

                def adapt(raw: dt.datetime) -> str:
                    return str(raw.astimezone(zone).replace(tzinfo=None))

        return lambda raw: (
            adapt(raw) if isinstance(raw, dt.datetime) and raw.tzinfo is not None else slow(raw)
        )
    if isinstance(field, models.DecimalField):
        digits, places = field.max_digits, field.decimal_places
        adapt_decimal = ops.adapt_decimalfield_value
        return lambda raw: (
            adapt_decimal(raw, digits, places)
            if isinstance(raw, Decimal) and raw.is_finite()
            else slow(raw)
        )
    if isinstance(field, models.JSONField):
        empty = slow([])  # the prepared empty list, made once
        return lambda raw: empty if raw == [] else slow(raw)
    return slow


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


def _insert(
    model: type[EventRecord],
    fields: list[models.Field],
    columns: list[list[Any]],
    *,
    all_new: bool = False,
) -> set:
    """Insert the columns' rows; the client UUIDs the database stored now, as the database
    answers them (the prepared values). ``all_new`` (see ``events_ingest_values``): the COPY or
    a plain executemany, and an ``IntegrityError`` when a key is stored already.

    PostgreSQL: ``COPY`` (the statement the baseline of DESIGN §5 P1 runs) in a savepoint. It
    stores every row or, when one of the keys is stored already (a resent batch, or the same
    batch sent again at the same moment), none: then the savepoint is undone and one
    ``INSERT ... SELECT * FROM UNNEST(arrays) ON CONFLICT DO NOTHING RETURNING`` stores the
    others and answers which (one array per column, as Django's own ``bulk_create`` does; a
    concurrent resend reports each event new in exactly one of the two answers). COPY took
    37 ms for a thousand readings where the INSERT took 57 ms.

    SQLite: one ``INSERT`` of many rows (``_sqlite_insert``), with
    ``ON CONFLICT DO NOTHING`` unless ``all_new``. When it stored every row, they are all new;
    when it stored fewer (a resent batch), the new ones are those above the largest key the
    table held before, since an automatic key only grows. Both happen under the write lock that
    a transaction takes at its BEGIN (``transaction_mode`` IMMEDIATE), so no other writer can
    store a row in between.
    """
    quote = connection.ops.quote_name
    names = ", ".join(quote(str(f.column)) for f in fields)
    table = quote(model._meta.db_table)
    key = quote(str(model._meta.get_field("client_uuid").column))
    key_index = [f.attname for f in fields].index("client_uuid")
    if connection.vendor == "postgresql":
        try:
            # Django does not wrap COPY: its errors are turned into Django's here.
            with (
                transaction.atomic(),
                connection.cursor() as cursor,
                connection.wrap_database_errors,
                cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
            ):
                for row in zip(*columns, strict=True):
                    copy.write_row(row)
            return set(columns[key_index])
        except IntegrityError:
            if all_new:
                raise
            # Otherwise a key is stored already: nothing of the COPY was kept.
        # Without the type's parameters (varchar[], not varchar(16)[]), as Django does.
        types = [f.db_type(connection).split("(")[0] for f in fields]  # type: ignore[union-attr]
        arrays = ", ".join(f"(%s)::{kind}[]" for kind in types)
        sql = (
            f"INSERT INTO {table} ({names}) SELECT * FROM UNNEST({arrays}) "
            f"ON CONFLICT ({key}) DO NOTHING RETURNING {key}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, list(columns))
            return {value for (value,) in cursor.fetchall()}
    if not connection.in_atomic_block or getattr(connection, "transaction_mode", "") != "IMMEDIATE":
        raise RuntimeError("SQLite events are inserted in an IMMEDIATE transaction (settings)")
    if not isinstance(model._meta.pk, models.AutoField | models.BigAutoField):
        raise RuntimeError(f"{model.__name__}: an event table's key is automatic (it only grows)")
    count = len(columns[key_index])
    if all_new:
        # ON CONFLICT cost the insert of a thousand readings 5-7 %, and nothing is skipped here.
        _sqlite_insert(f"{table} ({names})", columns)
        return set(columns[key_index])
    pk = quote(str(model._meta.pk.column))  # type: ignore[union-attr]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT max({pk}) FROM {table}")
        (last,) = cursor.fetchone()
        stored = _sqlite_insert(
            f"{table} ({names})", columns, on_conflict=f" ON CONFLICT ({key}) DO NOTHING"
        )
        if stored == count:
            return set(columns[key_index])
        cursor.execute(f"SELECT {key} FROM {table} WHERE {pk} > %s", [last or 0])
        return {value for (value,) in cursor.fetchall()}


def _sqlite_insert(into: str, columns: list[list[Any]], on_conflict: str = "") -> int:
    """The columns' rows inserted ``into`` (``table (names)``) by statements of as many rows as
    SQLite takes parameters; the number of rows stored.

    A value every row of a statement shares (the checkpoint, the terminal, "pass", an empty
    list of symptoms ...) is bound once: ``INSERT INTO t (a, b, c) SELECT ?, column1, column2
    FROM (VALUES (?, ?), (?, ?), ...)``. Other rows are ``VALUES (?, ?, ?), (?, ?, ?), ...``.
    The table's column types store a value alike either way. A batch of a thousand readings
    (11 of 16 values shared) took 10 ms where one VALUES row a reading took 14 ms and the
    driver's ``executemany`` of the one-row statement (the baseline of DESIGN §5 P1) 26 ms:
    the driver keeps the prepared statement of each shape (a terminal's batches have nearly
    always the same), and SQLite steps it once instead of a thousand times.

    It goes to the driver's cursor as it is: Django's cursor rewrites every ``%s`` of sixteen
    thousand with a regular expression. Errors are still Django's (``IntegrityError`` for a
    stored key), and the statement is logged as Django's cursor logs one when queries are
    (DEBUG, tests).
    """
    width = len(columns)
    count = len(columns[0]) if columns else 0
    connection.ensure_connection()
    limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per_statement = max(1, limit // width)
    stored = 0
    with connection.wrap_database_errors:
        cursor = connection.connection.cursor()
        try:
            for start in range(0, count, per_statement):
                end = min(start + per_statement, count)
                sql, values = _sqlite_statement(
                    into, [column[start:end] for column in columns], on_conflict
                )
                began = time.monotonic()
                cursor.execute(sql, values)
                stored += cursor.rowcount
                if connection.queries_logged:
                    took = time.monotonic() - began
                    connection.queries_log.append({"sql": sql, "time": f"{took:.3f}"})
        finally:
            cursor.close()
    return stored


def _sqlite_statement(into: str, columns: list[list[Any]], on_conflict: str) -> tuple[str, list]:
    """The INSERT of ``_sqlite_insert`` for the rows of ``columns``, and its parameters."""
    count = len(columns[0])
    # ``count`` compares by identity first: a shared text or key is found without comparing.
    shared = {
        i for i, column in enumerate(columns) if count > 1 and column.count(column[0]) == count
    }
    varying = [column for i, column in enumerate(columns) if i not in shared]
    if not shared or not varying:
        varying, shared = columns, set()
    width = len(varying)
    # The varying values row after row: each column laid into every width-th place.
    values: list[Any] = [None] * (count * width)
    for place, column in enumerate(varying):
        values[place::width] = column
    rows = ", ".join(["(" + ", ".join(["?"] * width) + ")"] * count)
    if not shared:
        return f"INSERT INTO {into} VALUES {rows}{on_conflict}", values
    picked, number = [], 0
    for i in range(len(columns)):
        if i in shared:
            picked.append("?")
        else:
            number += 1
            picked.append(f"column{number}")
    # WHERE true: SQLite's rule for a SELECT before ON CONFLICT (else "ON" reads as a join's).
    sql = (
        f"INSERT INTO {into} SELECT {', '.join(picked)} FROM (VALUES {rows})"
        f"{' WHERE true' if on_conflict else ''}{on_conflict}"
    )
    return sql, [columns[i][0] for i in sorted(shared)] + values
