"""The people directory filter: one definition shared by the page, the export and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from fugong.core.filters import ALL, ScopedFilterSet
from fugong.core.validators import normalize_code
from fugong.org.models import Enterprise, Team
from fugong.people.models import Person, PersonCategory, PersonStatus


class PersonFilter(ScopedFilterSet):
    """Search by name, phone or ID number (whole, or the last digits), plus the usual facets.

    The enterprise and team choices are restricted to the actor's scope, so a filter can never
    name something the actor may not see.
    """

    q = django_filters.CharFilter(method="search", label=_("Search"))
    enterprise = django_filters.ModelChoiceFilter(
        empty_label=ALL, queryset=Enterprise.objects.none(), label=_("Enterprise")
    )
    team = django_filters.ModelChoiceFilter(
        empty_label=ALL, queryset=Team.objects.none(), label=_("Team")
    )
    category = django_filters.ChoiceFilter(
        empty_label=ALL, choices=PersonCategory.choices, label=_("Category")
    )
    status = django_filters.ChoiceFilter(
        empty_label=ALL, choices=PersonStatus.choices, label=_("Status")
    )

    class Meta:
        model = Person
        fields = ["q", "enterprise", "team", "category", "status"]

    def restrict_choices(self, actor: Any) -> None:
        self.filters["enterprise"].queryset = Enterprise.objects.restrict(actor).only("id", "name")
        self.filters["team"].queryset = Team.objects.restrict(actor).only("id", "name")

    def search(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        value = value.strip()
        if not value:
            return queryset
        code = normalize_code(value)
        if len(code) == 18:
            return queryset.filter(id_number=code)
        if code.isdigit() and len(code) == 11:
            return queryset.filter(phone=code)
        # A name prefix uses the index on name; a short number is the tail of an ID number
        # (what a masked list shows) or of a phone.
        if code.isdigit() or (code[:-1].isdigit() and code.endswith("X")):
            if len(code) == 4:  # what a masked list shows: served by the tail indexes
                return queryset.filter(Q(id_tail=code) | Q(phone_tail=code))
            return queryset.filter(Q(id_number__endswith=code) | Q(phone__endswith=code))
        return queryset.filter(name__startswith=value)
