"""The base of every form: choices inside the actor's scope, service errors on their fields.

``ScopedModelForm`` (and ``ScopedForm`` for forms without a model) restricts EVERY model-choice
field to ``field.queryset.restrict(actor)`` after the subclass has shaped its querysets in
``setup``, so a form can never offer what the actor may not see, and a forged id outside the
scope is refused like one that does not exist. Reference data that everyone may name (regions)
is opted out by name in ``unscoped_fields``; a model-choice field on a model without
``restrict`` that is not opted out is a programming error and fails at once.

``form_page`` is the one validate-and-save helper of the create and edit views.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, TypeVar

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from fugong.core.pickers import attach_pickers

# The empty choice of every select in a form (filters say "All").
PLEASE_CHOOSE = _("Please choose")

T = TypeVar("T")


def restrict_queryset(queryset: QuerySet, actor: Any, *, where: str) -> QuerySet:
    """``queryset`` intersected with what ``actor`` may see of its model.

    ``where`` names the field for the error raised when the model has no scope at all.
    """
    if hasattr(queryset, "restrict"):
        return queryset.restrict(actor)
    manager = queryset.model._default_manager
    if not hasattr(manager, "restrict"):
        raise ImproperlyConfigured(
            f"{where} offers {queryset.model.__name__}, which has no restrict(actor); "
            "give the model a ScopedQuerySet or name the field in unscoped_fields."
        )
    return queryset.filter(pk__in=manager.restrict(actor).values("pk"))


def restrict_model_choices(
    fields: Mapping[str, forms.Field], actor: Any, *, unscoped: Iterable[str], owner: str
) -> None:
    """Restrict every model-choice field of ``fields`` to the actor's scope (in place)."""
    opted_out = set(unscoped)
    for name, field in fields.items():
        if (
            isinstance(field, forms.ModelChoiceField)
            and field.queryset is not None
            and name not in opted_out
        ):
            field.queryset = restrict_queryset(field.queryset, actor, where=f"{owner}.{name}")


def check_opt_outs(unscoped: Iterable[str], declared: Iterable[str], owner: str) -> None:
    """An opt-out naming a field that was never declared is a typo that would scope nothing."""
    unknown = set(unscoped) - set(declared)
    if unknown:
        raise ImproperlyConfigured(f"{owner}.unscoped_fields names unknown fields {unknown}")


def style_fields(fields: Mapping[str, forms.Field], empty_label: Any) -> None:
    """Bootstrap classes, and one wording for the empty choice of every select."""
    for field in fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            css = ""
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        if css:
            widget.attrs.setdefault("class", css)
        set_empty_label(field, empty_label)


def set_empty_label(field: forms.Field, label: Any) -> None:
    """Replace Django's "---------" by ``label`` (model choices and plain choices alike)."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None:
            field.empty_label = label
        return
    if isinstance(field, forms.ChoiceField) and hasattr(field, "empty_label"):
        if field.empty_label is not None:  # django-filter's ChoiceField reads it lazily...
            field.empty_label = label
            # ...but a copied form's widget still iterates over the original field's choices.
            field.widget.choices = field.choices  # type: ignore[attr-defined]
        return
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
        choices = list(field.choices)  # type: ignore[arg-type]
        if any(value == "" for value, _label in choices):
            field.choices = [(v, label if v == "" else text) for v, text in choices]


class ScopedFormMixin:
    """What ScopedForm and ScopedModelForm share; see the module docstring."""

    # Fields that offer reference data everyone may name (e.g. "home_region"): not scoped.
    unscoped_fields: ClassVar[tuple[str, ...]] = ()
    fields: dict[str, forms.Field]
    base_fields: dict[str, forms.Field]

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.actor = actor
        check_opt_outs(self.unscoped_fields, self.base_fields, type(self).__name__)
        self.setup(actor)
        restrict_model_choices(
            self.fields, actor, unscoped=self.unscoped_fields, owner=type(self).__name__
        )
        style_fields(self.fields, PLEASE_CHOOSE)
        attach_pickers(self, self.fields)

    def setup(self, actor: Any) -> None:
        """Shape the fields for this actor and instance; the scope is applied afterwards."""

    def model_choice(self, name: str) -> forms.ModelChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        return field

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned values as the service's keyword arguments."""
        return dict(self.cleaned_data)  # type: ignore[attr-defined]


class ScopedForm(ScopedFormMixin, forms.Form):
    pass


class ScopedModelForm(ScopedFormMixin, forms.ModelForm):
    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        self.is_new = instance is None or instance.pk is None
        super().__init__(*args, actor=actor, **kwargs)


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's refusal on the form: each field's errors on that field, the rest on top.

    An error about a field the form does not show goes on top, named by the field's label, so
    the user still learns which value was refused.
    """
    if not hasattr(exc, "error_dict"):
        form.add_error(None, ValidationError(exc.messages))
        return
    for name, errors in exc.error_dict.items():
        if name in form.fields:
            form.add_error(name, errors)
            continue
        label = _field_label(form, name)
        messages = [m for e in errors for m in e.messages]
        if label:
            messages = [f"{label}: {m}" for m in messages]
        form.add_error(None, ValidationError(messages))


def _field_label(form: forms.BaseForm, name: str) -> str:
    model = getattr(getattr(form, "_meta", None), "model", None)
    if model is None or name == "__all__":
        return ""
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - any unknown name is simply shown without a label
        return ""


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    save: Callable[..., T],
    done: Callable[[T], HttpResponse],
    template: str,
    context: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """Validate ``form`` on POST, call ``save(**form.service_kwargs())``, answer ``done(saved)``.

    Every create and edit page goes through here: an invalid form or a service's
    ValidationError renders ``template`` again with every error on the form, and nothing is
    saved (the services are atomic).
    """
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs() if hasattr(form, "service_kwargs") else form.cleaned_data
        try:
            saved = save(**kwargs)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return done(saved)
    return render(request, template, {"form": form, **(context or {})})
