"""P2: single check-in submissions from 50 concurrent clients against a real server (DESIGN §5).

The server is started as `make run` starts it (scripts/run.sh: gunicorn with
scripts/gunicorn.conf.py, production settings from scripts/run.env) over the bench database,
with bench.p2_settings, whose URLconf adds the baseline: a minimal Django view writing one
row. 50 client threads,
each a logged-in worker (its own session) on its own keep-alive connection, POST
/api/epidemic/checkins (the phone's submission: JSON, session + CSRF, every rule, the status
refresh) and, in phases of their own, the baseline URL, the same number of times with the same
sessions (the baseline reads the session's user, then writes its row: the floor of an
authenticated write). The two kinds of phase alternate, ROUNDS of each, and each side's
throughput is its answered requests over the added wall time of its phases. Targets: the
check-in's throughput ≥ 50 % of the baseline's, and its p99 < 10 × its median.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from bench import Context, Size

ID = "P2"
TITLE = "single check-in submissions, 50 concurrent clients, real server"
TARGET = "≥ 50 % of a minimal Django view's throughput, p99 < 10× median"
TARGET_MS = None

CLIENTS = 50
# Baseline and check-in phases alternate this many times, so that what else the machine does
# during the run weighs on both sides alike; each side's figures are over all its phases.
ROUNDS = 3
REPO = Path(__file__).resolve().parent.parent
CHECKIN_PATH = "/api/epidemic/checkins"
BASELINE_PATH = "/bench/p2/minimal-write"


def bench_workers(n: int) -> list[tuple[str, str]]:
    """``n`` worker logins bound to people of the data set, each with a session and a CSRF
    secret: (session key, csrf secret). Sessions are made directly (no password hashing)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from fugong.accounts.models import User
    from fugong.core.roles import Role
    from fugong.people.models import Person, PersonStatus

    people = list(Person.objects.filter(status=PersonStatus.ACTIVE).order_by("pk")[:n])
    if len(people) < n:
        raise RuntimeError("P2 needs at least 50 active people; was the data generated?")
    logins = []
    for index, person in enumerate(people):
        user, _ = User.objects.update_or_create(
            username=f"bench-p2-worker-{index}",
            defaults={"role": Role.WORKER, "person": person, "is_active": True},
        )
        if not user.has_usable_password():
            user.set_password(secrets.token_urlsafe(16))
            user.save(update_fields=["password"])
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        assert session.session_key is not None  # create() has saved it
        logins.append((session.session_key, secrets.token_hex(16)))
    return logins


def baseline_table() -> None:
    from django.db import connection

    from bench.p2_urls import BASELINE_TABLE

    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {BASELINE_TABLE}")
        cursor.execute(
            f"CREATE TABLE {BASELINE_TABLE} (id integer PRIMARY KEY "
            + ("AUTOINCREMENT" if connection.vendor == "sqlite" else "GENERATED ALWAYS AS IDENTITY")
            + ", client_uuid varchar(36) NOT NULL, body varchar(200) NOT NULL)"
        )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run_env() -> dict[str, str]:
    pairs = {}
    for line in (REPO / "scripts" / "run.env").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            pairs[name.strip()] = value.strip()
    return pairs


