"""The data check findings page: open findings of the roster check, within the user's scope."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from fugong.core.roles import PEOPLE_EDITOR_ROLES, Role
from fugong.core.views import paginate, querystring_without_page, render_page, role_required
from fugong.people.data_checks import VISITOR_STALE_AFTER_DAYS, last_run
from fugong.people.data_checks import finding_list as select_findings

# Those who fix the roster, and the officials who follow its quality.
FINDING_READER_ROLES = PEOPLE_EDITOR_ROLES | {Role.CITY_COMMAND, Role.COUNTY_OFFICER}


@role_required(FINDING_READER_ROLES)
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
