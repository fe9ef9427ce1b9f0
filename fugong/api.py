"""The JSON API under /api, documented at /api/docs."""

from __future__ import annotations

import json
from typing import Any

import orjson
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from fugong.accounts.api import router as accounts_router
from fugong.core.api import AUTH
from fugong.core.api_errors import document_errors
from fugong.core.api_messages import field_message
from fugong.core.throttle import Throttled
from fugong.dailyreport.api import router as reports_router
from fugong.epidemic.api import router as epidemic_router
from fugong.org.api import router as org_router
from fugong.oversight.api import router as oversight_router
from fugong.oversight.api_tickets import router as oversight_tickets_router
from fugong.people.api import router as people_router
from fugong.resumption.api import router as resumption_router


class JSONBodies(Parser):
    """Request bodies read by orjson: a device's batch of a thousand readings in ~40 % of the
    standard parser's time. What orjson refuses (NaN, a lone surrogate, a byte-order mark) is
    read again by the standard parser, so such a body is answered as before: by the field's
    check, or as not JSON. An integer beyond 64 bits reads as the nearest float, which every
    field's limits refuse by name as they refused the integer."""

    def parse_body(self, request: HttpRequest) -> Any:
        try:
            return orjson.loads(request.body)
        except orjson.JSONDecodeError:
            return json.loads(request.body)


class FugongAPI(NinjaAPI):
    """The schema also describes the error answers of every operation (``api_errors``)."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return document_errors(super().get_openapi_schema(**kwargs))


api = FugongAPI(
    title="fugong API",
    version="1",
    description="复工复产 — organisation, people and (later) screening, reports and dispatch.",
    auth=AUTH,
    urls_namespace="api",
    parser=JSONBodies(),
)
api.add_router("/org", org_router)
api.add_router("/people", people_router)
api.add_router("/accounts", accounts_router)
api.add_router("/epidemic", epidemic_router)
api.add_router("/resumption", resumption_router)
api.add_router("/oversight", oversight_router)
api.add_router("/oversight", oversight_tickets_router)
api.add_router("/reports", reports_router)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not allowed for your role.")}, status=403)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": _("Log in or send a device token.")}, status=401)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = api.create_response(request, {"detail": str(exc.message)}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A model or service validation error: 422 with the message of every field."""
    errors: list[dict[str, str | None]]
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": field, "message": str(message)}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": None, "message": str(m)} for m in exc.messages]
    return api.create_response(request, {"detail": errors}, status=422)


@api.exception_handler(NinjaValidationError)
def invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    """Malformed input: 422 naming each field by its location (body.name, query.page ...)."""
    errors = [_field_error(error) for error in exc.errors]
    return api.create_response(request, {"detail": errors}, status=422)


# pydantic's error types for a body that is not an object at all.
WHOLE_BODY_TYPES = {"model_type", "model_attributes_type", "dict_type"}


def _field_error(error: dict[str, Any]) -> dict[str, str]:
    loc = error.get("loc", ())
    whole_body = error.get("type") in WHOLE_BODY_TYPES or error.get("type") == "missing"
    if len(loc) == 2 and loc[0] == "body" and whole_body:
        # The body as a whole is not an object (``[]``, ``null``, ``"x"``) or is empty:
        # pydantic names it by the handler's parameter and says "Input should be a valid
        # dictionary or instance of BatchIn" or "Field required", which mean nothing to a client.
        return {"field": "body", "message": _("The body must be a JSON object of fields.")}
    return {"field": _field_name(loc), "message": field_message(error)}


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's own 4xx; a body that is not JSON says so in the caller's language."""
    message = str(exc)
    if exc.status_code == 400 and message.startswith("Cannot parse request body"):
        message = _("The body is not valid JSON.")
    return api.create_response(request, {"detail": message}, status=exc.status_code)


def _field_name(loc: tuple | list) -> str:
    """``("body", "payload", "id_number")`` → ``body.id_number``: the handler's parameter name
    means nothing to a client, and services name the same field ``body.id_number`` too."""
    parts = [str(part) for part in loc]
    if len(parts) > 2 and parts[0] == "body":
        del parts[1]
    return ".".join(parts)
