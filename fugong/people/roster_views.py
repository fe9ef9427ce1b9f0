"""Roster pages: the .xlsx template, and the import: upload, preview, confirm.

The uploaded file waits under VAR_DIR (``roster_files``) between the preview and the
confirmation, bound to the user and expiring; the confirmation claims it once, so a form sent
twice does not import twice.
"""

from __future__ import annotations

from dataclasses import astuple
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from fugong.core.permissions import permission_required
from fugong.core.scope import get_scoped_or_404
from fugong.core.views import render_page
from fugong.org.models import Enterprise, Team
from fugong.people import roster, roster_files
from fugong.people.forms_roster import RosterImportForm
from fugong.people.models import Person
from fugong.people.roster_export import XLSX_CONTENT_TYPE
from fugong.people.roster_preview import change_rows
from fugong.people.roster_template import roster_template_workbook

# The last refused import's errors, kept in the session for the "download the errors" link.
SESSION_ERRORS = "people.roster_errors"
MAX_STORED_ERRORS = 5000
# The page lists this many errors (and changed or absent people); the download has all errors.
MAX_SHOWN_ERRORS = 200
MAX_SHOWN_PEOPLE = 200


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type=XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@permission_required(Person, "change")
def roster_template(request: HttpRequest) -> HttpResponse:
    """The template; for an enterprise (``?enterprise=``, or the only one in scope) with its
    teams in the team column's drop-down list."""
    enterprises = Enterprise.objects.restrict(request.user)
    enterprise = None
    if pk := request.GET.get("enterprise"):
        if not pk.isdigit():
            raise Http404
        enterprise = get_scoped_or_404(Enterprise.objects.all(), request.user, pk=int(pk))
    elif len(first_two := list(enterprises[:2])) == 1:
        enterprise = first_two[0]
    teams: list[str] = []
    if enterprise is not None:
        scoped_teams = Team.objects.restrict(request.user).filter(enterprise=enterprise)
        teams = list(scoped_teams.values_list("name", flat=True))
    return _xlsx(roster_template_workbook(teams=teams), "fugong-roster-template.xlsx")


def _page(request: HttpRequest, form: RosterImportForm, **context: Any) -> HttpResponse:
    result = context.get("result")
    errors = result.errors if result else []
    plan = result.plan if result and not result.applied else None
    context = {
        "form": form,
        "shown_errors": errors[:MAX_SHOWN_ERRORS],
        "hidden_errors": max(0, len(errors) - MAX_SHOWN_ERRORS),
        "max_rows": settings.ROSTER_MAX_ROWS,
        "plan": plan,
        "changes": change_rows(plan=plan, actor=request.user, limit=MAX_SHOWN_PEOPLE)
        if plan
        else [],
        "absent_shown": plan.absent[:MAX_SHOWN_PEOPLE] if plan else [],
        "template_enterprises": Enterprise.objects.restrict(request.user).order_by("name"),
        **context,
    }
    return render_page(
        request, "people/roster_import.html", "people/partials/roster_form.html", context
    )


def _store_errors(request: HttpRequest, result: roster.RosterResult) -> None:
    if result.errors:
        stored = [astuple(error) for error in result.errors[:MAX_STORED_ERRORS]]
        request.session[SESSION_ERRORS] = stored
    else:
        request.session.pop(SESSION_ERRORS, None)


@permission_required(Person, "change")
def roster_import(request: HttpRequest) -> HttpResponse:
    """Upload a roster: every row is checked, then the preview says what importing would do."""
    if request.method == "GET" and request.GET.get("report") == "errors":
        return _error_report(request)
    form = RosterImportForm(request.POST or None, request.FILES or None, actor=request.user)
    if not (request.method == "POST" and form.is_valid()):
        return _page(request, form)
    enterprise, upload = form.cleaned_data["enterprise"], form.cleaned_data["file"]
    result = roster.roster_check(actor=request.user, enterprise=enterprise, file=upload)
    _store_errors(request, result)
    if result.problem:
        form.add_error("file", result.problem)
    token = ""
    if result.plan is not None:
        token = roster_files.create(
            roster_files.UPLOADS,
            user=request.user,
            enterprise=enterprise.pk,
            filename=upload.name,
            digest=result.plan.digest,
        )
        with roster_files.data_path(roster_files.UPLOADS, token).open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    return _page(request, form, result=result, token=token, enterprise=enterprise)


@require_POST
@permission_required(Person, "change")
def roster_confirm(request: HttpRequest) -> HttpResponse:
    """Apply the previewed upload, once: all of it, or nothing."""
    token = request.POST.get("token", "")
    form = RosterImportForm(actor=request.user)
    meta = roster_files.claim(roster_files.UPLOADS, token, user=request.user)
    if meta is None:
        gone = gettext(
            "This upload was already imported, or it waited too long and expired. Upload the "
            "file again to see what it would change."
        )
        return _page(request, form, gone=gone)
    enterprise = get_scoped_or_404(Enterprise.objects.all(), request.user, pk=meta["enterprise"])
    path = roster_files.data_path(roster_files.UPLOADS, token)
    with path.open("rb") as file:
        result = roster.roster_apply(
            actor=request.user,
            enterprise=enterprise,
            file=file,
            mark_absent_left=request.POST.get("mark_absent_left") == "1",
            expected_digest=meta["digest"],
            file_name=str(meta.get("filename", "")),
        )
    if result.stale and result.plan is not None:
        # The roster changed since the preview: show the new plan, to be confirmed again.
        roster_files.release(roster_files.UPLOADS, token)
        roster_files.write_meta(roster_files.UPLOADS, token, {**meta, "digest": result.plan.digest})
        return _page(request, form, result=result, token=token, enterprise=enterprise)
    roster_files.delete(roster_files.UPLOADS, token)
    _store_errors(request, result)
    if not result.applied:
        return _page(request, form, result=result, enterprise=enterprise, problem=result.problem)
    done = _imported_message(result, enterprise.name)
    if getattr(request, "htmx", False):
        return _page(request, form, imported_message=done, enterprise=enterprise)
    messages.success(request, done)
    return redirect(f"{reverse('people:person_list')}?enterprise={enterprise.pk}")


def _imported_message(result: roster.RosterResult, enterprise: str) -> str:
    parts = [
        ngettext(
            "%(count)d person added to %(enterprise)s",
            "%(count)d people added to %(enterprise)s",
            result.created,
        )
        % {"count": result.created, "enterprise": enterprise},
        ngettext("%(count)d updated", "%(count)d updated", result.updated)
        % {"count": result.updated},
    ]
    if result.left:
        parts.append(
            ngettext("%(count)d marked as left", "%(count)d marked as left", result.left)
            % {"count": result.left}
        )
    return gettext("%(what)s.") % {"what": gettext(", ").join(parts)}


def _error_report(request: HttpRequest) -> HttpResponse:
    stored = request.session.get(SESSION_ERRORS)
    if not stored:
        raise Http404
    errors = [roster.RosterError(*error) for error in stored]
    return _xlsx(roster.roster_errors_workbook(errors), "fugong-roster-errors.xlsx")
