"""Contact tracing (DESIGN §3.3 "Tracing rules, exactly"): pure reads, fast on city data.

The work is done per *place and time*, never person by person: one query for the intervals of
the people traced (an index case, or all its close contacts at once), one for everybody else's
intervals at those places in that time, one each for the shared rosters and dormitory rooms.
The overlaps are then computed in Python on merged (disjoint) intervals, so a person recorded
twice for the same minutes (a roster interval and a positioning interval at the same zone)
is not counted twice.

Rules, with the policy's numbers:
- the index case's window runs from 00:00 local of the day ``lookback_days`` before the
  earlier of onset and first positive test, to the start of its isolation (or now);
- close contact: overlap minutes summed over all places inside the window ≥ ``exposure_minutes``,
  or the same team on the same shift occurrence overlapping the window, or the same dormitory
  room for a night (22:00–06:00 local) overlapping the window; only the part inside the window
  is exposure;
- secondary contact: the same rule for each close contact C, with C's window from C's first
  exposure to the index until C's isolation (or now); the index case and close contacts are
  never secondary contacts. A person reached through several close contacts is listed once,
  *via* the close contact whose exposure ends last (it sets the latest observation end; ties:
  the lower person id), with that exposure's figures.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from fugong.epidemic.models import (
    Case,
    CaseTest,
    ContactRule,
    DormitoryNight,
    Observation,
    ObservationKind,
    PresenceInterval,
    ShiftRoster,
    TestResult,
)
from fugong.epidemic.selectors.policy import policy_in_force

Span = tuple[dt.datetime, dt.datetime]
NIGHT_START = dt.time(22, 0)
NIGHT_END = dt.time(6, 0)
# Under SQLite's bound-parameter limit, with room to spare.
CHUNK = 500
ISOLATING_KINDS = (
    ObservationKind.CENTRALISED_QUARANTINE,
    ObservationKind.HOME_QUARANTINE,
    ObservationKind.ISOLATION,
)


@dataclass(frozen=True)
class TraceContact:
    """One contact found by tracing, with the evidence an officer needs to act on it."""

    person_id: int
    degree: int  # 1 close, 2 secondary
    via_id: int | None  # the close contact a secondary contact was reached through
    rules: tuple[str, ...]  # ContactRule values, sorted
    places: tuple[int, ...]  # place ids, sorted
    minutes: int  # overlap minutes at shared places inside the window (whole minutes)
    first_exposure: dt.datetime
    last_exposure: dt.datetime


@dataclass(frozen=True)
class TraceResult:
    window_start: dt.datetime
    window_end: dt.datetime
    contacts: list[TraceContact]

    @property
    def close(self) -> list[TraceContact]:
        return [c for c in self.contacts if c.degree == 1]

    @property
    def secondary(self) -> list[TraceContact]:
        return [c for c in self.contacts if c.degree == 2]


@dataclass
class _Exposure:
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


def case_window(case: Case, *, at: dt.datetime | None = None, lookback_days: int = 2) -> Span:
    """00:00 local of the day ``lookback_days`` before min(onset, first positive test), to the
    start of isolation (or ``at``). A case with neither date counts from the day it was
    recorded, so a suspected case reported before any test can still be traced."""
    now = at or timezone.now()
    days = [d for d in (case.onset_on, case.first_positive_on) if d is not None]
    first_test = (
        CaseTest.objects.filter(case=case, result=TestResult.POSITIVE)
        .order_by("taken_on")
        .values_list("taken_on", flat=True)
        .first()
    )
    if first_test is not None:
        days.append(first_test)
    anchor = min(days) if days else timezone.localdate(case.created_at or now)
    start = local_midnight(anchor - dt.timedelta(days=lookback_days))
    end = case.isolation_started_at or now
    return start, min(end, now)


def _clip(span: Span, window: Span) -> Span | None:
    start, end = max(span[0], window[0]), min(span[1], window[1])
    return (start, end) if start < end else None


def _merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[list[dt.datetime]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _overlaps(windows: Mapping[int, Span], found: dict[int, dict[int, _Exposure]]) -> None:
    """Presence overlaps of each traced person with everybody at the same places."""
    lo = min(w[0] for w in windows.values())
    hi = max(w[1] for w in windows.values())
    own: dict[tuple[int, int], list[Span]] = defaultdict(list)  # (traced, place) → spans
    for ids in _chunks(list(windows)):
        rows = PresenceInterval.objects.filter(
            person_id__in=ids, start__lt=hi, end__gt=lo
        ).values_list("person_id", "place_id", "start", "end")
        for person, place, start, end in rows:
            clipped = _clip((start, end), windows[person])
            if clipped:
                own[(person, place)].append(clipped)
    spans_by_place: dict[int, list[Span]] = defaultdict(list)
    traced_at: dict[int, list[tuple[int, list[Span]]]] = defaultdict(list)
    for (person, place), spans in own.items():
        merged = _merge(spans)
        traced_at[place].append((person, merged))
        spans_by_place[place].extend(merged)
    if not traced_at:
        return
    others: dict[int, dict[int, list[Span]]] = defaultdict(lambda: defaultdict(list))
    for places in _chunks(sorted(spans_by_place), 200):
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
    found: dict[int, dict[int, _Exposure]],
) -> None:
    """Overlaps at one place: everybody's merged spans sorted by start, and for each traced
    span only those starting within the longest span before it (binary search), so the work
    follows the overlaps found rather than traced × present pairs."""
    flat: list[tuple[float, float, int]] = []
    for person, spans in people.items():
        for start, end in _merge(spans):
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
                    exposure = exposures[person] = _Exposure()
                # Inlined (not ``extend``): this line runs once per overlap found.
                exposure.seconds += b - a
                if a < exposure.first:
                    exposure.first = a
                if b > exposure.last:
                    exposure.last = b
                exposure.places.add(place)


def _shared_shifts(windows: Mapping[int, Span], found: dict[int, dict[int, _Exposure]]) -> None:
    """Same team on the same shift occurrence overlapping the traced person's window."""
    lo = min(w[0] for w in windows.values())
    hi = max(w[1] for w in windows.values())
    through = ShiftRoster.members.through
    days = (timezone.localdate(lo) - dt.timedelta(days=1), timezone.localdate(hi))
    mine: dict[int, list[int]] = defaultdict(list)  # roster → traced people on it
    for ids in _chunks(list(windows)):
        rows = through.objects.filter(person_id__in=ids, shiftroster__day__range=days)
        for roster, person in rows.values_list("shiftroster_id", "person_id"):
            mine[roster].append(person)
    if not mine:
        return
    rosters = ShiftRoster.objects.filter(pk__in=list(mine)).select_related("shift")
    spans = {r.pk: (r.shift.occurrence(r.day), r.place_id) for r in rosters}
    members: dict[int, list[int]] = defaultdict(list)
    for ids in _chunks(list(mine)):
        rows = through.objects.filter(shiftroster_id__in=ids)
        for roster, person in rows.values_list("shiftroster_id", "person_id"):
            members[roster].append(person)
    for roster, traced in mine.items():
        occurrence, place = spans[roster]
        for source in traced:
            clipped = _clip(occurrence, windows[source])
            if clipped is None:
                continue
            for person in members[roster]:
                if person != source:
                    exposure = found[source].setdefault(person, _Exposure())
                    exposure.add(clipped, ContactRule.SHIFT, place)


