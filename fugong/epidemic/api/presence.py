"""Presence API: positioning events and presence intervals in batches (devices and presence
writers), shift rosters with members, dormitory nights.

Batches are all or nothing: every item is checked first (schema, then its place in the
caller's scope and its person of that place's enterprise) and a bad item answers 422 naming
``body.<list>.<index>.<field>``, with nothing stored. Resending a batch stores nothing twice
(client UUIDs).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from pydantic import AfterValidator

from fugong.core.api import (
    INVALID_CHOICE,
    actor,
    permitted,
    resolve_foreign_keys,
    service_errors_in_body,
)
from fugong.core.events import events_ingest
from fugong.epidemic.api.common import invalid_choice
from fugong.epidemic.models import (
    DormitoryNight,
    PositioningCard,
    PositioningEvent,
    PositioningEventKind,
    PresenceInterval,
    PresenceSource,
    ShiftRoster,
)
from fugong.epidemic.services import presence as services
from fugong.org.models import Place, Shift, Team
from fugong.people.models import Person

router = Router(tags=["epidemic: presence"])
MAX_BATCH = 5000
# Ids fit the database's integer; days and moments a sane calendar (a fuzzer's year 1 or 9999
# would overflow the time-zone arithmetic rather than be refused).
MAX_ID = 2**63 - 1
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)


def _checked_moment(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        raise ValueError(_("Give the time zone (e.g. +08:00)."))
    if not EARLIEST <= value < LATEST:
        raise ValueError(_("Give a time between 2000 and 2099."))
    return value


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Day = Annotated[dt.date, Field(ge=dt.date(2000, 1, 1), le=dt.date(2099, 12, 31))]
Moment = Annotated[dt.datetime, AfterValidator(_checked_moment)]


class PositioningEventIn(Schema):
    client_uuid: uuid.UUID
    place_id: Id = Field(description="The zone (a place registered for the device)")
    card_number: str = Field(min_length=1, max_length=32)
    kind: PositioningEventKind
    at: Moment


class PositioningBatchIn(Schema):
    events: list[PositioningEventIn] = Field(min_length=1, max_length=MAX_BATCH)


class IntervalIn(Schema):
    client_uuid: uuid.UUID
    person_id: Id
    place_id: Id
    start: Moment
    end: Moment
    source: PresenceSource = PresenceSource.MANUAL


class IntervalBatchIn(Schema):
    intervals: list[IntervalIn] = Field(min_length=1, max_length=MAX_BATCH)


class IngestOut(Schema):
    stored: int
    duplicates: int


class RosterIn(Schema):
    team: Id
    shift: Id
    day: Day
    place: Id | None = None
    members: list[Id] = Field(min_length=1, max_length=500)


class RosterOut(Schema):
    id: int
    intervals: int


class NightsIn(Schema):
    room: Id
    first_night: Day
    last_night: Day
    people: list[Id] = Field(min_length=1, max_length=500)


class NightsOut(Schema):
    nights: int


class CardIn(Schema):
    card_number: str = Field(min_length=1, max_length=32)
    person_id: Id


class CardsIn(Schema):
    cards: list[CardIn] = Field(min_length=1, max_length=MAX_BATCH)


class CardsOut(Schema):
    created: int
    changed: int


def _places(who: Any, items: list[Any], where: str) -> dict[int, Place]:
    """The items' places from the caller's scope; an unknown one is a 422 naming the item."""
    wanted = {item.place_id for item in items}
    places = Place.objects.restrict(who).in_bulk(list(wanted))
    errors = {
        f"body.{where}.{index}.place_id": [str(INVALID_CHOICE)]
        for index, item in enumerate(items)
        if item.place_id not in places
    }
    if errors:
        raise ValidationError(errors)
    return places


@router.post(
    "/positioning-events",
    response={200: IngestOut},
    summary="Positioning zone events, in batches (idempotent by client UUID)",
    auth=permitted(PositioningEvent, "record"),
)
def post_positioning_events(request: HttpRequest, payload: PositioningBatchIn) -> IngestOut:
    who = actor(request)
    places = _places(who, payload.events, "events")
    events = [
        PositioningEvent(
            client_uuid=item.client_uuid,
            place=places[item.place_id],
            card_number=item.card_number,
            kind=item.kind,
            at=item.at,
        )
        for item in payload.events
    ]
    stored, duplicates = services.positioning_events_ingest(events=events)
    return IngestOut(stored=stored, duplicates=duplicates)


@router.post(
    "/intervals",
    response={200: IngestOut},
    summary="Presence intervals in bulk (idempotent by client UUID)",
    auth=permitted(PresenceInterval, "record"),
)
def post_intervals(request: HttpRequest, payload: IntervalBatchIn) -> IngestOut:
    who = actor(request)
    places = _places(who, payload.intervals, "intervals")
    # The person must be of the place's enterprise (a validation read of ids, nothing shown).
    owners = dict(
        Person.objects.filter(pk__in={i.person_id for i in payload.intervals}).values_list(
            "pk", "enterprise_id"
        )
    )
    errors: dict[str, list[str]] = {}
    for index, item in enumerate(payload.intervals):
        if owners.get(item.person_id) != places[item.place_id].enterprise_id:
            errors[f"body.intervals.{index}.person_id"] = [str(INVALID_CHOICE)]
        if item.end <= item.start:
            errors[f"body.intervals.{index}.end"] = [_("The end must be after the start.")]
    if errors:
        raise ValidationError(errors)
    rows = [
        PresenceInterval(
            client_uuid=item.client_uuid,
            person_id=item.person_id,
            place=places[item.place_id],
            enterprise_id=places[item.place_id].enterprise_id,
            start=item.start,
            end=item.end,
            source=item.source,
        )
        for item in payload.intervals
    ]
    result = events_ingest(model=PresenceInterval, events=rows)
    return IngestOut(stored=len(result.new), duplicates=len(result.duplicates))


def _people(who: Any, ids: list[int], field: str) -> list[Person]:
    found = Person.objects.restrict(who).in_bulk(ids)
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise invalid_choice(field)
    return list(found.values())


@router.post(
    "/rosters",
    response={200: RosterOut},
    summary="A shift roster with its members (creates or corrects; derives presence)",
    auth=permitted(ShiftRoster, "change"),
)
def post_roster(request: HttpRequest, payload: RosterIn) -> RosterOut:
    who = actor(request)
    data = resolve_foreign_keys(
        who,
        payload.model_dump(exclude={"members"}),
        {"team": Team.objects.all(), "shift": Shift.objects.all(), "place": Place.objects.all()},
    )
    members = _people(who, payload.members, "members")
    with service_errors_in_body():
        roster = services.roster_save(actor=who, members=members, **data)
    return RosterOut(id=roster.pk, intervals=services.presence_from_roster(roster=roster))


@router.post(
    "/dormitory-nights",
    response={200: NightsOut},
    summary="Assign people to a dormitory room for a run of nights (22:00–06:00)",
    auth=permitted(DormitoryNight, "change"),
)
def post_nights(request: HttpRequest, payload: NightsIn) -> NightsOut:
    who = actor(request)
    data = resolve_foreign_keys(who, {"room": payload.room}, {"room": Place.objects.all()})
    days = (payload.last_night - payload.first_night).days
    if days < 0 or days > 62:
        raise ValidationError({"body.last_night": [_("From the first night, at most 62 nights.")]})
    people = _people(who, payload.people, "people")
    nights = [payload.first_night + dt.timedelta(days=n) for n in range(days + 1)]
    with service_errors_in_body():
        written = services.dormitory_nights_assign(
            actor=who, room=data["room"], nights=nights, people=people
        )
    return NightsOut(nights=written)


@router.post(
    "/positioning-cards",
    response={200: CardsOut},
    summary="Who carries which positioning card (created or reassigned, in bulk)",
    auth=permitted(PositioningCard, "change"),
)
def post_cards(request: HttpRequest, payload: CardsIn) -> CardsOut:
    who = actor(request)
    people = Person.objects.restrict(who).in_bulk([c.person_id for c in payload.cards])
    errors = {
        f"body.cards.{index}.person_id": [str(INVALID_CHOICE)]
        for index, card in enumerate(payload.cards)
        if card.person_id not in people
    }
    if errors:
        raise ValidationError(errors)
    created, changed = services.cards_assign(
        cards=[(c.card_number, people[c.person_id]) for c in payload.cards]
    )
    return CardsOut(created=created, changed=changed)
