"""The demo world's organisation: regions, enterprises, places, teams and shifts."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import TYPE_CHECKING

from fugong.core.identifiers import make_uscc
from fugong.demo import data
from fugong.demo.generators import plate
from fugong.org.models import (
    Enterprise,
    EnterpriseKind,
    EnterpriseStatus,
    Industry,
    OutputUnit,
    Place,
    PlaceKind,
    Region,
    RegionLevel,
    Shift,
    Team,
)

if TYPE_CHECKING:
    from fugong.demo.world import World

# Enterprises that work round the clock in three shifts; the others work a day shift.
ROUND_THE_CLOCK = (
    EnterpriseKind.COAL_MINE,
    EnterpriseKind.POWER_PLANT,
    EnterpriseKind.HEATING_PLANT,
)


def demo_credit_codes() -> list[str]:
    """The credit codes of every demo enterprise, in the order build_enterprises makes them."""
    counties = (
        [data.GROUP_COUNTY]
        + [row[1] for row in data.GROUP_MINES]
        + [row[3] for row in data.CUSTOMERS]
        + [row[3] for row in data.OTHER_ENTERPRISES]
    )
    return [make_uscc(county, data.DEMO_USCC_SERIAL + n) for n, county in enumerate(counties)]


def build_regions(world: World) -> None:
    """Provinces, cities and counties: created when missing, corrected when they differ.

    Regions are GB/T 2260 reference data that other records may point to, so a reset keeps
    them and a rebuild reuses them.
    """
    levels = [
        (RegionLevel.PROVINCE, data.PROVINCES),
        (RegionLevel.CITY, data.CITIES),
        (RegionLevel.COUNTY, data.COUNTIES),
    ]
    codes = [code for _, rows in levels for code, _, _ in rows]
    existing = {r.code: r for r in Region.objects.filter(code__in=codes)}
    for level, rows in levels:
        new, changed = [], []
        for code, name, parent_code in rows:
            parent = world.regions[parent_code] if parent_code else None
            region = existing.get(code)
            if region is None:
                region = Region(code=code, name=name, level=level, parent=parent)
                new.append(region)
            elif (region.name, region.level, region.parent_id) != (
                name,
                level,
                parent.pk if parent else None,
            ):
                region.name, region.level, region.parent = name, level, parent
                changed.append(region)
            world.regions[code] = region
        world.save(Region, new)
        Region.objects.bulk_update(changed, ["name", "level", "parent"])


def _daily_coal(capacity: Decimal) -> Decimal:
    """Normal daily output of a mine: rated capacity (万吨/年) over 330 working days, in tons."""
    return (capacity * 10_000 / 330).quantize(Decimal("0.01"))


def _address(world: World, county: str) -> str:
    region = world.regions[county]
    city = region.parent
    assert city is not None and city.parent is not None
    return f"{city.parent.name}{city.name}{region.name}"


def _other_figures(world: World, kind: str, industry: str) -> dict[str, object]:
    """Headcount, output and unit of an enterprise outside the story, by what it does."""
    rng = world.rng
    if kind == EnterpriseKind.COAL_MINE:
        capacity = Decimal(rng.choice(["60", "90", "120"]))
        return {
            "normal_headcount": rng.randint(300, 650),
            "rated_capacity": capacity,
            "normal_daily_output": _daily_coal(capacity),
            "output_unit": OutputUnit.TONS_RAW_COAL,
        }
    if kind == EnterpriseKind.POWER_PLANT:
        return {
            "normal_headcount": 420,
            "normal_daily_output": Decimal("7200"),
            "output_unit": OutputUnit.MWH,
        }
    if industry in ("manufacturing", "transport", "other"):
        output = Decimal(rng.randint(20, 800))
        return {
            "normal_headcount": rng.randint(40, 300),
            "normal_daily_output": output,
            "output_unit": OutputUnit.TONS,
        }
    # Construction sites and services have no daily output worth counting.
    return {"normal_headcount": rng.randint(40, 300), "output_unit": OutputUnit.OTHER}


def build_enterprises(world: World) -> None:
    """The group first (its members point to it), then its mines, the customers, the rest."""
    codes = iter(demo_credit_codes())

    def make(name: str, kind: str, industry: str, county: str, **fields: object) -> Enterprise:
        enterprise = Enterprise(
            credit_code=next(codes),
            name=name,
            kind=kind,
            industry=industry,
            region=world.regions[county],
            address=_address(world, county),
            **fields,  # type: ignore[arg-type]
        )
        world.enterprises[name] = enterprise
        return enterprise

    group = make(
        data.GROUP_NAME,
        EnterpriseKind.GROUP,
        Industry.COAL_MINING,
        data.GROUP_COUNTY,
        normal_headcount=120,
        output_unit=OutputUnit.TONS_RAW_COAL,
    )
    world.save(Enterprise, [group])
    rows = []
    for name, county, capacity, headcount, active in data.GROUP_MINES:
        mine = make(
            name,
            EnterpriseKind.COAL_MINE,
            Industry.COAL_MINING,
            county,
            parent=group,
            rated_capacity=capacity,
            normal_daily_output=_daily_coal(capacity),
            output_unit=OutputUnit.TONS_RAW_COAL,
            normal_headcount=headcount,
            status=EnterpriseStatus.ACTIVE if active else EnterpriseStatus.SUSPENDED,
        )
        world.group_mines.append(mine)
        rows.append(mine)
    for name, kind, industry, county, headcount, output, unit in data.CUSTOMERS:
        rows.append(
            make(
                name,
                kind,
                industry,
                county,
                normal_headcount=headcount,
                normal_daily_output=Decimal(output),
                output_unit=unit,
            )
        )
    for name, kind, industry, county in data.OTHER_ENTERPRISES:
        status = (
            EnterpriseStatus.SUSPENDED if name in data.SUSPENDED_OTHERS else EnterpriseStatus.ACTIVE
        )
        figures = _other_figures(world, kind, industry)
        rows.append(make(name, kind, industry, county, status=status, **figures))
    world.save(Enterprise, rows)


def _mine_places(world: World, mine: Enterprise, used_plates: set[str]) -> list[Place]:
    def place(name: str, kind: str, code: str = "", **fields: object) -> Place:
        return Place(enterprise=mine, name=name, kind=kind, code=code, **fields)  # type: ignore[arg-type]

    rows = [
        place("矿门岗", PlaceKind.CHECKPOINT, "GATE-01"),
        place("井口检测点", PlaceKind.CHECKPOINT, "SHAFT-01"),
        place("职工食堂", PlaceKind.CANTEEN, capacity=mine.normal_headcount // 3),
        place("调度会议室", PlaceKind.MEETING_ROOM, capacity=40),
        place("综合办公楼", PlaceKind.OFFICE),
    ]
    for n, (name, limit) in enumerate(data.UNDERGROUND_ZONES, start=1):
        rows.append(place(name, PlaceKind.UNDERGROUND_ZONE, f"Z{n:02d}", headcount_limit=limit))
    for n in (1, 2):
        bus = plate(world.rng, used=used_plates)
        rows.append(place(f"{n}号通勤车", PlaceKind.VEHICLE, bus, capacity=data.BUS_SEATS))
    # Beds for the contractors and the employees from far away, about 40 % of the headcount.
    per_building = data.DORM_FLOORS * data.DORM_ROOMS_PER_FLOOR
    rooms = []
    for n in range(math.ceil(mine.normal_headcount * 0.4 / data.DORM_BEDS)):
        building, rest = divmod(n, per_building)
        floor, room = divmod(rest, data.DORM_ROOMS_PER_FLOOR)
        name = f"{building + 1}号楼{floor + 1}{room + 1:02d}"
        rooms.append(place(name, PlaceKind.DORMITORY_ROOM, name, capacity=data.DORM_BEDS))
    world.dorms[mine.pk] = rooms
    return rows + rooms


def build_places_teams_shifts(world: World) -> None:
    """Places, teams and shifts: the full set for the group's mines, the basics elsewhere."""
    places: list[Place] = []
    used_plates: set[str] = set()
    for mine in world.group_mines:
        places += _mine_places(world, mine, used_plates)
    others = [e for e in world.enterprises.values() if e.parent_id is None]
    for enterprise in others:
        places.append(Place(enterprise=enterprise, name="大门岗", kind=PlaceKind.CHECKPOINT))
        places.append(Place(enterprise=enterprise, name="办公楼", kind=PlaceKind.OFFICE))
        if enterprise.kind == EnterpriseKind.GROUP:
            places.append(
                Place(
                    enterprise=enterprise, name="调度中心", kind=PlaceKind.MEETING_ROOM, capacity=60
                )
            )
    world.save(Place, places)
    world.places = {(p.enterprise_id, p.name): p for p in places}

    faces = []
    for mine in world.group_mines:
        count = 3 if mine.status == EnterpriseStatus.ACTIVE else 2
        for n, (name, zone, limit) in enumerate(data.WORKING_FACES[:count], start=1):
            faces.append(
                Place(
                    enterprise=mine,
                    name=name,
                    kind=PlaceKind.WORKING_FACE,
                    code=f"F{n:02d}",
                    parent=world.places[(mine.pk, zone)],
                    headcount_limit=limit,
                )
            )
    world.save(Place, faces)

    teams: list[Team] = []
    shifts: list[Shift] = []
    for enterprise in world.enterprises.values():
        if enterprise.kind == EnterpriseKind.COAL_MINE:
            specs = [(name, underground, share) for name, underground, share in data.MINE_TEAMS]
            none_share = data.MINE_NO_TEAM_SHARE
        elif enterprise.kind == EnterpriseKind.GROUP:
            specs, none_share = [], 1
        else:
            specs, none_share = [(name, False, 3) for name in data.OTHER_TEAMS], 1
        own = [Team(enterprise=enterprise, name=n, is_underground=u) for n, u, _ in specs]
        teams += own
        shares: list[tuple[Team | None, int]] = [(t, s[2]) for t, s in zip(own, specs, strict=True)]
        world.teams[enterprise.pk] = [*shares, (None, none_share)]
        patterns = data.MINE_SHIFTS if enterprise.kind in ROUND_THE_CLOCK else [data.DAY_SHIFT]
        for name, kind, start, end in patterns:
            shifts.append(
                Shift(
                    enterprise=enterprise,
                    name=name,
                    kind=kind,
                    start_time=dt.time.fromisoformat(start),
                    end_time=dt.time.fromisoformat(end),
                )
            )
    world.save(Team, teams)
    world.save(Shift, shifts)
