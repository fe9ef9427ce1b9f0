"""Resumption under /api/resumption: applications, their submission and decisions, a mine's
acceptance, and the day an enterprise is due to resume. Same scope, permissions and services
as the pages."""

# No `from __future__ import annotations`: django-ninja reads the handlers' annotations.

import datetime as dt

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
from fugong.org.models import Enterprise
from fugong.resumption import acceptance as acceptance_services
from fugong.resumption import services
from fugong.resumption.filters import ApplicationFilter
from fugong.resumption.models import (
    AcceptanceRoute,
    Application,
    ApplicationStatus,
    MineAcceptance,
    StoppageCause,
)
from fugong.resumption.selectors import application_list

router = Router(tags=["resumption"])


class ApplicationOut(Schema):
    id: int
    enterprise_id: int
    status: ApplicationStatus
    planned_on: dt.date
    planned_headcount: int
    from_outside_province: int
    prevention_plan: str
    masks: int
    thermometers: int
    disinfectant_litres: int
    mechanism_ready: bool
    screening_ready: bool
    supplies_ready: bool
    management_ready: bool
    publicity_ready: bool
    round: int = Field(description="How many times it has been submitted")
    submitted_at: dt.datetime | None
    due_at: dt.datetime | None = Field(description="Decision due: 3 working days after submission")
    decided_at: dt.datetime | None
    conditions: str
    return_reasons: str
    notice_number: str | None


class _ApplicationFields(Schema):
    planned_on: dt.date = Field(None)  # type: ignore[assignment]
    planned_headcount: int = Field(None, ge=0)  # type: ignore[assignment]
    from_outside_province: int = Field(None, ge=0)  # type: ignore[assignment]
    prevention_plan: str = Field(None, max_length=20000)  # type: ignore[assignment]
    masks: int = Field(None, ge=0)  # type: ignore[assignment]
    thermometers: int = Field(None, ge=0)  # type: ignore[assignment]
    disinfectant_litres: int = Field(None, ge=0)  # type: ignore[assignment]
    mechanism_ready: bool = Field(None)  # type: ignore[assignment]
    screening_ready: bool = Field(None)  # type: ignore[assignment]
    supplies_ready: bool = Field(None)  # type: ignore[assignment]
    management_ready: bool = Field(None)  # type: ignore[assignment]
    publicity_ready: bool = Field(None)  # type: ignore[assignment]


class ApplicationIn(_ApplicationFields):
    enterprise: int = Field(description="The enterprise filing (a group: one of its units)")
    planned_on: dt.date


class ApplicationPatch(_ApplicationFields):
    pass


class DecisionIn(Schema):
    decision: str = Field(pattern="^(approved|returned)$", description="approved or returned")
    note: str = Field("", max_length=5000, description="Conditions, or the reasons (required)")


class ApplicationQuery(QueryFilters):
    filterset = ApplicationFilter

    q: str | None = None
    enterprise: int | None = None
    status: ApplicationStatus | None = None


class AcceptanceOut(Schema):
    id: int
    enterprise_id: int
    stopped_on: dt.date
    cause: StoppageCause
    requested_on: dt.date
    stopped_days: int
    ventilation_running: bool
    drainage_running: bool
    monitoring_running: bool
    positioning_running: bool
    route: AcceptanceRoute
    mine_signed_by_id: int | None
    mine_signed_at: dt.datetime | None
    regulator_signed_by_id: int | None
    regulator_signed_at: dt.datetime | None
    government_signatory: str
    government_signed_at: dt.datetime | None
    accepted_on: dt.date | None


class AcceptanceIn(Schema):
    stopped_on: dt.date
    cause: StoppageCause
    ventilation_running: bool
    drainage_running: bool
    monitoring_running: bool
    positioning_running: bool


class RegulatorSignIn(Schema):
    government_signatory: str = Field(max_length=64)


class DueOut(Schema):
    enterprise_id: int
    resumption_due_on: dt.date | None


class DueIn(Schema):
    resumption_due_on: dt.date | None


def _application(request: HttpRequest, application_id: int, action: str = "view") -> Application:
    return get_scoped_or_404(Application.objects, actor(request), action, pk=application_id)


@router.get(
    "/applications",
    response=list[ApplicationOut],
    summary="Applications in scope",
    auth=permitted(Application),
)
@paginate(Pagination)
def list_applications(request: HttpRequest, filters: Query[ApplicationQuery]) -> QuerySet:
    rows = application_list(actor=actor(request))
    return filtered(ApplicationFilter(request.GET, queryset=rows, actor=actor(request)))


@router.get(
    "/applications/{application_id}",
    response=ApplicationOut,
    summary="One application",
    auth=permitted(Application),
)
def get_application(request: HttpRequest, application_id: int) -> Application:
    return _application(request, application_id)


