"""The filter and the table of the screening records page (测温记录), shared by the page and its
.xlsx export. People are shown with masked ID numbers; a visitor by the name they gave."""

from __future__ import annotations

from typing import Any

import django_filters
import django_tables2 as tables
from django.db.models import QuerySet
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from fugong.core.filters import EnterpriseLabelChoiceFilter, LocalDateRangeFilter, ScopedFilterSet
from fugong.core.tables import ListTable, TimeColumn, phone_hidden
from fugong.epidemic.models import Screening, ScreeningResult
from fugong.epidemic.models.common import symptom_labels
from fugong.epidemic.selectors.screening_list import fever_q, is_fever
from fugong.org.models import Enterprise, Place, PlaceKind

RESULT_COLOURS = {
    ScreeningResult.PASS: "success",
    ScreeningResult.REMEASURE: "warning",
    ScreeningResult.DENY: "danger",
}


class ScreeningFilter(ScopedFilterSet):
    """Local days (Asia/Shanghai; the page defaults to today), checkpoint, enterprise, result,
    fevers only (against the threshold of each reading's day: the queryset comes from
    ``screening_rows``). Checkpoints and enterprises offered are those of the actor's scope."""

    day = LocalDateRangeFilter(field_name="measured_at", label=_("Days"))
    place = EnterpriseLabelChoiceFilter(
        queryset=Place.objects.filter(kind=PlaceKind.CHECKPOINT).select_related("enterprise"),
        label=_("Checkpoint"),
    )
    enterprise = django_filters.ModelChoiceFilter(
        queryset=Enterprise.objects.only("id", "name").order_by("name"), label=_("Enterprise")
    )
    result = django_filters.ChoiceFilter(choices=ScreeningResult.choices, label=_("Result"))
    fever = django_filters.BooleanFilter(method="filter_fever", label=_("Fever only"))

    class Meta:
        model = Screening
        fields = ["day", "place", "enterprise", "result", "fever"]

    def filter_fever(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(fever_q()) if value else queryset.exclude(fever_q())


def who(record: Screening) -> tuple[str, str]:
    """The person's name and masked ID number, or "Visitor" and the name they gave."""
    if record.person is not None:
        return record.person.name, record.person.id_number_masked
    return str(_("Visitor")), record.visitor_name


def recorded_by(record: Screening) -> str:
    if record.operator is not None:
        return str(record.operator)
    return record.device.name if record.device is not None else ""


class ScreeningTable(ListTable):
    measured_at = TimeColumn(verbose_name=_("Measured at"), format="Y-m-d H:i:s")
    person = tables.Column(
        empty_values=(), order_by=("person__name_pinyin", "visitor_name"),
        verbose_name=_("Person"),
    )  # fmt: skip
    temperature = tables.Column(verbose_name=_("Temperature (°C)"))
    result = tables.Column(verbose_name=_("Result"))
    place = tables.Column(accessor="place__name", verbose_name=_("Checkpoint"))
    enterprise = tables.Column(
        accessor="enterprise__name", order_by=("enterprise__name_pinyin",),
        verbose_name=_("Enterprise"), attrs=phone_hidden(),
    )  # fmt: skip
    symptoms = tables.Column(verbose_name=_("Symptoms"), orderable=False)
    deny_reason = tables.Column(verbose_name=_("Reason for denial"), attrs=phone_hidden())
    recorded_by = tables.Column(
        empty_values=(), orderable=False, verbose_name=_("Operator or device"),
        attrs=phone_hidden(),
    )  # fmt: skip

    class Meta(ListTable.Meta):
        model = Screening
        fields = ("measured_at", "person", "temperature", "result", "place", "enterprise",
                  "symptoms", "deny_reason", "recorded_by")  # fmt: skip
        attrs = {**ListTable.Meta.attrs, "data-testid": "screening-table"}
        empty_text = _("No screenings match.")

    def render_person(self, record: Screening) -> SafeString:
        name, detail = who(record)
        css = "font-monospace" if record.person is not None else ""
        return format_html(
            '{} <span class="small text-muted {}">{}</span>', name, css, detail or ""
        )

    def render_temperature(self, value: Any, record: Screening) -> SafeString:
        text = f"{value:.1f}"
        if is_fever(record):
            return format_html('<span class="badge text-bg-danger" data-fever>{}</span>', text)
        return format_html("{}", text)

    def render_result(self, value: Any, record: Screening) -> SafeString:
        colour = RESULT_COLOURS.get(record.result, "secondary")  # type: ignore[call-overload]
        return format_html('<span class="badge text-bg-{}">{}</span>', colour, value)

    def render_symptoms(self, value: list[str]) -> str:
        return "、".join(symptom_labels(value)) or "—"

    def render_recorded_by(self, record: Screening) -> str:
        return recorded_by(record) or "—"
