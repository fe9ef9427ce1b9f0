"""The tables of the audit pages (core.tables): who saw personal information, who changed what."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from fugong.audit.models import PiiAccess
from fugong.audit.selectors import changed_field_labels
from fugong.core.audit import action_label
from fugong.core.tables import EMPTY, BadgeColumn, ListTable, badge, cell, phone_hidden


class PiiAccessTable(ListTable):
    at = tables.DateTimeColumn(
        format="Y-m-d H:i:s", verbose_name=_("Time"), attrs=cell("list-name small text-nowrap")
    )
    user = tables.Column(order_by=("user__username",), verbose_name=_("User"))
    action = BadgeColumn(verbose_name=_("Action"))
    person = tables.Column(
        accessor="person__name", order_by=("person__name_pinyin",), verbose_name=_("Person")
    )
    record_count = tables.Column(verbose_name=_("Records"), attrs=cell("text-md-end"))
    detail = tables.Column(verbose_name=_("Detail"), attrs=cell("small"), orderable=False)
    ip_address = tables.Column(
        verbose_name=_("IP address"), attrs=phone_hidden("small font-monospace")
    )

    class Meta(ListTable.Meta):
        model = PiiAccess
        fields = ("at", "user", "action", "person", "record_count", "detail", "ip_address")
        attrs = {**ListTable.Meta.attrs, "data-testid": "pii-access-table"}
        empty_text = _("No accesses recorded.")

    def render_person(self, value: str, record: PiiAccess) -> Any:
        url = reverse("people:person_detail", args=[record.person_id])
        return format_html('<a href="{}">{}</a>', url, value)


class ChangeTable(ListTable):
    timestamp = tables.DateTimeColumn(
        format="Y-m-d H:i:s", verbose_name=_("Time"), attrs=cell("list-name small text-nowrap")
    )
    actor = tables.Column(
        order_by=("actor__username",), verbose_name=_("User"), default=_("system")
    )
    action = tables.Column(verbose_name=_("Action"))
    record = tables.Column(
        accessor="object_repr", order_by=("content_type__model", "object_repr"),
        verbose_name=_("Record"),
    )  # fmt: skip
    changed_fields = tables.Column(
        accessor="pk", verbose_name=_("Changed fields"), orderable=False, attrs=cell("small")
    )

    class Meta(ListTable.Meta):
        model = LogEntry
        fields = ("timestamp", "actor", "action", "record", "changed_fields")
        attrs = {**ListTable.Meta.attrs, "data-testid": "change-table"}
        empty_text = _("No changes recorded.")

    def render_action(self, record: LogEntry) -> Any:
        return badge(record.action, action_label(record))

    def render_record(self, value: str, record: LogEntry) -> Any:
        return format_html(
            '<span class="text-muted small">{}</span> {}', record.content_type.name, value
        )

    def render_changed_fields(self, record: LogEntry) -> Any:
        return ", ".join(changed_field_labels(record)) or EMPTY
