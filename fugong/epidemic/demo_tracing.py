"""Demo layer of tracing (orders 130–139): presence in one 神达 mine for the last 14 days, and a
confirmed case whose trace finds close and secondary contacts and a cluster signal.

The mine is the one of the observation layer's confirmed case when there is one (step
120–129), else the demo worker's mine, whose team-mate then becomes the confirmed case here.
Presence goes through the real services (rosters, dormitory nights, gatherings, positioning
events), so the demo exercises what an officer or the positioning system would do.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from typing import TYPE_CHECKING

from django.utils import timezone

from fugong.demo.registry import DemoStep
from fugong.epidemic.models import (
    Case,
    CaseClassification,
    GatheringKind,
    PositioningCard,
    PositioningEvent,
    PositioningEventKind,
)
from fugong.epidemic.services import presence
from fugong.epidemic.services.clusters import clusters_detect
from fugong.org.models import Enterprise, Place, PlaceKind, Shift
from fugong.people.models import Person, PersonStatus

if TYPE_CHECKING:
    from fugong.demo.world import World

DAYS = 30  # a month of presence: rosters, nights and positioning (issue 6 "Done when")


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    tz = timezone.get_default_timezone()
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=tz)


def _index_case(world: World) -> Case:
    """The observation layer's confirmed case in a 神达 mine, or one made here."""
    mines = [m.pk for m in world.group_mines]
    case = (
        Case.objects.filter(
            classification=CaseClassification.CONFIRMED, person__enterprise_id__in=mines
        )
        .select_related("person")
        .order_by("pk")
        .first()
    )
    if case is not None:
        return case
    miner = world.miner
    mine_id = miner.enterprise_id if miner and miner.enterprise_id in mines else mines[0]
    candidates = Person.objects.filter(
        enterprise_id=mine_id, team__isnull=False, status=PersonStatus.ACTIVE
    )
    if miner is not None:
        candidates = candidates.exclude(pk=miner.pk)
    person = candidates.order_by("pk").first()
    if person is None:
        raise RuntimeError("the demo mine has no team members to make a case of")
    today = timezone.localdate()
    return Case.objects.create(
        person=person,
        classification=CaseClassification.CONFIRMED,
        onset_on=today - dt.timedelta(days=1),
        first_positive_on=today - dt.timedelta(days=1),
        isolation_started_at=_at(today, 8),
        note="演示病例：追踪密接、次密接",
    )


