"""A leader's own page, the pairings of leaders with enterprises, and key projects with theirs."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from fugong.core.permissions import may, permission_required
from fugong.core.scope import get_scoped_or_404
from fugong.dailyreport.selectors import metrics_per_enterprise
from fugong.oversight import selectors, services
from fugong.oversight.filters import KeyProjectFilter, PairingFilter
from fugong.oversight.forms import KeyProjectForm, PairingForm, ProjectPairingForm
from fugong.oversight.models import KeyProject, Pairing, ProjectPairing
from fugong.oversight.tables import EndablePairingTable, KeyProjectTable, PairingTable
from fugong.oversight.views.common import button_action, form_page_of, list_page_of

# --- the leader's page --------------------------------------------------------------------


@permission_required(Pairing, "home")
def my_page(request: HttpRequest) -> HttpResponse:
    context = selectors.leader_home(leader=request.user)
    # The last 7 reported days: a day's report (for D-1) is due by noon on D.
    end = timezone.localdate() - dt.timedelta(days=1)
    start = end - dt.timedelta(days=6)
    metrics = metrics_per_enterprise(
        actor=request.user,
        enterprise_ids=[row["enterprise"].pk for row in context["enterprise_rows"]],
        start=start,
        end=end,
    )
    for row in context["enterprise_rows"]:
        row["metrics"] = metrics.get(row["enterprise"].pk)
    context.update(metrics_start=start, metrics_end=end)
    return render(request, "oversight/my.html", context)


# --- pairings and key projects ------------------------------------------------------------


@permission_required(Pairing)
def pairing_list(request: HttpRequest) -> HttpResponse:
    return list_page_of(
        request, "pairing", Pairing, rows=selectors.pairing_list(actor=request.user),
        filterset=PairingFilter, table=PairingTable, writer_table=EndablePairingTable,
        title=_("Pairings"), create_label=_("New pairing"),
    )  # fmt: skip


@permission_required(Pairing, "change")
def pairing_create(request: HttpRequest) -> HttpResponse:
    return form_page_of(
        request, PairingForm, save=services.pairing_create, title=_("New pairing"),
        back="oversight:pairing_list", initial=("enterprise",),
    )  # fmt: skip


def _end(request: HttpRequest, pairing: Pairing | ProjectPairing) -> None:
    """End a leader's pairing (with an enterprise or a key project) today."""
    button_action(
        request,
        lambda: services.pairing_end(actor=request.user, pairing=pairing),
        _("The pairing ends today."),
    )


@require_POST
@permission_required(Pairing, "change")
def pairing_end(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = get_scoped_or_404(Pairing.objects.all(), request.user, "change", pk=pk)
    _end(request, pairing)
    return redirect("oversight:pairing_list")


@permission_required(KeyProject)
def project_list(request: HttpRequest) -> HttpResponse:
    return list_page_of(
        request, "project", KeyProject, rows=selectors.project_list(actor=request.user),
        filterset=KeyProjectFilter, table=KeyProjectTable,
        title=_("Key projects"), create_label=_("New key project"),
    )  # fmt: skip


@permission_required(KeyProject)
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_scoped_or_404(selectors.project_list(actor=request.user), request.user, pk=pk)
    pairings = selectors.project_pairing_list(actor=request.user).filter(project=project)
    context = {
        "project": project,
        "pairings": pairings,
        "may_pair": may(request.user, ProjectPairing, "change"),
    }
    return render(request, "oversight/project_detail.html", context)


@permission_required(KeyProject, "change")
def project_create(request: HttpRequest) -> HttpResponse:
    return form_page_of(
        request, KeyProjectForm, save=services.project_create, title=_("New key project"),
        back="oversight:project_list",
        done=lambda obj: redirect("oversight:project_detail", pk=obj.pk),
    )  # fmt: skip


@permission_required(ProjectPairing, "change")
def project_pairing_create(request: HttpRequest) -> HttpResponse:
    return form_page_of(
        request, ProjectPairingForm, save=services.project_pairing_create,
        title=_("Pair a leader with a key project"), back="oversight:project_list",
        done=lambda obj: redirect("oversight:project_detail", pk=obj.project_id),
        initial=("project",),
    )  # fmt: skip


@require_POST
@permission_required(ProjectPairing, "change")
def project_pairing_end(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = get_scoped_or_404(ProjectPairing.objects.all(), request.user, "change", pk=pk)
    _end(request, pairing)
    return redirect("oversight:project_detail", pk=pairing.project_id)
