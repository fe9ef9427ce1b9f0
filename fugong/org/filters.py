"""Filters of the organisation directory: one definition shared by the pages and the API.

Every FilterSet takes ``(data, queryset, *, actor)``. ScopedFilterSet restricts the choices of
its foreign-key filters to the actor's scope, so a filter can never name something the actor may
not see (an out-of-scope id is an invalid choice, like one that does not exist).
"""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from fugong.core.filters import ScopedFilterSet
from fugong.core.validators import USCC_CHARSET, normalize_code
from fugong.org.models import (
    Enterprise,
    EnterpriseKind,
    EnterpriseStatus,
    Industry,
    Place,
    PlaceKind,
    Region,
    RegionLevel,
    Shift,
    Team,
)

# A credit code prefix shorter than this matches almost every code (they mostly start "91"),
# so such a search is taken as a name only.
MIN_CODE_PREFIX = 4


def _looks_like_code(value: str) -> bool:
    return len(value) >= MIN_CODE_PREFIX and all(c in USCC_CHARSET for c in value)


def _enterprises() -> QuerySet[Enterprise]:
    return Enterprise.objects.only("id", "name").order_by("name")


class EnterpriseFilter(ScopedFilterSet):
    """Name (contains) or credit code (exact or prefix); a region includes its whole subtree."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    # The regions of the actor's scope (the base restricts them): a filter names only those.
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.only("id", "name", "code"), method="in_region", label=_("Region")
    )
    kind = django_filters.ChoiceFilter(choices=EnterpriseKind.choices, label=_("Kind"))
    industry = django_filters.ChoiceFilter(choices=Industry.choices, label=_("Industry"))
    status = django_filters.ChoiceFilter(choices=EnterpriseStatus.choices, label=_("Status"))
    parent = django_filters.ModelChoiceFilter(
        queryset=_enterprises().filter(kind=EnterpriseKind.GROUP), label=_("Group")
    )
    # The region search answers the actor's regions, as this filter offers (province data).
    picker_params = {"parent": {"kind": EnterpriseKind.GROUP}, "region": {"within": "scope"}}

    class Meta:
        model = Enterprise
        fields = ["q", "region", "kind", "industry", "status", "parent"]

    def search(self, queryset: QuerySet[Enterprise], name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        code = normalize_code(value)
        if len(code) == 18:
            return queryset.filter(Q(credit_code=code) | Q(name__icontains=value))
        if _looks_like_code(code):
            return queryset.filter(Q(credit_code__startswith=code) | Q(name__icontains=value))
        return queryset.filter(name__icontains=value)

    def in_region(self, queryset: QuerySet[Enterprise], name: str, value: Region) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(region__code__startswith=value.subtree_prefix)


class PlaceFilter(ScopedFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    enterprise = django_filters.ModelChoiceFilter(queryset=_enterprises(), label=_("Enterprise"))
    kind = django_filters.ChoiceFilter(choices=PlaceKind.choices, label=_("Kind"))
    is_active = django_filters.BooleanFilter(label=_("In use"))

    class Meta:
        model = Place
        fields = ["q", "enterprise", "kind", "is_active"]

    def search(self, queryset: QuerySet[Place], name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(code__iexact=value))


class _ByEnterpriseFilter(ScopedFilterSet):
    """Search by name, narrow to one enterprise: teams and shifts."""

    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))
    enterprise = django_filters.ModelChoiceFilter(queryset=_enterprises(), label=_("Enterprise"))


class TeamFilter(_ByEnterpriseFilter):
    class Meta:
        model = Team
        fields = ["q", "enterprise"]


class ShiftFilter(_ByEnterpriseFilter):
    class Meta:
        model = Shift
        fields = ["q", "enterprise"]


class RegionFilter(ScopedFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    level = django_filters.ChoiceFilter(choices=RegionLevel.choices, label=_("Level"))

    class Meta:
        model = Region
        fields = ["q", "level"]

    def search(self, queryset: QuerySet[Region], name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        if value.isdigit():
            return queryset.filter(code__startswith=value)
        return queryset.filter(name__icontains=value)
