"""Pages of applications and their review: the enterprise's list, form, files and submission;
the reviewers' queue with the 3-working-day clock and the decision form.

Thin views: the permission decorator answers 403 to other roles, objects are fetched through
the scope (404 outside it) and the services decide and refuse.
"""

from __future__ import annotations

import os

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from fugong.audit.selectors import object_history
from fugong.core.forms import add_service_errors, form_page
from fugong.core.lists import list_page
from fugong.core.permissions import may, permission_required
from fugong.core.scope import get_scoped_or_404
from fugong.org.models import EnterpriseKind
from fugong.resumption import selectors, services
from fugong.resumption.filters import ApplicationFilter
from fugong.resumption.forms import ApplicationForm, AttachmentForm, DecisionForm
from fugong.resumption.models import Application, ApplicationStatus, Attachment
from fugong.resumption.tables import ApplicationTable

DETAIL = "resumption:application_detail"


def _label(name: str) -> str:
    return str(getattr(Application._meta.get_field(name), "verbose_name", name))


def _application(request: HttpRequest, pk: int) -> Application:
    queryset = Application.objects.select_related("enterprise__region", "filed_by")
    return get_scoped_or_404(queryset, request.user, pk=pk)


@permission_required(Application)
def application_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        rows=selectors.application_list(actor=request.user),
        filterset=ApplicationFilter,
        table=ApplicationTable,
        template="resumption/application_list.html",
        may_create=may(request.user, Application, "change"),
    )


@permission_required(Application, "change")
def application_create(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(request.POST or None, request.FILES or None, actor=request.user)

    def save(**values: object) -> Application:
        return services.application_create(actor=request.user, **values)  # type: ignore[arg-type]

    return form_page(
        request, form, save=save, done=_saved(request), template="resumption/form.html",
        context={"title": _("New resumption application")},
    )  # fmt: skip


@permission_required(Application, "change")
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_scoped_or_404(Application.objects, request.user, "change", pk=pk)
    form = ApplicationForm(
        request.POST or None, request.FILES or None, instance=application, actor=request.user
    )

    def save(**values: object) -> Application:
        return services.application_update(actor=request.user, application=application, **values)

    return form_page(
        request, form, save=save, done=_saved(request), template="resumption/form.html",
        context={
            "title": _("Change the application"), "obj": application,
            "locked": application.status not in services.OPEN_FOR_EDIT,
        },
    )  # fmt: skip


def _saved(request: HttpRequest):  # type: ignore[no-untyped-def]
    def done(saved: Application) -> HttpResponse:
        messages.success(request, _("Saved. Submit it when the five things are in place."))
        return redirect(DETAIL, pk=saved.pk)

    return done


@permission_required(Application)
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    steps = application.steps.select_related("decided_by").order_by("-round", "department")
    context = {
        "application": application,
        "steps": steps,
        "attachments": application.attachments.all(),
        "clock": selectors.clock_of(application),
        "may_change": may(request.user, Application, "change")
        and application.status in services.OPEN_FOR_EDIT,
        "may_decide": services.may_decide(request.user, application),
        "mine_accepted": services.mine_is_accepted(application.enterprise),
        "is_mine": application.enterprise.kind == EnterpriseKind.COAL_MINE,
        "may_set_due": may(request.user, Application, "set_due"),
        "history": object_history(obj=application, actor=request.user),
        "five": [(_label(n), getattr(application, n)) for n in Application.FIVE_THINGS],
    }  # fmt: skip
    return render(request, "resumption/application_detail.html", context)


@permission_required(Application, "change")
def application_attach(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_scoped_or_404(Application.objects, request.user, "change", pk=pk)
    form = AttachmentForm(request.POST or None, request.FILES or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_attach(
                actor=request.user, application=application, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The file is attached."))
            return redirect(DETAIL, pk=application.pk)
    context = {"form": form, "title": _("Attach a file"), "obj": application}
    return render(request, "resumption/form.html", context)


@require_POST
@permission_required(Application, "change")
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_scoped_or_404(Application.objects, request.user, "change", pk=pk)
    try:
        services.application_submit(actor=request.user, application=application)
    except ValidationError as exc:
        for message in _messages_of(exc, application):
            messages.error(request, message)
    else:
        messages.success(request, _("Submitted. The reviewers decide within 3 working days."))
    return redirect(DETAIL, pk=application.pk)


def _messages_of(exc: ValidationError, application: Application) -> list[str]:
    if not hasattr(exc, "error_dict"):
        return list(exc.messages)
    out = []
    for name, errors in exc.message_dict.items():
        label = "" if name == "__all__" else str(_label(name))
        out += [f"{label}: {m}" if label else m for m in errors]
    return out


@permission_required(Application, "review")
def review_queue(request: HttpRequest) -> HttpResponse:
    rows = selectors.review_queue(actor=request.user)
    waiting = selectors.acceptances_waiting_for_regulator(actor=request.user)
    return render(request, "resumption/review_queue.html", {"rows": rows, "waiting": waiting})


@permission_required(Application, "review")
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = DecisionForm(request.POST or None, actor=request.user)

    def save(decision: str, note: str) -> Application:
        return services.application_decide(
            actor=request.user, application=application, decision=decision, note=note
        )

    def done(saved: Application) -> HttpResponse:
        if saved.status == ApplicationStatus.APPROVED:
            messages.success(request, _("Approved: notice %(n)s.") % {"n": saved.notice_number})
        else:
            messages.success(request, _("Your decision is recorded."))
        return redirect("resumption:review_queue")

    return form_page(
        request, form, save=save, done=done, template="resumption/decide.html",
        context={"application": application, "clock": selectors.clock_of(application),
                 "mine_accepted": services.mine_is_accepted(application.enterprise)},
    )  # fmt: skip


def _download(field_file: FieldFile, filename: str) -> FileResponse:
    """A stored file as a download: files are never served from MEDIA, so that every read goes
    through the scope; as an attachment, so that the browser does not render what was sent."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=filename)


@permission_required(Attachment)
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_scoped_or_404(Attachment.objects, request.user, pk=pk)
    extension = os.path.splitext(attachment.file.name or "")[1]
    name = attachment.name if attachment.name.endswith(extension) else attachment.name + extension
    return _download(attachment.file, name)


@permission_required(Application)
def plan_download(request: HttpRequest, pk: int) -> FileResponse:
    application = _application(request, pk)
    plan = application.prevention_plan_file
    return _download(plan, os.path.basename(plan.name or ""))
