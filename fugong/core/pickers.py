"""Search-as-you-type pickers for selects that would otherwise list hundreds of options.

A model-choice field on an enterprise, place, team, region or person gets a ``PickerSelect``
(``PickerSelectMultiple`` for several choices): while the actor's choices are few it is an
ordinary select; beyond ``PICKER_THRESHOLD`` it renders only
the chosen option and ``fugong/picker.js`` turns it into a search box that asks the model's
picker endpoint (scoped JSON, see ``picker_answer``) as the user types. Validation is
unchanged: the field still checks the value against its full, scoped queryset.

A form or FilterSet can narrow a picker with ``picker_params`` (fixed query parameters such as
``{"parent": {"kind": "group"}}``) and ``picker_depends`` (fields whose value is sent along, such
as ``{"team": ("enterprise",)}``: the team choices follow the chosen enterprise). A field whose
choices follow a rule of its own rather than the model's scope (the people a helper may check in
for) names its own endpoint in ``picker_urls`` (``{"person": "epidemic:health_checkin_people"}``),
which answers that same rule: the model's endpoint would search a different set. A search box
that finds less than the general hint suggests (a person by name only) says so in
``picker_placeholders`` (``{"person": _("Type a name to search")}``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

# Up to this many choices a picker is a plain select; beyond it, a search box.
PICKER_THRESHOLD = 30
# Results of one search: enough to pick from, few enough to answer fast on a phone.
PICKER_RESULTS = 20

SEARCH_PLACEHOLDER = _("Type to search")
REMOVE = _("Remove")  # the button beside each name chosen in a picker of several

# The picker endpoint of each model (app_label.model_name → URL name).
PICKER_URLS: dict[str, str] = {
    "org.enterprise": "org:pick_enterprises",
    "org.place": "org:pick_places",
    "org.region": "org:pick_regions",
    "org.team": "org:pick_teams",
    "people.person": "people:pick_people",
}


def enterprise_and_name(obj: Any) -> str:
    """A team or place is named with its enterprise: a group has 26 生产一班."""
    return f"{obj.enterprise.name} · {obj.name}"


class EnterpriseLabelChoiceField(forms.ModelChoiceField):
    """A choice of a team or place, labelled 宁武栖凤煤矿 · 生产一班."""

    def label_from_instance(self, obj: Any) -> str:
        return enterprise_and_name(obj)


class PickerSelect(forms.Select):
    """A select that renders every option while they are few, else only the chosen one."""

    def __init__(
        self,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        depends: tuple[str, ...] = (),
        attrs: dict[str, Any] | None = None,
        placeholder: str | None = None,
    ) -> None:
        super().__init__(attrs)
        self.url = url
        self.params = dict(params or {})
        self.depends = depends
        self.placeholder = placeholder or SEARCH_PLACEHOLDER

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        attrs = dict(attrs or {})
        attrs["data-picker"] = f"{self.url}?{urlencode(self.params)}" if self.params else self.url
        attrs["data-picker-placeholder"] = str(self.placeholder)
        # One query decides the mode and, while the choices are few, already holds them all.
        self._first = self.first_rows()
        self._long = self._first is not None and len(self._first) > PICKER_THRESHOLD
        attrs["data-picker-mode"] = "search" if self._long else "select"
        if self.depends:
            attrs["data-picker-depends"] = " ".join(self.depends)
        try:
            return super().get_context(name, value, attrs)
        finally:
            del self._first, self._long

    def first_rows(self) -> list[Any] | None:
        """Up to PICKER_THRESHOLD + 1 choices (None for choices that are not a queryset)."""
        choices = self.choices
        if not isinstance(choices, ModelChoiceIterator):
            return None
        return list(choices.queryset[: PICKER_THRESHOLD + 1])

    def optgroups(self, name: str, value: Any, attrs: dict[str, Any] | None = None) -> Any:
        full = self.choices
        if not isinstance(full, ModelChoiceIterator):
            return super().optgroups(name, value, attrs)
        first = getattr(self, "_first", None)
        if first is None:  # asked on its own, not while rendering (get_context)
            first = self.first_rows() or []
        if len(first) > PICKER_THRESHOLD:
            chosen = [v for v in value if str(v).isdigit()]
            rows = list(full.queryset.filter(pk__in=chosen)) if chosen else []
        else:
            rows = first
        field = full.field
        kept: list[Any] = [("", field.empty_label)] if field.empty_label is not None else []
        kept += [
            (
                ModelChoiceIteratorValue(field.prepare_value(obj), obj),
                field.label_from_instance(obj),
            )
            for obj in rows
        ]
        self.choices = kept
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = full


class PickerSelectMultiple(PickerSelect, forms.SelectMultiple):
    """``PickerSelect`` for several choices (a roster's members): in search mode the chosen
    ones are rendered, and picker.js shows them as removable names under the search box."""

    allow_multiple_selected = True

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        attrs = {**(attrs or {}), "data-picker-remove": str(REMOVE)}
        return super().get_context(name, value, attrs)


def _picker_widget(field: forms.Field) -> type[PickerSelect] | None:
    """The picker for a model-choice field that still has its default select."""
    if type(field.widget) is forms.Select and isinstance(field, forms.ModelChoiceField):
        return PickerSelect
    if type(field.widget) is forms.SelectMultiple and isinstance(
        field, forms.ModelMultipleChoiceField
    ):
        return PickerSelectMultiple
    return None


def attach_pickers(owner: Any, fields: Mapping[str, forms.Field]) -> None:
    """Give every model-choice field (one choice or several) on a model with a picker endpoint
    a PickerSelect or PickerSelectMultiple."""
    params = getattr(owner, "picker_params", {})
    depends = getattr(owner, "picker_depends", {})
    own_urls = getattr(owner, "picker_urls", {})
    placeholders = getattr(owner, "picker_placeholders", {})
    for name, field in fields.items():
        widget_class = _picker_widget(field)
        if widget_class is None:
            continue
        assert isinstance(field, forms.ModelChoiceField)  # ModelMultipleChoiceField is one too
        if field.queryset is None:
            continue
        url_name = own_urls.get(name) or PICKER_URLS.get(field.queryset.model._meta.label_lower)
        if url_name is None:
            continue
        widget = widget_class(
            reverse(url_name),
            params=params.get(name),
            depends=tuple(depends.get(name, ())),
            attrs=field.widget.attrs,
            placeholder=placeholders.get(name),
        )
        widget.choices = field.widget.choices  # type: ignore[attr-defined]
        widget.is_required = field.widget.is_required
        field.widget = widget


def picker_answer(
    request: HttpRequest,
    queryset: QuerySet,
    *,
    search: Callable[[QuerySet, str], QuerySet],
    label: Callable[[Any], str],
    order_by: tuple[str, ...],
    hint: Callable[[Any], str] | None = None,
) -> JsonResponse:
    """``{"results": [{"id", "label"}], "more": bool}`` for ``?q=`` within ``queryset``.

    ``queryset`` must already be restricted to the actor; an empty query lists the first
    results, so a dependent picker (teams of one enterprise) can fill its select. ``hint``
    adds what was searched but is not in the label (a region's code): the browser shows it
    beside the label and matches the typed text against it too.
    """
    # NUL cannot be stored in a PostgreSQL string: a pasted one would make a 500, not a miss.
    q = request.GET.get("q", "").replace("\x00", "").strip()[:64]
    rows = search(queryset, q) if q else queryset
    found = list(rows.order_by(*order_by)[: PICKER_RESULTS + 1])
    results = [{"id": obj.pk, "label": label(obj)} for obj in found[:PICKER_RESULTS]]
    if hint is not None:
        for row, obj in zip(results, found, strict=False):
            row["hint"] = hint(obj)
    return JsonResponse({"results": results, "more": len(found) > PICKER_RESULTS})


def id_param(request: HttpRequest, name: str) -> int | None:
    """A numeric query parameter, or None when absent or not a number."""
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None
