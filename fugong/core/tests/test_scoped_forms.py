"""Every form and FilterSet offers only choices inside the actor's scope (issue 5 §2).

The walk finds every form and FilterSet class in the project's modules, so a new one that is
not built on ScopedModelForm / ScopedForm / ScopedFilterSet, or that offers an object the
actor may not see, fails here without anyone adding it to a list.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import django_filters
import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured

import fugong
from fugong.accounts.models import User
from fugong.audit.selectors import AUDITED_MODELS, users_in_scope
from fugong.core.filters import ScopedFilterSet
from fugong.core.forms import ScopedForm, ScopedFormMixin, ScopedModelForm
from fugong.org.models import Enterprise, Region
from fugong.people.filters import PersonFilter

pytestmark = pytest.mark.django_db

# Models a field may offer without the scope, each with the reason (reference data).
REFERENCE_DATA = {Region: "GB/T 2260 codes are public: a home region may be anywhere"}
# Extra constructor arguments of the classes that need one.
EXTRA_KWARGS = {"ChangeFilter": {"models": AUDITED_MODELS}}


def _project_classes(base: type) -> list[Any]:
    for module in pkgutil.walk_packages(fugong.__path__, "fugong."):
        if ".tests" in module.name or ".migrations" in module.name:
            continue
        if module.name.rsplit(".", 1)[-1] in {"forms", "filters", "data_checks", "forms_roster"}:
            importlib.import_module(module.name)
    found: list[Any] = []
    todo: list[Any] = [base]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("fugong.") and ".tests" not in sub.__module__:
                found.append(sub)
    return sorted(set(found), key=lambda c: c.__qualname__)


FORMS = _project_classes(forms.BaseForm)
FILTERSETS = _project_classes(django_filters.FilterSet)
CONCRETE_FORMS = [c for c in FORMS if c not in (ScopedForm, ScopedModelForm)]
CONCRETE_FILTERSETS = [c for c in FILTERSETS if c._meta.model is not None]


def test_the_walk_finds_the_forms_and_filters_of_every_app():
    names = {c.__name__ for c in CONCRETE_FORMS + CONCRETE_FILTERSETS}
    assert {"PersonForm", "TeamForm", "DeviceTokenForm", "RosterImportForm"} <= names
    assert {"PersonFilter", "FindingFilter", "PiiAccessFilter", "DeviceTokenFilter"} <= names


@pytest.mark.parametrize("form_class", CONCRETE_FORMS, ids=lambda c: c.__name__)
def test_every_form_is_a_scoped_form(form_class):
    assert issubclass(form_class, ScopedFormMixin)


@pytest.mark.parametrize("filter_class", CONCRETE_FILTERSETS, ids=lambda c: c.__name__)
def test_every_filterset_is_a_scoped_filterset(filter_class):
    assert issubclass(filter_class, ScopedFilterSet)


def _fields(obj: Any) -> Any:
    return obj.form.fields if isinstance(obj, django_filters.FilterSet) else obj.fields


def _build(cls, actor):
    kwargs = EXTRA_KWARGS.get(cls.__name__, {})
    if issubclass(cls, django_filters.FilterSet):
        return cls({}, queryset=cls._meta.model._default_manager.none(), actor=actor, **kwargs)
    return cls(actor=actor, **kwargs)


def field(form: Any, name: str) -> Any:
    """A form's field, untyped: the tests read queryset and choices of model-choice fields."""
    return form.fields[name]


def _visible(model, actor):
    manager = model._default_manager
    return set(manager.restrict(actor).values_list("pk", flat=True))


