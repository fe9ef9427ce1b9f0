"""Pieces every API router uses: authentication, scoped lookups and error answers.

Authentication is a session (browser, with CSRF) or a device token sent as
``Authorization: Bearer <token>``. Either way ``request.auth`` is the actor whose scope
filters every query.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth


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

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


AUTH = [UserSessionAuth(), DeviceTokenAuth()]


def actor(request: HttpRequest) -> Any:
    """The authenticated user or device of an API request."""
    return request.auth  # type: ignore[attr-defined]
