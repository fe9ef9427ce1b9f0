"""The bench's table: the machine it ran on, each workload's figures, target and growth.

Results of one day on one host are kept as JSON beside the Markdown, keyed by database and
size, so a run of ``--sizes city`` followed by one of ``--sizes province`` ends in one table
with the city → province growth.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import socket
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def machine() -> dict[str, str]:
    import django

    return {
        "Host": socket.gethostname(),
        "CPU": f"{_cpu_model()} ({os.cpu_count()} logical cores)",
        "RAM": _ram(),
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Django": django.get_version(),
    }


def results_path(day: dt.date | None = None) -> Path:
    return RESULTS_DIR / f"{(day or dt.date.today()).isoformat()}-{socket.gethostname()}.md"


# What a run says about its conditions, kept with each workload it ran: a later run of other
# workloads on the same size must not lend them its load or its data.
RUN_FIELDS = ("load_before", "load_after", "generation", "engine_version")


def merge(path: Path, new: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Earlier results of the day (same JSON file) updated with this run's, by database/size
    and workload: ``--workloads P1`` replaces P1's figures and keeps the size's others."""
    store = path.with_suffix(".json")
    merged: dict[str, dict[str, Any]] = {}
    if store.exists():
        merged = json.loads(store.read_text(encoding="utf-8"))
    for result in new:
        key = f"{result['database']}/{result['size']}"
        earlier = merged.get(key, {"workloads": {}})
        for run in (earlier, result):
            for work in run["workloads"].values():
                for field in RUN_FIELDS:
                    if field in run:
                        work.setdefault(field, run[field])
        merged[key] = {**result, "workloads": {**earlier["workloads"], **result["workloads"]}}
    store.write_text(json.dumps(merged, ensure_ascii=False, indent=1), encoding="utf-8")
    return merged


def _verdict(value: float, target: float | None) -> str:
    if target is None:
        return "—"
    return "pass" if value < target else "FAIL"


def _size_section(result: dict[str, Any], workload_id: str, work: dict[str, Any]) -> list[str]:
    target = work["target_ms"]
    run = {**result, **{f: work[f] for f in RUN_FIELDS if f in work}}
    overall = next(r for r in work["rows"] if r["kind"] == "overall")
    lines = [
        f"### {workload_id} · {result['database']} · {result['size']} "
        f"({result['people']:,} people, {result['enterprises']:,} enterprises) — "
        f"overall p95 {overall['p95_ms']} ms: **{_verdict(overall['p95_ms'], target)}**",
        "",
        f"{run['engine_version']}; data {run['generation'].get('generated')}; "
        f"workload took {work['seconds']} s; load average {run.get('load_before', '?')} "
        f"before the workloads, {run.get('load_after', '?')} after "
        f"({os.cpu_count()} cores: a load above that means the figures are inflated).",
        "",
        "| actor | request | people visible | n | p50 ms | p95 ms | max ms | target |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in work["rows"]:
        missed = f" ({row['misses']} not found!)" if row.get("misses") else ""
        visible = f"{row['visible']:,}" if "visible" in row else ""
        lines.append(
            f"| {row['actor']} | {row['kind']}{missed} | {visible} | {row['count']} "
            f"| {row['p50_ms']} | {row['p95_ms']} | {row['max_ms']} "
            f"| {_verdict(row['p95_ms'], target)} |"
        )
    return [*lines, ""]


def _growth(results: dict[str, dict[str, Any]], workload_id: str) -> list[str]:
    lines = []
    for database in sorted({r["database"] for r in results.values()}):
        small = results.get(f"{database}/city", {}).get("workloads", {}).get(workload_id)
        large = results.get(f"{database}/province", {}).get("workloads", {}).get(workload_id)
        if not (small and large):
            continue
        people = results[f"{database}/province"]["people"] / results[f"{database}/city"]["people"]
        lines += [
            f"### {workload_id} · {database} · growth city → province (data ×{people:g})",
            "",
            "| actor | request | city p95 ms | province p95 ms | ratio |",
            "|---|---|---:|---:|---:|",
        ]
        before = {(r["actor"], r["kind"]): r for r in small["rows"]}
        for row in large["rows"]:
            old = before.get((row["actor"], row["kind"]))
            if old:
                ratio = row["p95_ms"] / old["p95_ms"] if old["p95_ms"] else float("nan")
                lines.append(
                    f"| {row['actor']} | {row['kind']} | {old['p95_ms']} | {row['p95_ms']} "
                    f"| ×{ratio:.2f} |"
                )
        lines.append("")
    return lines


def render(results: dict[str, dict[str, Any]], info: dict[str, str]) -> str:
    order = {"tiny": 0, "city": 1, "province": 2}
    ordered = sorted(results.values(), key=lambda r: (r["database"], order.get(r["size"], 9)))
    engines = sorted({r["engine_version"] for r in ordered})
    lines = [f"# fugong bench — {dt.date.today().isoformat()} on {info['Host']}", ""]
    lines += ["| machine | |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in info.items()]
    lines += [f"| Databases | {'; '.join(engines)} |", ""]
    workload_ids = sorted({w for r in ordered for w in r["workloads"]})
    for workload_id in workload_ids:
        first = next(r["workloads"][workload_id] for r in ordered if workload_id in r["workloads"])
        lines += [f"## {workload_id}: {first['title']} — target {first['target']}", ""]
        for result in ordered:
            if workload_id in result["workloads"]:
                lines += _size_section(result, workload_id, result["workloads"][workload_id])
        lines += _growth(results, workload_id)
    return "\n".join(lines)


def failures(results: list[dict[str, Any]]) -> list[str]:
    """Workload/size pairs whose overall figure misses the target."""
    missed = []
    for result in results:
        for workload_id, work in result["workloads"].items():
            overall = next(r for r in work["rows"] if r["kind"] == "overall")
            if work["target_ms"] is not None and overall["p95_ms"] >= work["target_ms"]:
                missed.append(f"{workload_id} {result['database']}/{result['size']}")
    return missed


def wrong_results(results: list[dict[str, Any]]) -> list[str]:
    """The requests whose answer lacked what they looked for (``misses``), by workload, size,
    actor and kind: a fast wrong answer is not a result, so the bench fails on any of them."""
    wrong = []
    for result in results:
        for workload_id, work in result["workloads"].items():
            for row in work["rows"]:
                if row.get("misses"):
                    wrong.append(
                        f"{workload_id} {result['database']}/{result['size']} "
                        f"{row['actor']}/{row['kind']}: {row['misses']} of {row['count']}"
                    )
    return wrong
