"""fugong's performance bench (DESIGN §5): generated data sets and timed workloads.

``python -m bench`` (or ``make bench``) generates each data set once into its own database and
runs the workloads against it, one subprocess per size because settings read DATABASE_URL at
start-up. Nothing here imports Django at module level: the parent process never touches a
database, and a workload module is imported only inside the subprocess that owns one.

A workload is a module with ``ID``, ``TITLE``, ``TARGET`` (the words of DESIGN §5),
``TARGET_MS`` (or None when the target is a ratio) and ``run(size, ctx) -> list[dict]``. An app
registers its workloads in its own ``bench_workloads.py`` (``WORKLOADS = {"P6": "module"}``),
and ``--workloads`` can name them; nothing here needs editing.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from fugong.core.plugins import bench_workloads


@dataclass(frozen=True)
class Size:
    """How much data one generated data set holds."""

    name: str
    enterprises: int
    coal_mines: int
    groups: int
    people: int
    # The city prefix that holds all the enterprises, or "" to spread them over the province.
    only_city: str


SIZES: dict[str, Size] = {
    # "tiny" is for the bench's own tests and a quick smoke run; DESIGN §5 names the other two.
    "tiny": Size("tiny", enterprises=40, coal_mines=3, groups=2, people=2_000, only_city="1409"),
    "city": Size(
        "city", enterprises=2_000, coal_mines=60, groups=6, people=200_000, only_city="1409"
    ),
    "province": Size(
        "province", enterprises=20_000, coal_mines=600, groups=40, people=2_000_000, only_city=""
    ),
}
DEFAULT_SIZES = ("city", "province")

# The city whose command staff are the bench's regional user (忻州市).
BENCH_CITY = "1409"

# Collected from every app's bench_workloads.py (fugong.core.plugins), without Django.
WORKLOADS: dict[str, str] = bench_workloads()


def load_workload(workload_id: str) -> ModuleType:
    """Import a workload module; only call this after django.setup()."""
    return importlib.import_module(WORKLOADS[workload_id])


@dataclass(frozen=True)
class Context:
    """What a workload gets besides the size: how many repetitions, and the database it runs on."""

    database: str  # "sqlite" or "postgresql"
    engine_version: str
    repetitions: int = 40
    warmup: int = 3
