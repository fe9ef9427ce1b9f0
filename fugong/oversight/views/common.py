"""The list, form and button pages every oversight page uses.

Thin views: the scope reads through the selectors, the writes through the services, single
objects through ``get_scoped_or_404`` (out of scope answers 404 like a missing id).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fugong.core.forms import form_page
from fugong.core.lists import list_page
from fugong.core.permissions import may
from fugong.core.tables import ListTable


def list_page_of(
    request: HttpRequest,
    name: str,
    model: type[models.Model],
    *,
    create_action: str = "change",
    writer_table: type[ListTable] | None = None,
    template: str = "oversight/list.html",
    **kwargs: Any,
) -> HttpResponse:
    """The list page of ``oversight:<name>_list`` (core ``list_page``), with its "new" button
    (``oversight:<name>_create``) for those who may ``create_action`` the model, and for them
    ``writer_table`` (with its row buttons) instead of ``table`` where one is given."""
    may_create = may(request.user, model, create_action)
    if may_create and writer_table is not None:
        kwargs["table"] = writer_table
    return list_page(
        request,
        template=template,
        may_create=may_create,
        create_url=f"oversight:{name}_create",
        **kwargs,
    )


def form_page_of(
    request: HttpRequest,
    form_class: Callable[..., BaseForm],
    *,
    save: Callable[..., Any],
    title: Any,
    back: str,
    done: Callable[[Any], HttpResponse] | None = None,
    initial: tuple[str, ...] = (),
    **form_kwargs: Any,
) -> HttpResponse:
    """A create or edit page: ``save`` (a service) is called with the actor and the form's data;
    then "Saved …" and ``done(saved)``, or back to the list ``back`` (also the cancel link).

    Links from a leader's page open the form with the ``initial`` fields (the enterprise, the
    project) chosen from the query string.
    """
    chosen = {n: request.GET[n] for n in initial if request.GET.get(n, "").isdigit()}
    form = form_class(request.POST or None, initial=chosen, actor=request.user, **form_kwargs)

    def saved(obj: Any) -> HttpResponse:
        messages.success(request, _("Saved %(name)s.") % {"name": obj})
        return done(obj) if done is not None else redirect(back)

    return form_page(
        request,
        form,
        save=partial(save, actor=request.user),
        done=saved,
        template="oversight/form.html",
        context={"title": title, "cancel_url": reverse(back)},
    )


def button_action(request: HttpRequest, act: Callable[[], Any], success: Any) -> None:
    """A POST button's service call: its refusals become error messages, else ``success``."""
    try:
        act()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
