"""Today's work prohibitions (names and dates, never the reason), alerts and the command
counts, under /api/epidemic: the observation area's reads for managers and officials."""

# No `from __future__ import annotations`: django-ninja reads the handlers' annotations.

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from fugong.core.api import Pagination, QueryFilters, actor, filtered, permitted
from fugong.core.scope import get_scoped_or_404
from fugong.epidemic.api.common import PersonRef, person_ref
from fugong.epidemic.models import Alert, AlertKind, HealthStatus, Observation, WebhookState
from fugong.epidemic.observation_filters import AlertFilter, ProhibitionFilter
from fugong.epidemic.selectors.command import command_counts
from fugong.epidemic.selectors.observation import prohibitions_today
from fugong.epidemic.services.alert_delivery import alert_acknowledge
from fugong.org.models import Region

router = Router(tags=["epidemic: observation"])


# --- prohibitions, alerts, counts ------------------------------------------------------------


class ProhibitionOut(Schema):
    """Who may not work today, from when until when: never the kind or the reason."""

    person: PersonRef
    prohibition_from: dt.datetime
    prohibition_until: dt.datetime

    @staticmethod
    def resolve_person(obj: Observation) -> dict[str, Any]:
        return person_ref(obj.person)


class ProhibitionQuery(QueryFilters):
    filterset = ProhibitionFilter
    q: str | None = None
    enterprise: int | None = None


@router.get(
    "/prohibitions",
    response=list[ProhibitionOut],
    summary="Work prohibitions today (no medical reason)",
    auth=permitted(Observation, "prohibition"),
)
@paginate(Pagination)
def list_prohibitions(request: HttpRequest, filters: Query[ProhibitionQuery]) -> QuerySet:
    who = actor(request)
    rows = prohibitions_today(Observation.objects.restrict(who, "prohibition"))
    return filtered(ProhibitionFilter(request.GET, queryset=rows, actor=who))


class AlertOut(Schema):
    id: int
    kind: AlertKind
    enterprise_id: int
    person_id: int | None
    message: str
    raised_at: dt.datetime
    acknowledged_at: dt.datetime | None
    webhook_state: WebhookState
    webhook_attempts: int


class AlertQuery(QueryFilters):
    filterset = AlertFilter
    kind: AlertKind | None = None
    open: bool | None = None
    enterprise: int | None = None


@router.get("/alerts", response=list[AlertOut], summary="Alerts in scope", auth=permitted(Alert))
@paginate(Pagination)
def list_alerts(request: HttpRequest, filters: Query[AlertQuery]) -> QuerySet:
    who = actor(request)
    rows = Alert.objects.restrict(who)
    return filtered(AlertFilter(request.GET, queryset=rows, actor=who))


@router.post(
    "/alerts/{alert_id}/acknowledge",
    response=AlertOut,
    summary="Acknowledge an alert",
    auth=permitted(Alert, "change"),
)
def acknowledge_alert(request: HttpRequest, alert_id: int) -> Alert:
    who = actor(request)
    alert = get_scoped_or_404(Alert.objects.all(), who, "change", pk=alert_id)
    return alert_acknowledge(actor=who, alert=alert)


class CountsRow(Schema):
    key: int
    label: str
    people: int
    green: int
    yellow: int
    red: int
    fevers_today: int
    observations: int
    clusters: int
    cases: int


class CountsOut(Schema):
    level: str = Field(description="county: rows by county; enterprise: rows by enterprise")
    total: dict[str, int]
    rows: list[CountsRow]
    at: dt.datetime


@router.get(
    "/command",
    response=CountsOut,
    summary="Counts over the scope: colours, today's fevers, observations, clusters, cases",
    auth=permitted(HealthStatus, "counts"),
)
def command(
    request: HttpRequest, region: int | None = None, enterprise: int | None = None
) -> dict[str, Any]:
    who = actor(request)
    region_obj = get_object_or_404(Region, pk=region) if region is not None else None
    return command_counts(actor=who, region=region_obj, enterprise_id=enterprise)
