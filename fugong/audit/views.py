"""The audit pages for city command: who saw personal information, and who changed what."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from fugong.audit import selectors
from fugong.audit.models import ChangeRecord, PiiAccess
from fugong.audit.sentences import describe_accesses
from fugong.core.permissions import permission_required
from fugong.core.views import paginate, querystring_without_page, render_page


@permission_required(PiiAccess)
def pii_access_list(request: HttpRequest) -> HttpResponse:
    accesses, filterset = selectors.pii_access_list(actor=request.user, filters=request.GET)
    page = paginate(request, accesses)
    describe_accesses(actor=request.user, accesses=page)
    context = {
        "page": page,
        "filter": filterset,
        "querystring": querystring_without_page(request),
    }
    return render_page(
        request, "audit/pii_access_list.html", "audit/partials/pii_access_list.html", context
    )


@permission_required(ChangeRecord)
def change_list(request: HttpRequest) -> HttpResponse:
    changes, filterset = selectors.change_list(actor=request.user, filters=request.GET)
    page = paginate(request, changes)
    selectors.describe_changes(actor=request.user, entries=page)
    context = {
        "page": page,
        "filter": filterset,
        "querystring": querystring_without_page(request),
    }
    return render_page(
        request, "audit/change_list.html", "audit/partials/change_list.html", context
    )
