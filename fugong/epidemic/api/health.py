"""The health API under /api/epidemic: check-ins (submit and list), travel declarations, a
person's status with its conditions, the manual status, appeals.

Thin handlers over the same services and filters as the pages. A check-in is sent by a
logged-in browser session (the worker's phone), by a helper for someone else, or by a
checkpoint device (bearer token) for a person of its enterprise.
"""

# No `from __future__ import annotations`: django-ninja reads the handlers' annotations.

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.responses import NinjaJSONEncoder
from pydantic import BaseModel

from fugong.accounts.models import DeviceToken
from fugong.core.api import (
    Pagination,
    QueryFilters,
    actor,
    filtered,
    permitted,
    resolve_foreign_keys,
    service_errors_in_body,
)
from fugong.core.api_errors import require_json_object
from fugong.core.scope import get_scoped_or_404
from fugong.epidemic.api.common import invalid_choice, person_name_of
from fugong.epidemic.health_filters import AppealFilter, CheckInFilter, TravelFilter
from fugong.epidemic.models import (
    Appeal,
    AppealState,
    CheckIn,
    Colour,
    DenyReason,
    HealthStatus,
    Symptom,
    Transport,
    TravelDeclaration,
)
from fugong.epidemic.selectors import health as selectors
from fugong.epidemic.selectors.status import entry_decision
from fugong.epidemic.services.health import Stop, Travel, checkin_submit, status_override
from fugong.epidemic.services.health_appeal import appeal_decide, appeal_file
from fugong.epidemic.services.status import RULES, health_status_refresh
from fugong.org.models import Region
from fugong.people.models import Person

router = Router(tags=["epidemic: health"])


# --- output ---------------------------------------------------------------------------------


class CheckInOut(Schema):
    id: int
    person_id: int
    person_name: str
    day: dt.date
    temperature: Decimal
    symptoms: list[str]
    location: str
    location_region_id: int | None
    travelled: bool
    submitted_at: dt.datetime
    submitted_by_id: int | None
    client_uuid: uuid.UUID

    resolve_person_name = staticmethod(person_name_of)


class SubmittedOut(CheckInOut):
    colour: Colour


class DeviceSubmittedOut(Schema):
    """The answer to a checkpoint device that checked someone in: what a checkpoint may know,
    the colour and the entry decision (a reason code), never conditions or medical detail."""

    client_uuid: uuid.UUID
    person_id: int
    colour: Colour
    allowed: bool
    deny_reason: DenyReason | None


class StopOut(Schema):
    region_id: int
    region_name: str
    arrived_on: dt.date
    left_on: dt.date

    @staticmethod
    def resolve_region_name(obj: Any) -> str:
        return obj.region.name


class TravelOut(Schema):
    id: int
    person_id: int
    person_name: str
    transport: Transport
    transport_number: str
    arrived_on: dt.date
    stops: list[StopOut]

    resolve_person_name = staticmethod(person_name_of)

    @staticmethod
    def resolve_stops(obj: TravelDeclaration) -> list[Any]:
        return list(obj.stops.all())


class ConditionOut(Schema):
    rule: str
    label: str
    colour: Colour
    detail: str = ""
    expires_at: dt.datetime | None = None


class StatusOut(Schema):
    person_id: int
    colour: Colour
    computed_colour: Colour
    manual: bool
    computed_at: dt.datetime
    conditions: list[ConditionOut]

    @classmethod
    def of(cls, status: HealthStatus) -> "StatusOut":
        return cls(
            person_id=status.person_id,
            colour=Colour(status.colour),
            computed_colour=Colour(status.computed_colour),
            manual=any(c["rule"] == "override" for c in status.conditions),
            computed_at=status.computed_at,
            conditions=[
                ConditionOut(**c, label=str(RULES.get(c["rule"], c["rule"])))
                for c in status.conditions
            ],
        )


class AppealOut(Schema):
    id: int
    person_id: int
    colour_appealed: Colour
    text: str
    state: AppealState
    decided_at: dt.datetime | None
    decision_note: str


# --- input ----------------------------------------------------------------------------------


# Plain pydantic models: ninja's ``Schema`` adds a getter validator for ORM objects, which a
# request body never is (the phone's check-in is DESIGN §5 P2's hot path).
class StopIn(BaseModel):
    region: int
    arrived_on: dt.date
    left_on: dt.date


