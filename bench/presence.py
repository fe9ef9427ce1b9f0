"""Presence for a bench data set: 30 days of shifts, canteen sittings and dormitory nights in
every coal mine (DESIGN §5 "city ... 30 days"), for P4.

Generated after the organisation and the people (bench.generate), once per data set, and
recorded under its own key in the meta table so that the people are not generated again when
only this changes (bump PRESENCE_VERSION then). Seeded: the same size gives the same rows.

Per mine: 8 underground zones, a canteen, dormitory rooms of 4 for a quarter of the miners and
the three shifts of 三八制 (06–14, 14–22, 22–06 crossing midnight). Each team works one shift a
week in turn at its zone; about 90 % of its members turn up each day (a roster with members
and a roster interval at the zone), and after the shift each goes to the canteen for 20–40
minutes, starting 0–40 minutes after the shift ends (the overlaps there decide who is a close
contact by the 15-minute rule). Dormitory nights are DormitoryNight rows (the room rule).
"""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
from collections import defaultdict
from typing import Any
from zoneinfo import ZoneInfo

from django.core.management.color import no_style
from django.db import connection, transaction

from bench import Size
from bench import database as db
from fugong.epidemic.models import DormitoryNight, PresenceInterval, ShiftRoster
from fugong.org.models import Enterprise, Place, PlaceKind, Shift, ShiftKind
from fugong.people.models import Person

PRESENCE_VERSION = "1"
DAYS = 30
LAST_DAY = dt.date(2026, 3, 31)  # the 30 local days up to and including this one
FIRST_DAY = LAST_DAY - dt.timedelta(days=DAYS - 1)
ZONES = 8
ROOM_BEDS = 4
BEIJING = ZoneInfo("Asia/Shanghai")
UTC = dt.UTC
SHIFTS = (
    ("早班", ShiftKind.MORNING, dt.time(6), dt.time(14)),
    ("中班", ShiftKind.MIDDLE, dt.time(14), dt.time(22)),
    ("夜班", ShiftKind.NIGHT, dt.time(22), dt.time(6)),
)
CODE = "BENCH-P4"
INTERVAL_COLUMNS = ("id", "client_uuid", "received_at", "person_id", "place_id", "enterprise_id",
                    "start", "end", "source", "source_ref")  # fmt: skip
ROSTER_COLUMNS = ("id", "created_at", "updated_at", "team_id", "shift_id", "day", "place_id")
MEMBER_COLUMNS = ("id", "shiftroster_id", "person_id")
NIGHT_COLUMNS = ("id", "person_id", "room_id", "night")


def _log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def _moment(value: dt.datetime) -> str:
    """An aware datetime as each backend stores it (SQLite: naive UTC text)."""
    utc = value.astimezone(UTC)
    if connection.vendor == "sqlite":
        return utc.strftime("%Y-%m-%d %H:%M:%S")
    return utc.strftime("%Y-%m-%d %H:%M:%S+00")


def _uuid(rng: random.Random) -> str:
    value = uuid.UUID(int=rng.getrandbits(128), version=4)
    return value.hex if connection.vendor == "sqlite" else str(value)


def occurrence(day: dt.date, start: dt.time, end: dt.time) -> tuple[dt.datetime, dt.datetime]:
    begin = dt.datetime.combine(day, start, tzinfo=BEIJING)
    finish_day = day + dt.timedelta(days=1) if end <= start else day
    return begin, dt.datetime.combine(finish_day, end, tzinfo=BEIJING)


def is_current() -> bool:
    return db.read_meta().get("presence") == PRESENCE_VERSION and db.count_rows(ShiftRoster) > 0


def ensure(size: Size) -> dict[str, float | str]:
    """Generate the presence of ``size`` unless this version is there already."""
    if is_current():
        return {"presence": "re-used"}
    started = time.perf_counter()
    with transaction.atomic():
        _clear()
        counts = _load(size)
    with connection.cursor() as cursor:
        models: list[Any] = [
            PresenceInterval,
            ShiftRoster,
            ShiftRoster.members.through,
            DormitoryNight,
        ]
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    meta = db.read_meta()
    meta["presence"] = PRESENCE_VERSION
    db.write_meta(meta)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    seconds = round(time.perf_counter() - started, 1)
    _log(f"{size.name}: presence ready in {seconds} s: {counts}")
    return {"presence": "now", "presence_s": seconds, **counts}


def _clear() -> None:
    PresenceInterval.objects.all().delete()
    ShiftRoster.members.through.objects.all().delete()
    ShiftRoster.objects.all().delete()
    DormitoryNight.objects.all().delete()
    Shift.objects.filter(name__startswith=CODE).delete()
    Place.objects.filter(code__startswith=CODE).delete()


