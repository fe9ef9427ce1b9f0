"""Pages of the organisation directory: lists, details and the editors' forms.

Lists are one view with two answers (the page, or its results partial for htmx). Single
objects are fetched through the scope, so an object outside it is a 404; editing is for
ORG_EDITOR_ROLES (others get 403) and the service checks the same rule again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fugong.audit.selectors import object_history
from fugong.core.forms import form_page
from fugong.core.lists import list_page
from fugong.core.permissions import may, permission_required
from fugong.core.scope import get_scoped_or_404
from fugong.org import selectors, services
from fugong.org.filters import EnterpriseFilter, PlaceFilter, RegionFilter, ShiftFilter, TeamFilter
from fugong.org.forms import EnterpriseForm, PlaceForm, ShiftForm, TeamForm
from fugong.org.models import Enterprise, Place, Region, Shift, Team
from fugong.org.tables import EnterpriseTable, PlaceTable, RegionTable, ShiftTable, TeamTable
from fugong.people.models import Person

# --- shared machinery ---------------------------------------------------------------------


def _list_page(
    request: HttpRequest,
    name: str,
    rows: models.QuerySet,
    filter_class: type,
    table: type,
    **extra: Any,
) -> HttpResponse:
    return list_page(
        request, rows=rows, filterset=filter_class, table=table, template=f"org/{name}.html",
        **extra,
    )  # fmt: skip


def _saved(request: HttpRequest, detail: str) -> Callable[[models.Model], HttpResponse]:
    """After a save: say so, and open the record's page."""

    def done(saved: models.Model) -> HttpResponse:
        messages.success(request, _("Saved %(name)s.") % {"name": saved})
        return redirect(detail, pk=saved.pk)

    return done


def _form_page(
    request: HttpRequest,
    form: BaseForm,
    save: Callable[..., models.Model],
    detail: str,
    **context: Any,
) -> HttpResponse:
    """The shared validate-and-save page (core.forms.form_page) with the org form template."""
    return form_page(
        request,
        form,
        save=save,
        done=_saved(request, detail),
        template="org/form.html",
        context=context,
    )


def _initial_enterprise(request: HttpRequest) -> dict[str, str]:
    """Links from an enterprise page open the new-record form with that enterprise chosen."""
    enterprise = request.GET.get("enterprise", "")
    return {"enterprise": enterprise} if enterprise.isdigit() else {}


# --- enterprises --------------------------------------------------------------------------


@permission_required(Enterprise)
def enterprise_list(request: HttpRequest) -> HttpResponse:
    # The member count groups the rows, and Meta.ordering does not apply to GROUP BY.
    rows = selectors.enterprise_list(actor=request.user).order_by(
        "region__code", "name_pinyin", "pk"
    )
    may_create = services.may_create_enterprise(request.user)
    return _list_page(
        request, "enterprise_list", rows, EnterpriseFilter, EnterpriseTable, may_create=may_create
    )


@permission_required(Enterprise)
def enterprise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Enterprise.objects.select_related("region", "parent")
    enterprise = get_scoped_or_404(queryset, request.user, pk=pk)
    context = {
        "enterprise": enterprise,
        "may_edit": services.may_edit_enterprise(request.user, enterprise.pk),
        "history": object_history(obj=enterprise, actor=request.user),
        **selectors.enterprise_facts(actor=request.user, enterprise=enterprise),
    }
    return render(request, "org/enterprise_detail.html", context)


@permission_required(Enterprise, "create")
def enterprise_create(request: HttpRequest) -> HttpResponse:
    if not services.may_create_enterprise(request.user):
        raise PermissionDenied
    form = EnterpriseForm(request.POST or None, actor=request.user)
    create = services.enterprise_create
    return _form_page(
        request,
        form,
        lambda **data: create(actor=request.user, **data),
        "org:enterprise_detail",
        title=_("New enterprise"),
        cancel_url=reverse("org:enterprise_list"),
    )


