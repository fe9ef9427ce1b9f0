"""Roster pages: the .xlsx template, the all-or-nothing import and the directory export."""

from __future__ import annotations

from dataclasses import astuple

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from fugong.core.permissions import permission_required
from fugong.core.views import client_ip, render_page
from fugong.people import roster
from fugong.people.forms_roster import RosterImportForm
from fugong.people.models import Person

# The last refused import's errors, kept in the session for the "download the errors" link.
SESSION_ERRORS = "people.roster_errors"
MAX_STORED_ERRORS = 5000
# The page lists this many errors; the download has them all (up to MAX_STORED_ERRORS).
MAX_SHOWN_ERRORS = 200


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type=roster.XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@permission_required(Person, "change")
def roster_template(request: HttpRequest) -> HttpResponse:
    return _xlsx(roster.roster_template_workbook(), "fugong-roster-template.xlsx")


@permission_required(Person, "change")
def roster_import(request: HttpRequest) -> HttpResponse:
    if request.method == "GET" and request.GET.get("report") == "errors":
        return _error_report(request)
    form = RosterImportForm(request.POST or None, request.FILES or None, actor=request.user)
    result, imported = None, ""
    if request.method == "POST" and form.is_valid():
        enterprise = form.cleaned_data["enterprise"]
        result = roster.roster_import(
            actor=request.user, enterprise=enterprise, file=form.cleaned_data["file"]
        )
        if result.problem:
            form.add_error("file", result.problem)
        elif result.errors:
            stored = [astuple(error) for error in result.errors[:MAX_STORED_ERRORS]]
            request.session[SESSION_ERRORS] = stored
        else:
            request.session.pop(SESSION_ERRORS, None)
            imported = _imported_message(result.created, enterprise.name)
            if not getattr(request, "htmx", False):
                messages.success(request, imported)
                list_url = reverse("people:person_list")
                return redirect(f"{list_url}?enterprise={enterprise.pk}")
    context = {
        "form": form,
        "result": result,
        "shown_errors": result.errors[:MAX_SHOWN_ERRORS] if result else [],
        "hidden_errors": max(0, len(result.errors) - MAX_SHOWN_ERRORS) if result else 0,
        "imported_message": imported,
        "max_rows": settings.ROSTER_MAX_ROWS,
    }
    return render_page(
        request, "people/roster_import.html", "people/partials/roster_form.html", context
    )


def _imported_message(count: int, enterprise: str) -> str:
    return ngettext(
        "%(count)d person imported into %(enterprise)s.",
        "%(count)d people imported into %(enterprise)s.",
        count,
    ) % {"count": count, "enterprise": enterprise}


def _error_report(request: HttpRequest) -> HttpResponse:
    stored = request.session.get(SESSION_ERRORS)
    if not stored:
        raise Http404
    errors = [roster.RosterError(*error) for error in stored]
    return _xlsx(roster.roster_errors_workbook(errors), "fugong-roster-errors.xlsx")


@permission_required(Person, "export")
def person_export(request: HttpRequest) -> FileResponse:
    """The directory as .xlsx with the list page's filters; ``unmasked=1`` asks for full IDs."""
    export = roster.roster_export(
        actor=request.user,
        filters=request.GET,
        unmasked=request.GET.get("unmasked") == "1",
        ip_address=client_ip(request),
    )
    return FileResponse(
        export.file,
        as_attachment=True,
        filename=f"fugong-people-{timezone.localdate():%Y%m%d}.xlsx",
        content_type=roster.XLSX_CONTENT_TYPE,
    )
