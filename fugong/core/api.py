"""Pieces every API router uses: authentication, scoped lookups and error answers.

Authentication is a session (browser, with CSRF) or a device token sent as
``Authorization: Bearer <token>``. Either way ``request.auth`` is the actor whose scope
filters every query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination
from ninja.security import HttpBearer, SessionAuth

from fugong.core.filters import query_names
from fugong.core.forms import restrict_queryset
from fugong.core.permissions import may, permissions_of

LAST_USED_PRECISION = dt.timedelta(minutes=1)


class DeviceTokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from fugong.accounts.models import DeviceToken
        from fugong.accounts.selectors import device_for_token

        device = device_for_token(token)
        if device is None:
            return None
        # So administrators can see which terminals are alive: at most one write a minute per
        # terminal, not one per request (a write is a commit, and a terminal sends many).
        now = timezone.now()
        if device.last_used_at is None or now - device.last_used_at >= LAST_USED_PRECISION:
            DeviceToken.objects.filter(pk=device.pk).update(last_used_at=now)
            device.last_used_at = now
        return device


class UserSessionAuth(SessionAuth):
    """Session auth that returns the logged-in user as the actor."""

    def _get_key(self, request: HttpRequest) -> str | None:
        # Only a logged-in browser is held to the CSRF check. Without this, a device's POST
        # (no session, no CSRF cookie) would fail the check here with a 403 before its bearer
        # token were even looked at.
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


AUTH = [UserSessionAuth(), DeviceTokenAuth()]


class _Permitted:
    """Authentication that also applies the model's permission declaration.

    It runs where django-ninja runs authentication: before the body and the query are parsed,
    so a role outside the operation's work gets its 403 before any 422 about what it sent, and
    learns nothing about the ids it named.
    """

    def __init__(self, model: type[Model], action: str) -> None:
        super().__init__()
        permissions_of(model).roles(action)  # fail at import time on an undeclared action
        self.model = model
        self.action = action

    def __call__(self, request: HttpRequest) -> Any:
        who = super().__call__(request)  # type: ignore[misc]
        if who and not may(who, self.model, self.action):
            raise PermissionDenied
        return who


class PermittedSession(_Permitted, UserSessionAuth):
    pass


class PermittedDeviceToken(_Permitted, DeviceTokenAuth):
    pass


def permitted(model: type[Model], action: str = "view") -> list[Any]:
    """``auth=`` of an operation: a session or device token whose role may ``action`` ``model``."""
    return [PermittedSession(model, action), PermittedDeviceToken(model, action)]


def actor(request: HttpRequest) -> Any:
    """The authenticated user or device of an API request."""
    return request.auth  # type: ignore[attr-defined]


# --- lists: one pagination and one way to apply a FilterSet, for every router ---------------

MAX_PAGE_SIZE = 100


class Pagination(PageNumberPagination):
    """``?page=2&page_size=50``: the same page numbers as the HTML lists, at most 100 a page.

    The page number is bounded so a fuzzed ``page=10**30`` is a 422, not a database overflow.
    """

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("page_size", settings.PAGE_SIZE)
        kwargs.setdefault("max_page_size", MAX_PAGE_SIZE)
        super().__init__(**kwargs)


def filtered(filterset: Any) -> QuerySet:
    """The rows a FilterSet (the one the HTML page uses) lets through.

    A wrong filter, such as an enterprise outside the actor's scope, is a 422 naming the query
    parameter, never a silently empty list.
    """
    if not filterset.is_valid():
        raise ValidationError(
            {f"query.{name}": list(messages) for name, messages in filterset.errors.items()}
        )
    return filterset.qs


class QueryFilters(Schema):
    """Base of the documented query parameters of a list; unset ones are left out.

    A subclass names the FilterSet that reads its parameters (``filterset``), and its fields
    must be exactly that FilterSet's parameters, so the documented query cannot drift from
    what the list page filters by: a mismatch fails when the module is imported.
    """

    filterset: ClassVar[type | None] = None

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if cls.filterset is None:
            return
        documented, read = set(cls.model_fields), query_names(cls.filterset)
        if documented != read:
            raise ImproperlyConfigured(
                f"{cls.__name__} documents {sorted(documented)} but "
                f"{cls.filterset.__name__} reads {sorted(read)}"
            )

    def as_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.model_dump().items() if v is not None and v != ""}


# --- writes: role first, then the body's foreign keys, then the service ---------------------


# Django's own words (translated): an unknown id and one out of scope look alike.
INVALID_CHOICE = forms.ModelChoiceField.default_error_messages["invalid_choice"]


def resolve_foreign_keys(
    who: Any,
    data: Mapping[str, Any],
    querysets: Mapping[str, QuerySet],
    *,
    unscoped: Iterable[str] = (),
) -> dict[str, Any]:
    """``data`` with the ids of ``querysets``' fields replaced by objects from the scope.

    Each queryset is restricted to ``who`` (as a form's choices are) unless its field is in
    ``unscoped`` (reference data such as a home region). An id that is unknown or outside the
    scope is a 422 naming ``body.<field>``, with the same message either way. A field absent
    from ``data`` or sent as null is left as it is.
    """
    opted_out = set(unscoped)
    errors: dict[str, list[str]] = {}
    resolved = dict(data)
    for field, queryset in querysets.items():
        pk = data.get(field)
        if pk is None:
            continue
        if field not in opted_out:
            queryset = restrict_queryset(queryset, who, where=f"body.{field}")
        obj: Model | None = queryset.filter(pk=pk).first()
        if obj is None:
            errors[f"body.{field}"] = [str(INVALID_CHOICE)]
        resolved[field] = obj
    if errors:
        raise ValidationError(errors)
    return resolved


def body_errors(exc: ValidationError) -> ValidationError:
    """A service's field errors named by their place in the request (``body.<field>``)."""
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError(
        {
            field if field.startswith("body.") else f"body.{field}": messages
            for field, messages in exc.message_dict.items()
        }
    )


@contextmanager
def service_errors_in_body() -> Iterator[None]:
    """``with service_errors_in_body(): service(...)``: its ValidationError names body fields."""
    try:
        yield
    except ValidationError as exc:
        raise body_errors(exc) from exc
