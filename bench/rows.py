"""Deterministic rows of a bench data set: regions, enterprises, teams and people.

Pure Python, no database: each generator yields tuples in the order of its ``*_COLUMNS``, and
the loader maps those onto the real tables. The same size always gives the same rows (a seeded
random generator), so a result can be compared across runs and machines.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

from bench import Size
from bench.names import (
    BRANDS,
    COUNTY_COUNTS,
    GIVEN,
    OTHER_SUFFIXES,
    PHONE_PREFIXES,
    SURNAMES,
    XINZHOU_COUNTIES,
)
from fugong.core.identifiers import make_id_number, make_uscc
from fugong.core.pinyin import pinyin_key

REGION_COLUMNS = ("id", "created_at", "updated_at", "code", "name", "level", "parent_id")
ENTERPRISE_COLUMNS = (
    "id", "created_at", "updated_at", "credit_code", "name", "kind", "industry", "region_id",
    "parent_id", "normal_headcount", "normal_daily_output", "output_unit", "rated_capacity",
    "status", "address", "name_pinyin",
)  # fmt: skip
TEAM_COLUMNS = ("id", "created_at", "updated_at", "enterprise_id", "name", "leader_id",
                "is_underground")  # fmt: skip
PERSON_COLUMNS = (
    "id", "created_at", "updated_at", "name", "id_number", "phone", "category", "status",
    "dormitory_id", "enterprise_id", "home_region_id", "team_id", "name_pinyin",
)  # fmt: skip

# Birth dates 1965-01-01 .. 2004-12-31 times 1,000 sequence codes: room for 14.6 M unique ID
# numbers. A multiplier coprime to the room scatters consecutive people over it.
BIRTH_START = dt.date(1965, 1, 1)
BIRTH_DAYS = (dt.date(2005, 1, 1) - BIRTH_START).days
ID_ROOM = BIRTH_DAYS * 1000
ID_STEP = 7_368_787
PHONE_ROOM = 100_000_000
PHONE_STEP = 48_271
assert math.gcd(ID_STEP, ID_ROOM) == 1 and math.gcd(PHONE_STEP, PHONE_ROOM) == 1

_SURNAME_CUMULATIVE = list(itertools.accumulate(w for _, w in SURNAMES))


@dataclass
class World:
    """What later generators and the workloads need to know about the generated organisation."""

    county_ids: list[int] = field(default_factory=list)
    county_codes: dict[int, str] = field(default_factory=dict)
    enterprise_county: dict[int, int] = field(default_factory=dict)  # enterprise → region id
    headcount: dict[int, int] = field(default_factory=dict)  # enterprise → people
    teams: dict[int, list[int]] = field(default_factory=dict)  # enterprise → team ids


def regions(stamp: str, world: World) -> Iterator[tuple]:
    """One province, its 11 cities and 117 counties (忻州's with their real codes and names)."""
    yield (1, stamp, stamp, "140000", "山西省", "province", None)
    next_id = 2
    for prefix, city_name, count in COUNTY_COUNTS:
        city_id = next_id
        next_id += 1
        yield (city_id, stamp, stamp, f"{prefix}00", city_name, "city", 1)
        if prefix == "1409":
            counties = list(XINZHOU_COUNTIES)
        else:
            counties = [
                (f"{prefix}{n:02d}", f"{city_name[:2]}{n}区县") for n in range(1, count + 1)
            ]
        for code, name in counties:
            world.county_ids.append(next_id)
            world.county_codes[next_id] = code
            yield (next_id, stamp, stamp, code, name, "county", city_id)
            next_id += 1


def _allocate(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights``, exactly (largest remainder)."""
    scale = total / sum(weights)
    shares = [w * scale for w in weights]
    counts = [int(s) for s in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def enterprises(size: Size, stamp: str, world: World) -> Iterator[tuple]:
    """Groups first, then mines (most in a group), power and heating plants, other firms."""
    rng = random.Random(f"enterprises-{size.name}")
    counties = [
        c for c in world.county_ids if world.county_codes[c].startswith(size.only_city or "14")
    ]
    plants = max(2, size.enterprises // 100)
    kinds = (
        ["group"] * size.groups
        + ["coal_mine"] * size.coal_mines
        + ["power_plant"] * (plants // 2)
        + ["heating_plant"] * (plants - plants // 2)
    )
    kinds += ["other"] * (size.enterprises - len(kinds))
    weights = {"group": 0.3, "coal_mine": 19.0, "power_plant": 6.0, "heating_plant": 4.0}
    people_weights = [weights.get(k, rng.uniform(0.2, 3.0)) * rng.uniform(0.5, 1.5) for k in kinds]
    counts = _allocate(size.people, people_weights)
    group_ids = list(range(1, size.groups + 1))
    for index, (kind, headcount) in enumerate(zip(kinds, counts, strict=True)):
        pk = index + 1
        county = rng.choice(counties)
        code = world.county_codes[county]
        brand = rng.choice(BRANDS)
        parent = None
        capacity = None
        output, unit, industry = 0.0, "t", "other"
        if kind == "group":
            name = f"{brand}{pk}能源集团有限公司"
            industry = "coal_mining"
        elif kind == "coal_mine":
            name = f"{brand}{pk}煤矿"
            industry, unit = "coal_mining", "t_raw_coal"
            capacity = rng.choice((60, 90, 120, 150, 240, 300, 500))  # 万吨/年
            output = round(capacity * 10_000 / 330, 2)
            parent = group_ids[index % len(group_ids)] if rng.random() < 0.8 else None
        elif kind in ("power_plant", "heating_plant"):
            name = f"{brand}{pk}{'发电厂' if kind == 'power_plant' else '热电厂'}"
            industry, unit = "power_heat", "mwh" if kind == "power_plant" else "gj"
            output = float(rng.choice((2400, 4800, 7200)))
        else:
            name = f"{brand}{pk}{rng.choice(OTHER_SUFFIXES)}"
            industry = rng.choice(("metal_smelting", "manufacturing", "construction", "transport",
                                   "services", "other"))  # fmt: skip
            parent = rng.choice(group_ids) if rng.random() < 0.05 else None
        world.enterprise_county[pk] = county
        world.headcount[pk] = headcount
        yield (
            pk, stamp, stamp, make_uscc(code, pk), name, kind, industry, county, parent,
            headcount, output, unit, capacity, "active", "", pinyin_key(name),
        )  # fmt: skip


def teams(stamp: str, world: World) -> Iterator[tuple]:
    """Mines and plants work in teams (班组) of about 60; other firms have none."""
    pk = 0
    for enterprise, headcount in world.headcount.items():
        if headcount < 200:
            continue
        ids = world.teams.setdefault(enterprise, [])
        for n in range(1, min(40, headcount // 60) + 1):
            pk += 1
            ids.append(pk)
            yield (pk, stamp, stamp, enterprise, f"{n}队", None, n % 3 != 0)


def person_identity(index: int, region_code: str) -> tuple[str, str]:
    """A unique, valid ID number and phone for the ``index``-th person (0-based)."""
    slot = index * ID_STEP % ID_ROOM
    birth = BIRTH_START + dt.timedelta(days=slot // 1000)
    id_number = make_id_number(region_code, birth, slot % 1000)
    phone_slot = index * PHONE_STEP % PHONE_ROOM
    phone = f"{PHONE_PREFIXES[index % len(PHONE_PREFIXES)]}{phone_slot:08d}"
    return id_number, phone


def people(size: Size, stamp: str, world: World) -> Iterator[tuple]:
    """Each enterprise's roster in turn, as a roster import would add it."""
    rng = random.Random(f"people-{size.name}")
    rand = rng.random
    total = _SURNAME_CUMULATIVE[-1]
    surnames = [s for s, _ in SURNAMES]
    given = GIVEN
    n_given = len(given)
    counties = world.county_ids
    index = 0
    for enterprise, headcount in world.headcount.items():
        team_ids = world.teams.get(enterprise, [])
        local = world.enterprise_county[enterprise]
        for _ in range(headcount):
            surname = surnames[bisect(_SURNAME_CUMULATIVE, rand() * total)]
            first = given[int(rand() * n_given)]
            name = surname + first + (given[int(rand() * n_given)] if rand() < 0.7 else "")
            roll = rand()
            category = "employee" if roll < 0.8 else "contractor" if roll < 0.97 else "visitor"
            # Most people live in the county they work in; migrant workers come from anywhere.
            home = local if rand() < 0.6 else counties[int(rand() * len(counties))]
            id_number, phone = person_identity(index, world.county_codes[home])
            team = team_ids[index % len(team_ids)] if team_ids and category != "visitor" else None
            status = "left" if rand() < 0.05 else "active"
            index += 1
            yield (
                index, stamp, stamp, name, id_number, phone, category, status, None,
                enterprise, home, team, pinyin_key(name),
            )  # fmt: skip
