"""Filters of the audit pages: who, what, and between which Beijing-time days."""

from __future__ import annotations

from typing import Any

import django_filters
from auditlog.models import LogEntry
from django import forms
from django.utils.translation import gettext_lazy as _

from fugong.accounts.models import User
from fugong.audit.models import PiiAccess, PiiAction
from fugong.core.filters import LocalDateRangeFilter, ScopedFilterSet


def _style_small(form: forms.Form) -> None:
    """Small inputs, to fit a phone's width."""
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs["class"] = f"{css} {css}-sm"


class PiiAccessFilter(ScopedFilterSet):
    """The user choices are the accounts whose accesses the reader may see."""

    # Accounts have no restrict(actor) of their own: the choices are set to the accounts of
    # the reader's scope in restrict_choices, hence the opt-out.
    unscoped_fields = ("user",)

    user = django_filters.ModelChoiceFilter(queryset=User.objects.none(), label=_("User"))
    action = django_filters.ChoiceFilter(choices=PiiAction.choices, label=_("Action"))
    # From/to Beijing-time calendar days, both inclusive: ?date_from=…&date_to=…
    date = LocalDateRangeFilter(field_name="at", label=_("Date (from – to)"))

    class Meta:
        model = PiiAccess
        fields = ["user", "action", "date"]

    def restrict_choices(self, actor: Any) -> None:
        from fugong.audit.selectors import users_in_scope  # the selector imports this module

        users = users_in_scope(actor=actor)
        self.filters["user"].queryset = users.order_by("username").only(
            "id", "username", "display_name"
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style_small(self.form)


class ChangeFilter(ScopedFilterSet):
    """Recent changes by kind of record and day (the queryset is already scoped)."""

    model = django_filters.ChoiceFilter(method="by_model", label=_("Record"), choices=[])
    date = LocalDateRangeFilter(field_name="timestamp", label=_("Date (from – to)"))

    class Meta:
        model = LogEntry
        fields = ["model", "date"]

    def __init__(self, data: Any = None, queryset: Any = None, *, models: Any = (), **kw: Any):
        self.model_choices = {m._meta.model_name: m for m in models}
        super().__init__(data, queryset, **kw)
        _style_small(self.form)

    def restrict_choices(self, actor: Any) -> None:
        self.filters["model"].extra["choices"] = [
            (m._meta.model_name, m._meta.verbose_name_plural) for m in self.model_choices.values()
        ]

    def by_model(self, queryset: Any, name: str, value: str) -> Any:
        model = self.model_choices.get(value)
        if model is None:
            return queryset
        return queryset.filter(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
        )
