"""Shared view helpers (one view, two answers) and the pages that belong to no domain."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from fugong.core.navigation import nav_for
from fugong.core.selectors import scope_summary


def role_required(roles: Iterable[str]) -> Callable:
    """Let a view through only for these roles (and superusers); others get 403."""
    allowed = frozenset(roles)

    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not (user.is_superuser or getattr(user, "role", "") in allowed):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int | None = None) -> Page:
    paginator = Paginator(queryset, per_page or settings.PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


def querystring_without_page(request: HttpRequest) -> str:
    """The current filters as a query string, for pagination links that keep them."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def render_page(
    request: HttpRequest, template: str, partial: str, context: dict[str, Any]
) -> HttpResponse:
    """The full page, or only its partial when htmx asks for it (and it is not a boosted link)."""
    htmx = getattr(request, "htmx", None)
    name = partial if htmx and not htmx.boosted else template
    return render(request, name, context)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the trusted proxy's header when one is set.

    With ``FUGONG_TRUSTED_PROXY_HEADER=X-Forwarded-For`` the right-most address counts: the
    trusted proxy appends the address it saw, whatever the client put to the left. A header
    that is missing or not an address falls back to REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    header = settings.FUGONG_TRUSTED_PROXY_HEADER
    if not header:
        return remote
    raw = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
    candidate = raw.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


@login_required
def home(request: HttpRequest) -> HttpResponse:
    items = [item for item in nav_for(request.user) if item.url_name != "home"]
    return render(
        request,
        "core/home.html",
        {"work_items": items, "summary": scope_summary(actor=request.user)},
    )


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})
