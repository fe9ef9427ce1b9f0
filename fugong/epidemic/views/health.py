"""Pages of the health area: the worker's daily check-in and personal code, check-in for
someone else, status history with the manual status and appeals, and the health officer's
lists (today's check-ins, who has not reported, travel, people by colour, the appeal queue).

The worker's pages are light on purpose (server-rendered, no big script): a miner's phone.
"""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from fugong.core.forms import form_page
from fugong.core.lists import list_page
from fugong.core.permissions import may, permission_required
from fugong.core.scope import get_scoped_or_404
from fugong.epidemic.codes import personal_code_make
from fugong.epidemic.forms.health import (
    STOP_ROWS,
    AppealDecisionForm,
    AppealForm,
    CheckInForm,
    OverrideForm,
)
from fugong.epidemic.health_filters import AppealFilter, CheckInFilter, StatusFilter, TravelFilter
from fugong.epidemic.health_tables import (
    AppealTable,
    CheckInTable,
    MissingTable,
    StatusTable,
    TravelTable,
)
from fugong.epidemic.models import Appeal, AppealState, CheckIn, HealthStatus, TravelDeclaration
from fugong.epidemic.selectors import health as selectors
from fugong.epidemic.services.health import checkin_submit, status_override
from fugong.epidemic.services.health_appeal import appeal_decide, appeal_file
from fugong.epidemic.services.status import RULES, health_status_refresh
from fugong.people.filters import PersonFilter
from fugong.people.models import Person

NO_RECORD = "epidemic/health/no_record.html"


def _own_person(request: HttpRequest) -> Person | None:
    person_id = getattr(request.user, "person_id", None)
    if person_id is None:
        return None
    return Person.objects.select_related("enterprise").filter(pk=person_id).first()


def _stop_rows(form: CheckInForm) -> list[list[Any]]:
    return [[form[name] for name in form.stop_names(i)] for i in range(1, STOP_ROWS + 1)]


def _checked_in(request: HttpRequest) -> Any:
    def done(checkin: CheckIn) -> HttpResponse:
        messages.success(request, _("Check-in saved."))
        if checkin.person_id == getattr(request.user, "person_id", None):
            return redirect("epidemic:health_code")
        return redirect("epidemic:health_status_detail", pk=checkin.person_id)

    return done


@never_cache
@permission_required(CheckIn, "submit")
def checkin(request: HttpRequest) -> HttpResponse:
    """The worker's own daily check-in (健康打卡)."""
    person = _own_person(request)
    if person is None:
        return render(request, NO_RECORD, {"for_others": True})
    form = CheckInForm(request.POST or None, actor=request.user)
    today = (
        selectors.checkins(actor=request.user).filter(person=person, day=selectors.today()).first()
    )
    return form_page(
        request,
        form,
        save=lambda **data: checkin_submit(actor=request.user, person=person, **data),
        done=_checked_in(request),
        template="epidemic/health/checkin.html",
        context={"person": person, "stop_rows": _stop_rows(form), "today_checkin": today},
    )


@never_cache
@permission_required(CheckIn, "submit")
def checkin_for(request: HttpRequest) -> HttpResponse:
    """A helper checks in for someone without a smartphone: a team leader for their team, a
    checkpoint operator for the people of their checkpoints' enterprises, the health officer
    for their enterprise. The record keeps who submitted it."""
    form = CheckInForm(request.POST or None, actor=request.user, for_others=True)
    return form_page(
        request,
        form,
        save=lambda **data: checkin_submit(actor=request.user, **data),
        done=_checked_in(request),
        template="epidemic/health/checkin.html",
        context={"person": None, "stop_rows": _stop_rows(form)},
    )


def _reasons(status: HealthStatus) -> list[dict[str, Any]]:
    from django.utils.dateparse import parse_datetime

    shown = []
    for condition in status.conditions:
        expires = parse_datetime(condition["expires_at"]) if condition.get("expires_at") else None
        shown.append(
            {
                "rule": condition["rule"],
                "label": RULES.get(condition["rule"], condition["rule"]),
                "colour": condition["colour"],
                "detail": condition.get("detail", ""),
                "expires_at": expires,
            }
        )
    return shown


def _qr_svg(person: Person) -> str:
    qr = segno.make(personal_code_make(person), error="m")
    return qr.svg_inline(scale=6, border=2, dark="#111")


@never_cache
@permission_required(HealthStatus)
def code(request: HttpRequest) -> HttpResponse:
    """The personal code (个人码): colour, QR code, reasons, and a live clock."""
    person = _own_person(request)
    if person is None:
        return render(request, NO_RECORD, {"for_others": False})
    status = health_status_refresh(person_ids=[person.pk])[person.pk]
    appeal = Appeal.objects.filter(person=person).order_by("-created_at").first()
    return render(
        request,
        "epidemic/health/code.html",
        {
            "person": person,
            "status": status,
            "reasons": _reasons(status),
            "qr": mark_safe(_qr_svg(person)),  # segno's own SVG, no user text in it
            "appeal": appeal,
            "checked_in_today": CheckIn.objects.filter(
                person=person, day=selectors.today(), is_current=True
            ).exists(),
            "now": timezone.localtime(),
        },
    )


