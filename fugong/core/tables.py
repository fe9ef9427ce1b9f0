"""Columns and the base table of every list page (django-tables2), defined once per model.

A table renders with our own Bootstrap template (``partials/list_table.html``): sortable headers
that keep the filters and answer through htmx, "—" in every empty cell, and on a phone one card
per row whose cells are labelled with their column header.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

EMPTY = "—"

# Bootstrap colours of the statuses, by stored value (they do not clash across models).
BADGE_COLOURS: Mapping[str, str] = {
    # enterprise status
    "active": "success",
    "suspended": "warning",
    "closed": "secondary",
    # person status
    "left": "secondary",
    # device state
    "revoked": "secondary",
    "expired": "warning",
    # personal information accesses by number search
    "search": "info",
    # data check findings: probable duplicates first, then stale records
    "same_name_birth_date": "danger",
    "shared_phone": "warning",
    "closed_enterprise": "secondary",
    "team_elsewhere": "info",
    "dormitory_elsewhere": "info",
    "stale_visitor": "light",
    # personal information accesses
    "view": "info",
    "export": "warning",
    # change history actions (auditlog's numbers)
    "0": "success",
    "1": "primary",
    "2": "danger",
    "3": "secondary",
}

# Classes of a column that a phone card leaves out (the details are one tap away).
PHONE_HIDDEN = "d-none d-md-table-cell"


def badge(value: Any, label: Any = None) -> SafeString:
    """A coloured Bootstrap badge for a status ``value`` (shown as ``label``, or the value)."""
    colour = BADGE_COLOURS.get(str(value), "secondary")
    text = "text-bg-light border" if colour == "light" else f"text-bg-{colour}"
    return format_html('<span class="badge {}">{}</span>', text, label if label else value)


class BadgeColumn(tables.Column):
    """A choice field shown as a coloured badge with its label."""

    def render(self, value: Any, record: Any, bound_column: Any) -> SafeString:
        raw = bound_column.accessor.resolve(record)
        return badge(raw, value)


class YesNoColumn(tables.Column):
    """A boolean as 是/否 words (a tick is easy to miss in a card)."""

    def render(self, value: Any) -> Any:
        return _("yes") if value else _("no")


class TimeColumn(tables.DateTimeColumn):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("format", "Y-m-d H:i")
        attrs = kwargs.setdefault("attrs", {})
        attrs.setdefault("td", {"class": "small text-nowrap"})
        super().__init__(*args, **kwargs)


def phone_hidden(css: str = "") -> dict[str, Any]:
    """Column attrs for a column left out of the phone card (``css``: more classes of the cell)."""
    return {"th": {"class": PHONE_HIDDEN}, "td": {"class": f"{PHONE_HIDDEN} {css}".strip()}}


def cell(css: str) -> dict[str, Any]:
    return {"td": {"class": css}}


class ListTable(tables.Table):
    """The base of every list table. The first column is the card title on a phone."""

    class Meta:
        template_name = "partials/list_table.html"
        attrs = {"class": "table table-sm table-hover align-middle list-table"}
        default = EMPTY
        empty_text = _("Nothing matches.")
        # The page size, the page and the sort are read by core.lists, not from Meta.
        order_by_field = "sort"
        page_field = "page"
