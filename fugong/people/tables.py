"""The tables of the people directory and of the data check findings (core.tables)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fugong.core.tables import BadgeColumn, ListTable, TimeColumn, badge, cell, phone_hidden
from fugong.people.models import DataCheckFinding, Person


class PersonTable(ListTable):
    """ID numbers and phones are always masked in a list, whatever the role (PIPL)."""

    name = tables.LinkColumn(
        "people:person_detail", args=[tables.A("pk")], order_by=("name_pinyin", "pk"),
        verbose_name=pgettext_lazy("person", "Name"), attrs=cell("list-name text-nowrap"),
    )  # fmt: skip
    status = BadgeColumn(verbose_name=_("Status"))
    enterprise = tables.Column(
        accessor="enterprise__name", order_by=("enterprise__name_pinyin", "name_pinyin"),
        verbose_name=_("Enterprise"),
    )  # fmt: skip
    team = tables.Column(
        accessor="team__name", order_by=("team__name", "name_pinyin"), verbose_name=_("Team")
    )
    category = tables.Column(verbose_name=_("Category"))
    id_number = tables.Column(
        accessor="id_number_masked", order_by=("id_tail",), verbose_name=_("Resident ID number"),
        attrs=cell("font-monospace small text-nowrap"),
    )  # fmt: skip
    phone = tables.Column(
        accessor="phone_masked", order_by=("phone_tail",), verbose_name=_("Phone"),
        attrs=cell("font-monospace small text-nowrap"),
    )  # fmt: skip

    class Meta(ListTable.Meta):
        model = Person
        fields = ("name", "status", "enterprise", "team", "category", "id_number", "phone")
        attrs = {**ListTable.Meta.attrs, "data-testid": "person-table"}
        empty_text = _("Nobody matches.")


def _person_link(pk: int | None, name: str) -> Any:
    return format_html('<a href="{}">{}</a>', reverse("people:person_detail", args=[pk]), name)


class FindingTable(ListTable):
    person = tables.Column(
        accessor="person__name", order_by=("person__name_pinyin",), verbose_name=_("Person"),
        attrs=cell("list-name text-nowrap"),
    )  # fmt: skip
    kind = BadgeColumn(verbose_name=_("Finding"), attrs=cell("finding-kind"))
    other_person = tables.Column(
        accessor="other_person__name", order_by=("other_person__name_pinyin",),
        verbose_name=_("Resembles"), attrs=cell("text-nowrap"),
    )  # fmt: skip
    enterprise = tables.Column(
        accessor="enterprise__name", order_by=("enterprise__name_pinyin",),
        verbose_name=_("Enterprise"),
    )  # fmt: skip
    first_found_at = TimeColumn(verbose_name=_("First found"), attrs=phone_hidden("small"))
    last_seen_at = TimeColumn(verbose_name=_("Last seen"))

    class Meta(ListTable.Meta):
        model = DataCheckFinding
        fields = ("person", "kind", "other_person", "enterprise", "first_found_at", "last_seen_at")
        attrs = {**ListTable.Meta.attrs, "data-testid": "finding-table"}
        empty_text = _("No open findings.")

    def render_person(self, value: str, record: DataCheckFinding) -> Any:
        return _person_link(record.person_id, value)

    def render_other_person(self, value: str, record: DataCheckFinding) -> Any:
        return _person_link(record.other_person_id, value)

    def render_kind(self, value: str, record: DataCheckFinding) -> Any:
        if not record.detail:
            return badge(record.kind, value)
        return format_html(
            '{}<div class="small text-muted font-monospace">{}</div>',
            badge(record.kind, value),
            record.detail,
        )
