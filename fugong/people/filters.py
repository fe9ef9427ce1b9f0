"""The people directory filter: one definition shared by the page, the export and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from fugong.core.filters import EnterpriseLabelChoiceFilter, ScopedFilterSet
from fugong.core.validators import normalize_code
from fugong.org.models import Enterprise, Team
from fugong.people.models import Person, PersonCategory, PersonStatus


class PersonFilter(ScopedFilterSet):
    """Search by name, phone or ID number (whole, or the last digits), plus the usual facets.

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
        enterprise = self.chosen_id("enterprise")
        if enterprise is not None:
            team = self.filters["team"]
            team.queryset = team.queryset.filter(enterprise_id=enterprise)

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
