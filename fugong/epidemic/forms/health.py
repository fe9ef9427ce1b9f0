"""Forms of the health area: the daily check-in (for oneself or for someone else), the manual
status, the appeal and its decision. Plain server-rendered fields: a miner's phone needs no JS
while the choices are few. Beyond the picker threshold (a helper's people; the counties once the
whole GB/T 2260 list of ~2,800 is loaded) a select renders only its chosen option and the search
picker asks the server, so the page stays a few KB instead of four selects of every county."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.core.forms import ScopedForm
from fugong.epidemic.models import Colour, Symptom, Transport
from fugong.epidemic.selectors.health import checkin_people
from fugong.epidemic.services.health import Stop, Travel
from fugong.org.forms import PersonChoiceField, RegionChoiceField, regions_with_parents
from fugong.org.models import Region, RegionLevel
from fugong.people.models import Person

STOP_ROWS = 3  # regions visited a form offers; the API takes any number


def _stop_region() -> RegionChoiceField:
    return RegionChoiceField(
        queryset=Region.objects.none(), required=False, label=_("Region visited")
    )


def _stop_day(label: Any) -> forms.DateField:
    return forms.DateField(
        required=False, label=label, widget=forms.DateInput(attrs={"type": "date"})
    )


class CheckInForm(ScopedForm):
    """Today's check-in. ``for_others`` adds the person to check in for (a helper)."""

    # Named with the masked ID number (张三 · 142301********1234), as the picker's answers are.
    person = PersonChoiceField(queryset=Person.objects.none(), label=_("Person"))
    temperature = forms.DecimalField(
        label=_("Temperature (°C)"),
        max_digits=4,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
    )
    symptoms = forms.MultipleChoiceField(
        label=_("Symptoms"),
        choices=Symptom.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("Leave empty when you feel well."),
    )
    location = forms.CharField(label=_("Current location"), max_length=100, required=False)
    location_region = RegionChoiceField(
        queryset=Region.objects.none(), label=_("Current county"), required=False
    )
    travelled = forms.BooleanField(
        label=_("I have travelled since my last check-in"), required=False
    )
    transport = forms.ChoiceField(
        label=_("Transport"), choices=[("", "")] + list(Transport.choices), required=False
    )
    transport_number = forms.CharField(
        label=_("Train or flight number"), max_length=16, required=False
    )
    pledge = forms.BooleanField(
        label=_("I pledge that what I report is true."),
        error_messages={"required": _("Confirm the pledge to submit.")},
    )
    client_uuid = forms.UUIDField(widget=forms.HiddenInput)
    # Regions visited: up to STOP_ROWS rows of region, from, until.
    stop1_region = _stop_region()
    stop1_from = _stop_day(_("From"))
    stop1_until = _stop_day(_("Until"))
    stop2_region = _stop_region()
    stop2_from = _stop_day(_("From"))
    stop2_until = _stop_day(_("Until"))
    stop3_region = _stop_region()
    stop3_from = _stop_day(_("From"))
    stop3_until = _stop_day(_("Until"))

    # Where one is or has been is public reference data (any county); the person choices are
    # shaped by checkin_people, which applies the helper's own rules and scope, and so is the
    # search of the picker (the directory's picker would search the people one may view).
    region_fields = ("location_region", *(f"stop{i}_region" for i in range(1, STOP_ROWS + 1)))
    unscoped_fields = ("person", *region_fields)
    picker_urls = {"person": "epidemic:health_checkin_people"}
    # What the search box finds: a person by name only (never by an ID number), a county by
    # name or GB/T 2260 code.
    picker_placeholders = {
        "person": _("Type a name to search"),
        **{name: _("Type a county's name or code") for name in region_fields},
    }
    # The region search (org:pick_regions) offers what these fields accept: every county.
    picker_params = {name: {"level": RegionLevel.COUNTY} for name in region_fields}

    def __init__(self, *args: Any, for_others: bool = False, **kwargs: Any) -> None:
        self.for_others = for_others
        self.travel: Travel | None = None
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("client_uuid", uuid.uuid4())

    @classmethod
    def stop_names(cls, index: int) -> tuple[str, str, str]:
        return (f"stop{index}_region", f"stop{index}_from", f"stop{index}_until")

    def setup(self, actor: Any) -> None:
        if self.for_others:
            people = checkin_people(actor=actor).order_by("name_pinyin", "pk")
            self.model_choice("person").queryset = people
        else:
            del self.fields["person"]
        for name in self.region_fields:
            self.model_choice(name).queryset = regions_with_parents(RegionLevel.COUNTY)

    def stops(self) -> list[Stop]:
        data = self.cleaned_data
        found = []
        for index in range(1, STOP_ROWS + 1):
            region, start, end = (data.get(name) for name in self.stop_names(index))
            if region is None and start is None and end is None:
                continue
            if any(name in self.errors for name in self.stop_names(index)):
                continue  # a refused region or day already says what is wrong with the row
            if region is None or start is None:
                name = self.stop_names(index)[0 if region is None else 1]
                self.add_error(name, _("Give the region and the dates of the stay."))
                continue
            found.append(Stop(region=region, arrived_on=start, left_on=end or start))
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("travelled"):
            self.travel = Travel(
                transport=data.get("transport") or "",
                transport_number=data.get("transport_number") or "",
                stops=self.stops(),
            )
            if not data.get("transport"):
                self.add_error("transport", _("Choose how you travelled."))
        else:
            self.travel = None
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs = {
            "temperature": data["temperature"],
            "symptoms": data.get("symptoms") or [],
            "location": data.get("location") or "",
            "location_region": data.get("location_region"),
            "travelled": bool(data.get("travelled")),
            "travel": self.travel,
            "pledge": bool(data.get("pledge")),
            "client_uuid": data["client_uuid"],
        }
        if self.for_others:
            kwargs["person"] = data["person"]
        return kwargs


class OverrideForm(ScopedForm):
    colour = forms.ChoiceField(
        label=_("Colour"),
        choices=[("", _("End the manual status"))] + list(Colour.choices),
        required=False,
    )
    reason = forms.CharField(label=_("Reason"), max_length=200)
    until = forms.DateTimeField(
        label=_("Until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Empty: until a health officer ends it."),
    )

    def clean_until(self) -> Any:
        until = self.cleaned_data.get("until")
        if until is not None and until <= timezone.now():
            raise forms.ValidationError(_("The end must be in the future."))
        return until


class AppealForm(ScopedForm):
    text = forms.CharField(
        label=_("Why is the colour wrong?"), max_length=2000, widget=forms.Textarea({"rows": 4})
    )


class AppealDecisionForm(ScopedForm):
    uphold = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Uphold")), ("0", _("Reject"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    colour = forms.ChoiceField(
        label=_("Colour when upheld"),
        choices=[("", _("The computed colour"))] + list(Colour.choices),
        required=False,
    )
    until = forms.DateTimeField(
        label=_("Until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    note = forms.CharField(label=_("Decision note"), max_length=500)
