"""Risk areas: the list's filter, its table, the add form and the import upload."""

from __future__ import annotations

from typing import Any

import django_filters
import django_tables2 as tables
from django import forms
from django.db.models import Q, QuerySet
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from fugong.core.filters import ScopedFilterSet
from fugong.core.forms import ScopedForm
from fugong.core.tables import EMPTY, ListTable
from fugong.core.validators import nfkc
from fugong.epidemic.models import RiskArea, RiskLevel
from fugong.epidemic.selectors.riskarea import valid_on_q

LEVEL_BADGE: dict[str, str] = {"high": "text-bg-danger", "medium": "text-bg-warning"}


class RiskAreaFilter(ScopedFilterSet):
    region = django_filters.CharFilter(method="by_region", label=_("Region code or name"))
    level = django_filters.ChoiceFilter(choices=RiskLevel.choices, label=_("Risk level"))
    valid_on = django_filters.DateFilter(
        method="by_day", label=_("Valid on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = RiskArea
        fields = ["region", "level", "valid_on"]

    def by_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = nfkc(value).strip()
        if value.isdigit():
            return queryset.filter(region__code__startswith=value.rstrip("0") or value)
        return queryset.filter(Q(region__name__contains=value))

    def by_day(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(valid_on_q(value))


class RiskAreaTable(ListTable):
    region = tables.Column(
        accessor="region__name", order_by=("region__code",), verbose_name=_("Region")
    )
    code = tables.Column(accessor="region__code", verbose_name=_("Region code"))
    level = tables.Column(verbose_name=_("Risk level"))
    valid_from = tables.DateColumn(verbose_name=_("Valid from"))
    valid_to = tables.DateColumn(verbose_name=_("Valid to"))
    note = tables.Column(verbose_name=_("Note"))
    end = tables.Column(accessor="pk", verbose_name="", orderable=False)

    class Meta(ListTable.Meta):
        model = RiskArea
        fields = ("region", "code", "level", "valid_from", "valid_to", "note", "end")
        attrs = {**ListTable.Meta.attrs, "data-testid": "results-table"}
        empty_text = _("No risk areas match.")

    def render_level(self, value: Any, record: RiskArea) -> Any:
        css = LEVEL_BADGE.get(record.level, "text-bg-secondary")
        return format_html('<span class="badge {}">{}</span>', css, record.get_level_display())

    def render_valid_to(self, value: Any) -> Any:
        return value or _("until revoked")

    def render_end(self, value: Any, record: RiskArea) -> Any:
        request = getattr(self, "request", None)
        if request is None or (record.valid_to and record.valid_to < timezone.localdate()):
            return EMPTY
        token = get_token(request)
        return format_html(
            '<form method="post" action="{}" class="d-inline">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<button class="btn btn-sm btn-outline-secondary" type="submit">{}</button></form>',
            reverse("epidemic:riskarea_end", args=[record.pk]),
            token,
            _("End today"),
        )


class RiskAreaForm(ScopedForm):
    region = forms.CharField(label=_("Region code or name"), max_length=64)
    level = forms.ChoiceField(label=_("Risk level"), choices=RiskLevel.choices)
    valid_from = forms.DateField(
        label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_to = forms.DateField(
        label=_("Valid to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: until revoked."),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class RiskAreaImportForm(ScopedForm):
    file = forms.FileField(label=_("Risk areas (.xlsx)"))
