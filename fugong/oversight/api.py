"""Oversight under /api/oversight: pairings, key projects and visits here; tickets, rates and
measures in ``api_tickets`` (a second router at the same prefix, see fugong/api.py). The same
scope and services as the pages."""

# No `from __future__ import annotations`: django-ninja reads the handlers' annotations.

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from fugong.accounts.models import Department
from fugong.core.api import Pagination, QueryFilters, actor, permitted, service_errors_in_body
from fugong.core.scope import get_scoped_or_404
from fugong.oversight import selectors, services
from fugong.oversight.api_common import create_for_enterprise, filter_rows
from fugong.oversight.filters import (
    KeyProjectFilter,
    PairingFilter,
    VisitFilter,
)
from fugong.oversight.models import (
    KeyProject,
    Pairing,
    ProjectStatus,
    SlaClass,
    TicketCategory,
    Visit,
    VisitMode,
)

router = Router(tags=["oversight"])


# --- pairings and projects ------------------------------------------------------------------


class PairingOut(Schema):
    id: int
    leader_id: int
    leader_name: str
    enterprise_id: int
    enterprise_name: str
    starts_on: dt.date
    ends_on: dt.date | None
    note: str

    @staticmethod
    def resolve_leader_name(obj: Pairing) -> str:
        return str(obj.leader)

    @staticmethod
    def resolve_enterprise_name(obj: Pairing) -> str:
        return obj.enterprise.name


class PairingQuery(QueryFilters):
    filterset = PairingFilter
    enterprise: int | None = None


class PairingIn(Schema):
    leader: int
    enterprise: int
    starts_on: dt.date
    ends_on: dt.date | None = None
    note: str = Field("", max_length=200)


@router.get("/pairings", response=list[PairingOut], auth=permitted(Pairing), summary="Pairings")
@paginate(Pagination)
def list_pairings(request: HttpRequest, filters: Query[PairingQuery]) -> QuerySet:
    return filter_rows(request, selectors.pairing_list(actor=actor(request)), PairingFilter)


@router.post(
    "/pairings",
    response={201: PairingOut},
    auth=permitted(Pairing, "change"),
    summary="Pair a leader with an enterprise (city command)",
)
def create_pairing(request: HttpRequest, payload: PairingIn) -> Status:
    return create_for_enterprise(
        request,
        payload,
        services.pairing_create,
        foreign_keys={"leader": services.leaders()},
        unscoped=("leader",),
    )


@router.post(
    "/pairings/{pairing_id}/end",
    response=PairingOut,
    auth=permitted(Pairing, "change"),
    summary="End a pairing today",
)
def end_pairing(request: HttpRequest, pairing_id: int) -> Pairing:
    who = actor(request)
    pairing = get_scoped_or_404(Pairing.objects.all(), who, "change", pk=pairing_id)
    with service_errors_in_body():
        return services.pairing_end(actor=who, pairing=pairing)


class ProjectOut(Schema):
    id: int
    name: str
    enterprise_id: int | None
    region_id: int | None
    description: str
    status: str


class ProjectQuery(QueryFilters):
    filterset = KeyProjectFilter
    q: str | None = Field(None, description="Part of the name")
    status: ProjectStatus | None = None


@router.get(
    "/projects", response=list[ProjectOut], auth=permitted(KeyProject), summary="Key projects"
)
@paginate(Pagination)
def list_projects(request: HttpRequest, filters: Query[ProjectQuery]) -> QuerySet:
    return filter_rows(request, selectors.project_list(actor=actor(request)), KeyProjectFilter)


# --- visits ---------------------------------------------------------------------------------


class ProblemIn(Schema):
    description: str = Field(min_length=1, max_length=4000)
    category: TicketCategory
    sla_class: SlaClass
    department: Department
    enterprise_cannot_solve: bool = False


class VisitIn(Schema):
    enterprise: int
    visited_on: dt.date
    mode: VisitMode
    video_link: str = Field("", max_length=200)
    participants: str = Field("", max_length=300)
    findings: str = Field("", max_length=4000)
    problems: list[ProblemIn] = Field(default_factory=list, max_length=20)


class VisitOut(Schema):
    id: int
    leader_id: int
    enterprise_id: int
    visited_on: dt.date
    mode: str
    video_link: str
    participants: str
    findings: str
    ticket_ids: list[int]

    @staticmethod
    def resolve_ticket_ids(obj: Visit) -> list[int]:
        return [t.pk for t in obj.tickets.all()]


class VisitQuery(QueryFilters):
    filterset = VisitFilter
    enterprise: int | None = None


@router.get("/visits", response=list[VisitOut], auth=permitted(Visit), summary="Visits")
@paginate(Pagination)
def list_visits(request: HttpRequest, filters: Query[VisitQuery]) -> QuerySet:
    rows = selectors.visit_list(actor=actor(request)).prefetch_related("tickets")
    return filter_rows(request, rows, VisitFilter)


@router.post(
    "/visits",
    response={201: VisitOut},
    auth=permitted(Visit, "change"),
    summary="Record a visit; each problem raised becomes a ticket",
)
def create_visit(request: HttpRequest, payload: VisitIn) -> Status:
    return create_for_enterprise(request, payload, services.visit_record)