def _load(size: Size) -> dict[str, int]:
    rng = random.Random(f"presence-{size.name}")
    stamp = db.stamp()
    received = _moment(dt.datetime(2026, 4, 1, tzinfo=BEIJING))
    mines = list(
        Enterprise.objects.filter(kind="coal_mine").order_by("pk").values_list("pk", flat=True)
    )
    crew: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    people = Person.objects.filter(
        enterprise_id__in=mines, team__isnull=False, status="active"
    ).values_list("enterprise_id", "team_id", "pk")
    for enterprise, team, person in people.order_by("pk").iterator(chunk_size=10_000):
        crew[enterprise][team].append(person)
    roster_id = 0
    counts = {"rosters": 0, "members": 0, "intervals": 0, "nights": 0}
    rosters: list[tuple] = []
    members: list[tuple] = []
    intervals: list[tuple] = []
    nights: list[tuple] = []
    for mine in mines:
        teams = crew.get(mine)
        if not teams:
            continue
        zones = Place.objects.bulk_create(
            [Place(enterprise_id=mine, name=f"{n}号采区", kind=PlaceKind.UNDERGROUND_ZONE,
                   code=f"{CODE}-Z{n}", headcount_limit=200) for n in range(1, ZONES + 1)]
        )  # fmt: skip
        canteen = Place.objects.create(
            enterprise_id=mine, name="职工食堂", kind=PlaceKind.CANTEEN, code=f"{CODE}-C"
        )
        shifts = Shift.objects.bulk_create(
            [Shift(enterprise_id=mine, name=f"{CODE}{name}", kind=kind, start_time=s, end_time=e)
             for name, kind, s, e in SHIFTS]
        )  # fmt: skip
        everyone = sorted(p for team in teams.values() for p in team)
        boarders = everyone[: len(everyone) // 4]
        room_count = -(-len(boarders) // ROOM_BEDS)
        rooms = Place.objects.bulk_create(
            [Place(enterprise_id=mine, name=f"宿舍{n}", kind=PlaceKind.DORMITORY_ROOM,
                   code=f"{CODE}-R{n}", capacity=ROOM_BEDS) for n in range(1, room_count + 1)]
        )  # fmt: skip
        for index, person in enumerate(boarders):
            room = rooms[index // ROOM_BEDS].pk
            for offset in range(DAYS):
                nights.append(
                    (
                        len(nights) + counts["nights"] + 1,
                        person,
                        room,
                        FIRST_DAY + dt.timedelta(days=offset),
                    )
                )
        for t_index, (team, crew_members) in enumerate(sorted(teams.items())):
            zone = zones[t_index % ZONES].pk
            for offset in range(DAYS):
                day = FIRST_DAY + dt.timedelta(days=offset)
                shift = shifts[(t_index + offset // 7) % 3]
                start, end = occurrence(day, shift.start_time, shift.end_time)
                roster_id += 1
                rosters.append((roster_id, stamp, stamp, team, shift.pk, day, zone))
                ref = f"roster:{roster_id}"
                s_text, e_text = _moment(start), _moment(end)
                for person in crew_members:
                    if rng.random() >= 0.9:
                        continue
                    members.append((len(members) + counts["members"] + 1, roster_id, person))
                    pk = len(intervals) + counts["intervals"] + 1
                    intervals.append(
                        (
                            pk,
                            _uuid(rng),
                            received,
                            person,
                            zone,
                            mine,
                            s_text,
                            e_text,
                            "roster",
                            ref,
                        )
                    )
                    meal = end + dt.timedelta(minutes=rng.randint(0, 40))
                    done = meal + dt.timedelta(minutes=rng.randint(20, 40))
                    meal_row = (_moment(meal), _moment(done), "canteen", "")
                    intervals.append(
                        (pk + 1, _uuid(rng), received, person, canteen.pk, mine, *meal_row)
                    )
        if len(intervals) > 200_000:
            _flush(rosters, members, intervals, nights, counts)
    _flush(rosters, members, intervals, nights, counts)
    return counts


def _flush(rosters: list, members: list, intervals: list, nights: list, counts: dict) -> None:
    db.bulk_insert(ShiftRoster, ROSTER_COLUMNS, rosters)
    db.bulk_insert(ShiftRoster.members.through, MEMBER_COLUMNS, members)
    db.bulk_insert(PresenceInterval, INTERVAL_COLUMNS, intervals)
    db.bulk_insert(DormitoryNight, NIGHT_COLUMNS, nights)
    for name, rows in (("rosters", rosters), ("members", members), ("intervals", intervals),
                       ("nights", nights)):  # fmt: skip
        counts[name] += len(rows)
        rows.clear()
