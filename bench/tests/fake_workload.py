"""A workload for the bench's own tests: no data set, no request; it answers as it is told."""

from __future__ import annotations

from typing import Any

from bench import Context, Size

ID = "FAKE"
TITLE = "a workload that answers as told"
TARGET = "p95 < 1000 ms"
TARGET_MS = 1000.0
MISSES = 0  # how many of its searches do not find their row; a test sets it


def run(size: Size, ctx: Context) -> list[dict[str, Any]]:
    def row(kind: str, misses: int = 0) -> dict[str, Any]:
        return {"actor": "tester", "kind": kind, "count": ctx.repetitions, "p50_ms": 1.0,
                "p95_ms": 1.0, "max_ms": 1.0, "misses": misses}  # fmt: skip

    return [row("exact search", MISSES), {**row("overall"), "actor": "both"}]
