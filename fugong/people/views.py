"""The people pages: the directory, a person's record, registering and editing.

ID numbers and phones are masked everywhere by default (PIPL). A role whose work needs them
asks for them with a POST to ``person_reveal``, and each such view is written to the access
log; a worker sees their own record in full on ``person_me``, which is not logged.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from fugong.audit.models import PiiAction
from fugong.audit.selectors import person_history
from fugong.audit.services import pii_access_record
from fugong.core.forms import form_page
from fugong.core.lists import list_page
from fugong.core.permissions import may, permission_required
from fugong.core.scope import get_scoped_or_404
from fugong.core.views import client_ip, render_page
from fugong.people import selectors
from fugong.people.forms import PersonForm
from fugong.people.models import Person
from fugong.people.roster_export import may_export
from fugong.people.services import person_register, person_update
from fugong.people.tables import PersonTable


def _is_editor(user: Any) -> bool:
    return may(user, Person, "change")


def _detail_queryset() -> Any:
    return Person.objects.select_related("enterprise", "team", "dormitory", "home_region")


@permission_required(Person, "directory")
def person_list(request: HttpRequest) -> HttpResponse:
    people, filterset = selectors.person_list(
        actor=request.user, filters=request.GET, ip_address=client_ip(request)
    )
    export = reverse("people:person_export")
    return list_page(
        request,
        rows=people,
        filterset=filterset,
        table=PersonTable,
        template="people/person_list.html",
        export_url=export if may_export(request.user) else "",
        export_testid="person-export",
        # A POST: full identifiers are never fetched by a link, and each export is logged.
        export_unmasked_url=export if may_export(request.user, unmasked=True) else "",
        is_editor=_is_editor(request.user),
    )


def _detail_context(request: HttpRequest, person: Person, *, revealed: bool) -> dict[str, Any]:
    return {
        "person": person,
        "revealed": revealed,
        "may_reveal": selectors.may_see_pii(actor=request.user, person=person),
        "is_editor": _is_editor(request.user),
        # Masked even when revealed: the audit trail stores personal fields masked.
        "history": person_history(person=person, actor=request.user),
    }


@permission_required(Person)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_scoped_or_404(_detail_queryset(), request.user, pk=pk)
    return render(
        request, "people/person_detail.html", _detail_context(request, person, revealed=False)
    )


@never_cache
@require_POST
@permission_required(Person, "reveal")
def person_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one person's full ID number and phone, and write that to the access log."""
    person = get_scoped_or_404(_detail_queryset(), request.user, pk=pk)
    if not selectors.may_see_pii(actor=request.user, person=person):
        raise PermissionDenied
    pii_access_record(
        user=request.user,
        action=PiiAction.VIEW,
        person=person,
        detail=request.path,
        ip_address=client_ip(request),
    )
    context = _detail_context(request, person, revealed=True)
    # htmx swaps only the identifiers; without JavaScript the whole page comes back unmasked.
    return render_page(
        request, "people/person_detail.html", "people/partials/person_pii.html", context
    )


@never_cache
@login_required
def person_me(request: HttpRequest) -> HttpResponse:
    """The logged-in user's own record, in full: seeing one's own data is not an access to log."""
    person_id = getattr(request.user, "person_id", None)
    if person_id is None:
        # An official or the superuser has no roster entry: say so instead of a bare 404.
        return render(request, "people/person_me_none.html")
    # The user's own record is reached through the user's own link, not through the scope:
    # a manager who is also an employee elsewhere still sees their own record.
    person = _detail_queryset().get(pk=person_id)
    return render(request, "people/person_me.html", {"person": person})


def _saved(request: HttpRequest, message: Any) -> Any:
    def done(person: Person) -> HttpResponse:
        messages.success(request, message % {"name": person.name})
        return redirect("people:person_detail", pk=person.pk)

    return done


@permission_required(Person, "change")
def person_create(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None, actor=request.user)
    return form_page(
        request,
        form,
        save=lambda **data: person_register(actor=request.user, **data),
        done=_saved(request, _("%(name)s was registered.")),
        template="people/person_form.html",
        context={"person": None},
    )


@permission_required(Person, "change")
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_scoped_or_404(_detail_queryset(), request.user, "change", pk=pk)
    form = PersonForm(request.POST or None, instance=person, actor=request.user)
    return form_page(
        request,
        form,
        save=lambda **data: person_update(actor=request.user, person=person, **data),
        done=_saved(request, _("%(name)s was saved.")),
        template="people/person_form.html",
        context={"person": person},
    )
