"""The data check findings page: open findings of the roster check, within the user's scope."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from fugong.core.lists import list_page
from fugong.core.permissions import permission_required
from fugong.people.data_checks import VISITOR_STALE_AFTER_DAYS, last_run
from fugong.people.data_checks import finding_list as select_findings
from fugong.people.models import DataCheckFinding
from fugong.people.tables import FindingTable


@permission_required(DataCheckFinding)
def finding_list(request: HttpRequest) -> HttpResponse:
    findings, filterset = select_findings(actor=request.user, filters=request.GET)
    return list_page(
        request,
        rows=findings,
        filterset=filterset,
        table=FindingTable,
        template="people/finding_list.html",
        stale_days=VISITOR_STALE_AFTER_DAYS,
        last_run=last_run(actor=request.user),
    )
