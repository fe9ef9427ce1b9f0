"""Which roles may do what with each kind of record: the role half of the one permission path.

Every scoped model declares, on its queryset class, a ``Permissions`` object naming the roles
that may perform each action on it ("view", "change", and model-specific ones such as "reveal"
or "export"). ``ScopedQuerySet.restrict(actor, action)`` applies that declaration together with
the actor's jurisdiction (``fugong.core.scope``); pages, API handlers, exports, history, search,
form choices and the navigation all ask the same declaration through ``may``/``require``.

As NetBox's ``RestrictedQuerySet.restrict(user, action)``: a role without the action sees an
empty queryset there; a page or API operation checks ``require`` first so the answer is a 403
(the page is outside the role's work) rather than an empty list or a 404.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse

SUPERUSER = "superuser"


class Permissions:
    """The roles allowed each action on one model: ``Permissions(view=..., change=...)``."""

    def __init__(self, **actions: Iterable[str]) -> None:
        if "view" not in actions:
            raise ImproperlyConfigured("Permissions must declare who may 'view'.")
        self.actions: dict[str, frozenset[str]] = {
            action: frozenset(roles) for action, roles in actions.items()
        }

    def roles(self, action: str) -> frozenset[str]:
        try:
            return self.actions[action]
        except KeyError:
            raise ImproperlyConfigured(f"no roles are declared for {action!r}") from None

    def __repr__(self) -> str:
        body = ", ".join(f"{a}={sorted(r)}" for a, r in self.actions.items())
        return f"Permissions({body})"


def has_role(actor: Any, roles: Iterable[str]) -> bool:
    """True for an active actor whose role is one of ``roles``; a superuser has every role."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if not getattr(actor, "is_active", True):
        return False
    if getattr(actor, "is_superuser", False):
        return True
    return getattr(actor, "role", "") in frozenset(roles)


def permissions_of(model: type[models.Model]) -> Permissions:
    """The declaration of ``model`` (on its default manager's queryset class)."""
    queryset_class = type(model._default_manager.all())
    declared = getattr(queryset_class, "permissions", None)
    if not isinstance(declared, Permissions):
        raise ImproperlyConfigured(f"{model.__name__} declares no Permissions on its queryset")
    return declared


def may(actor: Any, model: type[models.Model], action: str = "view") -> bool:
    """May this actor perform ``action`` on records of ``model`` at all (ignoring which ones)?"""
    return has_role(actor, permissions_of(model).roles(action))


def require(actor: Any, model: type[models.Model], action: str = "view") -> None:
    """Raise PermissionDenied (403) unless ``may(actor, model, action)``."""
    if not may(actor, model, action):
        raise PermissionDenied


def permission_required(model: type[models.Model], action: str = "view") -> Callable:
    """A page for the roles that may ``action`` ``model``; others get 403, visitors the login."""
    permissions_of(model).roles(action)  # fail at import time on an undeclared action

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            require(request.user, model, action)
            return view(request, *args, **kwargs)

        wrapped.permission = (model, action)  # type: ignore[attr-defined]
        return wrapped

    return decorator
