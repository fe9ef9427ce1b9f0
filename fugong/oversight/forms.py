"""Forms of the oversight pages. They parse and show errors; the services decide.

Every enterprise or project choice is restricted to the actor's scope by ScopedModelForm /
ScopedForm. Leaders are reference data for city command (``unscoped_fields``): users carry no
scope of their own.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.accounts.models import Department
from fugong.core.forms import ScopedForm, ScopedModelForm
from fugong.core.scope import scope_of
from fugong.org.forms import RegionChoiceField, regions_with_parents
from fugong.oversight.models import (
    KeyProject,
    Measure,
    Pairing,
    ProjectPairing,
    SlaClass,
    Ticket,
    TicketCategory,
    Visit,
)
from fugong.oversight.services import leaders

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _LeaderChoice(forms.TypedChoiceField):
    """The liaison leaders city command may pair.

    Not a model choice restricted to the actor's scope: a leader's account has no region or
    enterprise, and their jurisdiction is exactly what this form creates (DESIGN §2), so every
    active leader is a valid choice for the one role that pairs. The service checks the role
    of the account again.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(coerce=int, label=_("Leader"), **kwargs)

    def clean(self, value: Any) -> Any:
        pk = super().clean(value)
        return leaders().filter(pk=pk).first()


def _leader_choices() -> list[tuple[Any, str]]:
    return [("", "—"), *[(u.pk, str(u)) for u in leaders()]]


class PairingForm(ScopedModelForm):
    leader = _LeaderChoice()

    class Meta:
        model = Pairing
        fields = ["leader", "enterprise", "starts_on", "ends_on", "note"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def setup(self, actor: Any) -> None:
        self.fields["leader"].choices = _leader_choices()  # type: ignore[attr-defined]
        self.fields["starts_on"].initial = timezone.localdate()

    def _post_clean(self) -> None:
        """The service validates the whole pairing; the model's own clean would run first."""


class ProjectPairingForm(ScopedModelForm):
    leader = _LeaderChoice()

    class Meta:
        model = ProjectPairing
        fields = ["leader", "project", "starts_on", "ends_on", "note"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def setup(self, actor: Any) -> None:
        self.fields["leader"].choices = _leader_choices()  # type: ignore[attr-defined]
        self.fields["starts_on"].initial = timezone.localdate()

    def _post_clean(self) -> None:
        """Validated by the service."""


class KeyProjectForm(ScopedModelForm):
    # Scoped here rather than by ScopedModelForm, whose rule for regions is not the service's:
    # the regions of the editor's own region (project_create), or any for a superuser.
    unscoped_fields = ("region",)
    # The region search offers the same regions.
    picker_params = {"region": {"within": "scope"}}

    class Meta:
        model = KeyProject
        fields = ["name", "enterprise", "region", "status", "description"]
        field_classes = {"region": RegionChoiceField}

    def setup(self, actor: Any) -> None:
        regions = regions_with_parents()
        self.model_choice("region").queryset = (
            regions if scope_of(actor).everything else regions.restrict(actor)
        )

    def _post_clean(self) -> None:
        """Validated by the service."""


class TicketForm(ScopedModelForm):
    class Meta:
        model = Ticket
        fields = [
            "enterprise",
            "category",
            "sla_class",
            "department",
            "description",
            "enterprise_cannot_solve",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self) -> None:
        """Validated by the service (raised_by, state and the clock are set there)."""


class VisitForm(ScopedModelForm):
    """A visit, and optionally one problem it raised (it becomes a ticket of the visit)."""

    video_link = forms.URLField(label=_("video link"), required=False, assume_scheme="https")
    problem = forms.CharField(
        label=_("Problem raised"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leave empty if the visit raised no problem."),
    )
    problem_category = forms.ChoiceField(
        label=_("Category of the problem"),
        choices=[("", "—"), *TicketCategory.choices],
        required=False,
    )
    problem_sla_class = forms.ChoiceField(
        label=_("Time limit"), choices=[("", "—"), *SlaClass.choices], required=False
    )
    problem_department = forms.ChoiceField(
        label=_("Routed to"), choices=[("", "—"), *Department.choices], required=False
    )
    problem_cannot_solve = forms.BooleanField(label=_("Enterprise cannot solve it"), required=False)

    class Meta:
        model = Visit
        fields = ["enterprise", "visited_on", "mode", "video_link", "participants", "findings"]
        widgets = {"visited_on": DATE, "findings": forms.Textarea(attrs={"rows": 3})}

    def setup(self, actor: Any) -> None:
        self.fields["visited_on"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("problem"):
            for name in ("problem_category", "problem_sla_class", "problem_department"):
                if not data.get(name):
                    self.add_error(name, _("Needed for the problem raised."))
        return data

    def _post_clean(self) -> None:
        """Validated by the service (the leader is the one recording)."""

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        problem = data.pop("problem", "")
        extra = {name: data.pop(name, None) for name in list(data) if name.startswith("problem_")}
        data["problems"] = (
            [
                {
                    "description": problem,
                    "category": extra["problem_category"],
                    "sla_class": extra["problem_sla_class"],
                    "department": extra["problem_department"],
                    "enterprise_cannot_solve": bool(extra["problem_cannot_solve"]),
                }
            ]
            if problem
            else []
        )
        return data


class MeasureForm(ScopedModelForm):
    class Meta:
        model = Measure
        fields = ["enterprise", "title", "owner", "deadline", "state", "note"]
        widgets = {"deadline": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def setup(self, actor: Any) -> None:
        if not self.is_new:
            del self.fields["enterprise"]  # a measure stays with its enterprise

    def _post_clean(self) -> None:
        """Validated by the service."""


class TicketMoveForm(ScopedForm):
    """One move of a ticket: the note (answer, reason) and, to confirm, the satisfaction."""

    move = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    satisfaction = forms.TypedChoiceField(
        label=_("Satisfaction"),
        choices=[("", "—"), *[(n, str(n)) for n in range(1, 6)]],
        coerce=int,
        required=False,
        empty_value=None,
    )
