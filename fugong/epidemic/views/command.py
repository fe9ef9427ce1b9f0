"""The city/county command page (指挥部看板): counts over the actor's scope, drillable
city → county → enterprise, a bar chart by county, refreshed by htmx every 60 seconds."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from fugong.core.permissions import permission_required
from fugong.core.scope import get_scoped_or_404
from fugong.core.views import render_page
from fugong.epidemic.models import HealthStatus
from fugong.epidemic.selectors.command import command_counts
from fugong.org.models import Enterprise, Region


def _id(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


@permission_required(HealthStatus, "counts")
def command(request: HttpRequest) -> HttpResponse:
    region_id, enterprise_id = _id(request, "region"), _id(request, "enterprise")
    # Regions are reference data (anyone may name one); the counts stay inside the scope.
    region = get_object_or_404(Region, pk=region_id) if region_id else None
    enterprise = (
        get_scoped_or_404(Enterprise.objects.select_related("region"), request.user,
                          pk=enterprise_id)
        if enterprise_id else None
    )  # fmt: skip
    counts = command_counts(actor=request.user, region=region, enterprise_id=enterprise_id)
    if region is not None and not counts["enterprise_count"]:
        raise Http404
    context = {
        "counts": counts,
        "region": region,
        "enterprise": enterprise,
        "chart_json": json.dumps(counts["chart"], ensure_ascii=False),
        "querystring": request.GET.urlencode(),
    }
    return render_page(
        request,
        "epidemic/observation/command.html",
        "epidemic/observation/partials/command_counts.html",
        context,
    )
