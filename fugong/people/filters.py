"""The people directory filter: one definition shared by the page, the export and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fugong.core.filters import ALL, ScopedFilterSet
from fugong.org.models import Enterprise, Team
from fugong.people.models import Person, PersonCategory, PersonStatus
from fugong.people.search import filter_people, parse_person_query, query_validator


class PersonFilter(ScopedFilterSet):
    """Search by name or the last 4 characters of an ID number or phone (every reader), or by
    a whole or longer part of the number (PII roles only, see ``people.search``), plus the
    usual facets.

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
        # Who may search by which part of a number is a field error on q, decided per actor.
        self.filters["q"].extra["validators"] = [query_validator(actor)]

    def search(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        return filter_people(queryset, parse_person_query(value))
