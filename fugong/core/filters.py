"""The base of every list filter: one FilterSet serves the page, the export and the API.

A filter knows its actor and narrows the choices of its foreign-key filters to the actor's
scope, so a filter can never name something the actor may not see (an out-of-scope id is an
invalid choice, exactly like one that does not exist).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

# The empty choice of every select filter.
ALL = _("All")


class ScopedFilterSet(django_filters.FilterSet):
    """A FilterSet that knows its actor; subclasses restrict their choices in ``restrict``."""

    def __init__(self, data: Any = None, queryset: Any = None, *, actor: Any = None, **kw: Any):
        super().__init__(data, queryset, **kw)
        self.actor = actor
        self.restrict_choices(actor)
        for field in self.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"

    def restrict_choices(self, actor: Any) -> None:
        """Narrow the querysets of the model-choice filters to what ``actor`` may see."""
