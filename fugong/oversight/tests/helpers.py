"""Helpers of the oversight tests: Beijing times and a fresh user (its scope is cached)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from fugong.oversight.models import SlaClass, Ticket
from fugong.oversight.tickets import ticket_raise

SH = ZoneInfo("Asia/Shanghai")
# 2026-11-27 is a Friday.
FRIDAY_4PM = dt.datetime(2026, 11, 27, 16, 0, tzinfo=SH)


def at(y: int, m: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, h, mi, s, tzinfo=SH)


def fresh(user: Any) -> Any:
    """The user read again, so that its scope is computed anew."""
    return get_user_model().objects.get(pk=user.pk)


def raise_ticket(actor: Any, enterprise: Any, **overrides: Any) -> Ticket:
    values: dict[str, Any] = {
        "category": "supplies",
        "sla_class": SlaClass.COMPLEX,
        "description": "缺少口罩和测温枪",
        "department": "energy",
        "enterprise_cannot_solve": True,
    }
    values.update(overrides)
    return ticket_raise(actor=actor, enterprise=enterprise, **values)
