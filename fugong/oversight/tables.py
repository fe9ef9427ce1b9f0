"""Tables of the oversight lists (core.tables): columns defined once per model."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from fugong.core.tables import ListTable, TimeColumn, cell, phone_hidden
from fugong.oversight.models import KeyProject, Measure, Pairing, Ticket, Visit
from fugong.oversight.tickets import is_overdue


class PairingTable(ListTable):
    enterprise = tables.Column(
        accessor="enterprise__name", order_by=("enterprise__name_pinyin",),
        verbose_name=_("Enterprise"), attrs=cell("list-name"),
    )  # fmt: skip
    leader = tables.Column(verbose_name=_("Leader"))
    starts_on = tables.DateColumn(verbose_name=_("Starts on"))
    ends_on = tables.DateColumn(verbose_name=_("Ends on"))
    region = tables.Column(
        accessor="enterprise__region__name", verbose_name=_("Region"), attrs=phone_hidden()
    )

    class Meta(ListTable.Meta):
        model = Pairing
        fields = ("enterprise", "leader", "starts_on", "ends_on", "region")
        empty_text = _("No pairings.")


class EndablePairingTable(PairingTable):
    """City command's list: an open pairing can be ended from its row."""

    end = tables.Column(accessor="pk", verbose_name="", orderable=False)

    class Meta(PairingTable.Meta):
        sequence = ("enterprise", "leader", "starts_on", "ends_on", "region", "end")

    def render_end(self, value: int, record: Pairing) -> Any:
        if record.ends_on is not None and record.ends_on < timezone.localdate():
            return "—"
        return format_html(
            '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" '
            'value="{}"><button class="btn btn-outline-danger btn-sm" data-testid="end">{}'
            "</button></form>",
            reverse("oversight:pairing_end", args=[value]),
            get_token(self.request),
            _("End pairing"),
        )


class KeyProjectTable(ListTable):
    name = tables.LinkColumn(
        "oversight:project_detail", args=[tables.A("pk")], verbose_name=_("Name"),
        attrs=cell("list-name"),
    )  # fmt: skip
    status = tables.Column(verbose_name=_("Status"))
    enterprise = tables.Column(accessor="enterprise__name", verbose_name=_("Enterprise"))
    region = tables.Column(accessor="region__name", verbose_name=_("Region"))

    class Meta(ListTable.Meta):
        model = KeyProject
        fields = ("name", "status", "enterprise", "region")
        empty_text = _("No key projects.")


class VisitTable(ListTable):
    enterprise = tables.LinkColumn(
        "oversight:visit_detail", args=[tables.A("pk")], accessor="enterprise__name",
        verbose_name=_("Enterprise"), attrs=cell("list-name"),
    )  # fmt: skip
    visited_on = tables.DateColumn(verbose_name=_("Date of visit"))
    mode = tables.Column(verbose_name=_("How"))
    leader = tables.Column(verbose_name=_("Leader"))
    findings = tables.Column(verbose_name=_("Findings"), attrs=phone_hidden("small"))

    class Meta(ListTable.Meta):
        model = Visit
        fields = ("enterprise", "visited_on", "mode", "leader", "findings")
        empty_text = _("No visits.")


# Open work in blue and orange, answers in cyan, closure in green.
STATE_COLOURS = {
    "submitted": "primary",
    "accepted": "primary",
    "in_progress": "warning",
    "reopened": "warning",
    "answered": "info",
    "confirmed": "success",
}


class TicketTable(ListTable):
    description = tables.LinkColumn(
        "oversight:ticket_detail", args=[tables.A("pk")], verbose_name=_("Problem"),
        attrs=cell("list-name"),
    )  # fmt: skip
    state = tables.Column(verbose_name=_("State"))
    enterprise = tables.Column(
        accessor="enterprise__name", order_by=("enterprise__name_pinyin",),
        verbose_name=_("Enterprise"),
    )  # fmt: skip
    category = tables.Column(verbose_name=_("Problem category"))
    department = tables.Column(verbose_name=_("Department"))
    due_at = TimeColumn(verbose_name=_("Due at"))
    escalation_count = tables.Column(verbose_name=_("Escalated"), orderable=False)

    class Meta(ListTable.Meta):
        model = Ticket
        fields = ("description", "state", "enterprise", "category", "department", "due_at")
        sequence = (*fields, "escalation_count")
        attrs = {**ListTable.Meta.attrs, "data-testid": "ticket-table"}
        empty_text = _("No problem tickets.")

    def render_state(self, value: str, record: Ticket) -> Any:
        colour = STATE_COLOURS.get(record.state, "secondary")
        return format_html('<span class="badge text-bg-{}">{}</span>', colour, value)

    def render_description(self, value: str) -> str:
        return value if len(value) <= 40 else value[:40] + "…"

    def render_due_at(self, value: Any, record: Ticket) -> Any:
        text = timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
        if is_overdue(record):
            return format_html('<span class="text-danger fw-bold">{} ⚠</span>', text)
        return text

    def render_escalation_count(self, value: int) -> Any:
        if not value:
            return "—"
        return format_html('<span class="badge text-bg-danger">{}</span>', _("escalated"))


class MeasureTable(ListTable):
    title = tables.Column(verbose_name=_("Measure"), attrs=cell("list-name"))
    enterprise = tables.Column(accessor="enterprise__name", verbose_name=_("Enterprise"))
    owner = tables.Column(verbose_name=_("Owner"))
    deadline = tables.DateColumn(verbose_name=_("Deadline"))
    state = tables.Column(verbose_name=_("State"))

    class Meta(ListTable.Meta):
        model = Measure
        fields = ("title", "enterprise", "owner", "deadline", "state")
        attrs = {**ListTable.Meta.attrs, "data-testid": "measure-table"}
        empty_text = _("No measures.")

    def render_deadline(self, value: Any, record: Measure) -> Any:
        """An open measure past its deadline is shown in red."""
        if record.is_overdue:
            return format_html(
                '<span class="text-danger fw-bold" data-testid="overdue">{}</span>', value
            )
        return value


class EditableMeasureTable(MeasureTable):
    """The same list for those who may edit: each row links to its form."""

    edit = tables.LinkColumn(
        "oversight:measure_edit", args=[tables.A("pk")], text=_("Edit"), orderable=False,
        verbose_name="", accessor="pk",
    )  # fmt: skip

    class Meta(MeasureTable.Meta):
        sequence = ("title", "enterprise", "owner", "deadline", "state", "edit")
