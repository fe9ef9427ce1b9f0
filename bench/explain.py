"""Which query makes a P6 request slow: each kind once, every SQL statement timed and explained.

    .venv/bin/python -m bench.explain --size province [--database sqlite|postgres]

Runs in the bench database of that size (generate it first with ``python -m bench``).
"""

from __future__ import annotations

import argparse
import os
import random
import time

from bench import SIZES
from bench.env import default_engine, subprocess_env


def _explain(sql: str, vendor: str) -> list[str]:
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if vendor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        return [" ".join(str(c) for c in row) for row in cursor.fetchall()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.explain")
    parser.add_argument("--size", choices=sorted(SIZES), default="province")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default=default_engine())
    parser.add_argument("--actor", choices=("city_command", "superuser"), default=None)
    args = parser.parse_args(argv)
    os.environ.update(subprocess_env(args.size, args.database))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from bench.p6_directory import bench_users, request_plan

    url = reverse("people:person_list")
    for actor, user in bench_users().items():
        if args.actor and actor != args.actor:
            continue
        client = Client(HTTP_HX_REQUEST="true")
        client.force_login(user)
        plan = request_plan(user, random.Random("explain"), 2)
        for kind, requests in plan.items():
            params = requests[-1][0]
            client.get(url, params)  # warm the cache, as the bench does
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                client.get(url, params)
                total = (time.perf_counter() - started) * 1000
            print(f"\n=== {actor} / {kind} {params}: {total:.1f} ms, {len(captured)} queries")
            for query in captured.captured_queries:
                print(f"  [{float(query['time']) * 1000:.1f} ms] {query['sql'][:600]}")
                if "people_person" in query["sql"]:
                    for line in _explain(query["sql"], connection.vendor):
                        print(f"      plan: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
