"""``python -m bench``: generate the data sets if needed, run the workloads, write the table.

    python -m bench [--sizes city,province] [--workloads P6] [--regenerate]
                    [--database sqlite|postgres] [--repetitions 40] [--strict]

It exits 1 when a workload returned wrong results (``misses``: a search that did not find the
row it looked for), and with --strict also when a target is missed.

Each size runs in its own subprocess (bench.runner) with DATABASE_URL pointing at that size's
database; this parent process never opens a database itself.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench import DEFAULT_SIZES, SIZES, WORKLOADS, report
from bench.env import REPO, default_engine, subprocess_env


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", default=",".join(DEFAULT_SIZES), help="e.g. city,province")
    parser.add_argument("--workloads", default=",".join(WORKLOADS), help="e.g. P6")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default=default_engine())
    parser.add_argument("--regenerate", action="store_true", help="throw the data away first")
    parser.add_argument("--repetitions", type=int, default=40, help="timed requests per kind")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    args.sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    args.workloads = [w.strip().upper() for w in args.workloads.split(",") if w.strip()]
    for name in args.sizes:
        if name not in SIZES:
            parser.error(f"unknown size {name!r}; choose from {', '.join(SIZES)}")
    for name in args.workloads:
        if name not in WORKLOADS:
            parser.error(f"unknown workload {name!r}; choose from {', '.join(WORKLOADS)}")
    return args


def run_size(size: str, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="fugong-bench-") as tmp:
        out = Path(tmp) / "result.json"
        command = [
            sys.executable, "-m", "bench.runner", "--size", size, "--database", args.database,
            "--workloads", ",".join(args.workloads), "--repetitions", str(args.repetitions),
            "--out", str(out),
        ]  # fmt: skip
        if args.regenerate:
            command.append("--regenerate")
        completed = subprocess.run(command, cwd=REPO, env=subprocess_env(size, args.database))
        if completed.returncode != 0:
            raise SystemExit(f"bench: the {size} run failed (exit {completed.returncode})")
        result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return result


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    results = [run_size(size, args) for size in args.sizes]
    path = report.results_path()
    merged = report.merge(path, results)
    text = report.render(merged, report.machine())
    path.write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"\n[bench] written to {path.relative_to(REPO)}")
    missed = report.failures(results)
    if missed:
        print(f"[bench] target missed: {', '.join(missed)}")
    wrong = report.wrong_results(results)
    if wrong:  # with or without --strict: the figures time answers that were wrong
        found_wrong = "; ".join(wrong)
        print(
            f"[bench] wrong results (requests that did not find what they looked for): "
            f"{found_wrong}",
            file=sys.stderr,
        )
    return 1 if wrong or (missed and args.strict) else 0


if __name__ == "__main__":
    raise SystemExit(main())