class TravelIn(BaseModel):
    transport: Transport
    transport_number: str = Field("", max_length=16)
    stops: list[StopIn] = Field(min_length=1, max_length=20)


class CheckInIn(BaseModel):
    person: int | None = Field(None, description="Someone else (a helper); default: yourself")
    temperature: Decimal = Field(max_digits=4, decimal_places=1)
    symptoms: list[Symptom] = Field(default_factory=list, max_length=len(Symptom.values))
    location: str = Field("", max_length=100)
    location_region: int | None = None
    travelled: bool = False
    travel: TravelIn | None = None
    pledge: bool
    client_uuid: uuid.UUID


class OverrideIn(Schema):
    colour: Colour | None = Field(None, description="null ends the manual status")
    reason: str = Field(max_length=200)
    until: dt.datetime | None = None


class AppealIn(Schema):
    text: str = Field(max_length=2000)


class DecisionIn(Schema):
    uphold: bool
    note: str = Field(max_length=500)
    colour: Colour | None = None
    until: dt.datetime | None = None


class CheckInQuery(QueryFilters):
    filterset = CheckInFilter

    day: dt.date | None = None
    abnormal: bool | None = None
    enterprise: int | None = None
    q: str | None = Field(None, max_length=64)


class TravelQuery(QueryFilters):
    filterset = TravelFilter

    enterprise: int | None = None
    q: str | None = Field(None, max_length=64)


class AppealQuery(QueryFilters):
    filterset = AppealFilter

    state: AppealState | None = None
    enterprise: int | None = None
    q: str | None = Field(None, max_length=64)


# --- handlers -------------------------------------------------------------------------------


def _travel(who: Any, travel: TravelIn | None) -> Travel | None:
    if travel is None:
        return None
    # Regions visited are public reference data (anywhere in the country): not scoped.
    known = Region.objects.in_bulk({stop.region for stop in travel.stops})
    if any(stop.region not in known for stop in travel.stops):
        raise invalid_choice("travel.stops")
    stops = [Stop(known[s.region], s.arrived_on, s.left_on) for s in travel.stops]
    return Travel(travel.transport, travel.transport_number, stops)


@router.post(
    "/checkins",
    # Documentation only: the handler writes both answers itself, so ninja validates neither.
    response={201: SubmittedOut | DeviceSubmittedOut},
    summary="Submit today's check-in (for yourself, or as a helper for someone else)",
    description=(
        "A person or a helper gets the stored check-in with the person's colour "
        "(`SubmittedOut`). A checkpoint device (bearer token) checks in for a person of its "
        "enterprise without a smartphone: `person` is required, anyone else is 404, and the "
        "201 answer is the colour and the entry decision only (`DeviceSubmittedOut`)."
    ),
    auth=permitted(CheckIn, "submit"),
)
def submit_checkin(request: HttpRequest, payload: CheckInIn) -> JsonResponse:
    who = actor(request)
    require_json_object(request)
    device = isinstance(who, DeviceToken)
    person_id = payload.person or getattr(who, "person_id", None)
    person: Person | None
    if device and person_id:
        # A terminal answers for its own enterprise's people only: anyone else is out of scope.
        person = get_scoped_or_404(selectors.checkin_people(actor=who), who, pk=person_id)
    else:
        person = selectors.checkin_person(person_id) if person_id else None
    data = resolve_foreign_keys(
        who,
        {"location_region": payload.location_region},
        {"location_region": Region.objects.all()},
        unscoped=("location_region",),
    )
    if person is None:
        raise invalid_choice("person")
    travel = _travel(who, payload.travel)
    with service_errors_in_body():
        checkin = checkin_submit(
            actor=who,
            person=person,
            temperature=payload.temperature,
            symptoms=[str(s) for s in payload.symptoms],
            location=payload.location,
            location_region=data["location_region"],
            travelled=payload.travelled,
            travel=travel,
            pledge=payload.pledge,
            client_uuid=payload.client_uuid,
        )
    if device:
        decision = entry_decision(person=person)
        answer = DeviceSubmittedOut(
            client_uuid=checkin.client_uuid,
            person_id=person.pk,
            colour=decision.colour,
            allowed=decision.allowed,
            deny_reason=DenyReason(decision.deny_reason) if decision.deny_reason else None,
        )
        # Written here, as the phone's answer is: ninja would validate it against both shapes.
        return JsonResponse(answer.model_dump(mode="json"), status=201)
    if not hasattr(checkin, "colour"):  # a resent submission: the colour as stored now
        colour = HealthStatus.objects.filter(person=person).values_list("colour", flat=True).first()
        checkin.colour = Colour(colour or Colour.GREEN)  # type: ignore[attr-defined]
    return JsonResponse(_submitted(checkin), status=201, encoder=NinjaJSONEncoder)


