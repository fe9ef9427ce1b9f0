"""The audit pages for city command: who saw personal information, and who changed what."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from fugong.audit import selectors
from fugong.audit.models import ChangeRecord, PiiAccess
from fugong.audit.sentences import describe_accesses
from fugong.audit.tables import ChangeTable, PiiAccessTable
from fugong.core.lists import list_page
from fugong.core.permissions import permission_required


@permission_required(PiiAccess)
def pii_access_list(request: HttpRequest) -> HttpResponse:
    accesses, filterset = selectors.pii_access_list(actor=request.user, filters=request.GET)
    return list_page(
        request,
        rows=accesses,
        filterset=filterset,
        table=PiiAccessTable,
        template="audit/pii_access_list.html",
        describe=lambda page: describe_accesses(actor=request.user, accesses=page),
    )


@permission_required(ChangeRecord)
def change_list(request: HttpRequest) -> HttpResponse:
    changes, filterset = selectors.change_list(actor=request.user, filters=request.GET)
    return list_page(
        request,
        rows=changes,
        filterset=filterset,
        table=ChangeTable,
        template="audit/change_list.html",
        describe=lambda page: selectors.describe_changes(actor=request.user, entries=page),
    )
