"""Filters of the health lists: one definition per list, shared by the page and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fugong.core.filters import ScopedFilterSet
from fugong.epidemic.models import (
    Appeal,
    AppealState,
    CheckIn,
    Colour,
    HealthStatus,
    TravelDeclaration,
)
from fugong.epidemic.selectors.health import abnormal_q
from fugong.org.models import Enterprise


class _EnterpriseFilterSet(ScopedFilterSet):
    enterprise = django_filters.ModelChoiceFilter(
        field_name="person__enterprise",
        queryset=Enterprise.objects.only("id", "name").order_by("name"),
        label=_("Enterprise"),
    )
    q = django_filters.CharFilter(field_name="person__name", lookup_expr="startswith",
                                  label=_("Name"))  # fmt: skip


class CheckInFilter(_EnterpriseFilterSet):
    """Check-ins of a day (today by default, set by the view) and the abnormal ones."""

    day = django_filters.DateFilter(label=_("Day"))
    abnormal = django_filters.BooleanFilter(method="filter_abnormal", label=_("Abnormal"))

    class Meta:
        model = CheckIn
        fields = ["day", "abnormal", "enterprise", "q"]

    def filter_abnormal(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(abnormal_q()) if value else queryset.exclude(abnormal_q())


class TravelFilter(_EnterpriseFilterSet):
    class Meta:
        model = TravelDeclaration
        fields = ["enterprise", "q"]


class StatusFilter(_EnterpriseFilterSet):
    colour = django_filters.ChoiceFilter(choices=Colour.choices, label=_("Colour"))

    class Meta:
        model = HealthStatus
        fields = ["colour", "enterprise", "q"]


class AppealFilter(_EnterpriseFilterSet):
    state = django_filters.ChoiceFilter(choices=AppealState.choices, label=_("State"))

    class Meta:
        model = Appeal
        fields = ["state", "enterprise", "q"]
