"""The data check findings page: open findings of the roster check, within the user's scope."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from fugong.core.permissions import permission_required
from fugong.core.views import paginate, querystring_without_page, render_page
from fugong.people.data_checks import VISITOR_STALE_AFTER_DAYS, last_run
from fugong.people.data_checks import finding_list as select_findings
from fugong.people.models import DataCheckFinding


@permission_required(DataCheckFinding)
def finding_list(request: HttpRequest) -> HttpResponse:
    findings, filterset = select_findings(actor=request.user, filters=request.GET)
    return render_page(
        request,
        "people/finding_list.html",
        "people/partials/finding_rows.html",
        {
            "page": paginate(request, findings),
            "filter": filterset,
            "querystring": querystring_without_page(request),
            "stale_days": VISITOR_STALE_AFTER_DAYS,
            "last_run": last_run(actor=request.user),
        },
    )
