"""Pieces every API router uses: authentication, scoped lookups and error answers.

Authentication is a session (browser, with CSRF) or a device token sent as
``Authorization: Bearer <token>``. Either way ``request.auth`` is the actor whose scope
filters every query.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination
from ninja.security import HttpBearer, SessionAuth

from fugong.core.permissions import may, permissions_of


class DeviceTokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from fugong.accounts.models import DeviceToken
        from fugong.accounts.selectors import device_for_token

        device = device_for_token(token)
        if device is None:
            return None
        # One cheap UPDATE so administrators can see which terminals are alive.
        DeviceToken.objects.filter(pk=device.pk).update(last_used_at=timezone.now())
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
    """Base of the documented query parameters of a list; unset ones are left out."""

    def as_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.model_dump().items() if v is not None and v != ""}
