"""Pages of the presence sources: shift rosters, dormitory nights and gatherings (a 座谈会
with its participants). Lists for whoever reads presence; forms for its writers (health
officer, enterprise manager). Each save derives the presence intervals tracing reads."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fugong.core.forms import form_page
from fugong.core.lists import list_page
from fugong.core.permissions import may, permission_required
from fugong.epidemic.models import DormitoryNight, Gathering, ShiftRoster
from fugong.epidemic.presence_forms import GatheringForm, NightsForm, RosterForm
from fugong.epidemic.presence_tables import (
    GatheringFilter,
    GatheringTable,
    NightFilter,
    NightTable,
    RosterFilter,
    RosterTable,
)
from fugong.epidemic.services import presence as services
from fugong.epidemic.services.presence_import import dormitory_import

TEMPLATE = "epidemic/tracing/presence_list.html"


def _list(request: HttpRequest, model: Any, rows: Any, **kwargs: Any) -> HttpResponse:
    return list_page(
        request,
        rows=rows,
        template=TEMPLATE,
        may_create=may(request.user, model, "change"),
        **kwargs,
    )


def _form(request: HttpRequest, form: Any, save: Any, back: str, title: str) -> HttpResponse:
    def done(saved: Any) -> HttpResponse:
        messages.success(request, _("Saved."))
        return redirect(back)

    return form_page(
        request,
        form,
        save=save,
        done=done,
        template="epidemic/tracing/form.html",
        context={"title": title, "cancel_url": reverse(back)},
    )


@permission_required(ShiftRoster, "view")
def roster_list(request: HttpRequest) -> HttpResponse:
    rows = (
        ShiftRoster.objects.restrict(request.user, "view")
        .select_related("team", "shift", "place")
        .annotate(member_count=Count("members"))
    )
    return _list(
        request, ShiftRoster, rows, filterset=RosterFilter, table=RosterTable,
        title=_("Shift rosters"), create_url="epidemic:roster_create",
    )  # fmt: skip


@permission_required(ShiftRoster, "change")
def roster_create(request: HttpRequest) -> HttpResponse:
    form = RosterForm(request.POST or None, actor=request.user)

    def save(**data: Any) -> ShiftRoster:
        return services.roster_save(actor=request.user, **data)

    return _form(request, form, save, "epidemic:roster_list", _("New shift roster"))


@permission_required(DormitoryNight, "view")
def night_list(request: HttpRequest) -> HttpResponse:
    rows = DormitoryNight.objects.restrict(request.user, "view").select_related("room", "person")
    return _list(
        request, DormitoryNight, rows, filterset=NightFilter, table=NightTable,
        title=_("Dormitory nights"), create_url="epidemic:night_create",
        import_url="epidemic:night_import",
    )  # fmt: skip


@permission_required(DormitoryNight, "change")
def night_create(request: HttpRequest) -> HttpResponse:
    form = NightsForm(request.POST or None, actor=request.user)

    def save(**data: Any) -> int:
        return services.dormitory_nights_assign(actor=request.user, **data)

    return _form(request, form, save, "epidemic:night_list", _("Assign dormitory nights"))


@permission_required(Gathering, "view")
def gathering_list(request: HttpRequest) -> HttpResponse:
    rows = (
        Gathering.objects.restrict(request.user, "view")
        .select_related("place")
        .annotate(participant_count=Count("participants"))
    )
    return _list(
        request, Gathering, rows, filterset=GatheringFilter, table=GatheringTable,
        title=_("Gatherings"), create_url="epidemic:gathering_create",
    )  # fmt: skip


@permission_required(Gathering, "change")
def gathering_create(request: HttpRequest) -> HttpResponse:
    form = GatheringForm(request.POST or None, actor=request.user)

    def save(**data: Any) -> Gathering:
        return services.gathering_record(actor=request.user, **data)

    return _form(request, form, save, "epidemic:gathering_list", _("New gathering"))


@permission_required(DormitoryNight, "change")
def night_import(request: HttpRequest) -> HttpResponse:
    """Dormitory assignments from an .xlsx (ID number, room, first and last night)."""
    report = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose an .xlsx file."))
        else:
            report = dormitory_import(actor=request.user, file=upload)
            if not report.errors:
                messages.success(
                    request, _("%(count)s dormitory nights imported.") % {"count": report.nights}
                )
                return redirect("epidemic:night_list")
    return render(request, "epidemic/tracing/night_import.html", {"report": report})
