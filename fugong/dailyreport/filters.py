"""The daily report list filter: one definition for the page and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from fugong.core.filters import ScopedFilterSet
from fugong.dailyreport.models import DailyReport
from fugong.org.models import Enterprise


class DailyReportFilter(ScopedFilterSet):
    """Reports by enterprise, day range (local days: ``day`` is a date), late and flagged."""

    enterprise = django_filters.ModelChoiceFilter(
        queryset=Enterprise.objects.only("id", "name").order_by("name"), label=_("Enterprise")
    )
    day_from = django_filters.DateFilter(
        field_name="day", lookup_expr="gte", label=_("From"),
    )  # fmt: skip
    day_to = django_filters.DateFilter(field_name="day", lookup_expr="lte", label=_("To"))
    late = django_filters.BooleanFilter(label=_("Late"))
    flagged = django_filters.BooleanFilter(label=_("Flagged by cross-check"))
    confirmed = django_filters.BooleanFilter(
        field_name="confirmed_at", lookup_expr="isnull", exclude=True, label=_("Confirmed")
    )

    class Meta:
        model = DailyReport
        fields = ["enterprise", "day_from", "day_to", "late", "flagged", "confirmed"]
