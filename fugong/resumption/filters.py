"""The application list filter, shared by the page and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from fugong.core.filters import ScopedFilterSet
from fugong.org.models import Enterprise
from fugong.resumption.models import Application, ApplicationStatus


class ApplicationFilter(ScopedFilterSet):
    q = django_filters.CharFilter(
        field_name="enterprise__name", lookup_expr="icontains", label=_("Enterprise name")
    )
    enterprise = django_filters.ModelChoiceFilter(
        queryset=Enterprise.objects.only("id", "name").order_by("name"), label=_("Enterprise")
    )
    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices, label=_("Status"))

    class Meta:
        model = Application
        fields = ["q", "enterprise", "status"]
