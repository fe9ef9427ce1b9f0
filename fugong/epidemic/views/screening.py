"""The screening records page (测温记录) for the health officials: the readings of their scope on
local days (today by default), with counts of the filtered set and an .xlsx export."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from fugong.core.lists import list_page
from fugong.core.permissions import permission_required
from fugong.epidemic.models import Screening
from fugong.epidemic.screening_export import MAX_ROWS, screening_workbook
from fugong.epidemic.screening_tables import ScreeningFilter, ScreeningTable
from fugong.epidemic.selectors.screening_list import (
    fever_threshold,
    screening_counts,
    screening_rows,
)
from fugong.people.roster_export import XLSX_CONTENT_TYPE


def _bound(request: HttpRequest) -> ScreeningFilter:
    """The filters of the request; with no days given, today (Asia/Shanghai)."""
    data: QueryDict = request.GET.copy()
    if not data.get("day_from") and not data.get("day_to"):
        today = timezone.localdate().isoformat()
        data["day_from"] = data["day_to"] = today
    return ScreeningFilter(data, queryset=screening_rows(actor=request.user), actor=request.user)


def _rows(filterset: ScreeningFilter) -> Any:
    # none() of the page's queryset, which carries the annotations the counts read.
    return filterset.qs if filterset.is_valid() else filterset.queryset.none()


@permission_required(Screening, "view")
def screening_list(request: HttpRequest) -> HttpResponse:
    filterset = _bound(request)
    rows = _rows(filterset)
    return list_page(
        request,
        rows=rows,
        filterset=filterset,
        table=ScreeningTable,
        template="epidemic/screening/list.html",
        results="epidemic/screening/results.html",
        export_url=reverse("epidemic:screening_export"),
        title=_("Screening records"),
        counts=screening_counts(rows),
        # Today's, for the page's note; each row is judged by the threshold of its own day.
        threshold=fever_threshold(),
    )


@never_cache
@permission_required(Screening, "view")
def screening_export(request: HttpRequest) -> HttpResponse:
    """The page's rows (same filters and scope) as .xlsx, ID numbers masked."""
    rows = _rows(_bound(request))[:MAX_ROWS]
    response = HttpResponse(screening_workbook(rows.iterator(chunk_size=2000)),
                            content_type=XLSX_CONTENT_TYPE)  # fmt: skip
    name = f"fugong-screenings-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
