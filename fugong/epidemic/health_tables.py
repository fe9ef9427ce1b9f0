"""Tables of the health lists (django-tables2). People are always shown with masked IDs."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from fugong.core.permissions import may
from fugong.core.tables import BadgeColumn, ListTable, TimeColumn, cell, phone_hidden
from fugong.epidemic.models import Appeal, CheckIn, Colour, HealthStatus, Symptom, TravelDeclaration
from fugong.people.models import Person

COLOUR_CSS = {Colour.GREEN: "success", Colour.YELLOW: "warning", Colour.RED: "danger"}


def colour_badge(value: str) -> SafeString:
    css = COLOUR_CSS.get(value, "secondary")  # type: ignore[call-overload]
    label = Colour(value).label if value in Colour.values else value
    return format_html('<span class="badge text-bg-{} code-{}">{}</span>', css, value, label)


def person_cell(person: Person) -> SafeString:
    url = reverse("epidemic:health_status_detail", args=[person.pk])
    return format_html(
        '<a href="{}">{}</a> <span class="small text-muted font-monospace">{}</span>',
        url,
        person.name,
        person.id_number_masked,
    )


class _PersonTable(ListTable):
    person = tables.Column(
        accessor="person__name", order_by=("person__name_pinyin", "pk"),
        verbose_name=_("Person"), attrs=cell("list-name"),
    )  # fmt: skip
    enterprise = tables.Column(
        accessor="person__enterprise__name", order_by=("person__enterprise__name_pinyin",),
        verbose_name=_("Enterprise"), attrs=phone_hidden(),
    )  # fmt: skip

    def render_person(self, record: Any) -> SafeString:
        return person_cell(record.person)


class CheckInTable(_PersonTable):
    day = tables.Column(verbose_name=_("Day"))
    temperature = tables.Column(verbose_name=_("Temperature (°C)"))
    symptoms = tables.Column(verbose_name=_("Symptoms"), orderable=False)
    location = tables.Column(verbose_name=_("Current location"), attrs=phone_hidden())
    travelled = tables.BooleanColumn(verbose_name=_("Travelled"))
    submitted_at = TimeColumn(verbose_name=_("Submitted at"))
    submitted_by = tables.Column(verbose_name=_("Submitted by"), attrs=phone_hidden())

    class Meta(ListTable.Meta):
        model = CheckIn
        fields = ("person", "day", "temperature", "symptoms", "location", "travelled",
                  "submitted_at", "submitted_by", "enterprise")  # fmt: skip
        attrs = {**ListTable.Meta.attrs, "data-testid": "checkin-table"}
        empty_text = _("No check-ins.")

    def render_symptoms(self, value: list[str]) -> str:
        labels = dict(Symptom.choices)
        return "、".join(str(labels.get(v, v)) for v in value) or "—"


class MissingTable(ListTable):
    name = tables.Column(order_by=("name_pinyin", "pk"), verbose_name=_("Person"),
                         attrs=cell("list-name"))  # fmt: skip
    id_number = tables.Column(accessor="id_number_masked", order_by=("id_tail",),
                              verbose_name=_("Resident ID number"))  # fmt: skip
    enterprise = tables.Column(accessor="enterprise__name", verbose_name=_("Enterprise"))
    team = tables.Column(accessor="team__name", verbose_name=_("Team"))

    class Meta(ListTable.Meta):
        model = Person
        fields = ("name", "id_number", "enterprise", "team")
        attrs = {**ListTable.Meta.attrs, "data-testid": "missing-table"}
        empty_text = _("Everyone has reported today.")

    def render_name(self, record: Person) -> SafeString:
        url = reverse("epidemic:health_status_detail", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, record.name)


class TravelTable(_PersonTable):
    arrived_on = tables.Column(verbose_name=_("Arrived on"))
    transport = tables.Column(verbose_name=_("Transport"))
    transport_number = tables.Column(verbose_name=_("Train or flight number"))
    stops = tables.Column(empty_values=(), orderable=False, verbose_name=_("Regions visited"))

    class Meta(ListTable.Meta):
        model = TravelDeclaration
        fields = ("person", "arrived_on", "transport", "transport_number", "stops", "enterprise")
        attrs = {**ListTable.Meta.attrs, "data-testid": "travel-table"}
        empty_text = _("No travel declared.")

    def render_stops(self, record: TravelDeclaration) -> str:
        return "；".join(
            f"{s.region.name} {s.arrived_on:%m-%d}–{s.left_on:%m-%d}" for s in record.stops.all()
        )


class StatusTable(_PersonTable):
    colour = tables.Column(verbose_name=_("Colour"))
    computed_at = TimeColumn(verbose_name=_("Computed at"))

    class Meta(ListTable.Meta):
        model = HealthStatus
        fields = ("person", "colour", "computed_at", "enterprise")
        attrs = {**ListTable.Meta.attrs, "data-testid": "status-table"}
        empty_text = _("Nobody matches.")

    def render_colour(self, value: str, record: HealthStatus) -> SafeString:
        return colour_badge(record.colour)


class AppealTable(_PersonTable):
    state = BadgeColumn(verbose_name=_("State"))
    colour_appealed = tables.Column(verbose_name=_("Colour appealed"))
    created_at = TimeColumn(verbose_name=_("Filed at"))
    text = tables.Column(verbose_name=_("Grounds"), orderable=False, attrs=phone_hidden())
    decide = tables.Column(empty_values=(), orderable=False, verbose_name="")

    class Meta(ListTable.Meta):
        model = Appeal
        fields = ("person", "state", "colour_appealed", "created_at", "text", "enterprise")
        attrs = {**ListTable.Meta.attrs, "data-testid": "appeal-table"}
        empty_text = _("No appeals.")

    def render_colour_appealed(self, record: Appeal) -> SafeString:
        return colour_badge(record.colour_appealed)

    def render_decide(self, record: Appeal) -> Any:
        if record.state != "open" or not may(self.request.user, Appeal, "decide"):
            return "—"
        url = reverse("epidemic:health_appeal_decide", args=[record.pk])
        return format_html('<a class="btn btn-sm btn-primary" href="{}">{}</a>', url, _("Decide"))
