"""Shared view helpers (one view, two answers) and the pages that belong to no domain."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control

from fugong.core.navigation import nav_for
from fugong.core.roles import Role
from fugong.core.selectors import enterprises_by_county, scope_summary

# The counts on the home page: (summary key, the list it counts, label). A count is shown only
# to a role whose navigation offers that list, so nobody sees "People 0" for records their role
# does not read.
HOME_COUNTS = [
    ("enterprises", "org:enterprise_list", _("Enterprises")),
    ("places", "org:place_list", _("Places")),
    ("people", "people:person_list", _("People")),
]
# Government roles over several counties get the table of enterprises by county and status.
COUNTY_TABLE_ROLES = frozenset({Role.CITY_COMMAND, Role.COUNTY_OFFICER})


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
    """The full page, or only its partial when htmx asks for it.

    A boosted link and a history restore (htmx found no snapshot in its cache after Back) want
    the whole page. The answer varies with HX-Request, so caches keep the two apart.
    """
    htmx = getattr(request, "htmx", None)
    wants_partial = False
    if htmx:
        wants_partial = not (htmx.boosted or htmx.history_restore_request)
    response = render(request, partial if wants_partial else template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


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
    offered = {item.url_name for item in items}
    shown = [(key, url_name, label) for key, url_name, label in HOME_COUNTS if url_name in offered]
    summary = scope_summary(actor=request.user, include=[key for key, _url, _label in shown])
    counts = [
        {"key": key, "url_name": url_name, "label": label, "value": summary[key]}
        for key, url_name, label in shown
    ]
    county_table = None
    if getattr(request.user, "role", "") in COUNTY_TABLE_ROLES:
        county_table = enterprises_by_county(actor=request.user)
    return render(
        request,
        "core/home.html",
        {"work_items": items, "counts": counts, "county_table": county_table},
    )


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links; send them to the SVG icon.

    A temporary redirect (cached for a day), because the target's name carries a content hash
    that changes with the file.
    """
    return redirect(static("fugong/favicon.svg"))
