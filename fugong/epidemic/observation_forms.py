"""Forms of cases, observations, follow-ups and their release (choices inside the scope)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.core.forms import ScopedForm, ScopedModelForm
from fugong.epidemic.models import (
    Case,
    CaseTest,
    FollowUpSlot,
    ObservationKind,
    ObservationReason,
    Symptom,
)
from fugong.org.forms import PersonChoiceField
from fugong.people.models import Person

DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CaseForm(ScopedModelForm):
    """A new case names its person; an edit never moves a case to another person."""

    class Meta:
        model = Case
        fields = [
            "person",
            "classification",
            "onset_on",
            "first_positive_on",
            "isolation_started_at",
            "note",
        ]
        field_classes = {"person": PersonChoiceField}
        widgets = {
            "onset_on": DAY,
            "first_positive_on": DAY,
            "isolation_started_at": MOMENT,
        }

    def setup(self, actor: Any) -> None:
        if self.is_new:
            self.model_choice("person").queryset = Person.objects.select_related(
                "enterprise"
            ).order_by("name_pinyin", "pk")
        else:
            del self.fields["person"]


class CaseTestForm(ScopedModelForm):
    class Meta:
        model = CaseTest
        fields = ["kind", "taken_on", "result"]
        widgets = {"taken_on": DAY}


class ObservationOpenForm(ScopedForm):
    person = PersonChoiceField(queryset=Person.objects.order_by("name_pinyin", "pk"),
                               label=_("Person"))  # fmt: skip
    kind = forms.ChoiceField(choices=ObservationKind.choices, label=_("Kind"))
    reason = forms.ChoiceField(choices=ObservationReason.choices, label=_("Reason"))
    last_exposure_at = forms.DateTimeField(
        label=_("Last exposure"), widget=MOMENT, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    days = forms.IntegerField(
        label=_("Days of observation"),
        required=False,
        min_value=1,
        max_value=60,
        help_text=_("Empty: the policy's days for the reason."),
    )
    place = forms.CharField(label=_("Where observed"), max_length=100, required=False)


class FollowUpForm(ScopedForm):
    day = forms.DateField(label=_("Day"), widget=DAY)
    slot = forms.ChoiceField(choices=FollowUpSlot.choices, label=_("Slot"))
    seen = forms.BooleanField(label=_("Seen"), required=False, initial=True)
    temperature = forms.DecimalField(
        label=_("Temperature (°C)"), max_digits=4, decimal_places=1, required=False
    )
    symptoms = forms.MultipleChoiceField(
        choices=Symptom.choices,
        label=_("Symptoms"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def setup(self, actor: Any) -> None:
        now = timezone.localtime()
        self.fields["day"].initial = now.date()
        self.fields["slot"].initial = (
            FollowUpSlot.MORNING if now.hour < 12 else FollowUpSlot.AFTERNOON
        )


class ReleaseForm(ScopedForm):
    prefix = "release"  # shown beside the follow-up form, which has a note too
    note = forms.CharField(label=_("Release note"), max_length=200, required=False)
