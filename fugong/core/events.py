"""Append-only event tables (CONVENTIONS "Events are not master data").

High-volume events (screenings, positioning events, presence intervals) are their own record:
they are written in bulk, never edited, and not audited row by row. Every row carries the
client's UUID, unique in its table, so a device may send the same batch any number of times and
each event is stored exactly once. ``events_ingest`` answers which of the sent UUIDs were new.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class EventRecord(models.Model):
    """Base of an append-only event table: a client UUID and when the server received it."""

    client_uuid = models.UUIDField(_("client UUID"), unique=True, editable=False)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)

    class Meta:
        abstract = True


E = TypeVar("E", bound=EventRecord)

# Rows per INSERT: under SQLite's 32,766 bound parameters for tables of up to ~30 columns.
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


@transaction.atomic
def events_ingest(*, model: type[E], events: Sequence[E]) -> IngestResult:
    """Store the events whose client UUID the table does not hold yet; all or nothing.

    The caller has validated every event (a bad one refuses the whole batch before this is
    called). A UUID sent twice in one batch counts once. The existing UUIDs are read first and
    the rest inserted with ``ignore_conflicts``, so a concurrent resend of the same batch cannot
    fail this one: at worst its rows are reported new by both, and stored once.
    """
    by_uuid: dict[uuid.UUID, E] = {}
    for event in events:
        by_uuid.setdefault(event.client_uuid, event)
    sent = list(by_uuid)
    existing: set[uuid.UUID] = set()
    for start in range(0, len(sent), INGEST_BATCH):
        chunk = sent[start : start + INGEST_BATCH]
        existing |= set(
            model._default_manager.filter(client_uuid__in=chunk).values_list(
                "client_uuid", flat=True
            )
        )
    fresh = [by_uuid[key] for key in sent if key not in existing]
    model._default_manager.bulk_create(fresh, batch_size=INGEST_BATCH, ignore_conflicts=True)
    return IngestResult(
        new=[event.client_uuid for event in fresh],
        duplicates=[key for key in sent if key in existing],
    )
