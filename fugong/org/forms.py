"""Forms of the organisation pages. They parse and show errors; the services decide.

Every foreign-key choice is restricted to the actor's scope by ScopedModelForm, so a form never
offers what the actor may not see. A place, team or shift keeps its enterprise once made (see
services), so their edit forms have no enterprise field.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from fugong.core.forms import ScopedModelForm
from fugong.core.pickers import enterprise_and_name
from fugong.core.roles import ORG_EDITOR_ROLES
from fugong.core.scope import scope_of
from fugong.core.validators import normalize_code
from fugong.org.models import Enterprise, EnterpriseKind, Place, Region, Shift, Team
from fugong.org.selectors import enterprise_subtree_ids
from fugong.people.models import Person, PersonStatus


def editable_enterprises(actor: Any) -> QuerySet[Enterprise]:
    """The enterprises whose organisation the actor may edit (an editor's whole scope)."""
    scope = scope_of(actor)
    if not (scope.everything or scope.role in ORG_EDITOR_ROLES):
        return Enterprise.objects.none()
    return Enterprise.objects.restrict(actor).only("id", "name").order_by("name")


class EnterpriseForm(ScopedModelForm):
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

    # Every region is offered: a group's new unit may lie in a county it has no unit in yet.
    # Which region an editor may choose is a rule about regulated fields: the service decides.
    unscoped_fields = ("region",)
    picker_params = {"parent": {"kind": EnterpriseKind.GROUP}}

    def setup(self, actor: Any) -> None:
        scope = scope_of(actor)
        self.model_choice("region").queryset = Region.objects.order_by("code")
        own = not self.is_new and self.instance.pk == getattr(actor, "enterprise_id", None)
        if own and not scope.everything:
            # The group of one's own enterprise is the group's business: shown, not edited.
            del self.fields["parent"]
            return
        groups = Enterprise.objects.filter(kind=EnterpriseKind.GROUP)
        if not self.is_new:
            groups = groups.exclude(pk__in=enterprise_subtree_ids(self.instance.pk))
        parent = self.model_choice("parent")
        parent.queryset = groups.only("id", "name").order_by("name")
        # Outside a superuser's hands every new or member unit hangs under a group in scope.
        parent.required = not scope.everything

    def clean_credit_code(self) -> str:
        return normalize_code(self.cleaned_data.get("credit_code", ""))


class _PlaceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return enterprise_and_name(obj)


class PersonChoiceField(forms.ModelChoiceField):
    """A person named with the masked ID number: two 张伟 in one mine are told apart."""

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
