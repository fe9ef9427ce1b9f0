"""The table of the daily report list (core.tables)."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from fugong.core.tables import ListTable, TimeColumn, YesNoColumn, cell, phone_hidden
from fugong.dailyreport.models import DailyReport

RIGHT = {"td": {"class": "text-md-end"}}


class DailyReportTable(ListTable):
    enterprise = tables.LinkColumn(
        "dailyreport:report_detail", args=[tables.A("pk")], accessor="enterprise__name",
        order_by=("enterprise__name_pinyin",), verbose_name=_("Enterprise"),
        attrs=cell("list-name"),
    )  # fmt: skip
    day = tables.DateColumn(verbose_name=_("Day reported"))
    operating = YesNoColumn(verbose_name=_("Operating"))
    staff_on_duty = tables.Column(verbose_name=_("Staff on duty"), attrs=RIGHT)
    normal_headcount = tables.Column(verbose_name=_("Normal headcount"), attrs=RIGHT)
    output = tables.Column(verbose_name=_("Output"), attrs=RIGHT)
    late = YesNoColumn(verbose_name=_("Late"))
    flagged = YesNoColumn(verbose_name=_("Flagged"))
    confirmed_at = TimeColumn(verbose_name=_("Confirmed at"), attrs=phone_hidden())
    submitted_at = TimeColumn(verbose_name=_("Submitted at"), attrs=phone_hidden())

    class Meta(ListTable.Meta):
        model = DailyReport
        fields = (
            "enterprise", "day", "operating", "staff_on_duty", "normal_headcount", "output",
            "late", "flagged", "confirmed_at", "submitted_at",
        )  # fmt: skip
        attrs = {**ListTable.Meta.attrs, "data-testid": "results-table"}
        empty_text = _("No daily reports match.")
