"""The application list table (core.tables)."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from fugong.core.tables import BadgeColumn, ListTable, TimeColumn, cell, phone_hidden
from fugong.resumption.models import Application


class ApplicationTable(ListTable):
    enterprise = tables.LinkColumn(
        "resumption:application_detail", args=[tables.A("pk")], accessor="enterprise__name",
        order_by=("enterprise__name",), verbose_name=_("Enterprise"), attrs=cell("list-name"),
    )  # fmt: skip
    status = BadgeColumn(verbose_name=_("Status"))
    planned_on = tables.DateColumn(verbose_name=_("Planned resumption date"))
    due_at = TimeColumn(verbose_name=_("Decision due at"), attrs=phone_hidden())
    notice_number = tables.Column(verbose_name=_("Notice number"), attrs=phone_hidden())

    class Meta(ListTable.Meta):
        model = Application
        fields = ("enterprise", "status", "planned_on", "due_at", "notice_number")
        attrs = {**ListTable.Meta.attrs, "data-testid": "results-table"}
        empty_text = _("No applications yet.")
