"""P1: batch screening ingest through the HTTP API (DESIGN §5), against raw inserts.

A real gunicorn process (bench.server, one worker) serves the bench database. A checkpoint
terminal posts batches of 1,000 readings, each person identified by a scanned personal code
(signed token), to ``/api/epidemic/screenings``: parsing, the per-item checks, the entry
decision of every person (stored colour or recompute), the insert and the answer are timed, as a
device sees them: from sending the request to the last byte of the answer. The terminal's own
work is not: it encodes its body before the clock starts (as the baseline's rows are made before
its clock starts) and reads the answer's JSON after it stops. Today's colours are computed
first, as the worker's 00:05 run computes them for every gate. The baseline inserts the same
rows (the columns the API stored) with executemany (SQLite) or COPY (PostgreSQL), one
transaction per batch, in this process. Each side's rows are deleted before the other runs, so
both insert into the same table state.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import time
import urllib.request
import uuid
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from bench import Context, Size
from bench.server import Server
from fugong.accounts.models import DeviceToken, hash_token
from fugong.epidemic.codes import personal_code_make
from fugong.epidemic.models import Screening
from fugong.epidemic.services.status import health_status_refresh
from fugong.org.models import Enterprise, EnterpriseKind, Place, PlaceKind
from fugong.people.models import Person

ID = "P1"
TITLE = "batch screening ingest through the HTTP API"
TARGET = "≤ 2.5× the baseline's time (raw executemany / COPY of the same rows)"
TARGET_MS = None
TARGET_RATIO = 2.5

BATCH = 1000
BATCHES_PER_ROUND = 5
TOKEN = "bench-p1-checkpoint-terminal-token"
COLUMNS = (
    "client_uuid", "received_at", "place_id", "enterprise_id", "person_id", "identified_by",
    "visitor_name", "visitor_phone", "temperature", "symptoms", "measured_at", "result",
    "deny_reason", "remeasure_of_id", "operator_id", "device_id",
)  # fmt: skip


def setup() -> tuple[Place, DeviceToken, list[int]]:
    """A checkpoint at the first coal mine, its terminal, and the mine's people (idempotent)."""
    mine = Enterprise.objects.filter(kind=EnterpriseKind.COAL_MINE).order_by("pk").first()
    if mine is None:
        raise RuntimeError("P1 needs a coal mine in the bench data")
    place, _ = Place.objects.get_or_create(
        enterprise=mine, name="P1 门岗", defaults={"kind": PlaceKind.CHECKPOINT}
    )
    device = DeviceToken.objects.filter(token_hash=hash_token(TOKEN)).first()
    if device is None:
        device = DeviceToken.objects.create(
            name="P1 测温终端",
            enterprise=mine,
            token_hash=hash_token(TOKEN),
            token_prefix=TOKEN[:8],
        )
    device.places.set([place])
    people = list(Person.objects.filter(enterprise=mine).values_list("pk", flat=True)[:BATCH])
    if not people:
        raise RuntimeError("P1 needs people at the coal mine")
    # Today's colours, as the worker's 00:05 run leaves them for the gates: a batch decides on
    # the stored colour while it is valid, and recomputes only the others.
    health_status_refresh(person_ids=people)
    return place, device, people


def make_batches(place: Place, people: list[int], rng: random.Random) -> list[list[dict]]:
    now = timezone.now() - dt.timedelta(minutes=30)
    codes = {pk: personal_code_make(pk) for pk in people}
    batches = []
    for b in range(BATCHES_PER_ROUND):
        batch = []
        for i in range(BATCH):
            pk = people[(b * BATCH + i) % len(people)]
            batch.append(
                {
                    "client_uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "place": place.pk,
                    "measured_at": (now + dt.timedelta(seconds=i)).isoformat(),
                    "temperature": f"{rng.uniform(36.0, 37.1):.1f}",
                    "code": codes[pk],
                }
            )
        batches.append(batch)
    return batches


def encode(batch: list[dict]) -> bytes:
    """The body a terminal sends, made before the clock starts (as the baseline's rows are)."""
    return json.dumps({"items": batch}).encode()


def send(url: str, body: bytes) -> bytes:
    """One batch through the API: the request and the whole answer read (this is timed)."""
    request = urllib.request.Request(
        f"{url}/api/epidemic/screenings",
        data=body,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=300) as answer:
        return bytes(answer.read())


def check(answer: bytes, count: int) -> None:
    """Every reading of the batch was stored (read after the clock stops)."""
    stored = len(json.loads(answer)["new"])
    if stored != count:
        raise RuntimeError(f"P1: {stored} of {count} stored")


def stored_rows(place: Place) -> list[tuple]:
    """The rows the API stored, as tuples in COLUMNS order (the baseline inserts the same)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(COLUMNS)} FROM epidemic_screening WHERE place_id = %s ORDER BY id",
            [place.pk],
        )
        return list(cursor.fetchall())


def clear(place: Place) -> None:
    with transaction.atomic():
        Screening.objects.filter(place=place).delete()


def raw_insert(rows: list[tuple]) -> None:
    """The rows as they are, into the table: executemany (SQLite) or COPY (PostgreSQL)."""
    names = ", ".join(COLUMNS)
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY epidemic_screening ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        marks = ", ".join(["?"] * len(COLUMNS))
        cursor.executemany(f"INSERT INTO epidemic_screening ({names}) VALUES ({marks})", rows)
    finally:
        cursor.close()


def baseline(rows: list[tuple]) -> list[float]:
    times = []
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        began = time.perf_counter()
        with transaction.atomic():
            raw_insert(chunk)
        times.append(time.perf_counter() - began)
    return times


def summarise(kind: str, times: list[float]) -> dict[str, Any]:
    ms = sorted(t * 1000 for t in times)
    p95 = statistics.quantiles(ms, n=20, method="inclusive")[-1] if len(ms) > 1 else ms[0]
    return {
        "actor": "device",
        "kind": kind,
        "count": len(ms),
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(ms[-1], 1),
    }


def run(size: Size, ctx: Context) -> list[dict[str, Any]]:
    rng = random.Random(f"p1-{size.name}")
    place, _device, people = setup()
    clear(place)
    rounds = max(1, min(ctx.repetitions // 8, 5))
    connection.close()  # the server writes; this process holds no lock meanwhile
    server = Server(dict(os.environ)).start()
    api_times: list[float] = []
    raw_times: list[float] = []
    try:
        warm_up = make_batches(place, people, rng)[0][:10]
        check(send(server.url, encode(warm_up)), len(warm_up))  # warm up the worker
        clear(place)
        for _ in range(rounds):
            for batch in make_batches(place, people, rng):
                body = encode(batch)
                began = time.perf_counter()
                answer = send(server.url, body)
                api_times.append(time.perf_counter() - began)
                check(answer, len(batch))
            rows = stored_rows(place)
            clear(place)
            raw_times += baseline(rows)
            clear(place)
            connection.close()
    finally:
        server.stop()
    ratio = statistics.median(api_times) / statistics.median(raw_times)
    verdict = "pass" if ratio <= TARGET_RATIO else "FAIL"
    return [
        summarise(f"API batch of {BATCH} (per batch)", api_times),
        summarise(
            f"baseline {'COPY' if ctx.database == 'postgresql' else 'executemany'}", raw_times
        ),
        {
            **summarise(
                f"ratio API ÷ baseline ×{ratio:.2f} ({verdict}, target ≤ {TARGET_RATIO}×)",
                api_times,
            ),
            "ratio": round(ratio, 2),
        },
        {**summarise("overall", api_times), "ratio": round(ratio, 2)},
    ]
