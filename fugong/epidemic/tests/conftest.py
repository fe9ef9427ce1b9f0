"""Fixtures of the health tests: a Beijing clock and a helper to check in on a given day."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

BEIJING = ZoneInfo("Asia/Shanghai")


def beijing(year: int, month: int, day: int, hour: int = 9, minute: int = 0, second: int = 0):
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=BEIJING)


@pytest.fixture
def check_in(world):
    """``check_in(at, person=miner, actor=worker, **fields)``: a check-in through the service."""
    from fugong.epidemic.services.health import checkin_submit

    def submit(at, person=None, actor=None, **fields):
        fields.setdefault("temperature", Decimal("36.5"))
        fields.setdefault("pledge", True)
        fields.setdefault("client_uuid", uuid.uuid4())
        return checkin_submit(
            actor=actor or world.users.worker, person=person or world.miner, at=at, **fields
        )

    return submit
