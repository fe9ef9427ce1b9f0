"""The person form: every choice offered is inside the editor's scope."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fugong.core.forms import ScopedModelForm
from fugong.core.pickers import EnterpriseLabelChoiceField
from fugong.core.validators import normalize_code, normalize_phone
from fugong.org.forms import RegionChoiceField, regions_with_parents
from fugong.org.models import Enterprise, Place, PlaceKind, Team
from fugong.people.models import Person

PERSON_FIELDS = [
    "name",
    "id_number",
    "phone",
    "enterprise",
    "team",
    "category",
    "status",
    "home_region",
    "dormitory",
]


class PersonForm(ScopedModelForm):
    """Register or edit a person. The model's validators check the ID number and phone, and
    the unique ID number, so a bad value comes back as an error on that field."""

    # Wider than the stored 18/11 characters: spaces, dashes and +86 are removed before the
    # model checks the length.
    id_number = forms.CharField(label=_("Resident ID number"), max_length=32)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    # A team or room is named together with its enterprise: a group has many 综采一队.
    team = EnterpriseLabelChoiceField(
        queryset=Team.objects.select_related("enterprise").order_by("enterprise__name", "name"),
        required=False,
        label=_("Team"),
    )
    dormitory = EnterpriseLabelChoiceField(
        queryset=Place.objects.filter(kind=PlaceKind.DORMITORY_ROOM, is_active=True)
        .select_related("enterprise")
        .order_by("enterprise__name", "name"),
        required=False,
        label=_("Dormitory room"),
    )

    # A home region is where a worker comes from (户籍地), anywhere in the country; the codes
    # are public reference data, so every region is offered, not only the scope's (searched
    # by name or code once the whole GB/T 2260 list is loaded).
    unscoped_fields = ("home_region",)
    picker_params = {"dormitory": {"kind": PlaceKind.DORMITORY_ROOM, "is_active": "true"}}
    picker_depends = {"team": ("enterprise",), "dormitory": ("enterprise",)}

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        field_classes = {"home_region": RegionChoiceField}

    def setup(self, actor: Any) -> None:
        fields = self.fields
        self.model_choice("home_region").queryset = regions_with_parents()
        self.model_choice("enterprise").queryset = Enterprise.objects.only("id", "name").order_by(
            "name"
        )
        fields["id_number"].widget.attrs["autocomplete"] = "off"
        fields["phone"].widget.attrs.update({"autocomplete": "off", "inputmode": "tel"})
        fields["id_number"].help_text = _("18 characters; the last may be X.")
        fields["phone"].help_text = _("11-digit mobile number.")
        if self.instance.pk is not None:
            # Editing must not display the identifiers in full (that would be an unlogged
            # unmasked view): the inputs start empty, show the masked value, and an empty
            # input keeps what is stored.
            for name, masked in (
                ("id_number", self.instance.id_number_masked),
                ("phone", self.instance.phone_masked),
            ):
                self.initial[name] = ""
                fields[name].required = False
                fields[name].widget.attrs["placeholder"] = masked
                fields[name].help_text = _("Leave empty to keep %(masked)s.") % {"masked": masked}

    def clean_name(self) -> str:
        return (self.cleaned_data.get("name") or "").strip()

    def clean_id_number(self) -> str:
        # Checked in upper case: people type a lower-case x.
        value = normalize_code(self.cleaned_data.get("id_number") or "")
        return value or self._stored("id_number")

    def clean_phone(self) -> str:
        value = normalize_phone(self.cleaned_data.get("phone") or "")
        return value or self._stored("phone")

    def _stored(self, name: str) -> str:
        return getattr(self.instance, name) if self.instance.pk is not None else ""

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned values as keyword arguments for person_register / person_update."""
        return {name: self.cleaned_data[name] for name in PERSON_FIELDS}
