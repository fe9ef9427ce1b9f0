"""The device list's table (core.tables): state badge, places, and the revoke button."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from fugong.accounts.models import DeviceToken
from fugong.core.tables import EMPTY, ListTable, TimeColumn, badge, cell, phone_hidden


class DeviceTable(ListTable):
    name = tables.Column(verbose_name=_("Name"), attrs=cell("list-name"))
    state = tables.Column(
        accessor="revoked_at", order_by=("revoked_at",), verbose_name=_("State"), empty_values=()
    )
    enterprise = tables.Column(
        accessor="enterprise__name", order_by=("enterprise__name_pinyin",),
        verbose_name=_("Enterprise"),
    )  # fmt: skip
    places = tables.Column(accessor="pk", verbose_name=_("Places"), orderable=False)
    token_prefix = tables.Column(
        verbose_name=_("Token starts with"), attrs=phone_hidden(), orderable=False
    )
    last_used_at = TimeColumn(verbose_name=_("Last used"), attrs=phone_hidden("small"))
    actions = tables.Column(
        accessor="pk", verbose_name="", orderable=False, attrs=cell("text-md-end list-actions")
    )

    class Meta(ListTable.Meta):
        model = DeviceToken
        fields = ("name", "state", "enterprise", "places", "token_prefix", "last_used_at")
        attrs = {**ListTable.Meta.attrs, "data-testid": "results-table"}
        row_attrs = {"data-testid": "device-row"}
        empty_text = _("No devices match.")

    def render_state(self, record: DeviceToken) -> Any:
        if record.revoked_at:
            revoked = f"{_('Revoked')} {record.revoked_at:%Y-%m-%d}"
            return badge("revoked", revoked)
        if record.expires_at is not None:
            at = timezone.localtime(record.expires_at).strftime("%Y-%m-%d %H:%M")
            if record.is_expired():
                expired = badge("expired", f"{pgettext('device', 'Expired')} {at}")
                return format_html('<span data-testid="expired">{}</span>', expired)
            until = _("until %(at)s") % {"at": at}
            active = badge("active", pgettext_lazy("device", "Active"))
            return format_html('{} <span class="small text-muted">{}</span>', active, until)
        return badge("active", pgettext_lazy("device", "Active"))

    def render_places(self, record: DeviceToken) -> Any:
        names = [place.name for place in record.places.all()]  # prefetched
        return ", ".join(names) or EMPTY

    def render_token_prefix(self, value: str) -> Any:
        return format_html("<code>{}…</code>", value)

    def render_actions(self, record: DeviceToken) -> Any:
        if record.revoked_at:
            return ""
        return render_to_string(
            "accounts/partials/device_revoke.html", {"device": record}, request=self.request
        )
