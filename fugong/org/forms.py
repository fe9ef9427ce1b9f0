"""Forms of the organisation pages. They parse and show errors; the services decide.

Every foreign-key choice is restricted to the actor's scope, so a form never offers what the
actor may not see. A place, team or shift keeps its enterprise once made (see services), so
their edit forms have no enterprise field.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

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


class _ScopedForm(forms.ModelForm):
    """A ModelForm that knows its actor and wears Bootstrap classes."""

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.is_new = self.instance.pk is None
        self.restrict_choices(actor)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = css

    def restrict_choices(self, actor: Any) -> None:
        raise NotImplementedError

    def _fk(self, name: str) -> forms.ModelChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        return field


class EnterpriseForm(_ScopedForm):
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

    def restrict_choices(self, actor: Any) -> None:
        scope = scope_of(actor)
        # Every region is offered: a group's new unit may lie in a county it has no unit in yet.
        self._fk("region").queryset = Region.objects.order_by("code")
        own = not self.is_new and self.instance.pk == getattr(actor, "enterprise_id", None)
        if own and not scope.everything:
            # The group of one's own enterprise is the group's business: shown, not edited.
            del self.fields["parent"]
            return
        groups = Enterprise.objects.restrict(actor).filter(kind=EnterpriseKind.GROUP)
        if not self.is_new:
            groups = groups.exclude(pk__in=enterprise_subtree_ids(self.instance.pk))
        parent = self._fk("parent")
        parent.queryset = groups.only("id", "name").order_by("name")
        # Outside a superuser's hands every new or member unit hangs under a group in scope.
        parent.required = not scope.everything

    def clean_credit_code(self) -> str:
        return normalize_code(self.cleaned_data.get("credit_code", ""))


class _PlaceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.enterprise.name} · {obj.name}"


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.enterprise.name})"


class PlaceForm(_ScopedForm):
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

    def restrict_choices(self, actor: Any) -> None:
        places = Place.objects.restrict(actor).select_related("enterprise")
        if self.is_new:
            self._fk("enterprise").queryset = editable_enterprises(actor)
        else:
            del self.fields["enterprise"]
            places = places.filter(enterprise_id=self.instance.enterprise_id).exclude(
                pk=self.instance.pk
            )
        self._fk("parent").queryset = places.order_by("enterprise__name", "name")


class TeamForm(_ScopedForm):
    class Meta:
        model = Team
        fields = ["enterprise", "name", "leader", "is_underground"]
        field_classes = {"leader": _PersonChoice}

    def restrict_choices(self, actor: Any) -> None:
        people = (
            Person.objects.restrict(actor)
            .filter(status=PersonStatus.ACTIVE)
            .select_related("enterprise")
            .only("id", "name", "enterprise__name")
        )
        if self.is_new:
            self._fk("enterprise").queryset = editable_enterprises(actor)
        else:
            del self.fields["enterprise"]
            people = people.filter(enterprise_id=self.instance.enterprise_id)
        self._fk("leader").queryset = people.order_by("enterprise__name", "name")


class ShiftForm(_ScopedForm):
    class Meta:
        model = Shift
        fields = ["enterprise", "name", "kind", "start_time", "end_time"]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def restrict_choices(self, actor: Any) -> None:
        if self.is_new:
            self._fk("enterprise").queryset = editable_enterprises(actor)
        else:
            del self.fields["enterprise"]