def _submitted(checkin: CheckIn) -> dict[str, Any]:
    """``SubmittedOut`` of ``checkin``, as ninja would render it, without validating again what
    the service has just built (a fifteenth of a submission's time, DESIGN §5 P2)."""
    return {
        name: person_name_of(checkin) if name == "person_name" else getattr(checkin, name)
        for name in SubmittedOut.model_fields
    }


@router.get(
    "/checkins",
    response=list[CheckInOut],
    summary="Current check-ins in scope",
    auth=permitted(CheckIn),
)
@paginate(Pagination)
def list_checkins(request: HttpRequest, filters: Query[CheckInQuery]) -> QuerySet:
    who = actor(request)
    return filtered(CheckInFilter(request.GET, queryset=selectors.checkins(actor=who), actor=who))


@router.get(
    "/travel",
    response=list[TravelOut],
    summary="Travel declarations in scope",
    auth=permitted(TravelDeclaration),
)
@paginate(Pagination)
def list_travel(request: HttpRequest, filters: Query[TravelQuery]) -> QuerySet:
    who = actor(request)
    rows = selectors.travel_declarations(actor=who)
    return filtered(TravelFilter(request.GET, queryset=rows, actor=who))


@router.get(
    "/status/{person_id}",
    response=StatusOut,
    summary="A person's health status with its conditions",
    auth=permitted(HealthStatus),
)
def get_status(request: HttpRequest, person_id: int) -> StatusOut:
    person = get_scoped_or_404(Person.objects.all(), actor(request), pk=person_id)
    status = health_status_refresh(person_ids=[person.pk])[person.pk]
    return StatusOut.of(status)


@router.post(
    "/status/{person_id}/override",
    response=StatusOut,
    summary="Set or end a manual status (health officer; reason required)",
    auth=permitted(HealthStatus, "override"),
)
def override_status(request: HttpRequest, person_id: int, payload: OverrideIn) -> StatusOut:
    who = actor(request)
    require_json_object(request)
    person = get_scoped_or_404(Person.objects.all(), who, pk=person_id)
    with service_errors_in_body():
        status = status_override(
            actor=who,
            person=person,
            colour=payload.colour or "",
            reason=payload.reason,
            until=payload.until,
        )
    return StatusOut.of(status)


@router.get(
    "/appeals", response=list[AppealOut], summary="Appeals in scope", auth=permitted(Appeal)
)
@paginate(Pagination)
def list_appeals(request: HttpRequest, filters: Query[AppealQuery]) -> QuerySet:
    who = actor(request)
    return filtered(AppealFilter(request.GET, queryset=selectors.appeals(actor=who), actor=who))


@router.post(
    "/appeals",
    response={201: AppealOut},
    summary="Appeal against your own current colour",
    auth=permitted(Appeal, "file"),
)
def file_appeal(request: HttpRequest, payload: AppealIn) -> Status:
    who = actor(request)
    require_json_object(request)
    person = get_scoped_or_404(Person.objects.all(), who, pk=getattr(who, "person_id", None))
    with service_errors_in_body():
        appeal = appeal_file(actor=who, person=person, text=payload.text)
    return Status(201, AppealOut.from_orm(appeal))


@router.post(
    "/appeals/{appeal_id}/decide",
    response=AppealOut,
    summary="Decide an open appeal (health officer)",
    auth=permitted(Appeal, "decide"),
)
def decide_appeal(request: HttpRequest, appeal_id: int, payload: DecisionIn) -> AppealOut:
    who = actor(request)
    require_json_object(request)
    appeal = get_scoped_or_404(Appeal.objects.all(), who, "decide", pk=appeal_id)
    with service_errors_in_body():
        appeal = appeal_decide(
            actor=who,
            appeal=appeal,
            uphold=payload.uphold,
            note=payload.note,
            colour=payload.colour or "",
            until=payload.until,
        )
    return AppealOut.from_orm(appeal)
