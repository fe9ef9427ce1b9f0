"""Filters of the oversight lists: one definition shared by the pages and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from fugong.accounts.models import Department
from fugong.core.filters import ScopedFilterSet
from fugong.org.models import Enterprise
from fugong.oversight.models import (
    KeyProject,
    Measure,
    MeasureState,
    Pairing,
    ProjectStatus,
    Ticket,
    TicketCategory,
    TicketState,
    Visit,
)


def _enterprises():  # type: ignore[no-untyped-def]
    return Enterprise.objects.only("id", "name").order_by("name")


class PairingFilter(ScopedFilterSet):
    enterprise = django_filters.ModelChoiceFilter(queryset=_enterprises(), label=_("Enterprise"))

    class Meta:
        model = Pairing
        fields = ["enterprise"]


class KeyProjectFilter(ScopedFilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=ProjectStatus.choices, label=_("Status"))

    class Meta:
        model = KeyProject
        fields = ["q", "status"]


class VisitFilter(ScopedFilterSet):
    enterprise = django_filters.ModelChoiceFilter(queryset=_enterprises(), label=_("Enterprise"))

    class Meta:
        model = Visit
        fields = ["enterprise"]


class TicketFilter(ScopedFilterSet):
    enterprise = django_filters.ModelChoiceFilter(queryset=_enterprises(), label=_("Enterprise"))
    state = django_filters.ChoiceFilter(choices=TicketState.choices, label=_("State"))
    category = django_filters.ChoiceFilter(
        choices=TicketCategory.choices, label=_("Problem category")
    )
    department = django_filters.ChoiceFilter(choices=Department.choices, label=_("Department"))

    class Meta:
        model = Ticket
        fields = ["enterprise", "state", "category", "department"]


class MeasureFilter(ScopedFilterSet):
    enterprise = django_filters.ModelChoiceFilter(queryset=_enterprises(), label=_("Enterprise"))
    state = django_filters.ChoiceFilter(choices=MeasureState.choices, label=_("State"))

    class Meta:
        model = Measure
        fields = ["enterprise", "state"]
