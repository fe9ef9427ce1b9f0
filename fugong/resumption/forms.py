"""Forms of the resumption pages. They parse and show errors; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fugong.core.forms import ScopedForm, ScopedModelForm
from fugong.org.models import CalendarDay, Enterprise, EnterpriseKind
from fugong.resumption.acceptance import SYSTEMS
from fugong.resumption.models import Application, MineAcceptance, StepDecision

DATE = forms.DateInput(attrs={"type": "date"})


class ApplicationForm(ScopedModelForm):
    """A group files for its member units; an enterprise manager for its own enterprise."""

    class Meta:
        model = Application
        fields = [
            "enterprise",
            "planned_on",
            "planned_headcount",
            "from_outside_province",
            "prevention_plan",
            "prevention_plan_file",
            "masks",
            "thermometers",
            "disinfectant_litres",
            *Application.FIVE_THINGS,
        ]
        widgets = {"planned_on": DATE, "prevention_plan": forms.Textarea(attrs={"rows": 5})}

    def setup(self, actor: Any) -> None:
        field = self.model_choice("enterprise")
        field.queryset = Enterprise.objects.exclude(kind=EnterpriseKind.GROUP).order_by("name")
        if not self.is_new:
            del self.fields["enterprise"]
        self.fields["prevention_plan"].help_text = _(
            "Write the plan, or attach it as a file below (PDF, Word or a photo)."
        )

    def clean_prevention_plan_file(self) -> Any:
        upload = self.cleaned_data.get("prevention_plan_file")
        if upload and hasattr(upload, "size") and not getattr(upload, "_committed", False):
            from fugong.resumption.services import check_attachment

            try:
                check_attachment(upload)
            except forms.ValidationError as exc:
                raise forms.ValidationError(exc.message_dict["file"]) from exc
        return upload


class AttachmentForm(ScopedForm):
    file = forms.FileField(label=_("File"))
    name = forms.CharField(label=_("Description"), max_length=120, required=False)


class DecisionForm(ScopedForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(StepDecision.APPROVED, _("Approve")), (StepDecision.RETURNED, _("Return"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Conditions (approval) or reasons (return)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DueForm(ScopedForm):
    due_on = forms.DateField(label=_("Due to resume on"), required=False, widget=DATE)


class AcceptanceRequestForm(ScopedModelForm):
    class Meta:
        model = MineAcceptance
        fields = ["stopped_on", "cause", *SYSTEMS]
        widgets = {"stopped_on": DATE}


class RegulatorSignForm(ScopedForm):
    government_signatory = forms.CharField(label=_("Head of government who signed"), max_length=64)


class CalendarDayForm(ScopedModelForm):
    class Meta:
        model = CalendarDay
        fields = ["day", "is_working_day", "note"]
        widgets = {"day": DATE}
        help_texts = {
            "is_working_day": _("Ticked: a weekend day worked (调休). Not ticked: a holiday.")
        }
