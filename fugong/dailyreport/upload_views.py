"""The upload pages: the template, the upload with its preview, and the confirmation.

Between the preview and the confirmation the checked rows wait in the user's session under a
random token; the confirmation takes them once (a form sent twice does not store twice) and
files them all at once, re-checked by the service, or none.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from fugong.core.forms import ScopedForm
from fugong.core.permissions import permission_required
from fugong.dailyreport.models import DailyReport
from fugong.dailyreport.services import reports_submit_batch
from fugong.dailyreport.upload import template_workbook, upload_check
from fugong.org.models import Enterprise

SESSION_KEY = "dailyreport.upload"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(ScopedForm):
    """The file only; the rows name enterprises, checked against the scope row by row."""

    file = forms.FileField(
        label=_("Daily report file (.xlsx)"),
        widget=forms.FileInput(attrs={"class": "form-control", "accept": ".xlsx"}),
    )


@permission_required(DailyReport, "change")
def upload_template(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        template_workbook(actor=request.user),
        content_type=XLSX,
        headers={"Content-Disposition": 'attachment; filename="fugong-daily-reports.xlsx"'},
    )


def _page(request: HttpRequest, form: UploadForm, **context: Any) -> HttpResponse:
    return render(request, "dailyreport/upload.html", {"form": form, **context})


@permission_required(DailyReport, "change")
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None, actor=request.user)
    if not (request.method == "POST" and form.is_valid()):
        return _page(request, form)
    result = upload_check(actor=request.user, file=form.cleaned_data["file"])
    if result.problem:
        form.add_error("file", result.problem)
        return _page(request, form)
    if result.errors:
        return _page(request, form, errors=result.errors)
    token = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {"token": token, "items": result.items}
    return _page(request, form, items=result.items, token=token)


@require_POST
@permission_required(DailyReport, "change")
def upload_confirm(request: HttpRequest) -> HttpResponse:
    stored = request.session.get(SESSION_KEY) or {}
    if not stored or stored.get("token") != request.POST.get("token"):
        gone = gettext("This upload was already stored or is no longer waiting. Upload it again.")
        return _page(request, UploadForm(actor=request.user), gone=gone)
    del request.session[SESSION_KEY]
    ids = {item["enterprise"] for item in stored["items"]}
    units = {e.pk: e for e in Enterprise.objects.restrict(request.user).filter(pk__in=ids)}
    items = [
        {
            **item,
            "enterprise": units.get(item["enterprise"]),
            "day": dt.date.fromisoformat(item["day"]),
        }
        for item in stored["items"]
    ]
    try:
        saved = reports_submit_batch(actor=request.user, items=items)
    except ValidationError as exc:
        # Something changed since the preview (a unit left the scope, a day passed): nothing
        # was stored; say which row.
        return _page(request, UploadForm(actor=request.user), problem="; ".join(
            f"{name}: {' '.join(text)}" for name, text in exc.message_dict.items()
        ))  # fmt: skip
    messages.success(
        request,
        ngettext("%(count)d daily report stored.", "%(count)d daily reports stored.", len(saved))
        % {"count": len(saved)},
    )
    return redirect("dailyreport:report_list")
