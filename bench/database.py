"""Fast loading into the bench database: executemany on SQLite, COPY on PostgreSQL.

Everything here runs inside a bench subprocess after django.setup(), on the connection that
DATABASE_URL names. Raw SQL is deliberate: the ORM's bulk_create would spend minutes building
two million model instances that nobody looks at.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.core.management.color import no_style
from django.db import connection, models, transaction

META_TABLE = "bench_meta"


def create_database(*, regenerate: bool) -> None:
    """Make sure the (empty, when regenerating) database exists before migrate runs."""
    connection.close()
    if connection.vendor == "sqlite":
        path = Path(str(connection.settings_dict["NAME"]))
        if regenerate:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg

    name = str(connection.settings_dict["NAME"])
    url = urlsplit(os.environ["DATABASE_URL"])
    maintenance = urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as admin:
        if regenerate:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')


def engine_version() -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            return f"SQLite {sqlite3.sqlite_version}"
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def stamp() -> str:
    """created_at/updated_at of every generated row, in the form each backend stores."""
    return "2026-01-01 00:00:00" if connection.vendor == "sqlite" else "2026-01-01 00:00:00+00"


def _columns(model: type[models.Model], given: tuple[str, ...]) -> tuple[list[str], tuple]:
    """The table's columns: ours first, then any a later migration added, with their default."""
    fields = {str(f.column): f for f in model._meta.concrete_fields}
    missing = [c for c in given if c not in fields]
    if missing:
        raise RuntimeError(f"{model._meta.db_table} has no column(s) {missing}; update bench/rows")
    extra_columns: list[str] = []
    extra_values: list[object] = []
    for column, f in fields.items():
        if column in given or f.generated:  # the database computes generated columns
            continue
        if f.has_default():
            value = f.get_default()
        elif f.null:
            value = None
        else:
            raise RuntimeError(f"bench/rows does not fill {model._meta.db_table}.{column}")
        extra_columns.append(column)
        extra_values.append(f.get_db_prep_save(value, connection))
    return list(given) + extra_columns, tuple(extra_values)


def bulk_insert(model: type[models.Model], given: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """Insert rows (tuples in ``given`` order) into ``model``'s table in the open transaction."""
    columns, extra = _columns(model, given)
    if extra:
        rows = (row + extra for row in rows)
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    # The DB-API cursor itself: Django's SQLite wrapper tee()s the parameters to peek at the
    # first row, which would keep every one of two million rows in memory.
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        marks = ", ".join(["?"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
    finally:
        cursor.close()


def begin_load() -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # The file is thrown away if the load fails, so durability buys nothing here.
            cursor.execute("PRAGMA journal_mode=MEMORY")
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-262144")


def finish_load(loaded: list[type[models.Model]]) -> None:
    """Reset id sequences, restore a durable journal and refresh the planner's statistics."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), loaded):
            cursor.execute(sql)
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("ANALYZE")
        else:
            # VACUUM also sets the visibility map, which index-only scans (COUNT) depend on.
            cursor.execute("VACUUM ANALYZE")


def read_meta() -> dict[str, str]:
    tables = connection.introspection.table_names()
    if META_TABLE not in tables:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, value FROM {META_TABLE}")
        return dict(cursor.fetchall())


def write_meta(meta: dict[str, str]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key varchar(64) PRIMARY KEY, value text)"
        )
        cursor.execute(f"DELETE FROM {META_TABLE}")
        cursor.executemany(
            f"INSERT INTO {META_TABLE} (key, value) VALUES (%s, %s)", list(meta.items())
        )


def count_rows(model: type[models.Model]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(model._meta.db_table)}")
        return int(cursor.fetchone()[0])
