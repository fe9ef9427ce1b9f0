"""The audit pages for city command: who saw personal information, and who changed what."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from fugong.audit import selectors
from fugong.audit.tables import ChangeTable, PiiAccessTable
from fugong.core.lists import list_page
from fugong.core.roles import ACCESS_LOG_READER_ROLES
from fugong.core.views import role_required


@role_required(ACCESS_LOG_READER_ROLES)
def pii_access_list(request: HttpRequest) -> HttpResponse:
    accesses, filterset = selectors.pii_access_list(actor=request.user, filters=request.GET)
    return list_page(
        request,
        rows=accesses,
        filterset=filterset,
        table=PiiAccessTable,
        template="audit/pii_access_list.html",
    )


@role_required(ACCESS_LOG_READER_ROLES)
def change_list(request: HttpRequest) -> HttpResponse:
    changes, filterset = selectors.change_list(actor=request.user, filters=request.GET)
    return list_page(
        request,
        rows=changes,
        filterset=filterset,
        table=ChangeTable,
        template="audit/change_list.html",
    )
