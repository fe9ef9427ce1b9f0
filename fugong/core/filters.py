"""The base of every list filter: one FilterSet serves the page, the export and the API.

A filter knows its actor. After the subclass has shaped its choices in ``restrict_choices``,
EVERY model-choice filter is restricted to ``queryset.restrict(actor)``, so a filter can never
name something the actor may not see (an out-of-scope id is an invalid choice, exactly like
one that does not exist). Reference data is opted out by name in ``unscoped_fields``; a
model-choice filter on a model without ``restrict`` that is not opted out fails at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import RangeWidget

from fugong.core.forms import (
    check_opt_outs,
    restrict_model_choices,
    restrict_queryset,
    style_fields,
)
from fugong.core.pickers import EnterpriseLabelChoiceField, attach_pickers

# The empty choice of every select filter (forms say "Please choose").
ALL = _("All")


class ScopedFilterSet(django_filters.FilterSet):
    """A FilterSet that knows its actor and offers only choices inside the actor's scope."""

    unscoped_fields: ClassVar[tuple[str, ...]] = ()

    def __init__(self, data: Any = None, queryset: Any = None, *, actor: Any = None, **kw: Any):
        super().__init__(data, queryset, **kw)
        self.actor = actor
        owner = type(self).__name__
        check_opt_outs(self.unscoped_fields, self.base_filters, owner)
        self.restrict_choices(actor)
        # The filters' own querysets are restricted (templates that list a filter's choices
        # read them), and so are the form's fields if a subclass built the form already.
        built = getattr(self, "_form", None) is not None
        for name, flt in self.filters.items():
            queryset = getattr(flt, "queryset", None)
            if isinstance(queryset, QuerySet) and name not in self.unscoped_fields:
                flt.queryset = restrict_queryset(queryset, actor, where=f"{owner}.{name}")
                flt.extra["queryset"] = flt.queryset
        fields = self.form.fields
        if built:
            restrict_model_choices(fields, actor, unscoped=self.unscoped_fields, owner=owner)
        style_fields(fields, ALL)
        for field in fields.values():
            if isinstance(field, forms.NullBooleanField):
                # The default labels read "Unknown / Yes / No"; as a filter, unknown means all.
                field.widget.choices = [("unknown", ALL), ("true", _("Yes")), ("false", _("No"))]
        attach_pickers(self, fields)

    def restrict_choices(self, actor: Any) -> None:
        """Shape the choices for ``actor`` (narrow by kind, …); the scope is applied after."""

    def chosen_id(self, name: str) -> int | None:
        """The id given for filter ``name`` in the data, when it is a number."""
        value = (self.data or {}).get(name, "")
        return int(value) if str(value).isdigit() else None


class EnterpriseLabelChoiceFilter(django_filters.ModelChoiceFilter):
    """A team or place filter whose options read 宁武栖凤煤矿 · 生产一班."""

    field_class = EnterpriseLabelChoiceField


# --- days ------------------------------------------------------------------------------------


class LocalDateRangeWidget(RangeWidget):
    """Two date inputs named ``<filter>_from`` and ``<filter>_to``."""

    suffixes = ["from", "to"]

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        dates = [forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d") for _ in range(2)]
        # RangeWidget's own __init__ would make text inputs; skip to the suffixed base.
        super(RangeWidget, self).__init__(dates, attrs)


class LocalDateRangeField(django_filters.fields.DateRangeField):
    widget = LocalDateRangeWidget


def local_day_start(day: dt.date) -> dt.datetime:
    """00:00 of ``day`` in the project's time zone (Asia/Shanghai), as an aware datetime."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_default_timezone())


class LocalDateRangeFilter(django_filters.Filter):
    """From/to local calendar days, both inclusive, on a timestamp field.

    ``date_from=2026-03-01&date_to=2026-03-02`` keeps ``2026-03-01 00:00:00`` to
    ``2026-03-02 23:59:59.999999`` Beijing time: a half-open range on the stored UTC instant
    (``>= start of from-day``, ``< start of the day after to-day``), which uses the index and
    is right across midnight in UTC+8, where ``__date`` on UTC would be off by eight hours.
    """

    field_class = LocalDateRangeField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", LocalDateRangeWidget())
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: slice | None) -> QuerySet:
        if not value:
            return qs
        if value.start is not None:
            qs = qs.filter(**{f"{self.field_name}__gte": local_day_start(value.start)})
        if value.stop is not None:
            next_day = value.stop + dt.timedelta(days=1)
            qs = qs.filter(**{f"{self.field_name}__lt": local_day_start(next_day)})
        return qs


def query_names(filterset_class: type[django_filters.FilterSet]) -> set[str]:
    """The query parameters a FilterSet reads (a range filter reads two)."""
    names: set[str] = set()
    for name, flt in filterset_class.base_filters.items():
        widget = flt.extra.get("widget") or flt.field_class.widget
        suffixes = getattr(widget, "suffixes", None)
        if isinstance(widget, type):
            widget = widget()
            suffixes = getattr(widget, "suffixes", None)
        if suffixes and isinstance(widget, forms.MultiWidget):
            names.update(f"{name}_{suffix}" if suffix else name for suffix in suffixes)
        else:
            names.add(name)
    return names
