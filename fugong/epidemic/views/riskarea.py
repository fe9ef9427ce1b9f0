"""Risk areas: the list, add one, end one, and the .xlsx import (preview, then confirm).

The previewed rows wait in the session, bound to the user, until the confirmation adds them
all; a confirmation sent twice finds nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import asdict

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from fugong.core.forms import form_page
from fugong.core.lists import list_page
from fugong.core.permissions import permission_required
from fugong.core.scope import get_scoped_or_404
from fugong.epidemic.forms.riskarea import (
    RiskAreaFilter,
    RiskAreaForm,
    RiskAreaImportForm,
    RiskAreaTable,
)
from fugong.epidemic.models import RiskArea
from fugong.epidemic.services.riskarea import riskarea_add, riskarea_end
from fugong.epidemic.services.riskarea_import import (
    ImportError_,
    ImportRow,
    errors_workbook,
    riskareas_check,
    riskareas_import,
    riskareas_template,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_PREVIEW = "epidemic.riskarea_preview"
SESSION_ERRORS = "epidemic.riskarea_errors"
SHOWN = 200


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@permission_required(RiskArea, "change")
def riskarea_list(request: HttpRequest) -> HttpResponse:
    rows = RiskArea.objects.restrict(request.user).select_related("region")
    return list_page(
        request,
        rows=rows,
        filterset=RiskAreaFilter,
        table=RiskAreaTable,
        template="epidemic/riskarea/list.html",
    )


@permission_required(RiskArea, "change")
def riskarea_create(request: HttpRequest) -> HttpResponse:
    form = RiskAreaForm(
        request.POST or None, initial={"valid_from": timezone.localdate()}, actor=request.user
    )

    def done(area: RiskArea) -> HttpResponse:
        messages.success(request, gettext("Saved %(name)s.") % {"name": area})
        return redirect("epidemic:riskarea_list")

    return form_page(
        request,
        form,
        save=lambda **values: riskarea_add(actor=request.user, **values),
        done=done,
        template="epidemic/form.html",
        context={
            "title": gettext("New risk area"),
            "form_testid": "riskarea-form",
            "cancel_url": reverse("epidemic:riskarea_list"),
        },
    )


@require_POST
@permission_required(RiskArea, "change")
def riskarea_end_view(request: HttpRequest, pk: int) -> HttpResponse:
    """End the area today (its last graded day is today)."""
    area = get_scoped_or_404(RiskArea.objects.all(), request.user, "change", pk=pk)
    from django.core.exceptions import ValidationError

    try:
        riskarea_end(actor=request.user, area=area, last_day=timezone.localdate())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, gettext("Ended %(name)s.") % {"name": area})
    return redirect("epidemic:riskarea_list")


@permission_required(RiskArea, "change")
def riskarea_template(request: HttpRequest) -> HttpResponse:
    return _xlsx(riskareas_template(), "fugong-risk-areas-template.xlsx")


@permission_required(RiskArea, "change")
def riskarea_import(request: HttpRequest) -> HttpResponse:
    """Upload: every row is checked; a clean file is previewed with a confirmation button."""
    if request.GET.get("report") == "errors":
        stored = request.session.get(SESSION_ERRORS)
        if not stored:
            raise Http404
        errors = [ImportError_(*e) for e in stored]
        return _xlsx(errors_workbook(errors), "fugong-risk-area-errors.xlsx")
    form = RiskAreaImportForm(request.POST or None, request.FILES or None, actor=request.user)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        rows, errors, problem = riskareas_check(file=form.cleaned_data["file"])
        if problem:
            form.add_error("file", problem)
        request.session[SESSION_ERRORS] = [[e.row, e.column, str(e.message)] for e in errors[:5000]]
        token = ""
        if rows and not errors:
            token = secrets.token_urlsafe(16)
            request.session[SESSION_PREVIEW] = {
                "token": token,
                "rows": [
                    {**asdict(r), "valid_from": r.valid_from.isoformat(),
                     "valid_to": r.valid_to.isoformat() if r.valid_to else None}
                    for r in rows
                ],
            }  # fmt: skip
        context.update(rows=rows[:SHOWN], count=len(rows), errors=errors[:SHOWN],
                       error_count=len(errors), token=token)  # fmt: skip
    return render(request, "epidemic/riskarea/import.html", context)


def _rows_of(stored: list[dict]) -> list[ImportRow]:
    return [
        ImportRow(**{**r, "valid_from": dt.date.fromisoformat(r["valid_from"]),
                     "valid_to": dt.date.fromisoformat(r["valid_to"]) if r["valid_to"] else None})
        for r in stored
    ]  # fmt: skip


@require_POST
@permission_required(RiskArea, "change")
def riskarea_import_confirm(request: HttpRequest) -> HttpResponse:
    """Add the previewed rows, once: all of them, or none."""
    from django.core.exceptions import ValidationError

    preview = request.session.get(SESSION_PREVIEW)
    if not preview or preview.get("token") != request.POST.get("token"):
        messages.error(
            request,
            gettext("This upload was already imported or has expired: upload the file again."),
        )
        return redirect("epidemic:riskarea_import")
    del request.session[SESSION_PREVIEW]
    try:
        count = riskareas_import(actor=request.user, rows=_rows_of(preview["rows"]))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("epidemic:riskarea_import")
    messages.success(
        request,
        ngettext("%(count)d risk area added.", "%(count)d risk areas added.", count)
        % {"count": count},
    )
    return redirect("epidemic:riskarea_list")
