"""What the two oversight routers (``api``: pairings, projects, visits; ``api_tickets``:
tickets, rates, measures) do alike: filter a list for the actor, and create a record for an
enterprise in scope through a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Schema, Status

from fugong.core.api import actor, filtered, resolve_foreign_keys, service_errors_in_body
from fugong.core.api_errors import require_json_object
from fugong.org.models import Enterprise


def filter_rows(request: HttpRequest, rows: QuerySet, filterset: Any) -> QuerySet:
    """``rows`` through the list's FilterSet (the page's) for the actor; a wrong filter is a 422."""
    return filtered(filterset(request.GET, queryset=rows, actor=actor(request)))


def create_for_enterprise(
    request: HttpRequest,
    payload: Schema,
    service: Callable[..., Any],
    *,
    foreign_keys: dict[str, QuerySet] | None = None,
    unscoped: tuple[str, ...] = (),
) -> Status:
    """A 201 with what ``service(actor=…, **body)`` created.

    The body's ``enterprise`` id (and any other ``foreign_keys``) is looked up through the
    actor's scope, so an id outside it is the same 422 as an unknown one; the service's
    refusals are 422s naming body fields.
    """
    who = actor(request)
    require_json_object(request)
    querysets = {**(foreign_keys or {}), "enterprise": Enterprise.objects.all()}
    data = resolve_foreign_keys(who, payload.model_dump(), querysets, unscoped=unscoped)
    with service_errors_in_body():
        created = service(actor=who, **data)
    return Status(201, created)