@permission_required(Enterprise, "change")
def enterprise_edit(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = get_scoped_or_404(Enterprise.objects.all(), request.user, pk=pk)
    if not services.may_edit_enterprise(request.user, enterprise.pk):
        raise PermissionDenied
    form = EnterpriseForm(request.POST or None, instance=enterprise, actor=request.user)
    update = services.enterprise_update
    return _form_page(
        request,
        form,
        lambda **data: update(actor=request.user, enterprise=enterprise, **data),
        "org:enterprise_detail",
        title=_("Edit %(name)s") % {"name": enterprise.name},
        obj=enterprise,
        cancel_url=reverse("org:enterprise_detail", args=[enterprise.pk]),
    )


# --- places, teams, shifts ----------------------------------------------------------------


@permission_required(Place)
def place_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.place_list(actor=request.user)
    may_create = services.may_create_in_org(request.user)
    return _list_page(request, "place_list", rows, PlaceFilter, PlaceTable, may_create=may_create)


@permission_required(Place)
def place_detail(request: HttpRequest, pk: int) -> HttpResponse:
    place = get_scoped_or_404(selectors.place_list(actor=request.user), request.user, pk=pk)
    visible = Place.objects.restrict(request.user)
    context = {
        "place": place,
        "children": list(visible.filter(parent=place)),
        "parent_visible": place.parent_id is not None
        and visible.filter(pk=place.parent_id).exists(),
        "may_edit": services.may_edit_org_of(request.user, place.enterprise_id),
        "history": object_history(obj=place, actor=request.user),
    }
    return render(request, "org/place_detail.html", context)


@permission_required(Team)
def team_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.team_list(actor=request.user)
    may_create = services.may_create_in_org(request.user)
    return _list_page(request, "team_list", rows, TeamFilter, TeamTable, may_create=may_create)


@permission_required(Team)
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_scoped_or_404(selectors.team_list(actor=request.user), request.user, pk=pk)
    context = {
        "team": team,
        "may_edit": services.may_edit_org_of(request.user, team.enterprise_id),
        "people_link": may(request.user, Person, "directory"),
        "history": object_history(obj=team, actor=request.user),
    }
    return render(request, "org/team_detail.html", context)


@permission_required(Shift)
def shift_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.shift_list(actor=request.user)
    may_create = services.may_create_in_org(request.user)
    return _list_page(request, "shift_list", rows, ShiftFilter, ShiftTable, may_create=may_create)


@permission_required(Shift)
def shift_detail(request: HttpRequest, pk: int) -> HttpResponse:
    shift = get_scoped_or_404(selectors.shift_list(actor=request.user), request.user, pk=pk)
    minutes = int(shift.duration.total_seconds()) // 60
    context = {
        "shift": shift,
        "hours": minutes // 60,
        "minutes": minutes % 60,
        "may_edit": services.may_edit_org_of(request.user, shift.enterprise_id),
        "history": object_history(obj=shift, actor=request.user),
    }
    return render(request, "org/shift_detail.html", context)


_EDITORS: dict[str, tuple[Any, type, Callable[..., Any], Callable[..., Any], Any]] = {
    "place": (Place, PlaceForm, services.place_create, services.place_update, _("place")),
    "team": (Team, TeamForm, services.team_create, services.team_update, _("team")),
    "shift": (Shift, ShiftForm, services.shift_create, services.shift_update, _("shift")),
}


def _create(request: HttpRequest, kind: str) -> HttpResponse:
    _model, form_class, create, _update, noun = _EDITORS[kind]
    if not services.may_create_in_org(request.user):
        raise PermissionDenied
    form = form_class(
        request.POST or None, initial=_initial_enterprise(request), actor=request.user
    )
    return _form_page(
        request,
        form,
        lambda **data: create(actor=request.user, **data),
        f"org:{kind}_detail",
        title=_("New %(noun)s") % {"noun": noun},
        cancel_url=reverse(f"org:{kind}_list"),
    )


def _edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model, form_class, _create, update, _noun = _EDITORS[kind]
    obj = get_scoped_or_404(model.objects.select_related("enterprise"), request.user, pk=pk)
    if not services.may_edit_org_of(request.user, obj.enterprise_id):
        raise PermissionDenied
    form = form_class(request.POST or None, instance=obj, actor=request.user)
    return _form_page(
        request,
        form,
        lambda **data: update(actor=request.user, **{kind: obj}, **data),
        f"org:{kind}_detail",
        title=_("Edit %(name)s") % {"name": obj},
        obj=obj,
        cancel_url=reverse(f"org:{kind}_detail", args=[obj.pk]),
    )


@permission_required(Place, "change")
def place_create(request: HttpRequest) -> HttpResponse:
    return _create(request, "place")


@permission_required(Place, "change")
def place_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, "place", pk)


@permission_required(Team, "change")
def team_create(request: HttpRequest) -> HttpResponse:
    return _create(request, "team")


@permission_required(Team, "change")
def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, "team", pk)


@permission_required(Shift, "change")
def shift_create(request: HttpRequest) -> HttpResponse:
    return _create(request, "shift")


@permission_required(Shift, "change")
def shift_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, "shift", pk)


# --- regions ------------------------------------------------------------------------------


@permission_required(Region, "directory")
def region_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.region_list(actor=request.user)
    return _list_page(request, "region_list", rows, RegionFilter, RegionTable)
