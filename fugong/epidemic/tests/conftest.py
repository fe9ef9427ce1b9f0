"""Fixtures of the health tests: a Beijing clock, a helper to check in on a given day and one
to record a screening reading."""

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


@pytest.fixture
def reading(world):
    """``reading(at=now - 5 min, place=qifeng gate, person=miner, temperature="36.5", **fields)``:
    a screening row written directly (no entry decision), by the gate's operator."""
    from django.utils import timezone

    from fugong.epidemic.models import Screening

    def make(at=None, place=None, person=None, temperature="36.5", **fields):
        place = place or world.checkpoint
        if person is None and not fields.get("visitor_name"):
            person = world.miner
        fields.setdefault("identified_by", "code" if person else "visitor")
        fields.setdefault("result", "pass")
        return Screening.objects.create(
            client_uuid=uuid.uuid4(), place=place, enterprise=place.enterprise, person=person,
            temperature=Decimal(temperature),
            measured_at=at or timezone.now() - dt.timedelta(minutes=5),
            operator=fields.pop("operator", world.users.checkpoint), **fields,
        )  # fmt: skip

    return make
