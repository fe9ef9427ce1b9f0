"""Tables of the observation area (core.tables). The prohibition table has no kind or reason
column on purpose: its readers may know who is kept from work, never why."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import django_tables2 as tables
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from fugong.core.permissions import may
from fugong.core.tables import EMPTY, BadgeColumn, ListTable, TimeColumn, cell, phone_hidden
from fugong.epidemic.models import Alert, Case, FollowUpSlot, Observation
from fugong.org.forms import person_label


class _PersonColumn(tables.Column):
    def render(self, value: Any, record: Any) -> Any:
        return person_label(value)


class CaseTable(ListTable):
    person = tables.LinkColumn(
        "epidemic:case_detail", args=[tables.A("pk")], accessor="person__name",
        order_by=("person__name_pinyin",), verbose_name=_("Person"), attrs=cell("list-name"),
    )  # fmt: skip
    classification = BadgeColumn(verbose_name=_("Classification"))
    enterprise = tables.Column(accessor="person__enterprise__name", verbose_name=_("Enterprise"))
    onset_on = tables.DateColumn(verbose_name=_("Onset date"), format="Y-m-d")
    first_positive_on = tables.DateColumn(
        verbose_name=_("First positive test"), format="Y-m-d", attrs=phone_hidden()
    )
    isolation_started_at = TimeColumn(verbose_name=_("Isolation started"), attrs=phone_hidden())

    class Meta(ListTable.Meta):
        model = Case
        fields = ("person", "classification", "enterprise", "onset_on")
        sequence = (*fields, "first_positive_on", "isolation_started_at")
        attrs = {**ListTable.Meta.attrs, "data-testid": "results-table"}
        empty_text = _("No cases match.")


class ObservationTable(ListTable):
    person = tables.LinkColumn(
        "epidemic:observation_detail", args=[tables.A("pk")], accessor="person__name",
        order_by=("person__name_pinyin",), verbose_name=_("Person"), attrs=cell("list-name"),
    )  # fmt: skip
    kind = tables.Column(verbose_name=_("Kind"))
    reason = tables.Column(verbose_name=_("Reason"), attrs=phone_hidden())
    enterprise = tables.Column(accessor="person__enterprise__name", verbose_name=_("Enterprise"))
    planned_end = TimeColumn(verbose_name=_("Planned end"))
    state = BadgeColumn(verbose_name=_("State"))
    last_follow_up = tables.Column(
        accessor="last_day", verbose_name=_("Latest follow-up"), orderable=False,
        attrs=cell("small text-nowrap"),
    )  # fmt: skip

    class Meta(ListTable.Meta):
        model = Observation
        fields = ("person", "kind", "enterprise", "planned_end", "state")
        sequence = (*fields, "last_follow_up", "reason")
        attrs = {**ListTable.Meta.attrs, "data-testid": "results-table"}
        empty_text = _("Nobody in this list.")

    def render_last_follow_up(self, value: Any, record: Any) -> Any:
        slot = FollowUpSlot(record.last_slot).label
        reading = (
            # One decimal: SQLite gives a subquery's decimal back unformatted.
            f"{Decimal(record.last_temperature):.1f} °C" if record.last_temperature is not None
            else _("missed")
        )  # fmt: skip
        return f"{value:%m-%d} {slot} · {reading}"


class ProhibitionTable(ListTable):
    person = _PersonColumn(
        verbose_name=_("Person"), order_by=("person__name_pinyin",), attrs=cell("list-name")
    )
    enterprise = tables.Column(accessor="person__enterprise__name", verbose_name=_("Enterprise"))
    prohibition_from = TimeColumn(verbose_name=_("Prohibited from"))
    prohibition_until = TimeColumn(verbose_name=_("Prohibited until"))

    class Meta(ListTable.Meta):
        model = Observation
        fields = ("person", "enterprise", "prohibition_from", "prohibition_until")
        attrs = {**ListTable.Meta.attrs, "data-testid": "results-table"}
        empty_text = _("Nobody is under a work prohibition today.")


class AlertTable(ListTable):
    message = tables.Column(verbose_name=_("Message"), attrs=cell("list-name"))
    kind = BadgeColumn(verbose_name=_("Kind"))
    enterprise = tables.Column(accessor="enterprise__name", verbose_name=_("Enterprise"))
    raised_at = TimeColumn(verbose_name=_("Raised at"))
    acknowledged_at = TimeColumn(verbose_name=_("Acknowledged"))
    webhook_state = tables.Column(verbose_name=_("Webhook"), attrs=phone_hidden())
    actions = tables.Column(
        accessor="pk", verbose_name=_("Action"), orderable=False, empty_values=()
    )

    class Meta(ListTable.Meta):
        model = Alert
        fields = ("message", "kind", "enterprise", "raised_at", "acknowledged_at")
        sequence = (*fields, "webhook_state", "actions")
        attrs = {**ListTable.Meta.attrs, "data-testid": "results-table"}
        empty_text = _("No alerts.")

    def render_message(self, value: str, record: Alert) -> Any:
        """An alert about an observation ("due:<pk>:…", "silent:<pk>:…") links to it."""
        kind, _sep, rest = record.ref.partition(":")
        pk = rest.split(":")[0]
        if kind in {"due", "silent"} and pk.isdigit():
            url = reverse("epidemic:observation_detail", args=[int(pk)])
            return format_html('<a href="{}">{}</a>', url, value)
        return value

    def render_actions(self, record: Alert) -> Any:
        """An acknowledge button on the open alerts, for the roles that may acknowledge."""
        request = getattr(self, "request", None)
        if record.acknowledged_at is not None or request is None:
            return EMPTY
        if not may(request.user, Alert, "change"):
            return EMPTY
        return format_html(
            '<form method="post" action="{}" class="d-inline">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<button class="btn btn-outline-secondary btn-sm" type="submit" '
            'data-testid="acknowledge-{}">{}</button></form>',
            reverse("epidemic:alert_acknowledge", args=[record.pk]),
            get_token(request),
            record.pk,
            _("Acknowledge"),
        )
