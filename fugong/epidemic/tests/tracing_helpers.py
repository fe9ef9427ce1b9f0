"""Small builders for the tracing tests: presence written directly, times in Beijing."""

from __future__ import annotations

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from fugong.epidemic.models import Case, CaseClassification, PresenceInterval, PresenceSource
from fugong.org.models import PlaceKind
from fugong.org.tests.factories import PlaceFactory
from fugong.people.tests.factories import PersonFactory

BEIJING = ZoneInfo("Asia/Shanghai")


def at(day: int, hour: int = 0, minute: int = 0, month: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=BEIJING)


def stay(person, place, start: dt.datetime, end: dt.datetime) -> PresenceInterval:
    return PresenceInterval.objects.create(
        client_uuid=uuid.uuid4(),
        person=person,
        place=place,
        enterprise_id=place.enterprise_id,
        start=start,
        end=end,
        source=PresenceSource.MANUAL,
    )


def person(world, name: str):
    return PersonFactory(name=name, enterprise=world.qifeng, team=None)


def place(world, name: str, kind: str = PlaceKind.OFFICE):
    return PlaceFactory(enterprise=world.qifeng, name=name, kind=kind)


def case_of(who, *, onset: dt.date, isolated: dt.datetime | None = None) -> Case:
    """A confirmed case with onset ``onset`` (window from 00:00 two days before)."""
    return Case.objects.create(
        person=who,
        classification=CaseClassification.CONFIRMED,
        onset_on=onset,
        isolation_started_at=isolated,
    )
