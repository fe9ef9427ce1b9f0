"""P4: the two-degree trace of an index case on city data, beside networkx (DESIGN §5).

fugong's trace (fugong.epidemic.selectors.tracing.trace_person) asks the database for the
intervals by person, then by place and time, through the indexes. The baseline is what an
analyst would write with networkx: read the presence of the trace's time span (intervals,
rosters with members, dormitory nights) into a graph — people, places, shift occurrences and
room-nights as nodes, a person–place edge per interval — and walk it two hops with the same
rules. Both must give identical contact lists (person, degree, via, rules, places, minutes,
first and last exposure); a difference counts as a miss and fails the run.

The baseline is timed as a one-off trace needs it (build the graph, then trace) and also its
walk alone on the built graph, so the report shows where the time goes.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from collections import defaultdict
from typing import Any

import networkx as nx
from django.utils import timezone

from bench import Context, Size
from bench import presence as bench_presence
from fugong.epidemic.models import ContactRule, DormitoryNight, PresenceInterval, ShiftRoster
from fugong.epidemic.selectors import tracing as fugong_tracing
from fugong.epidemic.selectors.exposure import (
    Exposure,
    Span,
    clip,
    close_exposures,
    merge,
    night_span,
)
from fugong.epidemic.selectors.tracing import TraceContact, isolation_starts

ID = "P4"
TITLE = "two-degree contact trace of an index case"
TARGET = "faster than networkx, identical result"
TARGET_MS = None
CASES = 5
EXPOSURE_MINUTES = 15
LOOKBACK_DAYS = 2


def _intersections(left: list[Span], right: list[Span]) -> list[Span]:
    """Overlaps of two sorted lists of disjoint spans (two pointers)."""
    out: list[Span] = []
    i = j = 0
    while i < len(left) and j < len(right):
        start = max(left[i][0], right[j][0])
        end = min(left[i][1], right[j][1])
        if start < end:
            out.append((start, end))
        if left[i][1] <= right[j][1]:
            i += 1
        else:
            j += 1
    return out


def _ms(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "count": len(ordered),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(p95 * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def index_cases(rng: random.Random) -> list[tuple[int, tuple[dt.datetime, dt.datetime]]]:
    """Miners with rosters: onset three days before the last day, isolated the day after."""
    onset = bench_presence.LAST_DAY - dt.timedelta(days=3)
    start = fugong_tracing.local_midnight(onset - dt.timedelta(days=LOOKBACK_DAYS))
    end = fugong_tracing.local_midnight(onset + dt.timedelta(days=1)) + dt.timedelta(hours=12)
    through = ShiftRoster.members.through
    people = list(
        through.objects.filter(shiftroster__day=onset).values_list("person_id", flat=True)[:5000]
    )
    return [(pid, (start, end)) for pid in rng.sample(sorted(set(people)), CASES)]


def build_graph(span: tuple[dt.datetime, dt.datetime]) -> nx.MultiGraph:
    """The presence of ``span`` as a networkx graph (the baseline's one-off cost)."""
    lo, hi = span
    graph = nx.MultiGraph()
    rows = PresenceInterval.objects.filter(start__lt=hi, end__gt=lo).values_list(
        "person_id", "place_id", "start", "end"
    )
    graph.add_edges_from(
        (("p", person), ("l", place), {"span": (start, end)}) for person, place, start, end in rows
    )
    days = (timezone.localdate(lo) - dt.timedelta(days=1), timezone.localdate(hi))
    rosters = ShiftRoster.objects.filter(day__range=days).select_related("shift")
    for roster in rosters:
        graph.add_node(("r", roster.pk), span=roster.shift.occurrence(roster.day))
    through = ShiftRoster.members.through.objects.filter(shiftroster__day__range=days)
    graph.add_edges_from(
        (("p", person), ("r", roster))
        for roster, person in through.values_list("shiftroster_id", "person_id")
    )
    for person, room, night in DormitoryNight.objects.filter(night__range=days).values_list(
        "person_id", "room_id", "night"
    ):
        node = ("d", room, night)
        graph.add_node(node, span=night_span(night), room=room)
        graph.add_edge(("p", person), node)
    return graph


def graph_exposures(graph: nx.MultiGraph, source: int, window: tuple) -> dict[int, Exposure]:
    """The same rules as fugong's selector, walking the graph from one person."""
    found: dict[int, Exposure] = {}
    me = ("p", source)
    if me not in graph:
        return found
    mine: dict[int, list] = defaultdict(list)
    for _, node, data in graph.edges(me, data=True):
        if node[0] == "l":
            clipped = clip(data["span"], window)
            if clipped:
                mine[node[1]].append(clipped)
        elif node[0] in ("r", "d"):
            clipped = clip(graph.nodes[node]["span"], window)
            if clipped is None:
                continue
            rule = ContactRule.SHIFT if node[0] == "r" else ContactRule.DORMITORY
            place = None if node[0] == "r" else graph.nodes[node]["room"]
            for other in graph.neighbors(node):
                if other != me:
                    found.setdefault(other[1], Exposure()).add(clipped, rule, place)
    for place, spans in mine.items():
        merged = merge(spans)
        theirs: dict[int, list] = defaultdict(list)
        for _, other, data in graph.edges(("l", place), data=True):
            if other != me:
                theirs[other[1]].append(data["span"])
        for other, spans_other in theirs.items():
            shared = _intersections(merged, merge(spans_other))
            if shared:
                exposure = found.setdefault(other, Exposure())
                exposure.seconds += sum((e - s).total_seconds() for s, e in shared)
                for span in shared:
                    exposure.add(span, None, place)
    return found


def graph_trace(graph: nx.MultiGraph, person: int, window: tuple, at: dt.datetime) -> list:
    threshold = EXPOSURE_MINUTES * 60
    close = close_exposures(graph_exposures(graph, person, window), threshold)
    close.pop(person, None)
    contacts = [fugong_tracing._contact(p, 1, None, e) for p, e in close.items()]
    firsts = {c.person_id: c.first_exposure for c in contacts}
    isolated = isolation_starts(firsts, firsts)
    best: dict[int, TraceContact] = {}
    for via, first in firsts.items():
        window_c = (first, min(isolated.get(via, at), at))
        for other, exposure in close_exposures(
            graph_exposures(graph, via, window_c), threshold
        ).items():
            if other == person or other in close:
                continue
            found = fugong_tracing._contact(other, 2, via, exposure)
            held = best.get(other)
            if held is None or (found.last_exposure, -via) > (
                held.last_exposure,
                -(held.via_id or 0),
            ):
                best[other] = found
    contacts.extend(best.values())
    contacts.sort(key=lambda c: (c.degree, -c.last_exposure.timestamp(), c.person_id))
    return contacts


def run(size: Size, ctx: Context) -> list[dict[str, Any]]:
    generation = bench_presence.ensure(size)
    rng = random.Random(f"p4-{size.name}")
    cases = index_cases(rng)
    at = max(w[1] for _, w in cases) + dt.timedelta(days=1)
    ours: list[float] = []
    results = {}
    repetitions = max(1, min(ctx.repetitions, 5))
    for person, window in cases:
        for _ in range(repetitions):
            started = time.perf_counter()
            results[person] = fugong_tracing.trace_person(
                person, window, at=at, exposure_minutes=EXPOSURE_MINUTES
            )
            ours.append(time.perf_counter() - started)
    builds: list[float] = []
    walks: list[float] = []
    misses = 0
    contacts = 0
    for person, window in cases:
        started = time.perf_counter()
        graph = build_graph((window[0], at))
        built = time.perf_counter()
        baseline = graph_trace(graph, person, window, at)
        walked = time.perf_counter()
        builds.append(built - started)
        walks.append(walked - built)
        contacts += len(results[person])
        if baseline != results[person] or not results[person]:
            misses += 1
        del graph
    one_off = [b + w for b, w in zip(builds, walks, strict=True)]
    ratio = statistics.median(ours) / statistics.median(one_off)
    return [
        {"actor": "fugong", "kind": f"2-degree trace ({contacts // len(cases)} contacts avg)",
         "misses": 0, **_ms(ours)},
        {"actor": "networkx", "kind": "build graph + trace (baseline)", "misses": misses,
         **_ms(one_off)},
        {"actor": "networkx", "kind": "build graph only", "misses": 0, **_ms(builds)},
        {"actor": "networkx", "kind": "trace on the built graph", "misses": 0, **_ms(walks)},
        {"actor": f"fugong / networkx = ×{ratio:.3f}", "kind": "overall", "misses": 0,
         "ratio": round(ratio, 4), "presence": generation, **_ms(ours)},
    ]  # fmt: skip
