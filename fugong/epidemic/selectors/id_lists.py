"""Large ``IN`` lists as one parameter (a device's batch names a thousand people).

``filter(person_id__in=[...1000 ids])`` makes Django prepare, quote and bind every id, once per
query, and a status recompute runs half a dozen such queries: compiling them cost a fifth of a
batch. ``ids_in(ids)`` passes the whole list as one value instead — a JSON array read by
``json_each`` on SQLite, an array ``unnest``-ed on PostgreSQL — and gives the same rows. Short
lists stay plain lists, whose plans the databases know best.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import orjson
from django.db import connection
from django.db.models.expressions import RawSQL

# Below this many ids a plain list is as cheap and keeps the usual plan.
SHORT = 50


def ids_in(ids: Iterable[int]) -> Any:
    """The right-hand side of ``<integer field>__in=`` for many ids: a list or one parameter."""
    values = [int(pk) for pk in ids]
    if len(values) < SHORT:
        return values
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (values,))
    return RawSQL("SELECT value FROM json_each(%s)", (orjson.dumps(values).decode(),))


def uuids_in(uuids: Iterable[uuid.UUID]) -> Any:
    """The same for a ``UUIDField`` (stored as 32 hex digits on SQLite, ``uuid`` on PostgreSQL)."""
    values = list(uuids)
    if len(values) < SHORT:
        return values
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::uuid[])", ([str(u) for u in values],))
    return RawSQL(
        "SELECT value FROM json_each(%s)", (orjson.dumps([u.hex for u in values]).decode(),)
    )
