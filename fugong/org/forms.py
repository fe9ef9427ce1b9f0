"""Forms of the organisation pages. They parse and show errors; the services decide.

Every foreign-key choice is restricted to the actor's scope, so a form never offers what the
actor may not see. A place, team or shift keeps its enterprise once made (see services), so
their edit forms have no enterprise field.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fugong.core.roles import ORG_EDITOR_ROLES, Role
from fugong.core.scope import scope_of
from fugong.core.validators import normalize_code
from fugong.org.models import Enterprise, EnterpriseKind, Place, Region, Shift, Team
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


class _ScopedChoice(forms.ModelChoiceField):
    """A choice that may hold a current value outside the actor's scope, shown unnamed."""

    visible: frozenset[int] | None = None

    def label_from_instance(self, obj: Any) -> str:
        if self.visible is not None and obj.pk not in self.visible:
            return str(OUT_OF_SCOPE)
        return str(obj)


class EnterpriseForm(_ScopedForm):
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
        field_classes = {"parent": _ScopedChoice}

    def restrict_choices(self, actor: Any) -> None:
        scope = scope_of(actor)
        instance = self.instance
        regulated = may_change_regulated(actor, None if self.is_new else instance.pk)
        regions = Region.objects.all() if scope.everything else Region.objects.restrict(actor)
        groups = Enterprise.objects.restrict(actor).filter(kind=EnterpriseKind.GROUP)
        if not self.is_new:
            groups = groups.exclude(pk__in=enterprise_subtree_ids(instance.pk))
            # The stored values stay valid choices even when outside the editor's scope (a
            # county officer edits a mine whose group sits in another county).
            regions = regions | Region.objects.filter(pk=instance.region_id)
            if instance.parent_id is not None:
                groups = groups | Enterprise.objects.filter(pk=instance.parent_id)
        self._fk("region").queryset = regions.order_by("code")
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
