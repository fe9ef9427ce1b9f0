"""Device pages: list the terminals of the enterprises in scope, register one, revoke one."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from fugong.accounts.forms import DeviceTokenFilter, DeviceTokenForm
from fugong.accounts.models import DeviceToken
from fugong.accounts.services import device_token_create, device_token_revoke
from fugong.accounts.tables import DeviceTable
from fugong.core.forms import form_page
from fugong.core.lists import list_page
from fugong.core.permissions import permission_required
from fugong.core.scope import get_scoped_or_404


@permission_required(DeviceToken)
def device_list(request: HttpRequest) -> HttpResponse:
    devices = (
        DeviceToken.objects.restrict(request.user)
        .select_related("enterprise", "created_by")
        .prefetch_related("places")
        # Active devices first, on SQLite and PostgreSQL alike.
        .order_by(F("revoked_at").asc(nulls_first=True), "enterprise__name", "name", "pk")
    )
    return list_page(
        request,
        rows=devices,
        filterset=DeviceTokenFilter,
        table=DeviceTable,
        template="accounts/device_list.html",
    )


@never_cache
@permission_required(DeviceToken, "change")
def device_create(request: HttpRequest) -> HttpResponse:
    """The form; on success the raw token is shown on this one answer and never again."""
    form = DeviceTokenForm(
        request.POST or None, actor=request.user, enterprise_id=request.GET.get("enterprise")
    )

    def created(result: tuple[DeviceToken, str]) -> HttpResponse:
        device, raw_token = result
        # Rendered, not redirected: the token must not travel through the session.
        return render(
            request, "accounts/device_created.html", {"device": device, "raw_token": raw_token}
        )

    return form_page(
        request,
        form,
        save=lambda **data: device_token_create(actor=request.user, **data),
        done=created,
        template="accounts/device_form.html",
    )


@require_POST
@permission_required(DeviceToken, "change")
def device_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    device = get_scoped_or_404(DeviceToken.objects.all(), request.user, "change", pk=pk)
    device_token_revoke(actor=request.user, device=device)
    messages.success(
        request, _("The device %(name)s can no longer call the API.") % {"name": device.name}
    )
    return redirect("accounts:device_list")
