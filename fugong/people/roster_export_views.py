"""Directory export pages: the export itself, and the status and download of a background one.

A GET exports masked identifiers; the unmasked export is a POST (so a link, a prefetch or a
cached page can never fetch it), for the PII roles only. Nothing here is ever cached.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from fugong.core.permissions import permission_required
from fugong.core.views import client_ip, render_page
from fugong.people.models import Person
from fugong.people.roster_export import XLSX_CONTENT_TYPE, may_export
from fugong.people.roster_export_jobs import (
    READY,
    ExportJob,
    ExportRefused,
    export_job_file,
    export_job_status,
    roster_export_request,
)


def _filename() -> str:
    return f"fugong-people-{timezone.localdate():%Y%m%d}.xlsx"


@never_cache
@require_http_methods(["GET", "POST"])
@permission_required(Person, "export")
def person_export(request: HttpRequest) -> HttpResponseBase:
    """The directory as .xlsx with the list page's filters (in the query string).

    GET: identifiers masked. POST: identifiers in full, for the PII roles (403 for the others).
    """
    unmasked = request.method == "POST"
    if unmasked and not may_export(request.user, unmasked=True):
        raise PermissionDenied
    try:
        export = roster_export_request(
            actor=request.user,
            filters=request.GET,
            unmasked=unmasked,
            ip_address=client_ip(request),
        )
    except ExportRefused as exc:
        messages.error(request, str(exc))
        query = request.GET.urlencode()
        return redirect(reverse("people:person_list") + (f"?{query}" if query else ""))
    if isinstance(export, ExportJob):
        return redirect("people:export_status", token=export.token)
    return FileResponse(
        export.file, as_attachment=True, filename=_filename(), content_type=XLSX_CONTENT_TYPE
    )


@never_cache
@require_GET
@permission_required(Person, "export")
def export_status(request: HttpRequest, token: str) -> HttpResponse:
    """A background export's progress (the partial polls itself), then its download link."""
    job = export_job_status(token=token, user=request.user)
    if job is None:
        raise Http404
    context = {
        "job": job,
        "ready": job["state"] == READY,
        "keep_hours": settings.ROSTER_EXPORT_KEEP_HOURS,
    }
    return render_page(
        request, "people/export_status.html", "people/partials/export_status.html", context
    )


@never_cache
@require_GET
@permission_required(Person, "export")
def export_download(request: HttpRequest, token: str) -> FileResponse:
    path = export_job_file(token=token, user=request.user)
    if path is None:
        raise Http404
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=_filename(), content_type=XLSX_CONTENT_TYPE
    )