@router.post(
    "/applications",
    response={201: ApplicationOut},
    summary="File a draft application",
    auth=permitted(Application, "change"),
)
def create_application(request: HttpRequest, payload: ApplicationIn) -> Status:
    who = actor(request)
    require_json_object(request)
    data = payload.model_dump(exclude_none=True)
    data = resolve_foreign_keys(who, data, {"enterprise": Enterprise.objects.all()})
    with service_errors_in_body():
        application = services.application_create(actor=who, **data)
    return Status(201, application)


@router.patch(
    "/applications/{application_id}",
    response=ApplicationOut,
    summary="Change a draft, or answer a return",
    auth=permitted(Application, "change"),
)
def update_application(
    request: HttpRequest, application_id: int, payload: ApplicationPatch
) -> Application:
    who = actor(request)
    require_json_object(request)
    application = _application(request, application_id, "change")
    with service_errors_in_body():
        return services.application_update(
            actor=who, application=application, **payload.model_dump(exclude_none=True)
        )


@router.post(
    "/applications/{application_id}/submit",
    response=ApplicationOut,
    summary="Submit (the five things must be in place); starts the 3-working-day clock",
    auth=permitted(Application, "change"),
)
def submit_application(request: HttpRequest, application_id: int) -> Application:
    application = _application(request, application_id, "change")
    with service_errors_in_body():
        return services.application_submit(actor=actor(request), application=application)


@router.post(
    "/applications/{application_id}/decision",
    response=ApplicationOut,
    summary="Approve with conditions or return with reasons (your review step)",
    auth=permitted(Application, "review"),
)
def decide_application(
    request: HttpRequest, application_id: int, payload: DecisionIn
) -> Application:
    application = _application(request, application_id)
    with service_errors_in_body():
        return services.application_decide(
            actor=actor(request), application=application, **payload.model_dump()
        )


@router.get(
    "/mines/{enterprise_id}/acceptances",
    response=list[AcceptanceOut],
    summary="A mine's acceptances, latest first",
    auth=permitted(MineAcceptance),
)
def list_acceptances(request: HttpRequest, enterprise_id: int) -> QuerySet:
    enterprise = get_scoped_or_404(Enterprise.objects, actor(request), pk=enterprise_id)
    return MineAcceptance.objects.restrict(actor(request)).filter(enterprise=enterprise)


@router.post(
    "/mines/{enterprise_id}/acceptances",
    response={201: AcceptanceOut},
    summary="Record a stoppage and request acceptance; the rule decides who accepts",
    auth=permitted(MineAcceptance, "change"),
)
def request_acceptance(request: HttpRequest, enterprise_id: int, payload: AcceptanceIn) -> Status:
    enterprise = get_scoped_or_404(Enterprise.objects, actor(request), pk=enterprise_id)
    with service_errors_in_body():
        record = acceptance_services.acceptance_request(
            actor=actor(request), enterprise=enterprise, **payload.model_dump()
        )
    return Status(201, record)


@router.post(
    "/acceptances/{acceptance_id}/self-accept",
    response=AcceptanceOut,
    summary="The mine manager signs a self-acceptance",
    auth=permitted(MineAcceptance, "self_accept"),
)
def self_accept(request: HttpRequest, acceptance_id: int) -> MineAcceptance:
    record = get_scoped_or_404(MineAcceptance.objects, actor(request), pk=acceptance_id)
    with service_errors_in_body():
        return acceptance_services.acceptance_self_sign(actor=actor(request), acceptance=record)


@router.post(
    "/acceptances/{acceptance_id}/accept",
    response=AcceptanceOut,
    summary="The regulator accepts; records the head of government's signature",
    auth=permitted(MineAcceptance, "acceptance"),
)
def regulator_accept(
    request: HttpRequest, acceptance_id: int, payload: RegulatorSignIn
) -> MineAcceptance:
    record = get_scoped_or_404(MineAcceptance.objects, actor(request), pk=acceptance_id)
    with service_errors_in_body():
        return acceptance_services.acceptance_regulator_sign(
            actor=actor(request), acceptance=record, **payload.model_dump()
        )


@router.get(
    "/enterprises/{enterprise_id}/due",
    response=DueOut,
    summary="The day an enterprise is due to resume",
    auth=permitted(Application),
)
def get_due(request: HttpRequest, enterprise_id: int) -> DueOut:
    enterprise = get_scoped_or_404(Enterprise.objects, actor(request), pk=enterprise_id)
    return DueOut(enterprise_id=enterprise.pk, resumption_due_on=enterprise.resumption_due_on)


@router.put(
    "/enterprises/{enterprise_id}/due",
    response=DueOut,
    summary="Set the day a unit that needs no application is due to resume (county, city)",
    auth=permitted(Application, "set_due"),
)
def set_due(request: HttpRequest, enterprise_id: int, payload: DueIn) -> DueOut:
    require_json_object(request)
    enterprise = get_scoped_or_404(Enterprise.objects, actor(request), "change", pk=enterprise_id)
    with service_errors_in_body():
        saved = services.enterprise_due_set(
            actor=actor(request), enterprise=enterprise, due_on=payload.resumption_due_on
        )
    return DueOut(enterprise_id=saved.pk, resumption_due_on=saved.resumption_due_on)