def start_server(port: int) -> subprocess.Popen:
    """gunicorn as scripts/run.sh starts it, on the bench database, with the bench URLconf."""
    from django.conf import settings

    env = dict(os.environ)
    env.update(_run_env())
    env.update(
        DJANGO_SETTINGS_MODULE="bench.p2_settings",
        # The sessions made here are signed with this process's key: the server needs it too.
        SECRET_KEY=settings.SECRET_KEY,
        PYTHONPATH=str(REPO),
        AXES_ENABLED="0",
    )
    env.pop("FUGONG_DEBUG", None)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "fugong.wsgi:application", "-c", str(REPO / "scripts" / "gunicorn.conf.py"),
         "--bind", f"127.0.0.1:{port}"],
        cwd=REPO, env=env, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the P2 server exited with {server.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    raise RuntimeError("the P2 server did not answer /healthz within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _client(port: int, path: str, login: tuple[str, str] | None, count: int,
            times: list[float], failures: list[str]) -> None:  # fmt: skip
    """One client: ``count`` POSTs in a row on one keep-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/json", "Host": "127.0.0.1"}
    if login is not None:
        session, csrf = login
        headers["Cookie"] = f"sessionid={session}; csrftoken={csrf}"
        headers["X-CSRFToken"] = csrf
    for _ in range(count):
        body = json.dumps({"temperature": "36.5", "pledge": True, "client_uuid": str(uuid.uuid4())})
        started = time.perf_counter()
        try:
            connection.request("POST", path, body, headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except OSError as exc:
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            failures.append(type(exc).__name__)
            continue
        times.append(time.perf_counter() - started)
        if status != 201:
            failures.append(str(status))
    connection.close()


def phase(port: int, path: str, logins: list[Any], per_client: int) -> dict[str, Any]:
    """All clients at once; throughput is the answered requests over the phase's wall time."""
    times: list[float] = []
    failures: list[str] = []
    threads = [
        threading.Thread(target=_client, args=(port, path, login, per_client, times, failures))
        for login in logins
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {"times": times, "failures": failures, "wall": wall}


def merged(rounds: list[tuple[dict[str, Any], dict[str, Any]]], side: int) -> dict[str, Any]:
    """One side's phases of every round as one: their requests, and their wall times added."""
    phases = [pair[side] for pair in rounds]
    return {
        "times": [t for p in phases for t in p["times"]],
        "failures": [f for p in phases for f in p["failures"]],
        "wall": sum(p["wall"] for p in phases),
    }


def summarise(kind: str, result: dict[str, Any]) -> dict[str, Any]:
    ms = sorted(t * 1000 for t in result["times"]) or [float("nan")]
    pct = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
    return {
        "actor": f"{CLIENTS} clients",
        "kind": kind,
        "count": len(result["times"]),
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(pct[94], 1),
        "p99_ms": round(pct[98], 1),
        "max_ms": round(ms[-1], 1),
        "throughput_rps": round(len(result["times"]) / result["wall"], 1),
        "misses": len(result["failures"]),
        # What the failed requests answered (HTTP status or connection error), by count.
        "errors": dict(Counter(result["failures"])),
    }


def run(size: Size, ctx: Context) -> list[dict[str, Any]]:
    logins = bench_workers(CLIENTS)
    baseline_table()
    from django.db import connection

    connection.close()  # the server's processes write now; this one only waits
    per_client = max(ctx.repetitions // 2, 2)
    warmup = max(ctx.warmup, 1)
    port = _free_port()
    server = start_server(port)
    try:
        # The same logins for both: the baseline reads the session's user as a check-in does.
        phase(port, BASELINE_PATH, logins, warmup)
        phase(port, CHECKIN_PATH, logins, warmup)
        rounds = [
            (phase(port, BASELINE_PATH, logins, per_client),
             phase(port, CHECKIN_PATH, logins, per_client))
            for _ in range(ROUNDS)
        ]  # fmt: skip
    finally:
        stop_server(server)
    base_row = summarise("minimal Django view writing one row (baseline)", merged(rounds, 0))
    row = summarise("check-in submission (POST /api/epidemic/checkins)", merged(rounds, 1))
    share = row["throughput_rps"] / base_row["throughput_rps"] if base_row["throughput_rps"] else 0
    spread = row["p99_ms"] / row["p50_ms"] if row["p50_ms"] else float("inf")
    verdict = "pass" if share >= 0.5 and spread < 10 and not row["misses"] else "FAIL"
    summary = (
        f"check-in at {share:.0%} of the baseline's throughput "
        f"({row['throughput_rps']} vs {base_row['throughput_rps']} req/s), "
        f"p99 {spread:.1f}× median: {verdict}"
    )
    overall = {
        **row,
        "actor": summary,
        "kind": "overall",
        "share": round(share, 3),
        "p99_over_median": round(spread, 2),
        "verdict": verdict,
    }
    return [base_row, row, overall]
