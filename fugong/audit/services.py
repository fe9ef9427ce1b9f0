"""Writes to the personal-information access log."""

from __future__ import annotations

from typing import Any

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
