"""Filters of the organisation directory: one definition shared by the pages and the API.

Every FilterSet takes ``(data, queryset, *, actor)``. The choices of its foreign-key filters are
restricted to the actor's scope, so a filter can never name something the actor may not see (an
out-of-scope id is an invalid choice, like one that does not exist).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from fugong.core.filters import ALL, ScopedFilterSet
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


class _OrgFilterSet(ScopedFilterSet):
    def _scoped_enterprises(self, actor: Any) -> QuerySet[Enterprise]:
        return Enterprise.objects.restrict(actor).only("id", "name").order_by("name")


class EnterpriseFilter(_OrgFilterSet):
    """Name (contains) or credit code (exact or prefix); a region includes its whole subtree."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    region = django_filters.ModelChoiceFilter(
        empty_label=ALL, queryset=Region.objects.none(), method="in_region", label=_("Region")
    )
    kind = django_filters.ChoiceFilter(
        empty_label=ALL, choices=EnterpriseKind.choices, label=_("Kind")
    )
    industry = django_filters.ChoiceFilter(
        empty_label=ALL, choices=Industry.choices, label=_("Industry")
    )
    status = django_filters.ChoiceFilter(
        empty_label=ALL, choices=EnterpriseStatus.choices, label=_("Status")
    )
    parent = django_filters.ModelChoiceFilter(
        empty_label=ALL, queryset=Enterprise.objects.none(), label=_("Group")
    )

    class Meta:
        model = Enterprise
        fields = ["q", "region", "kind", "industry", "status", "parent"]

    def restrict_choices(self, actor: Any) -> None:
        self.filters["region"].queryset = Region.objects.restrict(actor).only("id", "name", "code")
        self.filters["parent"].queryset = self._scoped_enterprises(actor).filter(
            kind=EnterpriseKind.GROUP
        )

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


class PlaceFilter(_OrgFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    enterprise = django_filters.ModelChoiceFilter(
        empty_label=ALL, queryset=Enterprise.objects.none(), label=_("Enterprise")
    )
    kind = django_filters.ChoiceFilter(empty_label=ALL, choices=PlaceKind.choices, label=_("Kind"))
    is_active = django_filters.BooleanFilter(label=_("In use"))

    class Meta:
        model = Place
        fields = ["q", "enterprise", "kind", "is_active"]

    def restrict_choices(self, actor: Any) -> None:
        self.filters["enterprise"].queryset = self._scoped_enterprises(actor)
        # The default labels read "Unknown / Yes / No"; as a filter, "unknown" means "all".
        self.form.fields["is_active"].widget.choices = [
            ("unknown", ALL),
            ("true", _("Yes")),
            ("false", _("No")),
        ]

    def search(self, queryset: QuerySet[Place], name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(code__iexact=value))


class _ByEnterpriseFilter(_OrgFilterSet):
    """Search by name, narrow to one enterprise: teams and shifts."""

    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))
    enterprise = django_filters.ModelChoiceFilter(
        empty_label=ALL, queryset=Enterprise.objects.none(), label=_("Enterprise")
    )

    def restrict_choices(self, actor: Any) -> None:
        self.filters["enterprise"].queryset = self._scoped_enterprises(actor)


class TeamFilter(_ByEnterpriseFilter):
    class Meta:
        model = Team
        fields = ["q", "enterprise"]


class ShiftFilter(_ByEnterpriseFilter):
    class Meta:
        model = Shift
        fields = ["q", "enterprise"]


class RegionFilter(_OrgFilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    level = django_filters.ChoiceFilter(
        empty_label=ALL, choices=RegionLevel.choices, label=_("Level")
    )

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
