"""The people directory filter: one definition shared by the page, the export and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fugong.core.filters import EnterpriseLabelChoiceFilter, ScopedFilterSet
from fugong.core.permissions import may
from fugong.org.models import Enterprise, Team
from fugong.people.models import Person, PersonCategory, PersonStatus
from fugong.people.search import filter_people, parse_person_query, query_validator


class PersonFilter(ScopedFilterSet):
    """Search by name or the last 4 characters of an ID number or phone (every reader), or by
    a whole or longer part of the number (PII roles only, see ``people.search``), plus the
    usual facets.

    The enterprise and team choices are restricted to the actor's scope (ScopedFilterSet), so
    a filter can never name something the actor may not see. A team is shown with its
    enterprise, and once an enterprise is chosen only its teams are offered.
    """

    q = django_filters.CharFilter(method="search", label=_("Search"))
    enterprise = django_filters.ModelChoiceFilter(
        queryset=Enterprise.objects.only("id", "name").order_by("name"), label=_("Enterprise")
    )
    team = EnterpriseLabelChoiceFilter(
        queryset=Team.objects.select_related("enterprise").order_by("enterprise__name", "name"),
        label=_("Team"),
    )
    category = django_filters.ChoiceFilter(choices=PersonCategory.choices, label=_("Category"))
    status = django_filters.ChoiceFilter(choices=PersonStatus.choices, label=_("Status"))
    picker_depends = {"team": ("enterprise",)}

    class Meta:
        model = Person
        fields = ["q", "enterprise", "team", "category", "status"]

    def restrict_choices(self, actor: Any) -> None:
        # Who may search by which part of a number is a field error on q, decided per actor.
        self.filters["q"].extra["validators"] = [query_validator(actor)]
        if not may(actor, Team):
            # Teams are not this role's work (a checkpoint identifies people at its gate): no
            # filter whose choices would always be empty.
            del self.filters["team"]
            return
        enterprise = self.chosen_id("enterprise")
        if enterprise is not None:
            team = self.filters["team"]
            team.queryset = team.queryset.filter(enterprise_id=enterprise)

    def search(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        return filter_people(queryset, parse_person_query(value))
