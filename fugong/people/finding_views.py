"""The data check findings page: open findings of the roster check, within the user's scope."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from fugong.core.lists import list_page
from fugong.core.roles import PEOPLE_EDITOR_ROLES, Role
from fugong.core.views import role_required
from fugong.people.data_checks import VISITOR_STALE_AFTER_DAYS
from fugong.people.data_checks import finding_list as select_findings
from fugong.people.tables import FindingTable

# Those who fix the roster, and the officials who follow its quality.
FINDING_READER_ROLES = PEOPLE_EDITOR_ROLES | {Role.CITY_COMMAND, Role.COUNTY_OFFICER}


@role_required(FINDING_READER_ROLES)
def finding_list(request: HttpRequest) -> HttpResponse:
    findings, filterset = select_findings(actor=request.user, filters=request.GET)
    return list_page(
        request,
        rows=findings,
        filterset=filterset,
        table=FindingTable,
        template="people/finding_list.html",
        stale_days=VISITOR_STALE_AFTER_DAYS,
    )
