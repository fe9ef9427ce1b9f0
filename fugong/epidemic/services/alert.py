"""Raising alerts. Delivery to the webhook is the worker's job (``epidemic.tasks``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from fugong.epidemic.models import Alert, AlertKind, WebhookState
from fugong.org.models import Enterprise
from fugong.people.models import Person

# Called with the alert's pk after the raising transaction commits (the webhook delivery task
# registers itself here), so a rolled-back screening sends nothing.
ON_RAISED: list[Callable[[int], None]] = []


def alert_raise(
    *,
    kind: AlertKind,
    enterprise: Enterprise,
    message: str,
    person: Person | None = None,
    ref: str = "",
    at: dt.datetime | None = None,
    webhook: bool = False,
) -> Alert:
    """Raise an alert once per (kind, ref): the same fever resent by a device alerts once."""
    if ref:
        existing = Alert.objects.filter(kind=kind, ref=ref).first()
        if existing is not None:
            return existing
    alert = Alert.objects.create(
        kind=kind,
        enterprise=enterprise,
        person=person,
        message=message[:500],
        ref=ref,
        raised_at=at or timezone.now(),
        webhook_state=WebhookState.PENDING if webhook else WebhookState.NONE,
    )
    for hook in ON_RAISED:
        transaction.on_commit(lambda hook=hook: hook(alert.pk))  # type: ignore[misc]
    return alert
