"""Contact tracing (DESIGN §3.3 "Tracing rules, exactly"): pure reads, fast on city data.

The work is done per *place and time*, never person by person (selectors/exposure.py): one
query for the intervals of the people traced (an index case, or all its close contacts at
once), one for everybody else's intervals at those places in that time, one each for the
shared rosters and dormitory rooms. Overlaps are computed on merged intervals, so a person
recorded twice for the same minutes (roster and positioning at the same zone) counts once.

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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from fugong.core.masking import mask_id_number
from fugong.epidemic.models import Case, CaseTest, Observation, ObservationKind, TestResult
from fugong.epidemic.selectors.exposure import (
    Exposure,
    Span,
    chunks,
    close_exposures,
    exposures_of,
    local_midnight,
    night_span,
)
from fugong.epidemic.selectors.policy import policy_in_force
from fugong.org.models import Place
from fugong.people.models import Person

__all__ = [
    "Span",
    "TraceContact",
    "TraceResult",
    "case_window",
    "local_midnight",
    "night_span",
    "trace_case",
    "trace_person",
]

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


def _contact(person: int, degree: int, via: int | None, exposure: Exposure) -> TraceContact:
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

    for chunk in chunks(ids):
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


def trace_rows(contacts: list[TraceContact]) -> list[dict[str, Any]]:
    """What a reader is shown of each contact (page and API): the masked identity, the
    enterprise, the names of the places and the contact it was reached through (two queries)."""
    people = Person.objects.in_bulk(
        [c.person_id for c in contacts] + [c.via_id for c in contacts if c.via_id]
    )
    place_ids = {p for c in contacts for p in c.places}
    places = dict(Place.objects.filter(pk__in=place_ids).values_list("pk", "name"))
    rows = []
    for contact in contacts:
        person = people[contact.person_id]
        via = people.get(contact.via_id) if contact.via_id else None
        rows.append(
            {
                "contact": contact,
                "name": person.name,
                "id_masked": mask_id_number(person.id_number),
                "enterprise_id": person.enterprise_id,
                "via": via.name if via else "",
                "places": [places[p] for p in contact.places if p in places],
                "place_ids": [p for p in contact.places if p in places],
            }
        )
    return rows