@never_cache
@permission_required(HealthStatus)
def status_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's status, its reasons and every change (the officer; the person themself)."""
    person = get_scoped_or_404(
        Person.objects.select_related("enterprise", "team"), request.user, pk=pk
    )
    status = health_status_refresh(person_ids=[person.pk])[person.pk]
    return render(
        request,
        "epidemic/health/status_detail.html",
        {
            "person": person,
            "status": status,
            "reasons": _reasons(status),
            "history": [
                (change, [RULES.get(c["rule"], c["rule"]) for c in change.conditions])
                for change in selectors.status_history(actor=request.user, person=person)[:100]
            ],
            "checkins": selectors.checkins(actor=request.user).filter(person=person)[:14],
            "appeals": Appeal.objects.restrict(request.user).filter(person=person),
            "may_override": may(request.user, HealthStatus, "override"),
        },
    )


@permission_required(HealthStatus, "override")
def override(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_scoped_or_404(Person.objects.all(), request.user, pk=pk)
    form = OverrideForm(request.POST or None, actor=request.user)

    def done(_status: HealthStatus) -> HttpResponse:
        messages.success(request, _("The manual status was saved."))
        return redirect("epidemic:health_status_detail", pk=person.pk)

    return form_page(
        request,
        form,
        save=lambda **data: status_override(actor=request.user, person=person, **data),
        done=done,
        template="epidemic/health/form.html",
        context={"person": person, "title": _("Set the status by hand")},
    )


@permission_required(Appeal, "file")
def appeal_new(request: HttpRequest) -> HttpResponse:
    person = _own_person(request)
    if person is None:
        return render(request, NO_RECORD, {"for_others": False})
    form = AppealForm(request.POST or None, actor=request.user)

    def done(_appeal: Appeal) -> HttpResponse:
        messages.success(request, _("Your appeal was filed; the health officer will decide."))
        return redirect("epidemic:health_code")

    return form_page(
        request,
        form,
        save=lambda **data: appeal_file(actor=request.user, person=person, **data),
        done=done,
        template="epidemic/health/form.html",
        context={"person": person, "title": _("Appeal against my colour")},
    )


@permission_required(Appeal, "decide")
def appeal_decision(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = get_scoped_or_404(
        Appeal.objects.select_related("person"), request.user, "decide", pk=pk
    )
    form = AppealDecisionForm(request.POST or None, actor=request.user)

    def done(_appeal: Appeal) -> HttpResponse:
        messages.success(request, _("The appeal was decided."))
        return redirect("epidemic:health_appeal_list")

    return form_page(
        request,
        form,
        save=lambda **data: appeal_decide(actor=request.user, appeal=appeal, **data),
        done=done,
        template="epidemic/health/form.html",
        context={"person": appeal.person, "appeal": appeal, "title": _("Decide the appeal")},
    )


@permission_required(Appeal)
def appeal_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.appeals(actor=request.user)
    if "state" not in request.GET:
        rows = rows.filter(state=AppealState.OPEN)
    return list_page(
        request,
        rows=rows,
        filterset=AppealFilter,
        table=AppealTable,
        template="epidemic/health/list.html",
        title=_("Appeals"),
    )


@permission_required(CheckIn)
def checkin_list(request: HttpRequest) -> HttpResponse:
    """Check-ins of a day (today unless ?day=) — the abnormal ones with ?abnormal=true."""
    data = request.GET.copy()
    data.setdefault("day", selectors.today().isoformat())
    filterset = CheckInFilter(data, queryset=selectors.checkins(actor=request.user),
                              actor=request.user)  # fmt: skip
    rows = filterset.qs if filterset.is_valid() else CheckIn.objects.none()
    return list_page(
        request,
        rows=rows,
        filterset=filterset,
        table=CheckInTable,
        template="epidemic/health/list.html",
        title=_("Check-ins"),
        checkin_links=True,
    )


@permission_required(CheckIn)
def checkin_missing(request: HttpRequest) -> HttpResponse:
    """People of the enterprise with no current check-in for today (not reported)."""
    rows = selectors.people_not_reported(actor=request.user, day=selectors.today())
    return list_page(
        request,
        rows=rows,
        filterset=PersonFilter,
        table=MissingTable,
        template="epidemic/health/list.html",
        title=_("Not reported today"),
        checkin_links=True,
    )


@permission_required(TravelDeclaration)
def travel_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        rows=selectors.travel_declarations(actor=request.user),
        filterset=TravelFilter,
        table=TravelTable,
        template="epidemic/health/list.html",
        title=_("Travel declarations"),
    )


@permission_required(HealthStatus)
def status_list(request: HttpRequest) -> HttpResponse:
    """People by colour, with the counts to drill from."""
    counts = selectors.colour_counts(actor=request.user)
    return list_page(
        request,
        rows=selectors.statuses(actor=request.user),
        filterset=StatusFilter,
        table=StatusTable,
        template="epidemic/health/list.html",
        title=_("Health codes"),
        colour_counts=counts,
        show_counts=True,
    )