def _shared_rooms(windows: Mapping[int, Span], found: dict[int, dict[int, _Exposure]]) -> None:
    """Same dormitory room for a night overlapping the traced person's window."""
    lo = min(w[0] for w in windows.values())
    hi = max(w[1] for w in windows.values())
    days = (timezone.localdate(lo) - dt.timedelta(days=1), timezone.localdate(hi))
    mine: dict[tuple[int, dt.date], list[int]] = defaultdict(list)
    for ids in _chunks(list(windows)):
        rows = DormitoryNight.objects.filter(person_id__in=ids, night__range=days)
        for person, room, night in rows.values_list("person_id", "room_id", "night"):
            mine[(room, night)].append(person)
    if not mine:
        return
    residents: dict[tuple[int, dt.date], list[int]] = defaultdict(list)
    rooms = sorted({room for room, _ in mine})
    for ids in _chunks(rooms):
        rows = DormitoryNight.objects.filter(room_id__in=ids, night__range=days)
        for person, room, night in rows.values_list("person_id", "room_id", "night"):
            residents[(room, night)].append(person)
    for (room, night), traced in mine.items():
        for source in traced:
            clipped = _clip(night_span(night), windows[source])
            if clipped is None:
                continue
            for person in residents[(room, night)]:
                if person != source:
                    exposure = found[source].setdefault(person, _Exposure())
                    exposure.add(clipped, ContactRule.DORMITORY, room)


