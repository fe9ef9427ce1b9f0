"""The organisation under /api/org: regions, enterprises, places, teams and shifts (read-only).

Every handler reads through the scoped path, so an object outside the actor's jurisdiction
answers 404 exactly like one that does not exist. Lists take the query parameters of the HTML
lists (the same FilterSets) and are paginated with ``?page=`` and ``?page_size=``.
"""

# No `from __future__ import annotations`: django-ninja reads the handlers' annotations.

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import WithJsonSchema

from fugong.core.api import Pagination, QueryFilters, actor, filtered, permitted
from fugong.core.scope import get_scoped_or_404
from fugong.org.filters import (
    EnterpriseFilter,
    PlaceFilter,
    RegionFilter,
    ShiftFilter,
    TeamFilter,
)
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
    ShiftKind,
    Team,
)
from fugong.org.selectors import enterprise_list, place_list, region_list, shift_list, team_list

router = Router(tags=["organisation"])


# --- output ---------------------------------------------------------------------------------


class RegionOut(Schema):
    id: int
    code: str
    name: str
    level: RegionLevel
    parent_id: int | None


class EnterpriseOut(Schema):
    id: int
    credit_code: str
    name: str
    kind: EnterpriseKind
    industry: Industry
    region_id: int
    region_code: str
    region_name: str
    parent_id: int | None
    normal_headcount: int
    normal_daily_output: Decimal
    output_unit: OutputUnit
    rated_capacity: Decimal | None = Field(None, description="10,000 t a year (万吨/年)")
    status: EnterpriseStatus
    address: str

    @staticmethod
    def resolve_region_code(obj: Enterprise) -> str:
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj: Enterprise) -> str:
        return obj.region.name


class PlaceOut(Schema):
    id: int
    enterprise_id: int
    name: str
    kind: PlaceKind
    code: str
    parent_id: int | None
    headcount_limit: int | None
    capacity: int | None
    is_active: bool


class TeamOut(Schema):
    id: int
    enterprise_id: int
    name: str
    leader_id: int | None
    is_underground: bool


# A shift's times are local wall-clock times without an offset, which JSON Schema's "time"
# format (RFC 3339, offset required) does not describe.
LocalTime = Annotated[
    dt.time,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{2}:\d{2}:\d{2}(\.\d+)?$",
            "description": "Local time (Asia/Shanghai), HH:MM:SS",
        }
    ),
]


class ShiftOut(Schema):
    id: int
    enterprise_id: int
    name: str
    kind: ShiftKind
    start_time: LocalTime
    end_time: LocalTime
    crosses_midnight: bool = Field(description="True when the shift ends on the next day")


# --- query parameters (the fields of the FilterSets, documented for OpenAPI) ---------------


class RegionQuery(QueryFilters):
    filterset = RegionFilter

    q: str | None = None
    level: RegionLevel | None = None


class EnterpriseQuery(QueryFilters):
    filterset = EnterpriseFilter

    q: str | None = None
    region: int | None = None
    kind: EnterpriseKind | None = None
    industry: Industry | None = None
    status: EnterpriseStatus | None = None
    parent: int | None = None


class PlaceQuery(QueryFilters):
    filterset = PlaceFilter

    q: str | None = None
    enterprise: int | None = None
    kind: PlaceKind | None = None
    is_active: bool | None = None


class TeamQuery(QueryFilters):
    filterset = TeamFilter

    q: str | None = None
    enterprise: int | None = None


class ShiftQuery(TeamQuery):
    filterset = ShiftFilter


# --- handlers -------------------------------------------------------------------------------


@router.get(
    "/regions",
    response=list[RegionOut],
    summary="Regions in scope",
    auth=permitted(Region, "directory"),
)
@paginate(Pagination)
def list_regions(request: HttpRequest, filters: Query[RegionQuery]) -> QuerySet:
    who = actor(request)
    fs = RegionFilter(filters.as_data(), region_list(actor=who, action="directory"), actor=who)
    return filtered(fs).order_by("code")


@router.get(
    "/regions/{region_id}",
    response=RegionOut,
    summary="One region",
    auth=permitted(Region, "directory"),
)
def get_region(request: HttpRequest, region_id: int) -> object:
    return get_scoped_or_404(Region.objects.all(), actor(request), "directory", pk=region_id)


@router.get(
    "/enterprises",
    response=list[EnterpriseOut],
    summary="Enterprises in scope",
    auth=permitted(Enterprise),
)
@paginate(Pagination)
def list_enterprises(request: HttpRequest, filters: Query[EnterpriseQuery]) -> QuerySet:
    who = actor(request)
    fs = EnterpriseFilter(filters.as_data(), enterprise_list(actor=who), actor=who)
    return filtered(fs).order_by("region__code", "name_pinyin", "id")


@router.get(
    "/enterprises/{enterprise_id}",
    response=EnterpriseOut,
    summary="One enterprise",
    auth=permitted(Enterprise),
)
def get_enterprise(request: HttpRequest, enterprise_id: int) -> object:
    return get_scoped_or_404(
        Enterprise.objects.select_related("region"), actor(request), pk=enterprise_id
    )


@router.get("/places", response=list[PlaceOut], summary="Places in scope", auth=permitted(Place))
@paginate(Pagination)
def list_places(request: HttpRequest, filters: Query[PlaceQuery]) -> QuerySet:
    who = actor(request)
    fs = PlaceFilter(filters.as_data(), place_list(actor=who), actor=who)
    return filtered(fs).order_by("enterprise_id", "kind", "name", "id")


@router.get("/places/{place_id}", response=PlaceOut, summary="One place", auth=permitted(Place))
def get_place(request: HttpRequest, place_id: int) -> object:
    return get_scoped_or_404(Place.objects.all(), actor(request), pk=place_id)


@router.get("/teams", response=list[TeamOut], summary="Teams in scope", auth=permitted(Team))
@paginate(Pagination)
def list_teams(request: HttpRequest, filters: Query[TeamQuery]) -> QuerySet:
    who = actor(request)
    fs = TeamFilter(filters.as_data(), team_list(actor=who), actor=who)
    return filtered(fs).order_by("enterprise_id", "name", "id")


@router.get("/teams/{team_id}", response=TeamOut, summary="One team", auth=permitted(Team))
def get_team(request: HttpRequest, team_id: int) -> object:
    return get_scoped_or_404(Team.objects.all(), actor(request), pk=team_id)


@router.get("/shifts", response=list[ShiftOut], summary="Shifts in scope", auth=permitted(Shift))
@paginate(Pagination)
def list_shifts(request: HttpRequest, filters: Query[ShiftQuery]) -> QuerySet:
    who = actor(request)
    fs = ShiftFilter(filters.as_data(), shift_list(actor=who), actor=who)
    return filtered(fs).order_by("enterprise_id", "start_time", "id")


@router.get("/shifts/{shift_id}", response=ShiftOut, summary="One shift", auth=permitted(Shift))
def get_shift(request: HttpRequest, shift_id: int) -> object:
    return get_scoped_or_404(Shift.objects.all(), actor(request), pk=shift_id)
