"""Exposure between people, computed by place and time (the machinery of tracing).

``exposures_of`` takes the people traced, each with their own window, and answers for each
everyone they shared presence with inside it: overlap seconds at shared places (from the
presence intervals, merged per person and place so nothing counts twice), and the shared
shift occurrences and dormitory nights (the parts inside the window). It reads by place and
time through the indexes, one query per kind and chunk, never person by person; the overlaps
are found by a sweep per place. selectors/tracing.py applies the rules to the result.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from fugong.epidemic.models import ContactRule, DormitoryNight, PresenceInterval, ShiftRoster

Span = tuple[dt.datetime, dt.datetime]
NIGHT_START = dt.time(22, 0)
NIGHT_END = dt.time(6, 0)
# Under SQLite's bound-parameter limit, with room to spare.
CHUNK = 500


@dataclass
class Exposure:
    """What one traced person shared with one other person inside the traced window. Times
    are POSIX timestamps: the sweep below compares hundreds of thousands of them."""

    seconds: float = 0.0
    first: float = float("inf")
    last: float = float("-inf")
    places: set[int] = field(default_factory=set)
    rules: set[str] = field(default_factory=set)

    def add(self, span: Span, rule: str | None, place: int | None) -> None:
        self.extend(span[0].timestamp(), span[1].timestamp(), rule, place)

    def extend(self, start: float, end: float, rule: str | None, place: int | None) -> None:
        if start < self.first:
            self.first = start
        if end > self.last:
            self.last = end
        if rule:
            self.rules.add(rule)
        if place is not None:
            self.places.add(place)


def local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=timezone.get_default_timezone())


def night_span(night: dt.date) -> Span:
    """The dormitory night that starts on ``night``: 22:00 local to 06:00 the next morning."""
    tz = timezone.get_default_timezone()
    return (
        dt.datetime.combine(night, NIGHT_START, tzinfo=tz),
        dt.datetime.combine(night + dt.timedelta(days=1), NIGHT_END, tzinfo=tz),
    )


def clip(span: Span, window: Span) -> Span | None:
    start, end = max(span[0], window[0]), min(span[1], window[1])
    return (start, end) if start < end else None


def merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[list[dt.datetime]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _overlaps(windows: Mapping[int, Span], found: dict[int, dict[int, Exposure]]) -> None:
    """Presence overlaps of each traced person with everybody at the same places."""
    lo = min(w[0] for w in windows.values())
    hi = max(w[1] for w in windows.values())
    own: dict[tuple[int, int], list[Span]] = defaultdict(list)  # (traced, place) → spans
    for ids in chunks(list(windows)):
        rows = PresenceInterval.objects.filter(
            person_id__in=ids, start__lt=hi, end__gt=lo
        ).values_list("person_id", "place_id", "start", "end")
        for person, place, start, end in rows:
            clipped = clip((start, end), windows[person])
            if clipped:
                own[(person, place)].append(clipped)
    spans_by_place: dict[int, list[Span]] = defaultdict(list)
    traced_at: dict[int, list[tuple[int, list[Span]]]] = defaultdict(list)
    for (person, place), spans in own.items():
        merged = merge(spans)
        traced_at[place].append((person, merged))
        spans_by_place[place].extend(merged)
    if not traced_at:
        return
    others: dict[int, dict[int, list[Span]]] = defaultdict(lambda: defaultdict(list))
    for places in chunks(sorted(spans_by_place), 200):
        where = Q()
        for place in places:
            spans = spans_by_place[place]
            where |= Q(
                place_id=place,
                start__lt=max(e for _, e in spans),
                end__gt=min(s for s, _ in spans),
            )
        rows = PresenceInterval.objects.filter(where).values_list(
            "place_id", "person_id", "start", "end"
        )
        for place, person, start, end in rows:
            others[place][person].append((start, end))
    for place, traced in traced_at.items():
        _sweep(place, traced, others.get(place, {}), found)


def _sweep(
    place: int,
    traced: list[tuple[int, list[Span]]],
    people: dict[int, list[Span]],
    found: dict[int, dict[int, Exposure]],
) -> None:
    """Overlaps at one place: everybody's merged spans sorted by start, and for each traced
    span only those starting within the longest span before it (binary search), so the work
    follows the overlaps found rather than traced × present pairs."""
    flat: list[tuple[float, float, int]] = []
    for person, spans in people.items():
        for start, end in merge(spans):
            flat.append((start.timestamp(), end.timestamp(), person))
    if not flat:
        return
    flat.sort()
    starts = [row[0] for row in flat]
    longest = max(finish - begin for begin, finish, _ in flat)
    for source, mine in traced:
        exposures = found[source]
        for span_start, span_end in mine:
            s, e = span_start.timestamp(), span_end.timestamp()
            for index in range(bisect_left(starts, s - longest), bisect_left(starts, e)):
                begin, finish, person = flat[index]
                if finish <= s or person == source:
                    continue
                a = begin if begin > s else s
                b = finish if finish < e else e
                exposure = exposures.get(person)
                if exposure is None:
                    exposure = exposures[person] = Exposure()
                # Inlined (not ``extend``): this line runs once per overlap found.
                exposure.seconds += b - a
                if a < exposure.first:
                    exposure.first = a
                if b > exposure.last:
                    exposure.last = b
                exposure.places.add(place)


def _shared_shifts(windows: Mapping[int, Span], found: dict[int, dict[int, Exposure]]) -> None:
    """Same team on the same shift occurrence overlapping the traced person's window."""
    lo = min(w[0] for w in windows.values())
    hi = max(w[1] for w in windows.values())
    through = ShiftRoster.members.through
    days = (timezone.localdate(lo) - dt.timedelta(days=1), timezone.localdate(hi))
    mine: dict[int, list[int]] = defaultdict(list)  # roster → traced people on it
    for ids in chunks(list(windows)):
        rows = through.objects.filter(person_id__in=ids, shiftroster__day__range=days)
        for roster, person in rows.values_list("shiftroster_id", "person_id"):
            mine[roster].append(person)
    if not mine:
        return
    rosters = ShiftRoster.objects.filter(pk__in=list(mine)).select_related("shift")
    spans = {r.pk: (r.shift.occurrence(r.day), r.place_id) for r in rosters}
    members: dict[int, list[int]] = defaultdict(list)
    for ids in chunks(list(mine)):
        rows = through.objects.filter(shiftroster_id__in=ids)
        for roster, person in rows.values_list("shiftroster_id", "person_id"):
            members[roster].append(person)
    for roster, traced in mine.items():
        occurrence, place = spans[roster]
        for source in traced:
            clipped = clip(occurrence, windows[source])
            if clipped is None:
                continue
            for person in members[roster]:
                if person != source:
                    exposure = found[source].setdefault(person, Exposure())
                    exposure.add(clipped, ContactRule.SHIFT, place)


