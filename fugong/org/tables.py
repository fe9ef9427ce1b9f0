"""The tables of the organisation lists: columns defined once per model (core.tables)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from fugong.core.permissions import may
from fugong.core.tables import EMPTY, BadgeColumn, ListTable, YesNoColumn, cell, phone_hidden
from fugong.org.models import Enterprise, EnterpriseKind, Place, Region, Shift, Team
from fugong.people.models import Person


class EnterpriseTable(ListTable):
    name = tables.LinkColumn(
        "org:enterprise_detail", args=[tables.A("pk")], order_by=("name_pinyin",),
        verbose_name=_("Name"), attrs=cell("list-name"),
    )  # fmt: skip
    status = BadgeColumn(verbose_name=_("Status"))
    kind = tables.Column(verbose_name=_("Kind"))
    region = tables.Column(
        accessor="region__name", order_by=("region__code",), verbose_name=_("Region")
    )
    parent = tables.Column(
        accessor="parent__name", order_by=("parent__name_pinyin",), verbose_name=_("Group")
    )
    member_count = tables.Column(
        verbose_name=_("Member units"), attrs={"td": {"class": "text-md-end"}}
    )
    credit_code = tables.Column(
        verbose_name=_("Unified social credit code"),
        attrs=phone_hidden("font-monospace small"),
    )
    industry = tables.Column(verbose_name=_("Industry"), attrs=phone_hidden())

    class Meta(ListTable.Meta):
        model = Enterprise
        fields = ("name", "status", "kind", "region", "parent", "member_count")
        sequence = (*fields, "credit_code", "industry")
        attrs = {**ListTable.Meta.attrs, "data-testid": "results-table"}
        empty_text = _("No enterprises match.")

    def render_member_count(self, value: int, record: Enterprise) -> Any:
        return value if record.kind == EnterpriseKind.GROUP else EMPTY


class PlaceTable(ListTable):
    name = tables.LinkColumn(
        "org:place_detail", args=[tables.A("pk")], verbose_name=_("Name"), attrs=cell("list-name")
    )
    kind = tables.Column(verbose_name=_("Kind"))
    enterprise = tables.Column(
        accessor="enterprise__name", order_by=("enterprise__name_pinyin",),
        verbose_name=_("Enterprise"),
    )  # fmt: skip
    headcount_limit = tables.Column(
        verbose_name=_("Headcount limit"), attrs={"td": {"class": "text-md-end"}}
    )
    is_active = YesNoColumn(verbose_name=_("In use"))
    code = tables.Column(verbose_name=_("Code"), attrs=phone_hidden())
    parent = tables.Column(accessor="parent__name", verbose_name=_("Inside"), attrs=phone_hidden())

    class Meta(ListTable.Meta):
        model = Place
        fields = ("name", "kind", "enterprise", "headcount_limit", "is_active", "code", "parent")
        attrs = {**ListTable.Meta.attrs, "data-testid": "results-table"}
        empty_text = _("No places match.")


class TeamTable(ListTable):
    name = tables.LinkColumn(
        "org:team_detail", args=[tables.A("pk")], verbose_name=_("Name"), attrs=cell("list-name")
    )
    enterprise = tables.Column(
        accessor="enterprise__name", order_by=("enterprise__name_pinyin",),
        verbose_name=_("Enterprise"),
    )  # fmt: skip
    # ``leader_name`` is annotated through the person scope (org.selectors.team_list): roles
    # that see no people see "—", and sort by nothing they cannot see.
    leader = tables.Column(
        accessor="leader_name", order_by=("leader_name",), verbose_name=_("Team leader")
    )
    is_underground = YesNoColumn(verbose_name=_("Works underground"))

    class Meta(ListTable.Meta):
        model = Team
        fields = ("name", "enterprise", "leader", "is_underground")
        attrs = {**ListTable.Meta.attrs, "data-testid": "results-table"}
        empty_text = _("No teams match.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = kwargs.get("request")
        if request is not None and not may(request.user, Person, "view"):
            # Departments and leaders see no people: no column of dashes either.
            self.columns.hide("leader")


class ShiftTable(ListTable):
    name = tables.LinkColumn(
        "org:shift_detail", args=[tables.A("pk")], verbose_name=_("Name"), attrs=cell("list-name")
    )
    kind = tables.Column(verbose_name=_("Kind"))
    enterprise = tables.Column(
        accessor="enterprise__name", order_by=("enterprise__name_pinyin",),
        verbose_name=_("Enterprise"),
    )  # fmt: skip
    start_time = tables.TimeColumn(format="H:i", verbose_name=_("Starts at"))
    end_time = tables.TimeColumn(format="H:i", verbose_name=_("Ends at"))

    class Meta(ListTable.Meta):
        model = Shift
        fields = ("name", "kind", "enterprise", "start_time", "end_time")
        attrs = {**ListTable.Meta.attrs, "data-testid": "results-table"}
        empty_text = _("No shifts match.")

    def render_end_time(self, value: Any, record: Shift) -> Any:
        if not record.crosses_midnight:
            return f"{value:%H:%M}"
        return format_html(
            '{} <span class="badge text-bg-secondary">{}</span>', f"{value:%H:%M}", _("next day")
        )


class RegionTable(ListTable):
    name = tables.Column(verbose_name=_("Name"), attrs=cell("list-name"))
    code = tables.Column(verbose_name=_("Region code"), attrs=cell("font-monospace"))
    level = tables.Column(verbose_name=_("Level"))
    parent = tables.Column(
        accessor="parent__name", order_by=("parent__code",), verbose_name=_("Parent region")
    )
    enterprises = tables.TemplateColumn(
        '{% load i18n %}<a href="{% url \'org:enterprise_list\' %}?region={{ record.pk }}">'
        '{% translate "Enterprises" %}</a>',
        verbose_name=_("Enterprises"), orderable=False,
    )  # fmt: skip

    class Meta(ListTable.Meta):
        model = Region
        fields = ("name", "code", "level", "parent", "enterprises")
        attrs = {**ListTable.Meta.attrs, "data-testid": "results-table"}
        empty_text = _("No regions match.")