def exposures_of(windows: Mapping[int, Span]) -> dict[int, dict[int, _Exposure]]:
    """For each traced person (with their own window), everyone they shared presence with."""
    found: dict[int, dict[int, _Exposure]] = defaultdict(dict)
    windows = {p: w for p, w in windows.items() if w[0] < w[1]}
    if windows:
        _overlaps(windows, found)
        _shared_shifts(windows, found)
        _shared_rooms(windows, found)
    return found


def close_exposures(
    exposures: dict[int, _Exposure], threshold_seconds: int
) -> dict[int, _Exposure]:
    """The exposures that make a close contact; the overlap rule is named when it holds."""
    close = {}
    for person, exposure in exposures.items():
        if exposure.seconds >= threshold_seconds:
            exposure.rules.add(ContactRule.OVERLAP)
        if exposure.rules:
            close[person] = exposure
    return close


def _contact(person: int, degree: int, via: int | None, exposure: _Exposure) -> TraceContact:
    return TraceContact(
        person_id=person,
        degree=degree,
        via_id=via,
        rules=tuple(sorted(exposure.rules)),
        places=tuple(sorted(exposure.places)),
        minutes=int(exposure.seconds // 60),
        first_exposure=dt.datetime.fromtimestamp(exposure.first, tz=dt.UTC),
        last_exposure=dt.datetime.fromtimestamp(exposure.last, tz=dt.UTC),
    )


def isolation_starts(person_ids: Iterable[int], after: Mapping[int, dt.datetime]) -> dict:
    """When each person was isolated (quarantine, isolation, or a case's isolation) at or after
    ``after[person]``: the end of their secondary-tracing window."""
    ids = list(person_ids)
    starts: dict[int, dt.datetime] = {}

    def keep(person: int, moment: dt.datetime | None) -> None:
        if (
            moment is not None
            and moment >= after[person]
            and (person not in starts or moment < starts[person])
        ):
            starts[person] = moment

    for chunk in _chunks(ids):
        rows = Observation.objects.filter(person_id__in=chunk, kind__in=ISOLATING_KINDS)
        for person, started in rows.values_list("person_id", "started_at"):
            keep(person, started)
        cases = Case.objects.filter(person_id__in=chunk, isolation_started_at__isnull=False)
        for person, isolated in cases.values_list("person_id", "isolation_started_at"):
            keep(person, isolated)
    return starts


def trace_person(
    person_id: int,
    window: Span,
    *,
    at: dt.datetime,
    exposure_minutes: int,
) -> list[TraceContact]:
    """Close and secondary contacts of ``person_id`` for its window (the two-degree trace)."""
    threshold = exposure_minutes * 60
    close = close_exposures(exposures_of({person_id: window}).get(person_id, {}), threshold)
    close.pop(person_id, None)
    contacts = [_contact(p, 1, None, e) for p, e in close.items()]
    firsts = {c.person_id: c.first_exposure for c in contacts}
    isolated = isolation_starts(firsts, firsts)
    windows = {p: (first, min(isolated.get(p, at), at)) for p, first in firsts.items()}
    best: dict[int, TraceContact] = {}
    for via, exposures in exposures_of(windows).items():
        for person, exposure in close_exposures(exposures, threshold).items():
            if person == person_id or person in close:
                continue
            found = _contact(person, 2, via, exposure)
            held = best.get(person)
            if held is None or (found.last_exposure, -via) > (
                held.last_exposure,
                -(held.via_id or 0),
            ):
                best[person] = found
    contacts.extend(best.values())
    contacts.sort(key=lambda c: (c.degree, -c.last_exposure.timestamp(), c.person_id))
    return contacts


def trace_case(case: Case, *, at: dt.datetime | None = None) -> TraceResult:
    """The two-degree trace of an index case with the policy in force."""
    now = at or timezone.now()
    policy = policy_in_force(now)
    window = case_window(case, at=now, lookback_days=policy.lookback_days)
    contacts = trace_person(
        case.person_id, window, at=now, exposure_minutes=policy.exposure_minutes
    )
    return TraceResult(window_start=window[0], window_end=window[1], contacts=contacts)
