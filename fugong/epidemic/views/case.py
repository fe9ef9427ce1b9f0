"""Pages of cases (病例): list, record, detail, edit, tests and opening the isolation.

Thin: the scope through ``get_scoped_or_404``, the writes through ``services.case``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from fugong.audit.selectors import object_history
from fugong.core.forms import form_page
from fugong.core.lists import list_page
from fugong.core.permissions import may, permission_required
from fugong.core.scope import get_scoped_or_404
from fugong.epidemic.models import Case, Observation
from fugong.epidemic.observation_filters import CaseFilter
from fugong.epidemic.observation_forms import CaseForm, CaseTestForm
from fugong.epidemic.observation_tables import CaseTable
from fugong.epidemic.services import case as services

FORM = "epidemic/form.html"


def _to_case(request: HttpRequest) -> Any:
    def done(case: Case) -> HttpResponse:
        messages.success(request, _("Case saved."))
        return redirect("epidemic:case_detail", pk=case.pk)

    return done


@permission_required(Case)
def case_list(request: HttpRequest) -> HttpResponse:
    rows = Case.objects.restrict(request.user).select_related("person", "person__enterprise")
    return list_page(
        request, rows=rows, filterset=CaseFilter, table=CaseTable,
        template="epidemic/observation/case_list.html",
        may_create=may(request.user, Case, "change"),
    )  # fmt: skip


@permission_required(Case, "change")
def case_create(request: HttpRequest) -> HttpResponse:
    form = CaseForm(request.POST or None, actor=request.user)
    return form_page(
        request, form,
        save=lambda **data: services.case_record(actor=request.user, **data),
        done=_to_case(request), template=FORM,
        context={"title": _("Record a case"), "cancel_url": reverse("epidemic:case_list")},
    )  # fmt: skip


@permission_required(Case)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Case.objects.select_related("person", "person__enterprise")
    case = get_scoped_or_404(queryset, request.user, pk=pk)
    may_change = may(request.user, Case, "change")
    isolation = (
        Observation.objects.restrict(request.user).filter(source_case=case).order_by("-pk").first()
    )
    context = {
        "case": case,
        "tests": list(case.tests.all()),
        "isolation": isolation,
        "may_change": may_change,
        "may_isolate": may_change and case.classification in services.ISOLATING,
        "test_form": CaseTestForm(actor=request.user) if may_change else None,
        "history": object_history(obj=case, actor=request.user),
    }
    return render(request, "epidemic/observation/case_detail.html", context)


@permission_required(Case, "change")
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_scoped_or_404(Case.objects.select_related("person"), request.user, "change", pk=pk)
    form = CaseForm(request.POST or None, instance=case, actor=request.user)
    return form_page(
        request, form,
        save=lambda **data: services.case_update(actor=request.user, case=case, **data),
        done=_to_case(request), template=FORM,
        context={
            "title": _("Edit the case of %(name)s") % {"name": case.person.name},
            "cancel_url": reverse("epidemic:case_detail", args=[case.pk]),
        },
    )  # fmt: skip


@require_POST
@permission_required(Case, "change")
def case_test_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_scoped_or_404(Case.objects.all(), request.user, "change", pk=pk)
    form = CaseTestForm(request.POST, actor=request.user)
    if form.is_valid():
        try:
            services.case_test_add(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Test added."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            text = " ".join(str(e) for e in errors)
            messages.error(request, f"{label}: {text}" if label else text)
    return redirect("epidemic:case_detail", pk=case.pk)


@require_POST
@permission_required(Case, "change")
def case_isolate(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_scoped_or_404(Case.objects.all(), request.user, "change", pk=pk)
    try:
        observation = services.case_isolate(actor=request.user, case=case)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("epidemic:case_detail", pk=case.pk)
    messages.success(request, _("Isolation opened."))
    return redirect("epidemic:observation_detail", pk=observation.pk)