@pytest.mark.parametrize("persona", ["city", "county", "group", "manager", "checkpoint", "liaison"])
def test_no_model_choice_offers_an_object_outside_the_scope(world, persona):
    actor = getattr(world.users, persona)
    checked = 0
    for cls in CONCRETE_FORMS + CONCRETE_FILTERSETS:
        built = _build(cls, actor)
        fields: dict[str, Any] = _fields(built)
        for name, field in fields.items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            queryset: Any = field.queryset
            offered = set(queryset.values_list("pk", flat=True))
            model = queryset.model
            where = f"{cls.__name__}.{name}"
            if name in cls.unscoped_fields:
                if model in REFERENCE_DATA:
                    continue
                if model is User:
                    # Accounts have no restrict(): the audit filter scopes them itself.
                    visible_users = users_in_scope(actor=actor).values_list("pk", flat=True)
                    assert offered <= set(visible_users), where
                    continue
                # A form that scopes the field itself (a new record: nothing stored to keep).
                assert offered <= _visible(model, actor), where
                continue
            assert offered <= _visible(model, actor), where
            checked += 1
    assert checked >= 10


def test_an_out_of_scope_choice_is_refused_like_a_missing_one(world):
    from fugong.org.forms import PlaceForm

    data = {"enterprise": world.plant.pk, "name": "门岗", "kind": "checkpoint", "is_active": "on"}
    form = PlaceForm(data, actor=world.users.group)
    missing = PlaceForm({**data, "enterprise": 999_999}, actor=world.users.group)
    assert not form.is_valid() and not missing.is_valid()
    assert form.errors["enterprise"] == missing.errors["enterprise"]


class _EveryEnterprise(ScopedForm):
    enterprise = forms.ModelChoiceField(queryset=Enterprise.objects.all())


def test_a_field_declared_with_every_object_is_still_restricted(world):
    offered = set(field(_EveryEnterprise(actor=world.users.manager), "enterprise").queryset)
    assert offered == {world.qifeng}


def test_a_model_without_a_scope_fails_loudly_unless_opted_out(world):
    from django.contrib.contenttypes.models import ContentType

    class Unscoped(ScopedForm):
        kind = forms.ModelChoiceField(queryset=ContentType.objects.all())

    with pytest.raises(ImproperlyConfigured, match="Unscoped.kind"):
        Unscoped(actor=world.users.manager)

    class OptedOut(Unscoped):
        unscoped_fields = ("kind",)

    assert field(OptedOut(actor=world.users.manager), "kind").queryset.exists()


def test_an_opt_out_naming_no_field_is_a_typo_that_fails(world):
    class Typo(_EveryEnterprise):
        unscoped_fields = ("enterprize",)

    with pytest.raises(ImproperlyConfigured, match="enterprize"):
        Typo(actor=world.users.manager)


def test_regions_are_reference_data_on_the_person_form_only(world):
    from fugong.people.forms import PersonForm

    form = PersonForm(actor=world.users.manager)
    assert world.regions.taiyuan in field(form, "home_region").queryset
    assert world.plant not in field(form, "enterprise").queryset


def test_the_team_filter_names_the_enterprise_and_follows_the_chosen_one(world):
    group = world.users.group
    every = PersonFilter({}, queryset=None, actor=group).form.fields["team"]
    labels = {label for _value, label in every.choices}
    assert {"宁武栖凤煤矿 · 综采一队", "原平神达煤矿 · 掘进二队"} <= labels
    narrowed = PersonFilter({"enterprise": world.qifeng.pk}, queryset=None, actor=group)
    assert list(field(narrowed.form, "team").queryset) == [world.team]


def test_selects_say_please_choose_and_filters_say_all(world):
    from fugong.org.forms import PlaceForm

    form = PlaceForm(actor=world.users.group)
    assert list(field(form, "enterprise").choices)[0][1] == "Please choose"
    assert dict(field(form, "kind").choices)[""] == "Please choose"
    filterset = PersonFilter({}, queryset=None, actor=world.users.group)
    assert list(field(filterset.form, "enterprise").choices)[0][1] == "All"
    assert list(field(filterset.form, "status").choices)[0][1] == "All"
    html = form.as_p() + filterset.form.as_p()
    assert "---------" not in html
    assert ">All</option>" in html and ">Please choose</option>" in html
