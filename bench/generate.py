"""Generate a bench data set (DESIGN §5) into the bench database, once.

    city      2,000 enterprises (60 coal mines) and 200,000 people, all in 忻州市
    province  20,000 enterprises (600 coal mines) and 2,000,000 people over 117 counties

The schema comes from the project's real migrations; the rows from bench.rows, loaded with
executemany (SQLite) or COPY (PostgreSQL) in one transaction, then ANALYZE. A meta table
records what was generated, so a later run with the same generator version re-uses the data;
``--regenerate`` throws it away and starts again.
"""

from __future__ import annotations

import time

from django.core.management import call_command
from django.db import transaction

from bench import Size, rows
from bench import database as db
from fugong.org.models import Enterprise, Region, Team
from fugong.people.models import Person

# Bump when bench.rows changes what it generates: older data sets are then regenerated.
GENERATOR_VERSION = "2"  # 2: name_pinyin sort keys


def _log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def expected_meta(size: Size) -> dict[str, str]:
    return {
        "generator": GENERATOR_VERSION,
        "size": size.name,
        "enterprises": str(size.enterprises),
        "people": str(size.people),
    }


def is_current(size: Size) -> bool:
    """The database holds exactly this size's data, made by this generator version."""
    meta = db.read_meta()
    if any(meta.get(k) != v for k, v in expected_meta(size).items()):
        return False
    # The meta row is written last, but a check of the counts also catches a hand-edited copy.
    return db.count_rows(Person) == size.people and db.count_rows(Enterprise) == size.enterprises


def ensure(size: Size, *, regenerate: bool = False) -> dict[str, float | str]:
    """Create, migrate and fill the bench database for ``size`` unless it is already there."""
    db.create_database(regenerate=regenerate)
    call_command("migrate", interactive=False, verbosity=0)
    if is_current(size):
        _log(f"{size.name}: re-using the generated data ({size.people:,} people)")
        return {"generated": "re-used"}
    if db.count_rows(Region) or db.count_rows(Person):
        _log(f"{size.name}: data from another generator version; regenerating")
        db.create_database(regenerate=True)
        call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    db.begin_load()
    load(size)
    loaded = time.perf_counter() - started
    _log(f"{size.name}: loaded in {loaded:.1f} s; analysing")
    db.finish_load([Region, Enterprise, Team, Person])
    db.write_meta(expected_meta(size))
    total = time.perf_counter() - started
    _log(f"{size.name}: ready in {total:.1f} s")
    return {"generated": "now", "load_s": round(loaded, 1), "total_s": round(total, 1)}


def load(size: Size) -> rows.World:
    """Insert every row of ``size`` in one transaction; returns what was generated."""
    stamp = db.stamp()
    world = rows.World()
    with transaction.atomic():
        db.bulk_insert(Region, rows.REGION_COLUMNS, rows.regions(stamp, world))
        db.bulk_insert(Enterprise, rows.ENTERPRISE_COLUMNS, rows.enterprises(size, stamp, world))
        db.bulk_insert(Team, rows.TEAM_COLUMNS, rows.teams(stamp, world))
        _log(f"{size.name}: {len(world.headcount):,} enterprises; inserting {size.people:,} people")
        db.bulk_insert(Person, rows.PERSON_COLUMNS, rows.people(size, stamp, world))
    return world
