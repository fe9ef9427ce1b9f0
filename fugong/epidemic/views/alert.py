"""The alerts page (fever, cluster signal, not reporting, observation due) and acknowledging."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from fugong.core.lists import list_page
from fugong.core.permissions import may, permission_required
from fugong.core.scope import get_scoped_or_404
from fugong.epidemic.models import Alert
from fugong.epidemic.observation_filters import AlertFilter
from fugong.epidemic.observation_tables import AlertTable
from fugong.epidemic.services.alert_delivery import alert_acknowledge


@permission_required(Alert)
def alert_list(request: HttpRequest) -> HttpResponse:
    rows = Alert.objects.restrict(request.user).select_related("enterprise")
    return list_page(
        request, rows=rows, filterset=AlertFilter, table=AlertTable,
        template="epidemic/observation/alert_list.html",
        open_count=rows.filter(acknowledged_at__isnull=True).count(),
        may_acknowledge=may(request.user, Alert, "change"),
    )  # fmt: skip


@permission_required(Alert)
def alert_badge(request: HttpRequest) -> HttpResponse:
    """The count of open alerts for the navigation badge (htmx loads it after the page)."""
    count = Alert.objects.restrict(request.user).filter(acknowledged_at__isnull=True).count()
    if not count:
        return HttpResponse("")
    title = _("Alerts not acknowledged")
    return HttpResponse(
        format_html(
            '<span class="badge rounded-pill text-bg-danger" title="{}" '
            'data-testid="open-alert-count">{}</span>',
            title,
            count,
        )
    )


@require_POST
@permission_required(Alert, "change")
def alert_acknowledge_view(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_scoped_or_404(Alert.objects.all(), request.user, "change", pk=pk)
    try:
        alert_acknowledge(actor=request.user, alert=alert)
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Alert acknowledged."))
    return redirect("epidemic:alert_list")
