"""Reads for government oversight."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils import timezone

from fugong.oversight.models import Pairing


def paired_enterprise_ids(*, leader: Any, on: dt.date | None = None) -> frozenset[int]:
    """Enterprises a leader is paired with on a day (today by default)."""
    day = on or timezone.localdate()
    rows = Pairing.objects.filter(leader=leader, starts_on__lte=day).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=day)
    )
    return frozenset(rows.values_list("enterprise_id", flat=True))
