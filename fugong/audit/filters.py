"""Filters of the audit pages: who, what, and between which Beijing-time days."""

from __future__ import annotations

from typing import Any

import django_filters
from auditlog.models import LogEntry
from django import forms
from django.utils.translation import gettext_lazy as _

from fugong.accounts.models import User
from fugong.audit.models import PiiAccess, PiiAction

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


def _style(form: forms.Form) -> None:
    """Bootstrap classes on the filter inputs (small, to fit a phone's width)."""
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", f"{css} {css}-sm")


class PiiAccessFilter(django_filters.FilterSet):
    """The user choices are the accounts whose accesses the reader may see."""

    user = django_filters.ModelChoiceFilter(queryset=User.objects.none(), label=_("User"))
    action = django_filters.ChoiceFilter(choices=PiiAction.choices, label=_("Action"))
    # ``at__date`` is taken in the current time zone (Asia/Shanghai): a local calendar day.
    date_from = django_filters.DateFilter(
        field_name="at", lookup_expr="date__gte", label=_("From"), widget=DATE_INPUT
    )
    date_to = django_filters.DateFilter(
        field_name="at", lookup_expr="date__lte", label=_("To"), widget=DATE_INPUT
    )

    class Meta:
        model = PiiAccess
        fields = ["user", "action", "date_from", "date_to"]

    def __init__(self, data: Any = None, queryset: Any = None, *, users: Any, **kw: Any):
        super().__init__(data, queryset, **kw)
        self.filters["user"].queryset = users.order_by("username").only(
            "id", "username", "display_name"
        )
        _style(self.form)


class ChangeFilter(django_filters.FilterSet):
    """Recent changes by kind of record and day (the queryset is already scoped)."""

    model = django_filters.ChoiceFilter(method="by_model", label=_("Record"), choices=[])
    date_from = django_filters.DateFilter(
        field_name="timestamp", lookup_expr="date__gte", label=_("From"), widget=DATE_INPUT
    )
    date_to = django_filters.DateFilter(
        field_name="timestamp", lookup_expr="date__lte", label=_("To"), widget=DATE_INPUT
    )

    class Meta:
        model = LogEntry
        fields = ["model", "date_from", "date_to"]

    def __init__(self, data: Any = None, queryset: Any = None, *, models: Any, **kw: Any):
        super().__init__(data, queryset, **kw)
        self.model_choices = {m._meta.model_name: m for m in models}
        self.filters["model"].extra["choices"] = [
            (m._meta.model_name, m._meta.verbose_name_plural) for m in models
        ]
        _style(self.form)

    def by_model(self, queryset: Any, name: str, value: str) -> Any:
        model = self.model_choices.get(value)
        if model is None:
            return queryset
        return queryset.filter(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
        )
