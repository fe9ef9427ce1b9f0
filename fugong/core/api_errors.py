"""The error answers of the API, described once for every operation of the OpenAPI schema.

The exception handlers in ``fugong.api`` answer every error with one of two bodies:
``{"detail": "message"}`` (400, 401, 403, 404, 429) or, for input that fails validation,
``{"detail": [{"field": "body.name", "message": "..."}]}`` (422). ``document_errors`` adds them
to the schema of each operation (404 only where the path names an object; 429 only where an
operation declares it), so clients and the schemathesis fuzz test know every answer's shape.
It works on the generated schema, not on the operations, so no handler's own answers change.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema

ERROR_REF = "#/components/schemas/ErrorOut"
VALIDATION_REF = "#/components/schemas/ValidationErrorOut"
METHODS = {"get", "put", "post", "patch", "delete"}


class ErrorOut(Schema):
    """Every error but a validation error."""

    detail: str


class FieldErrorOut(Schema):
    field: str | None
    message: str


class ValidationErrorOut(Schema):
    """Input that fails validation: one entry per problem, naming the field by its place
    (``body.id_number``, ``query.page``); ``field`` is null for an error of the whole input."""

    detail: list[FieldErrorOut]


def _answer(description: str, ref: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ref}}}}


ANSWERS = {
    "400": _answer("Bad request: the body is not JSON", ERROR_REF),
    "401": _answer("Not logged in and no valid device token", ERROR_REF),
    "403": _answer("Not allowed for the caller's role (or a failed CSRF check)", ERROR_REF),
    "404": _answer("No such object in the caller's scope", ERROR_REF),
    "422": _answer("Invalid input, naming each field", VALIDATION_REF),
    "429": _answer("Too many requests of this kind; see Retry-After", ERROR_REF),
}
# Answers every operation can give; 404 is added where the path has a parameter.
ALWAYS = ("400", "401", "403", "422")


def throttled_answer() -> dict[str, Any]:
    """``openapi_extra`` of an operation that may answer 429."""
    return {"responses": {"429": ANSWERS["429"]}}


def document_errors(schema: Any) -> Any:
    """Add the error answers and their body schemas to a generated OpenAPI schema."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in (ErrorOut, FieldErrorOut, ValidationErrorOut):
        body = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, definition in body.pop("$defs", {}).items():
            components.setdefault(name, definition)
        components.setdefault(model.__name__, body)
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            codes = [*ALWAYS, "404"] if "{" in path else list(ALWAYS)
            for code in codes:
                responses.setdefault(code, ANSWERS[code])
    return schema


def require_json_object(request: HttpRequest) -> None:
    """A write's body must be a JSON object: ``[]``, ``null`` or ``"x"`` is a 422 naming the
    body (django-ninja would read them as "no fields sent" and the write would go through)."""
    body = request.body or b"null"
    # An object is told by its first character: a device's batch of a thousand readings is not
    # parsed a second time only to learn that.
    if body.lstrip()[:1] == b"{":
        return
    try:
        data = json.loads(body)
    except ValueError:
        return  # not JSON at all: django-ninja answers 400 before the handler runs
    if not isinstance(data, dict):
        raise ValidationError({"body": [_("The body must be a JSON object of fields.")]})
