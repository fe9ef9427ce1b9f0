"""One bench subprocess: one size, one database. ``python -m bench`` starts it; by hand:

    .venv/bin/python -m bench.runner --size tiny --out /tmp/tiny.json

It sets its environment before Django reads settings, checks that it is not about to write into
the demo's database, generates the data set if needed, runs the workloads and writes their rows
as JSON for the parent to report.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

from bench import SIZES, WORKLOADS, Context, Size, load_workload
from bench.env import DEMO_DATABASE, default_engine, subprocess_env


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.runner")
    parser.add_argument("--size", choices=sorted(SIZES), required=True)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default=default_engine())
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument("--repetitions", type=int, default=40)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--out", type=Path, required=True)
    return parser.parse_args(argv)


def run_workloads(workload_ids: list[str], size: Size, ctx: Context) -> dict[str, Any]:
    """Run each workload on the size's data: its rows, its target and how long it took."""
    workloads: dict[str, Any] = {}
    for workload_id in workload_ids:
        module = load_workload(workload_id)
        started = time.perf_counter()
        rows = module.run(size, ctx)
        workloads[workload_id] = {
            "title": module.TITLE,
            "target": module.TARGET,
            "target_ms": module.TARGET_MS,
            "seconds": round(time.perf_counter() - started, 1),
            "rows": rows,
        }
    return workloads


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    if os.environ.get("BENCH_ENGINE") != args.database:
        # Started by hand rather than by ``python -m bench``: point settings at the bench data.
        os.environ.update(subprocess_env(args.size, args.database))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from bench import generate
    from bench.database import engine_version

    name = str(settings.DATABASES["default"]["NAME"])
    if Path(name).resolve() == DEMO_DATABASE.resolve() or "bench" not in name:
        raise SystemExit(f"refusing to run the bench against database {name!r}")

    size = SIZES[args.size]
    result: dict[str, Any] = {
        "size": size.name,
        "people": size.people,
        "enterprises": size.enterprises,
        "database": connection.vendor,
        "generation": generate.ensure(size, regenerate=args.regenerate),
        "engine_version": engine_version(),
        "workloads": {},
    }
    ctx = Context(
        database=connection.vendor,
        engine_version=result["engine_version"],
        repetitions=args.repetitions,
    )
    # Other processes on the machine skew every figure; the load average says how much.
    result["load_before"] = round(os.getloadavg()[0], 2)
    workload_ids = [w.strip() for w in args.workloads.split(",") if w.strip()]
    result["workloads"] = run_workloads(workload_ids, size, ctx)
    result["load_after"] = round(os.getloadavg()[0], 2)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
