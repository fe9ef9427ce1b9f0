"""Pages of medical observation: the line lists (tabs), opening by hand, the detail with its
twice-daily follow-ups, the release under the rule, and the work prohibition list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from fugong.audit.selectors import object_history
from fugong.core.forms import add_service_errors, form_page
from fugong.core.lists import list_page
from fugong.core.permissions import may, permission_required
from fugong.core.scope import get_scoped_or_404
from fugong.epidemic.models import Observation, Symptom
from fugong.epidemic.observation_filters import ObservationFilter, ProhibitionFilter
from fugong.epidemic.observation_forms import FollowUpForm, ObservationOpenForm, ReleaseForm
from fugong.epidemic.observation_tables import ObservationTable, ProhibitionTable
from fugong.epidemic.selectors.observation import (
    RELEASE_RULE,
    LineList,
    prohibitions_today,
    release_verdict,
    slot_moment,
    with_last_follow_up,
)
from fugong.epidemic.services.follow_up import (
    follow_up_record,
    observation_open_manual,
    observation_release,
)


@permission_required(Observation)
def observation_list(request: HttpRequest) -> HttpResponse:
    rows = with_last_follow_up(
        Observation.objects.restrict(request.user).select_related("person", "person__enterprise")
    )
    tab = request.GET.get("tab") or LineList.ACTIVE
    return list_page(
        request, rows=rows, filterset=ObservationFilter, table=ObservationTable,
        template="epidemic/observation/observation_list.html",
        tabs=list(LineList.LABELS.items()), tab=tab,
        may_open=may(request.user, Observation, "change"),
    )  # fmt: skip


@permission_required(Observation, "change")
def observation_open(request: HttpRequest) -> HttpResponse:
    form = ObservationOpenForm(request.POST or None, actor=request.user)

    def done(observation: Observation) -> HttpResponse:
        messages.success(request, _("Observation opened (or extended)."))
        return redirect("epidemic:observation_detail", pk=observation.pk)

    return form_page(
        request, form,
        save=lambda **data: observation_open_manual(actor=request.user, **data),
        done=done, template="epidemic/form.html",
        context={
            "title": _("Open an observation"),
            "cancel_url": reverse("epidemic:observation_list"),
            "help": _("The planned end is the last exposure plus the days, rounded up to the "
                      "end of that day. An open observation is extended, never shortened."),
        },
    )  # fmt: skip


def _detail(request: HttpRequest, observation: Observation, **extra: object) -> HttpResponse:
    may_change = may(request.user, Observation, "change")
    # Newest first; slots sort by their hour, not by name ("afternoon" < "morning").
    follow_ups = sorted(
        observation.follow_ups.all(), key=lambda f: slot_moment(f.day, f.slot), reverse=True
    )
    for follow_up in follow_ups:
        follow_up.symptom_labels = [  # type: ignore[attr-defined]
            Symptom(s).label for s in follow_up.symptoms if s in Symptom.values
        ]
    context = {
        "observation": observation,
        "follow_ups": follow_ups,
        "may_change": may_change,
        "verdict": release_verdict(observation),
        "release_rule": RELEASE_RULE,
        "follow_up_form": FollowUpForm(actor=request.user) if may_change else None,
        "release_form": ReleaseForm(actor=request.user) if may_change else None,
        "history": object_history(obj=observation, actor=request.user),
        **extra,
    }
    return render(request, "epidemic/observation/observation_detail.html", context)


@permission_required(Observation)
def observation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Observation.objects.select_related("person", "person__enterprise", "source_case")
    return _detail(request, get_scoped_or_404(queryset, request.user, pk=pk))


@require_POST
@permission_required(Observation, "change")
def follow_up_add(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Observation.objects.select_related("person", "person__enterprise")
    observation = get_scoped_or_404(queryset, request.user, "change", pk=pk)
    form = FollowUpForm(request.POST, actor=request.user)
    if form.is_valid():
        try:
            follow_up_record(actor=request.user, observation=observation, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Follow-up recorded."))
            return redirect("epidemic:observation_detail", pk=observation.pk)
    return _detail(request, observation, follow_up_form=form)


@require_POST
@permission_required(Observation, "change")
def observation_release_view(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Observation.objects.select_related("person", "person__enterprise")
    observation = get_scoped_or_404(queryset, request.user, "change", pk=pk)
    form = ReleaseForm(request.POST, actor=request.user)
    if form.is_valid():
        try:
            observation_release(actor=request.user, observation=observation, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Released from observation."))
            return redirect("epidemic:observation_detail", pk=observation.pk)
    return _detail(request, observation, release_form=form)


@permission_required(Observation, "prohibition")
def prohibition_list(request: HttpRequest) -> HttpResponse:
    rows = prohibitions_today(Observation.objects.restrict(request.user, "prohibition"))
    return list_page(
        request, rows=rows, filterset=ProhibitionFilter, table=ProhibitionTable,
        template="epidemic/observation/prohibition_list.html",
    )  # fmt: skip