def build_tracing(world: World) -> None:
    case = _index_case(world)
    index = case.person
    mine = Enterprise.objects.get(pk=index.enterprise_id)
    today = timezone.localdate()
    places = {p.name: p for p in Place.objects.filter(enterprise=mine)}
    by_kind: dict[str, list[Place]] = defaultdict(list)
    for place in places.values():
        by_kind[place.kind].append(place)
    faces = by_kind[PlaceKind.WORKING_FACE] or by_kind[PlaceKind.UNDERGROUND_ZONE]
    shifts = list(Shift.objects.filter(enterprise=mine).order_by("start_time"))
    staff = list(
        Person.objects.filter(enterprise=mine, status=PersonStatus.ACTIVE)
        .select_related("team")
        .order_by("pk")
    )
    crews: dict[int, list[Person]] = defaultdict(list)
    for person in staff:
        if person.team_id:
            crews[person.team_id].append(person)
    teams = sorted({p.team for p in staff if p.team is not None}, key=lambda t: t.pk)
    # Rosters: each team one shift a day in weekly turns, at one face; ~9 in 10 turn up.
    for t_index, team in enumerate(teams):
        for back in range(DAYS, 0, -1):
            day = today - dt.timedelta(days=back)
            shift = shifts[(t_index + back // 7) % len(shifts)]
            members = [p for p in crews[team.pk] if world.rng.random() < 0.9 or p == index]
            if members:
                presence.roster_save(
                    team=team, shift=shift, day=day, place=faces[t_index % len(faces)],
                    members=members,
                )  # fmt: skip
    # Dormitory nights for those with a room.
    rooms: dict[int, list[Person]] = defaultdict(list)
    for person in staff:
        if person.dormitory_id:
            rooms[person.dormitory_id].append(person)
    nights = [today - dt.timedelta(days=back) for back in range(DAYS, 0, -1)]
    room_places = Place.objects.in_bulk(list(rooms))
    for room_id, people in rooms.items():
        presence.dormitory_nights_assign(room=room_places[room_id], nights=nights, people=people)
    _gatherings(world, mine, by_kind, staff, index, today)
    _positioning(mine, by_kind, crews.get(index.team_id or 0, [])[:8], today)
    # A team-mate falls ill the day after: with the index, a cluster signal. Not the demo
    # worker's login, whose code page should show the everyday case (green).
    mate = next(
        (p for p in crews.get(index.team_id or 0, []) if p not in (index, world.miner)), None
    )
    if mate is not None:
        Case.objects.get_or_create(
            person=mate,
            defaults={
                "classification": CaseClassification.SUSPECTED,
                "onset_on": today,
                "note": "演示：同班组疑似病例",
            },
        )
    clusters_detect()


def _gatherings(world, mine, by_kind, staff, index, today) -> None:
    rng = world.rng
    others = [p for p in staff if p != index]
    two, three, four = (today - dt.timedelta(days=n) for n in (2, 3, 4))
    meeting_room = by_kind[PlaceKind.MEETING_ROOM][0]
    presence.gathering_record(
        kind=GatheringKind.MEETING, place=meeting_room, title="复工复产座谈会",
        starts_at=_at(three, 9), ends_at=_at(three, 11),
        participants=[index, *rng.sample(others, min(8, len(others)))],
    )  # fmt: skip
    canteen = by_kind[PlaceKind.CANTEEN][0]
    lunch = [index, *rng.sample(others, min(20, len(others)))]
    presence.gathering_record(
        kind=GatheringKind.CANTEEN_SITTING, place=canteen, title="午餐",
        starts_at=_at(three, 11, 40), ends_at=_at(three, 12, 10), participants=lunch,
    )  # fmt: skip
    # The next day some of those lunch companions eat with others: secondary contacts.
    presence.gathering_record(
        kind=GatheringKind.CANTEEN_SITTING, place=canteen, title="午餐",
        starts_at=_at(two, 11, 40), ends_at=_at(two, 12, 10),
        participants=[*lunch[1:6], *rng.sample(others, min(15, len(others)))],
    )  # fmt: skip
    bus = by_kind[PlaceKind.VEHICLE][0]
    presence.gathering_record(
        kind=GatheringKind.VEHICLE_TRIP, place=bus, title="通勤车 县城→矿区",
        starts_at=_at(four, 6, 50), ends_at=_at(four, 7, 35),
        participants=[index, *rng.sample(others, min(25, len(others)))],
    )  # fmt: skip


def _positioning(mine, by_kind, crew, today) -> None:
    """Cards for a few of the index's team-mates and their zone events two days ago."""
    zones = by_kind[PlaceKind.UNDERGROUND_ZONE]
    if not zones or not crew:
        return
    day = today - dt.timedelta(days=2)
    events = []
    for n, person in enumerate(crew):
        card = f"KQ{mine.pk:03d}{person.pk:06d}"
        PositioningCard.objects.get_or_create(
            enterprise=mine, card_number=card, defaults={"person": person}
        )
        enter = _at(day, 9, n * 3)
        for kind, moment, zone in (
            (PositioningEventKind.ENTER, enter, zones[0]),
            (PositioningEventKind.EXIT, enter + dt.timedelta(minutes=50), zones[0]),
            (PositioningEventKind.ENTER, enter + dt.timedelta(minutes=55), zones[1 % len(zones)]),
            (PositioningEventKind.EXIT, enter + dt.timedelta(hours=3), zones[1 % len(zones)]),
        ):
            events.append(
                PositioningEvent(
                    client_uuid=uuid.uuid5(uuid.NAMESPACE_URL, f"demo:{card}:{moment.isoformat()}"),
                    place=zone,
                    card_number=card,
                    kind=kind,
                    at=moment,
                )
            )
    presence.positioning_events_ingest(events=events)


STEPS = [DemoStep(130, "presence, contact tracing and a cluster signal", build_tracing)]
