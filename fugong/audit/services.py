"""Writes to the personal-information access log."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone

from fugong.audit.models import PiiAccess, PiiAction


def pii_access_record(
    *,
    user: Any,
    action: str,
    person: Any = None,
    record_count: int = 1,
    detail: str = "",
    ip_address: str | None = None,
) -> PiiAccess:
    if action not in PiiAction.values:
        raise ValueError(f"unknown PII action {action!r}")
    return PiiAccess.objects.create(
        user=user,
        action=action,
        person=person,
        record_count=record_count,
        detail=detail[:500],
        ip_address=ip_address,
    )


def audit_bulk_created(
    *, objects: Sequence[Model], actor: Any, note: str, file_name: str = ""
) -> int:
    """Write the auditlog "create" entries that bulk_create skips (it sends no signals).

    The changes are computed by auditlog's own diff (which masks personal fields), so an
    imported row reads in the history exactly like one saved through a form. The entries of one
    call share a batch id; the first is the batch's head and carries the file name and the row
    count, so the change list shows one import as one event.
    """
    if not objects:
        return 0
    batch = uuid.uuid4().hex
    enterprise = getattr(objects[0], "enterprise", None)
    head = {
        "source": note,
        "batch": batch,
        "head": True,
        "file": file_name,
        "rows": len(objects),
        "enterprise": str(enterprise or ""),
    }
    content_type = ContentType.objects.get_for_model(objects[0])
    now = timezone.now()
    # Devices are actors too but not users; their entries carry no actor.
    actor_id = actor.pk if isinstance(actor, get_user_model()) else None
    actor_email = getattr(actor, "email", "") if actor_id else ""
    entries = [
        LogEntry(
            content_type=content_type,
            object_pk=str(obj.pk),
            object_id=obj.pk,
            object_repr=str(obj)[:255],
            action=LogEntry.Action.CREATE,
            changes=model_instance_diff(None, obj),
            actor_id=actor_id,
            actor_email=actor_email,
            timestamp=now,
            additional_data=head if n == 0 else {"source": note, "batch": batch, "file": file_name},
        )
        for n, obj in enumerate(objects)
    ]
    LogEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def audit_bulk_changed(*, pairs: Sequence[tuple[Model, Model]], actor: Any, note: str) -> int:
    """Write the auditlog "update" entries that bulk_update skips, one per (before, after) pair.

    Computed by auditlog's own diff (its field list and masking), like a save through a form;
    a pair without a difference writes nothing.
    """
    if not pairs:
        return 0
    content_type = ContentType.objects.get_for_model(pairs[0][1])
    now = timezone.now()
    actor_id = actor.pk if isinstance(actor, get_user_model()) else None
    actor_email = getattr(actor, "email", "") if actor_id else ""
    entries = []
    for before, after in pairs:
        changes = model_instance_diff(before, after)
        if not changes:
            continue
        entries.append(
            LogEntry(
                content_type=content_type,
                object_pk=str(after.pk),
                object_id=after.pk,
                object_repr=str(after)[:255],
                action=LogEntry.Action.UPDATE,
                changes=changes,
                actor_id=actor_id,
                actor_email=actor_email,
                timestamp=now,
                additional_data={"source": note},
            )
        )
    LogEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)
