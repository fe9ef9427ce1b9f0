"""Forms of the organisation pages. They parse and show errors; the services decide.

Every foreign-key choice is restricted to the actor's scope by ScopedModelForm, so a form never
offers what the actor may not see. A place, team or shift keeps its enterprise once made (see
services), so their edit forms have no enterprise field.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fugong.core.forms import ScopedModelForm
from fugong.core.pickers import enterprise_and_name
from fugong.core.roles import ORG_EDITOR_ROLES, Role
from fugong.core.scope import scope_of
from fugong.core.validators import normalize_code
from fugong.org.models import (
    Enterprise,
    EnterpriseKind,
    Place,
    Region,
    RegionQuerySet,
    Shift,
    Team,
)
from fugong.org.rules import REGULATED_FIELDS, may_change_regulated
from fugong.org.selectors import OUT_OF_SCOPE, enterprise_subtree_ids
from fugong.people.models import Person, PersonStatus

REGULATED_NOTE = _(
    "Regulated: changed by the government over the enterprise, or by its group for a member unit."
)


def editable_enterprises(actor: Any) -> QuerySet[Enterprise]:
    """The enterprises whose organisation the actor may edit (an editor's whole scope)."""
    scope = scope_of(actor)
    if not (scope.everything or scope.role in ORG_EDITOR_ROLES):
        return Enterprise.objects.none()
    return Enterprise.objects.restrict(actor).only("id", "name").order_by("name")


def regions_with_parents(level: str | None = None) -> RegionQuerySet:
    """Regions (of one ``level``) ready to be named with their parents, in code order."""
    regions = Region.objects.select_related("parent__parent").order_by("code")
    return regions if level is None else regions.filter(level=level)


class RegionChoiceField(forms.ModelChoiceField):
    """A region named with its parents (山西省 忻州市 宁武县), as ``org:pick_regions`` names it:
    two counties of one name are told apart, and the chosen option reads like the search."""

    default_error_messages = {
        "invalid_choice": _("Choose one of the regions offered; search by name or code."),
    }

    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name


class _ScopedChoice(forms.ModelChoiceField):
    """A choice that may hold a current value outside the actor's scope, shown unnamed."""

    visible: frozenset[int] | None = None

    def label_from_instance(self, obj: Any) -> str:
        if self.visible is not None and obj.pk not in self.visible:
            return str(OUT_OF_SCOPE)
        return str(obj)


class EnterpriseForm(ScopedModelForm):
    """The regulated fields (region, kind, group, credit code, status) are shown disabled, with
    a note, to those who may not change them; the service refuses them whatever is posted."""

    class Meta:
        model = Enterprise
        fields = [
            "credit_code",
            "name",
            "kind",
            "industry",
            "region",
            "parent",
            "normal_headcount",
            "normal_daily_output",
            "output_unit",
            "rated_capacity",
            "status",
            "address",
        ]
        field_classes = {"parent": _ScopedChoice, "region": RegionChoiceField}

    # Both are scoped here rather than by ScopedModelForm: the stored value stays a valid
    # choice even when it lies outside the editor's scope (a county officer edits a mine whose
    # group sits in another county), shown unnamed. Which region or group an editor may
    # choose is a rule about regulated fields (org.rules): the service decides.
    unscoped_fields = ("region", "parent")
    # The region search offers the actor's regions too (the current one is always shown).
    picker_params = {"parent": {"kind": EnterpriseKind.GROUP}, "region": {"within": "scope"}}

    def setup(self, actor: Any) -> None:
        scope = scope_of(actor)
        instance = self.instance
        regulated = may_change_regulated(actor, None if self.is_new else instance.pk)
        regions = Region.objects.all() if scope.everything else Region.objects.restrict(actor)
        groups = Enterprise.objects.restrict(actor).filter(kind=EnterpriseKind.GROUP)
        if not self.is_new:
            groups = groups.exclude(pk__in=enterprise_subtree_ids(instance.pk))
            regions = regions | Region.objects.filter(pk=instance.region_id)
            if instance.parent_id is not None:
                groups = groups | Enterprise.objects.filter(pk=instance.parent_id)
        self.model_choice("region").queryset = regions.select_related("parent__parent").order_by(
            "code"
        )
        parent = self.fields["parent"]
        assert isinstance(parent, _ScopedChoice)
        parent.queryset = groups.only("id", "name").order_by("name")
        parent.visible = frozenset(Enterprise.objects.restrict(actor).values_list("pk", flat=True))
        # A group's units hang under a group in its scope; an official may leave a mine without.
        parent.required = scope.role == Role.GROUP_ADMIN and regulated
        if not regulated:
            for name in REGULATED_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = REGULATED_NOTE

    def clean_credit_code(self) -> str:
        return normalize_code(self.cleaned_data.get("credit_code", ""))


class _PlaceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return enterprise_and_name(obj)


class PersonChoiceField(forms.ModelChoiceField):
    """A person named with the masked ID number: two 张伟 in one mine are told apart."""

    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


class PersonMultipleChoiceField(forms.ModelMultipleChoiceField):
    """People named as PersonChoiceField names one (a meeting's participants)."""

    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


def person_label(person: Person) -> str:
    return f"{person.name} · {person.id_number_masked}"


class PlaceForm(ScopedModelForm):
    class Meta:
        model = Place
        fields = [
            "enterprise",
            "name",
            "kind",
            "code",
            "parent",
            "headcount_limit",
            "capacity",
            "is_active",
        ]
        field_classes = {"parent": _PlaceChoice}

    picker_depends = {"parent": ("enterprise",)}

    def setup(self, actor: Any) -> None:
        places = Place.objects.select_related("enterprise")
        if self.is_new:
            self.model_choice("enterprise").queryset = editable_enterprises(actor)
        else:
            del self.fields["enterprise"]
            places = places.filter(enterprise_id=self.instance.enterprise_id).exclude(
                pk=self.instance.pk
            )
        self.model_choice("parent").queryset = places.order_by("enterprise__name", "name")


class TeamForm(ScopedModelForm):
    class Meta:
        model = Team
        fields = ["enterprise", "name", "leader", "is_underground"]
        field_classes = {"leader": PersonChoiceField}

    # The leader is searched among the active people of the chosen enterprise.
    picker_params = {"leader": {"status": PersonStatus.ACTIVE}}
    picker_depends = {"leader": ("enterprise",)}

    def setup(self, actor: Any) -> None:
        people = Person.objects.filter(status=PersonStatus.ACTIVE).only(
            "id", "name", "id_number", "enterprise_id"
        )
        if self.is_new:
            self.model_choice("enterprise").queryset = editable_enterprises(actor)
        else:
            del self.fields["enterprise"]
            people = people.filter(enterprise_id=self.instance.enterprise_id)
            self.picker_params = {
                "leader": {"status": PersonStatus.ACTIVE, "enterprise": self.instance.enterprise_id}
            }
        self.model_choice("leader").queryset = people.order_by("name", "pk")


class ShiftForm(ScopedModelForm):
    class Meta:
        model = Shift
        fields = ["enterprise", "name", "kind", "start_time", "end_time"]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def setup(self, actor: Any) -> None:
        if self.is_new:
            self.model_choice("enterprise").queryset = editable_enterprises(actor)
        else:
            del self.fields["enterprise"]