def _shared_rooms(windows: Mapping[int, Span], found: dict[int, dict[int, Exposure]]) -> None:
    """Same dormitory room for a night overlapping the traced person's window."""
    lo = min(w[0] for w in windows.values())
    hi = max(w[1] for w in windows.values())
    days = (timezone.localdate(lo) - dt.timedelta(days=1), timezone.localdate(hi))
    mine: dict[tuple[int, dt.date], list[int]] = defaultdict(list)
    for ids in chunks(list(windows)):
        rows = DormitoryNight.objects.filter(person_id__in=ids, night__range=days)
        for person, room, night in rows.values_list("person_id", "room_id", "night"):
            mine[(room, night)].append(person)
    if not mine:
        return
    residents: dict[tuple[int, dt.date], list[int]] = defaultdict(list)
    rooms = sorted({room for room, _ in mine})
    for ids in chunks(rooms):
        rows = DormitoryNight.objects.filter(room_id__in=ids, night__range=days)
        for person, room, night in rows.values_list("person_id", "room_id", "night"):
            residents[(room, night)].append(person)
    for (room, night), traced in mine.items():
        for source in traced:
            clipped = clip(night_span(night), windows[source])
            if clipped is None:
                continue
            for person in residents[(room, night)]:
                if person != source:
                    exposure = found[source].setdefault(person, Exposure())
                    exposure.add(clipped, ContactRule.DORMITORY, room)


def exposures_of(windows: Mapping[int, Span]) -> dict[int, dict[int, Exposure]]:
    """For each traced person (with their own window), everyone they shared presence with."""
    found: dict[int, dict[int, Exposure]] = defaultdict(dict)
    windows = {p: w for p, w in windows.items() if w[0] < w[1]}
    if windows:
        _overlaps(windows, found)
        _shared_shifts(windows, found)
        _shared_rooms(windows, found)
    return found


def close_exposures(exposures: dict[int, Exposure], threshold_seconds: int) -> dict[int, Exposure]:
    """The exposures that make a close contact; the overlap rule is named when it holds."""
    close = {}
    for person, exposure in exposures.items():
        if exposure.seconds >= threshold_seconds:
            exposure.rules.add(ContactRule.OVERLAP)
        if exposure.rules:
            close[person] = exposure
    return close
