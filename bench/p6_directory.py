"""P6: the person directory, searched and paged as people really use it (DESIGN §5).

Drives the real page through Django's test client with the htmx header, as search-as-you-type
does, for a city's command staff and for a superuser who sees the whole data set. Each kind of
request is repeated with different inputs (people, phones, enterprises sampled from the
actor's scope) after a few warm-up requests; the figures are per kind and over all requests.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Iterable
from typing import Any

from django.db.models import Max, Min
from django.test import Client, override_settings
from django.urls import reverse

from bench import BENCH_CITY, Context, Size
from fugong.accounts.models import User
from fugong.core.roles import Role
from fugong.org.models import Enterprise, Region
from fugong.people.models import Person
from fugong.people.search import may_search_by_number

ID = "P6"
TITLE = "person directory, search and page"
TARGET = "p95 < 300 ms"
TARGET_MS = 300.0

COMMON_SURNAMES = ("王", "李", "张", "刘", "陈")
DEEP_PAGE = 200


def bench_users() -> dict[str, User]:
    """The two actors of P6, created in the bench database (idempotent)."""
    city = Region.objects.get(code=f"{BENCH_CITY}00")
    city_user, _ = User.objects.update_or_create(
        username="bench-city-command",
        defaults={"role": Role.CITY_COMMAND, "region": city, "is_superuser": False},
    )
    superuser, _ = User.objects.update_or_create(
        username="bench-superuser", defaults={"role": "", "is_superuser": True, "is_staff": True}
    )
    return {"city_command": city_user, "superuser": superuser}


def sample_people(user: User, rng: random.Random, n: int) -> list[dict[str, Any]]:
    """``n`` people the actor may see, picked at random ids (cheap even among millions)."""
    scoped = Person.objects.restrict(user)
    bounds = scoped.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        raise RuntimeError(f"{user.username} sees no people; was the data generated?")
    found: dict[int, dict[str, Any]] = {}
    for _ in range(100):
        ids = [rng.randint(bounds["low"], bounds["high"]) for _ in range(n * 20)]
        for row in scoped.filter(pk__in=ids).values("pk", "name", "id_number", "phone"):
            found.setdefault(row["pk"], dict(row))
        if len(found) >= n:
            break
    people = sorted(found.values(), key=lambda row: row["pk"])
    rng.shuffle(people)
    return people[:n]


def request_plan(user: User, rng: random.Random, n: int) -> dict[str, list[tuple[dict, str]]]:
    """For each kind of request, ``n`` query strings and a name the answer must show ('' = any)."""
    people = sample_people(user, rng, n)
    enterprises = list(Enterprise.objects.restrict(user).values_list("pk", flat=True))
    chosen = [rng.choice(enterprises) for _ in range(n)]
    plan: dict[str, list[tuple[dict, str]]] = {
        "first page": [({}, "")] * n,
        f"page {DEEP_PAGE}": [({"page": DEEP_PAGE}, "")] * n,
        "surname prefix": [({"q": COMMON_SURNAMES[i % 5]}, "") for i in range(n)],
        "ID last 4": [({"q": p["id_number"][-4:]}, "") for p in people],
        "by enterprise": [({"enterprise": pk}, "") for pk in chosen],
    }
    # A whole number is searched only by the roles that may (city command may not: DESIGN §2);
    # each such search also writes its access-log row, which is part of what is timed.
    if may_search_by_number(user):
        plan["full ID number"] = [({"q": p["id_number"]}, p["name"]) for p in people]
        plan["full phone"] = [({"q": p["phone"]}, p["name"]) for p in people]
    return plan


def summarise(actor: str, kind: str, times: list[float], misses: int = 0) -> dict[str, Any]:
    ms = sorted(t * 1000 for t in times)
    p95 = statistics.quantiles(ms, n=20, method="inclusive")[-1] if len(ms) > 1 else ms[0]
    return {
        "actor": actor,
        "kind": kind,
        "count": len(ms),
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(ms[-1], 1),
        "misses": misses,
    }


def _timed(client: Client, url: str, plan: Iterable[tuple[dict, str]], label: str) -> tuple:
    times: list[float] = []
    misses = 0
    for params, expect in plan:
        started = time.perf_counter()
        response = client.get(url, params)
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"P6 {label} {params}: HTTP {response.status_code}")
        if expect and expect not in response.content.decode():
            misses += 1
    return times, misses


# The bench repeats number searches far beyond the per-user limit that stops a prober.
@override_settings(FUGONG_SEARCH_PROBE_LIMIT=10**9)
def run(size: Size, ctx: Context) -> list[dict[str, Any]]:
    url = reverse("people:person_list")
    rng = random.Random(f"p6-{size.name}")
    rows: list[dict[str, Any]] = []
    everything: list[float] = []
    for actor, user in bench_users().items():
        client = Client(HTTP_HX_REQUEST="true")
        client.force_login(user)
        visible = Person.objects.restrict(user).count()
        plan = request_plan(user, rng, ctx.warmup + ctx.repetitions)
        actor_times: list[float] = []
        for kind, requests in plan.items():
            label = f"{actor}/{kind}"
            _timed(client, url, requests[: ctx.warmup], label)
            times, misses = _timed(client, url, requests[ctx.warmup :], label)
            rows.append({**summarise(actor, kind, times, misses), "visible": visible})
            actor_times += times
        rows.append({**summarise(actor, "all requests", actor_times), "visible": visible})
        everything += actor_times
    rows.append(summarise("both", "overall", everything))
    return rows
