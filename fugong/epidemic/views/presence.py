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
from fugong.core.sheets import ImportReport, xlsx_response
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
from fugong.epidemic.services.roster_import import rosters_import, rosters_template

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
        template="epidemic/form.html",
        context={"title": title, "form_testid": "presence-form", "cancel_url": reverse(back)},
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
        import_url="epidemic:roster_import",
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


def _import_page(
    request: HttpRequest, run: Any, done: Any, back: str, context: dict[str, Any]
) -> HttpResponse:
    """The .xlsx import page: upload, then the list with a message, or every row's error."""
    report: ImportReport | None = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose an .xlsx file."))
        else:
            report = run(actor=request.user, file=upload)
            if not report.errors:
                messages.success(request, done(report))
                return redirect(back)
    context = {**context, "report": report, "cancel_url": reverse(back)}
    return render(request, "epidemic/tracing/import.html", context)


@permission_required(DormitoryNight, "change")
def night_import(request: HttpRequest) -> HttpResponse:
    """Dormitory assignments from an .xlsx (ID number, room, first and last night)."""
    return _import_page(
        request, dormitory_import,
        lambda report: _("%(count)s dormitory nights imported.") % {"count": report.count},
        "epidemic:night_list",
        {"title": _("Import dormitory nights"), "help": _(
            "An .xlsx whose first row names the columns 身份证号 (ID number), 房间 (room), "
            "首晚 (first night) and 末晚 (last night). Nothing is imported while any row has "
            "an error."
        )},
    )  # fmt: skip


@permission_required(ShiftRoster, "change")
def roster_import(request: HttpRequest) -> HttpResponse:
    """Shift rosters from an .xlsx (day, shift, team, place, one member's ID number a row)."""

    def done(report: ImportReport) -> str:
        return _("%(count)s shift rosters imported, %(replaced)s of them replaced.") % {
            "count": report.count, "replaced": report.replaced,
        }  # fmt: skip

    return _import_page(
        request, rosters_import, done, "epidemic:roster_list",
        {"title": _("Import shift rosters"),
         "template_url": reverse("epidemic:roster_import_template"), "help": _(
            "An .xlsx whose first row names the columns 日期 (day the shift starts), 班次 "
            "(shift), 队组 (team), 地点 (place, optional) and 身份证号 (ID number), one member "
            "a row. The rows with the same day, shift and team are one roster."
        ), "replace_note": _(
            "A roster already kept for the same team, shift and day is replaced: its members "
            "and place become the file's, so importing the same file twice changes nothing. "
            "Nothing is imported while any row has an error."
        )},
    )  # fmt: skip


@permission_required(ShiftRoster, "change")
def roster_import_template(request: HttpRequest) -> HttpResponse:
    return xlsx_response(rosters_template(), "fugong-shift-rosters-template.xlsx")
