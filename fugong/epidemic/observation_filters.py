"""Filters of cases, observations (the line-list tabs), prohibitions and alerts: one
definition shared by the pages and the API."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fugong.core.filters import ScopedFilterSet
from fugong.epidemic.models import AlertKind, CaseClassification, ObservationKind
from fugong.epidemic.selectors.observation import LineList, line_list
from fugong.org.models import Enterprise


def _enterprises() -> QuerySet[Enterprise]:
    return Enterprise.objects.only("id", "name").order_by("name")


def _name(queryset: QuerySet, value: str, path: str = "person__") -> QuerySet:
    value = value.strip()
    return queryset.filter(**{f"{path}name__icontains": value}) if value else queryset


class CaseFilter(ScopedFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name"))
    classification = django_filters.ChoiceFilter(
        choices=CaseClassification.choices, label=_("Classification")
    )
    enterprise = django_filters.ModelChoiceFilter(
        queryset=_enterprises(), field_name="person__enterprise", label=_("Enterprise")
    )

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _name(queryset, value)


class ObservationFilter(ScopedFilterSet):
    """``tab``: the line list (symptomatic, not reporting today, due for release, released)."""

    tab = django_filters.ChoiceFilter(
        choices=list(LineList.LABELS.items()), method="in_tab", label=_("Line list"),
        empty_label=None, null_label=None,
    )  # fmt: skip
    q = django_filters.CharFilter(method="search", label=_("Name"))
    kind = django_filters.ChoiceFilter(choices=ObservationKind.choices, label=_("Kind"))
    enterprise = django_filters.ModelChoiceFilter(
        queryset=_enterprises(), field_name="person__enterprise", label=_("Enterprise")
    )

    @property
    def qs(self) -> QuerySet:
        queryset = super().qs
        # No tab given is the "under observation" tab, not every observation.
        if not (self.data or {}).get("tab"):
            queryset = line_list(queryset, LineList.ACTIVE)
        return queryset

    def in_tab(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return line_list(queryset, value or LineList.ACTIVE)

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _name(queryset, value)


class ProhibitionFilter(ScopedFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name"))
    enterprise = django_filters.ModelChoiceFilter(
        queryset=_enterprises(), field_name="person__enterprise", label=_("Enterprise")
    )

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _name(queryset, value)


class AlertFilter(ScopedFilterSet):
    kind = django_filters.ChoiceFilter(choices=AlertKind.choices, label=_("Kind"))
    open = django_filters.BooleanFilter(
        field_name="acknowledged_at", lookup_expr="isnull", label=_("Not acknowledged")
    )
    enterprise = django_filters.ModelChoiceFilter(queryset=_enterprises(), label=_("Enterprise"))
