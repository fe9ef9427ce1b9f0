"""Cases and observations (line lists, open, follow-up, release) under /api/epidemic. Thin:
the same filters, selectors and services as the pages; ID numbers are masked. Prohibitions,
alerts and counts are in ``api.command``."""

# No `from __future__ import annotations`: django-ninja reads the handlers' annotations.

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

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
from fugong.epidemic.api.common import PersonRef, person_ref
from fugong.epidemic.models import (
    Case,
    CaseClassification,
    FollowUpSlot,
    Observation,
    ObservationKind,
    ObservationReason,
    ObservationState,
    Symptom,
    TestKind,
    TestResult,
)
from fugong.epidemic.observation_filters import (
    CaseFilter,
    ObservationFilter,
)
from fugong.epidemic.services.case import case_record, case_test_add, case_update
from fugong.epidemic.services.follow_up import (
    follow_up_record,
    observation_open_manual,
    observation_release,
)
from fugong.people.models import Person

router = Router(tags=["epidemic: observation"])


# --- cases ------------------------------------------------------------------------------------


class CaseTestIO(Schema):
    kind: TestKind
    taken_on: dt.date
    result: TestResult


class CaseOut(Schema):
    id: int
    person: PersonRef
    classification: CaseClassification
    onset_on: dt.date | None
    first_positive_on: dt.date | None
    isolation_started_at: dt.datetime | None
    note: str
    tests: list[CaseTestIO]

    @staticmethod
    def resolve_person(obj: Case) -> dict[str, Any]:
        return person_ref(obj.person)

    @staticmethod
    def resolve_tests(obj: Case) -> list[Any]:
        return list(obj.tests.all())


class CaseQuery(QueryFilters):
    filterset = CaseFilter
    q: str | None = None
    classification: CaseClassification | None = None
    enterprise: int | None = None


class CaseIn(Schema):
    person: int
    classification: CaseClassification
    onset_on: dt.date | None = None
    first_positive_on: dt.date | None = None
    isolation_started_at: dt.datetime | None = None
    note: str = Field("", max_length=500)
    tests: list[CaseTestIO] = Field([], max_length=20)


class CasePatch(Schema):
    classification: CaseClassification = Field(None)  # type: ignore[assignment]
    onset_on: dt.date | None = None
    first_positive_on: dt.date | None = None
    isolation_started_at: dt.datetime | None = None
    note: str = Field(None, max_length=500)  # type: ignore[assignment]


@router.get("/cases", response=list[CaseOut], summary="Cases in scope", auth=permitted(Case))
@paginate(Pagination)
def list_cases(request: HttpRequest, filters: Query[CaseQuery]) -> QuerySet:
    who = actor(request)
    rows = Case.objects.restrict(who).select_related("person").prefetch_related("tests")
    return filtered(CaseFilter(request.GET, queryset=rows, actor=who))


@router.post(
    "/cases", response={201: CaseOut}, summary="Record a case", auth=permitted(Case, "change")
)
def create_case(request: HttpRequest, payload: CaseIn) -> Status:
    who = actor(request)
    require_json_object(request)
    data = resolve_foreign_keys(who, payload.model_dump(), {"person": Person.objects.all()})
    tests = data.pop("tests")
    with service_errors_in_body(), transaction.atomic():
        case = case_record(actor=who, **data)
        for index, test in enumerate(tests):
            try:
                case_test_add(actor=who, case=case, **test)
            except ValidationError as exc:  # named by its place in the list
                raise ValidationError(
                    {f"tests.{index}.{field}": m for field, m in exc.message_dict.items()}
                ) from exc
    return Status(201, case)


@router.patch(
    "/cases/{case_id}",
    response=CaseOut,
    summary="Edit or reclassify a case",
    auth=permitted(Case, "change"),
)
def update_case(request: HttpRequest, case_id: int, payload: CasePatch) -> Case:
    who = actor(request)
    require_json_object(request)
    case = get_scoped_or_404(Case.objects.select_related("person"), who, "change", pk=case_id)
    with service_errors_in_body():
        return case_update(actor=who, case=case, **payload.model_dump(exclude_unset=True))


