"""Forms and filters of the device pages; every choice is inside the administrator's scope."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fugong.accounts.models import DeviceToken
from fugong.core.filters import ScopedFilterSet
from fugong.core.forms import ScopedForm
from fugong.org.models import Enterprise, Place, PlaceKind


class PlaceChoiceField(forms.ModelMultipleChoiceField):
    """A place is shown with its enterprise and kind: a group has many 门岗."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.enterprise.name} · {obj.name} ({obj.get_kind_display()})"


# The places a terminal serves: its gates. A positioning system reports zones through its own
# feed; a dormitory or a canteen has no terminal, so they are not offered (a group would see
# a hundred dormitory checkboxes).
DEVICE_PLACE_KINDS = (PlaceKind.CHECKPOINT,)


class DeviceTokenForm(ScopedForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=64,
        help_text=_("Where the terminal stands, e.g. main gate thermometer 1."),
    )
    enterprise = forms.ModelChoiceField(
        queryset=Enterprise.objects.only("id", "name").order_by("name"), label=_("Enterprise")
    )
    places = PlaceChoiceField(
        queryset=Place.objects.none(),
        label=_("Checkpoints"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The device sees these checkpoints and the people of their enterprise."),
    )
    expires_at = forms.DateTimeField(
        label=_("Expires at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Optional, Beijing time. Leave empty for a token that works until revoked."),
    )

    def __init__(self, *args: Any, actor: Any, enterprise_id: Any = None, **kwargs: Any):
        self.enterprise_id = enterprise_id
        super().__init__(*args, actor=actor, **kwargs)

    def setup(self, actor: Any) -> None:
        places = (
            Place.objects.filter(is_active=True, kind__in=DEVICE_PLACE_KINDS)
            .select_related("enterprise")
            .order_by("enterprise__name", "kind", "name")
        )
        # Once an enterprise is chosen only its places are offered; the service checks again.
        enterprises = Enterprise.objects.restrict(actor)
        chosen = self.data.get("enterprise") or self.enterprise_id or self._only_id(enterprises)
        if chosen and str(chosen).isdigit():
            places = places.filter(enterprise_id=int(chosen))
            self.initial.setdefault("enterprise", int(chosen))
        else:
            places = places.none()
        self.model_choice("places").queryset = places
        # Choosing an enterprise reloads the list of places with only its places.
        self.fields["enterprise"].widget.attrs.update(
            {
                "hx-get": reverse("accounts:device_create"),
                "hx-target": "#places-field",
                "hx-select": "#places-field",
                "hx-swap": "outerHTML",
            }
        )
        self.fields["expires_at"].widget.attrs["class"] = "form-control"

    @staticmethod
    def _only_id(enterprises: QuerySet[Enterprise]) -> int | None:
        ids = list(enterprises.values_list("pk", flat=True)[:2])
        return ids[0] if len(ids) == 1 else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        enterprise, places = cleaned.get("enterprise"), cleaned.get("places")
        if enterprise is not None and any(p.enterprise_id != enterprise.pk for p in places or ()):
            self.add_error("places", _("Every place must belong to the device's enterprise."))
        return cleaned


class DeviceTokenFilter(ScopedFilterSet):
    """Search the devices by name or token prefix; show active, revoked or all."""

    STATE_CHOICES = [
        ("active", pgettext_lazy("device", "Active")),
        ("expired", pgettext_lazy("device", "Expired")),
        ("revoked", _("Revoked")),
    ]

    q = django_filters.CharFilter(method="search", label=_("Search"))
    enterprise = django_filters.ModelChoiceFilter(
        queryset=Enterprise.objects.only("id", "name").order_by("name"), label=_("Enterprise")
    )
    state = django_filters.ChoiceFilter(choices=STATE_CHOICES, method="in_state", label=_("State"))

    class Meta:
        model = DeviceToken
        fields = ["q", "enterprise", "state"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(token_prefix__startswith=value))

    def in_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        now = timezone.now()
        if value == "active":
            return queryset.filter(
                Q(expires_at__isnull=True) | Q(expires_at__gt=now), revoked_at__isnull=True
            )
        if value == "expired":
            return queryset.filter(expires_at__lte=now, revoked_at__isnull=True)
        if value == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset
