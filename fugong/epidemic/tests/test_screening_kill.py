"""A server killed (SIGKILL) in the middle of screening ingest loses nothing it acknowledged,
and replaying every batch afterwards stores each reading exactly once (DESIGN §5).

A real gunicorn process serves a SQLite file (WAL, as production's default). Batches are sent
from a thread; the server is killed while batches are in flight, started again, and every
batch (acknowledged or not) is sent again until all are acknowledged. The file is then read
directly: every acknowledged UUID is there once, and nothing else is.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.db import connection

from bench.server import REPO, Server

BATCHES = 40
BATCH_SIZE = 200

BUILD_WORLD = """
import django
django.setup()
from conftest import world_build
world_build()
"""
SEED = """
import django
django.setup()
from fugong.accounts.services import device_token_create
from fugong.accounts.tests.factories import UserFactory
from fugong.core.roles import Role
from fugong.org.models import Place
gate = Place.objects.get(name="栖凤矿门岗")
manager = UserFactory(username="kill-test-manager", role=Role.ENTERPRISE_MANAGER,
                      enterprise=gate.enterprise)
_, token = device_token_create(actor=manager, enterprise=gate.enterprise, name="kill test",
                               places=[gate])
print(token, gate.pk)
"""


def child_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FUGONG_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="fugong.settings",
        FUGONG_ENV="development",
        FUGONG_DEBUG="0",
        FUGONG_VAR_DIR=str(tmp),  # the SQLite file tmp/fugong.sqlite3, in WAL mode
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(REPO),
    )
    return env


@pytest.fixture
def database(tmp_path, transactional_db, _saved_world, django_db_blocker):
    """A SQLite file with the schema and the test world, and a device token at 栖凤's gate.

    Outside any test transaction (``transactional_db``): the copy must read a quiet database."""
    target = tmp_path / "fugong.sqlite3"
    env = child_env(tmp_path)
    if connection.vendor == "sqlite":
        # The test database already has the schema and the world: copy it (migrating a new
        # file takes far longer on a busy machine).
        with django_db_blocker.unblock():
            connection.ensure_connection()
            copy = sqlite3.connect(target)
            connection.connection.backup(copy)
            copy.close()
    else:
        # On PostgreSQL the test database cannot be copied into a file: migrate a new one and
        # build the world in it (slower).
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"], cwd=REPO, env=env, check=True
        )
        subprocess.run([sys.executable, "-c", BUILD_WORLD], cwd=REPO, env=env, check=True)
    seeded = subprocess.run(
        [sys.executable, "-c", SEED], cwd=REPO, env=env, check=True, capture_output=True, text=True
    )
    token, place = seeded.stdout.split()[-2:]
    return env, target, token, int(place)


def make_batches(place: int) -> list[list[dict]]:
    return [
        [
            {
                "client_uuid": str(uuid.uuid4()),
                "place": place,
                "measured_at": "2026-03-02T07:30:00+08:00",
                "temperature": "36.6",
                "visitor_name": f"访客{b}-{i}",
            }
            for i in range(BATCH_SIZE)
        ]
        for b in range(BATCHES)
    ]


def send(url: str, token: str, batch: list[dict]) -> dict | None:
    """The answer of a 200, or None when the connection failed (server down or killed)."""
    request = urllib.request.Request(
        f"{url}/api/epidemic/screenings",
        data=json.dumps({"items": batch}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def test_a_killed_server_loses_nothing_acknowledged_and_replay_stores_each_once(database):
    env, path, token, place = database
    batches = make_batches(place)
    acknowledged: set[str] = set()
    failed: list[int] = []
    server = Server(env).start()

    def sender() -> None:
        for index, batch in enumerate(batches):
            answer = send(server.url, token, batch)
            if answer is None:
                failed.append(index)
            else:
                assert sorted(answer["new"] + answer["duplicates"]) == sorted(
                    item["client_uuid"] for item in batch
                )
                acknowledged.update(answer["new"])

    thread = threading.Thread(target=sender)
    thread.start()
    # Kill once some batches are through and others are on their way.
    while len(acknowledged) < 5 * BATCH_SIZE and thread.is_alive():
        time.sleep(0.01)
    server.kill()
    thread.join()
    assert failed, "the kill came too late to interrupt any batch"
    assert acknowledged, "nothing was acknowledged before the kill"

    server = Server(env).start()
    try:
        for batch in batches:  # the client resends everything it is unsure of, and more
            answer = send(server.url, token, batch)
            assert answer is not None
            acknowledged.update(answer["new"])
    finally:
        server.stop()

    with sqlite3.connect(path) as db:
        stored = [
            uuid.UUID(row[0]).hex if "-" in row[0] else row[0]
            for row in db.execute("SELECT client_uuid FROM epidemic_screening")
        ]
    sent = {uuid.UUID(item["client_uuid"]).hex for batch in batches for item in batch}
    assert len(stored) == len(set(stored)) == len(sent)
    assert set(stored) == sent
    assert {uuid.UUID(key).hex for key in acknowledged} <= set(stored)