# --- observations -----------------------------------------------------------------------------


class ObservationOut(Schema):
    id: int
    person: PersonRef
    kind: ObservationKind
    reason: ObservationReason
    state: ObservationState
    started_at: dt.datetime
    last_exposure_at: dt.datetime | None
    planned_end: dt.datetime
    prohibition_from: dt.datetime | None
    prohibition_until: dt.datetime | None
    released_at: dt.datetime | None
    source_case_id: int | None

    @staticmethod
    def resolve_person(obj: Observation) -> dict[str, Any]:
        return person_ref(obj.person)


class ObservationQuery(QueryFilters):
    filterset = ObservationFilter
    tab: str | None = Field(
        None, description="active (default), symptomatic, not_reporting, due, released"
    )
    q: str | None = None
    kind: ObservationKind | None = None
    enterprise: int | None = None


class ObservationIn(Schema):
    person: int
    kind: ObservationKind
    reason: ObservationReason
    last_exposure_at: dt.datetime
    days: int | None = Field(None, ge=1, le=60, description="Empty: the policy's days")
    place: str = Field("", max_length=100)


class FollowUpIn(Schema):
    day: dt.date
    slot: FollowUpSlot
    seen: bool = True
    temperature: Decimal | None = Field(None, max_digits=4, decimal_places=1)
    symptoms: list[Symptom] = []
    note: str = Field("", max_length=200)


class FollowUpOut(Schema):
    id: int
    observation_id: int
    day: dt.date
    slot: FollowUpSlot
    seen: bool
    temperature: Decimal | None
    symptoms: list[str]


class ReleaseIn(Schema):
    note: str = Field("", max_length=200)


@router.get(
    "/observations",
    response=list[ObservationOut],
    summary="Observations in scope, by line list (tab)",
    auth=permitted(Observation),
)
@paginate(Pagination)
def list_observations(request: HttpRequest, filters: Query[ObservationQuery]) -> QuerySet:
    who = actor(request)
    rows = Observation.objects.restrict(who).select_related("person")
    return filtered(ObservationFilter(request.GET, queryset=rows, actor=who))


@router.post(
    "/observations",
    response={201: ObservationOut},
    summary="Open (or extend) an observation",
    auth=permitted(Observation, "change"),
)
def open_observation(request: HttpRequest, payload: ObservationIn) -> Status:
    who = actor(request)
    require_json_object(request)
    data = resolve_foreign_keys(who, payload.model_dump(), {"person": Person.objects.all()})
    with service_errors_in_body():
        observation = observation_open_manual(actor=who, **data)
    return Status(201, observation)


@router.post(
    "/observations/{observation_id}/follow-ups",
    response={201: FollowUpOut},
    summary="Record a follow-up (morning or afternoon)",
    auth=permitted(Observation, "change"),
)
def add_follow_up(request: HttpRequest, observation_id: int, payload: FollowUpIn) -> Status:
    who = actor(request)
    require_json_object(request)
    observation = get_scoped_or_404(Observation.objects.all(), who, "change", pk=observation_id)
    data = payload.model_dump()
    data["symptoms"] = [str(s) for s in data["symptoms"]]
    with service_errors_in_body():
        follow_up = follow_up_record(actor=who, observation=observation, **data)
    return Status(201, follow_up)


@router.post(
    "/observations/{observation_id}/release",
    response=ObservationOut,
    summary="Release under the rule (422 with the reasons otherwise)",
    auth=permitted(Observation, "change"),
)
def release(request: HttpRequest, observation_id: int, payload: ReleaseIn) -> Observation:
    who = actor(request)
    require_json_object(request)
    observation = get_scoped_or_404(
        Observation.objects.select_related("person"), who, "change", pk=observation_id
    )
    with service_errors_in_body():
        return observation_release(actor=who, observation=observation, note=payload.note)
