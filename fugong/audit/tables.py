"""The tables of the audit pages (core.tables): who saw personal information, who changed what."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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
    # What was seen, in words (audit.sentences); the stored detail is the cell's tooltip.
    sentence = tables.Column(
        accessor="pk", verbose_name=_("What was accessed"), orderable=False, empty_values=()
    )
    record_count = tables.Column(verbose_name=_("Records"), attrs=cell("text-md-end"))
    ip_address = tables.Column(
        verbose_name=_("IP address"), attrs=phone_hidden("small font-monospace")
    )

    class Meta(ListTable.Meta):
        model = PiiAccess
        fields = ("at", "user", "action", "sentence", "record_count", "ip_address")
        attrs = {**ListTable.Meta.attrs, "data-testid": "pii-access-table"}
        empty_text = _("No accesses recorded.")

    def render_sentence(self, record: PiiAccess) -> Any:
        sentence = getattr(record, "sentence", "") or EMPTY
        if record.person_id:
            url = reverse("people:person_detail", args=[record.person_id])
            sentence = format_html('<a href="{}">{}</a>', url, sentence)
        return format_html(
            '<span data-testid="access-sentence" title="{}">{}</span>', record.detail, sentence
        )


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
        # A roster import is one row (audit.selectors.describe_changes): the file and its size.
        rows = getattr(record, "import_rows", 0)
        if getattr(record, "import_file", "") or rows:
            text = ngettext(
                "Roster import %(file)s: %(rows)s person",
                "Roster import %(file)s: %(rows)s people",
                rows,
            ) % {"file": record.import_file or EMPTY, "rows": rows}
            if record.import_enterprise:
                text = f"{text} · {record.import_enterprise}"
            return format_html('<span data-testid="import-row">{}</span>', text)
        name = value
        if getattr(record, "url", ""):
            name = format_html('<a href="{}">{}</a>', record.url, value)
        return format_html(
            '<span class="text-muted small">{}</span> {}', record.content_type.name, name
        )

    def render_changed_fields(self, record: LogEntry) -> Any:
        labels = getattr(record, "changed_fields", None)
        if labels is None:
            labels = changed_field_labels(record)
        return "、".join(labels) or EMPTY
