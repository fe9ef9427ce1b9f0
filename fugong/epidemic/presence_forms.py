"""Forms of the presence pages: rosters, dormitory nights, gatherings. They parse; the
services (services/presence.py) decide. Every choice is restricted to the actor's scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from fugong.core.forms import ScopedForm
from fugong.epidemic.models import DormitoryNight, GatheringKind
from fugong.org.forms import PersonMultipleChoiceField
from fugong.org.models import Place, PlaceKind, Shift, Team
from fugong.people.models import Person, PersonStatus

DATE = forms.DateInput(attrs={"type": "date"})
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RosterForm(ScopedForm):
    team = forms.ModelChoiceField(Team.objects.all(), label=_("Team"))
    shift = forms.ModelChoiceField(Shift.objects.all(), label=_("Shift"))
    day = forms.DateField(label=_("Day the shift starts"), widget=DATE)
    place = forms.ModelChoiceField(
        Place.objects.filter(is_active=True), label=_("Where the team worked"), required=False
    )
    members = PersonMultipleChoiceField(
        Person.objects.all(),
        label=_("Members"),
        required=False,
        help_text=_("Leave empty for everyone of the team who is at work (active)."),
    )

    def clean(self) -> dict[str, Any]:
        """No member chosen: the team's active people (a whole team on shift is the usual
        roster; picking sixty names one by one is not)."""
        data = super().clean() or {}
        team = data.get("team")
        if team is not None and not data.get("members") and "members" not in self.errors:
            members = list(
                self.fields["members"]
                .queryset.filter(team=team, status=PersonStatus.ACTIVE)  # type: ignore[attr-defined]
                .order_by("pk")
            )
            if not members:
                self.add_error("members", _("The team has no active members: choose the members."))
            data["members"] = members
        return data


class NightsForm(ScopedForm):
    room = forms.ModelChoiceField(
        Place.objects.filter(kind=PlaceKind.DORMITORY_ROOM), label=_("Dormitory room")
    )
    first_night = forms.DateField(label=_("First night"), widget=DATE)
    last_night = forms.DateField(label=_("Last night"), widget=DATE)
    people = PersonMultipleChoiceField(
        Person.objects.all(),
        label=_("People"),
        required=False,
        help_text=_(
            "Leave empty for the people of the room's last night before these who are at work"
            " and have not moved to another room since."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_night"), data.get("last_night")
        if first and last:
            if last < first:
                self.add_error("last_night", _("The last night is before the first."))
            elif (last - first).days > 62:
                self.add_error("last_night", _("At most 62 nights at once."))
        room = data.get("room")
        if room is not None and first and not data.get("people") and "people" not in self.errors:
            data["people"] = self._room_as_before(room, first)
            if not data["people"]:
                self.add_error(
                    "people", _("Nobody slept in this room before these nights: choose the people.")
                )
        return data

    def _room_as_before(self, room: Place, first: dt.date) -> list[Person]:
        """The room's people of its last night before ``first`` (the usual entry: the same
        people for the coming nights), without those who left or slept elsewhere since."""
        before = DormitoryNight.objects.filter(room=room, night__lt=first)
        last = before.aggregate(last=Max("night"))["last"]
        if last is None:
            return []
        moved = DormitoryNight.objects.filter(night__gt=last, night__lt=first).exclude(room=room)
        people: Any = self.fields["people"].queryset  # type: ignore[attr-defined]
        return list(
            people.filter(
                status=PersonStatus.ACTIVE,
                pk__in=before.filter(night=last).values("person"),
            )
            .exclude(pk__in=moved.values("person"))
            .order_by("pk")
        )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        first, last = data["first_night"], data["last_night"]
        nights = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        return {"room": data["room"], "nights": nights, "people": list(data["people"])}


class GatheringForm(ScopedForm):
    kind = forms.ChoiceField(choices=GatheringKind.choices, label=_("Kind"))
    title = forms.CharField(label=_("Title"), max_length=100, required=False)
    place = forms.ModelChoiceField(Place.objects.filter(is_active=True), label=_("Place"))
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=MOMENT)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=MOMENT)
    participants = PersonMultipleChoiceField(Person.objects.all(), label=_("Participants"))

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["participants"] = list(data["participants"])
        return data
