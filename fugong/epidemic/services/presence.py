"""Presence sources → presence intervals (DESIGN §3.3 "Presence").

Every source keeps its own record (roster, dormitory night, gathering, positioning event) and
derives PresenceInterval rows from it with a *deterministic* client UUID (uuid5 of the source
and the person), so deriving again stores nothing twice. A roster or gathering is master data
that an officer corrects: its derived intervals follow it (stale ones are removed), which is
the one exception to "append-only" and is why their ``source_ref`` names the record.

Positioning pairs (decision, documented): events are paired per card in time order. An enter
is closed by the exit from the same zone; an enter followed by an enter elsewhere is closed at
that next enter (the card cannot be in two zones; the exit was lost); an enter with no later
event stays open and yields no interval until its exit arrives (an open interval would count
exposure up to "now" for a card left in a locker). An exit without an enter is ignored. An
exit that arrives in a later batch corrects the end of the interval paired before it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fugong.core.events import events_ingest
from fugong.epidemic.models import (
    DormitoryNight,
    Gathering,
    GatheringKind,
    PositioningCard,
    PositioningEvent,
    PositioningEventKind,
    PresenceInterval,
    PresenceSource,
    ShiftRoster,
)
from fugong.epidemic.selectors.exposure import night_span
from fugong.org.models import Place, Shift, Team
from fugong.people.models import Person

NAMESPACE = uuid.UUID("5b0f3c4e-6f7a-4c1e-9a57-2f5c0e4d7a10")
GATHERING_SOURCE = {
    GatheringKind.VEHICLE_TRIP: PresenceSource.VEHICLE,
    GatheringKind.CANTEEN_SITTING: PresenceSource.CANTEEN,
    GatheringKind.MEETING: PresenceSource.MEETING,
}
# How far around a batch the pairing looks for the other half of an enter/exit pair.
PAIRING_MARGIN = dt.timedelta(hours=24)


def derived_uuid(*parts: object) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts))


def _sync(ref: str, rows: list[PresenceInterval]) -> None:
    """Make the intervals derived from ``ref`` exactly ``rows`` (by their UUIDs)."""
    keep = {row.client_uuid for row in rows}
    PresenceInterval.objects.filter(source_ref=ref).exclude(client_uuid__in=keep).delete()
    current = dict(PresenceInterval.objects.filter(source_ref=ref).values_list("client_uuid", "pk"))
    changed = [row for row in rows if row.client_uuid in current]
    for row in changed:  # a corrected time or place: rewrite the derived row
        PresenceInterval.objects.filter(pk=current[row.client_uuid]).update(
            place=row.place_id, start=row.start, end=row.end, enterprise=row.enterprise_id
        )
    events_ingest(model=PresenceInterval, events=[r for r in rows if r.client_uuid not in current])


def presence_from_roster(*, roster: ShiftRoster) -> int:
    """One interval per member at the roster's place for the shift occurrence (a night shift
    ends the next morning). A roster without a place yields no interval: the team rule of
    tracing still holds for it. Answers how many intervals the roster now has."""
    ref = f"roster:{roster.pk}"
    rows: list[PresenceInterval] = []
    if roster.place_id is not None:
        start, end = roster.shift.occurrence(roster.day)
        for person_id in roster.members.values_list("pk", flat=True):
            rows.append(
                PresenceInterval(
                    client_uuid=derived_uuid(ref, person_id),
                    person_id=person_id,
                    place_id=roster.place_id,
                    enterprise_id=roster.team.enterprise_id,
                    start=start,
                    end=end,
                    source=PresenceSource.ROSTER,
                    source_ref=ref,
                )
            )
    _sync(ref, rows)
    return len(rows)


def _same_enterprise(enterprise_id: int, people: Iterable[Person], field: str) -> None:
    strangers = [p.name for p in people if p.enterprise_id != enterprise_id]
    if strangers:
        raise ValidationError(
            {field: _("Not of this enterprise: %(names)s") % {"names": "、".join(strangers)}}
        )


@transaction.atomic
def roster_save(
    *,
    team: Team,
    shift: Shift,
    day: dt.date,
    place: Place | None,
    members: Sequence[Person],
    actor: object | None = None,
) -> ShiftRoster:
    """Record (or correct) who worked one shift occurrence with one team, and their presence."""
    if shift.enterprise_id != team.enterprise_id:
        raise ValidationError({"shift": _("The shift belongs to another enterprise.")})
    if place is not None and place.enterprise_id != team.enterprise_id:
        raise ValidationError({"place": _("The place belongs to another enterprise.")})
    _same_enterprise(team.enterprise_id, members, "members")
    roster, _created = ShiftRoster.objects.update_or_create(
        team=team, shift=shift, day=day, defaults={"place": place}
    )
    roster.members.set(members)
    presence_from_roster(roster=roster)
    return roster


@transaction.atomic
def dormitory_nights_assign(
    *, room: Place, nights: Sequence[dt.date], people: Sequence[Person], actor: object = None
) -> int:
    """Assign people to a room for nights (22:00–06:00): one room per person per night (a new
    assignment moves them), with a presence interval each. Answers the nights written."""
    _same_enterprise(room.enterprise_id, people, "people")
    written = 0
    for night in nights:
        start, end = night_span(night)
        for person in people:
            DormitoryNight.objects.update_or_create(
                person=person, night=night, defaults={"room": room}
            )
            ref = f"night:{person.pk}:{night.isoformat()}"
            _sync(
                ref,
                [
                    PresenceInterval(
                        client_uuid=derived_uuid(ref, room.pk),
                        person=person,
                        place=room,
                        enterprise_id=room.enterprise_id,
                        start=start,
                        end=end,
                        source=PresenceSource.DORMITORY,
                        source_ref=ref,
                    )
                ],
            )
            written += 1
    return written


def presence_from_gathering(*, gathering: Gathering) -> int:
    ref = f"gathering:{gathering.pk}"
    rows = [
        PresenceInterval(
            client_uuid=derived_uuid(ref, person_id),
            person_id=person_id,
            place_id=gathering.place_id,
            enterprise_id=gathering.place.enterprise_id,
            start=gathering.starts_at,
            end=gathering.ends_at,
            source=GATHERING_SOURCE[GatheringKind(gathering.kind)],
            source_ref=ref,
        )
        for person_id in gathering.participants.values_list("pk", flat=True)
    ]
    _sync(ref, rows)
    return len(rows)


@transaction.atomic
def gathering_record(
    *,
    kind: str,
    place: Place,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    participants: Sequence[Person],
    title: str = "",
    gathering: Gathering | None = None,
    actor: object | None = None,
) -> Gathering:
    """A bus trip, canteen sitting or meeting (a 座谈会 with its participant list)."""
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    _same_enterprise(place.enterprise_id, participants, "participants")
    gathering = gathering or Gathering()
    gathering.kind, gathering.place, gathering.title = kind, place, title
    gathering.starts_at, gathering.ends_at = starts_at, ends_at
    gathering.full_clean()
    gathering.save()
    gathering.participants.set(participants)
    presence_from_gathering(gathering=gathering)
    return gathering


@transaction.atomic
def cards_assign(*, cards: Sequence[tuple[str, Person]]) -> tuple[int, int]:
    """Give each card (per the person's enterprise) to its person: a card handed on to someone
    else is reassigned, from its next event on. Answers (created, changed)."""
    created = changed = 0
    for number, person in cards:
        card, made = PositioningCard.objects.get_or_create(
            enterprise_id=person.enterprise_id, card_number=number, defaults={"person": person}
        )
        if made:
            created += 1
        elif card.person_id != person.pk:
            card.person = person
            card.save(update_fields=["person", "updated_at"])
            changed += 1
    return created, changed


def _pair(events: list[tuple[uuid.UUID, int, str, dt.datetime]]) -> list[tuple]:
    """Enter/exit pairs of one card's events in time order → (enter uuid, place, start, end)."""
    pairs = []
    open_enter: tuple[uuid.UUID, int, dt.datetime] | None = None
    for key, place, kind, at in events:
        if kind == PositioningEventKind.ENTER:
            if open_enter is not None and open_enter[1] != place and open_enter[2] < at:
                pairs.append((open_enter[0], open_enter[1], open_enter[2], at))
            if open_enter is None or open_enter[1] != place:
                open_enter = (key, place, at)
        elif open_enter is not None and open_enter[1] == place:
            if open_enter[2] < at:
                pairs.append((open_enter[0], place, open_enter[2], at))
            open_enter = None
    return pairs


def presence_from_positioning(
    *, cards: Iterable[str], since: dt.datetime, until: dt.datetime
) -> int:
    """Pair the identified events of ``cards`` between ``since`` and ``until`` (with a margin)
    into presence intervals; idempotent (the interval's UUID derives from its enter event)."""
    rows = (
        PositioningEvent.objects.filter(
            card_number__in=list(cards),
            person__isnull=False,
            at__gte=since - PAIRING_MARGIN,
            at__lte=until + PAIRING_MARGIN,
        )
        .order_by("card_number", "at", "pk")
        .values_list(
            "card_number",
            "person_id",
            "place_id",
            "place__enterprise_id",
            "client_uuid",
            "kind",
            "at",
        )
    )
    by_card: dict[tuple[str, int, int], list] = {}
    for card, person, place, enterprise, key, kind, at in rows:
        by_card.setdefault((card, person, enterprise), []).append((key, place, kind, at))
    intervals = [
        PresenceInterval(
            client_uuid=derived_uuid("positioning", enter),
            person_id=person,
            place_id=place,
            enterprise_id=enterprise,
            start=start,
            end=end,
            source=PresenceSource.POSITIONING,
            source_ref=f"card:{card}",
        )
        for (card, person, enterprise), events in by_card.items()
        for enter, place, start, end in _pair(events)
    ]
    # An exit that arrives late replaces the end guessed from the next enter: the interval
    # derived from an enter event follows what its events now say.
    known = {
        key: (pk, end)
        for key, pk, end in PresenceInterval.objects.filter(
            client_uuid__in=[i.client_uuid for i in intervals]
        ).values_list("client_uuid", "pk", "end")
    }
    for interval in intervals:
        held = known.get(interval.client_uuid)
        if held is not None and held[1] != interval.end:
            PresenceInterval.objects.filter(pk=held[0]).update(end=interval.end)
    return len(events_ingest(model=PresenceInterval, events=intervals).new)


@transaction.atomic
def positioning_events_ingest(*, events: Sequence[PositioningEvent]) -> tuple[int, int]:
    """Store a batch of zone events once each (by client UUID), name the person through their
    card, and derive the intervals. Answers (new, duplicates)."""
    enterprises = {e.place.enterprise_id for e in events}
    cards = dict(
        (((c.enterprise_id, c.card_number), c.person_id))
        for c in PositioningCard.objects.filter(
            enterprise_id__in=enterprises, card_number__in={e.card_number for e in events}
        )
    )
    for event in events:
        event.person_id = cards.get((event.place.enterprise_id, event.card_number))
    result = events_ingest(model=PositioningEvent, events=events)
    if events:
        moments = [e.at for e in events]
        presence_from_positioning(
            cards={e.card_number for e in events}, since=min(moments), until=max(moments)
        )
    return len(result.new), len(result.duplicates)
