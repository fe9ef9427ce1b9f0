"""Tables and filters of the presence lists (rosters, dormitory nights, gatherings)."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from fugong.core.filters import ScopedFilterSet
from fugong.core.tables import ListTable, TimeColumn
from fugong.epidemic.models import DormitoryNight, Gathering, GatheringKind, ShiftRoster


class RosterTable(ListTable):
    day = tables.DateColumn(verbose_name=_("Day the shift starts"), format="Y-m-d")
    team = tables.Column(accessor="team__name", verbose_name=_("Team"))
    shift = tables.Column(accessor="shift__name", verbose_name=_("Shift"))
    place = tables.Column(accessor="place__name", verbose_name=_("Where the team worked"))
    member_count = tables.Column(verbose_name=_("Members"), orderable=False)

    class Meta(ListTable.Meta):
        model = ShiftRoster
        fields = ("day", "team", "shift", "place", "member_count")
        attrs = {**ListTable.Meta.attrs, "data-testid": "results-table"}
        empty_text = _("No rosters.")


class RosterFilter(ScopedFilterSet):
    day = django_filters.DateFilter(label=_("Day"))

    class Meta:
        model = ShiftRoster
        fields = ["day", "team"]


class NightTable(ListTable):
    night = tables.DateColumn(verbose_name=_("Night of"), format="Y-m-d")
    room = tables.Column(accessor="room__name", verbose_name=_("Room"))
    person = tables.Column(accessor="person__name", verbose_name=_("Person"))

    class Meta(ListTable.Meta):
        model = DormitoryNight
        fields = ("night", "room", "person")
        attrs = {**ListTable.Meta.attrs, "data-testid": "results-table"}
        empty_text = _("No dormitory nights.")


class NightFilter(ScopedFilterSet):
    night = django_filters.DateFilter(label=_("Night of"))

    class Meta:
        model = DormitoryNight
        fields = ["night", "room"]


class GatheringTable(ListTable):
    starts_at = TimeColumn(verbose_name=_("Starts at"))
    kind = tables.Column(verbose_name=_("Kind"))
    title = tables.Column(verbose_name=_("Title"))
    place = tables.Column(accessor="place__name", verbose_name=_("Place"))
    participant_count = tables.Column(verbose_name=_("Participants"), orderable=False)

    class Meta(ListTable.Meta):
        model = Gathering
        fields = ("starts_at", "kind", "title", "place", "participant_count")
        attrs = {**ListTable.Meta.attrs, "data-testid": "results-table"}
        empty_text = _("No gatherings.")


class GatheringFilter(ScopedFilterSet):
    kind = django_filters.ChoiceFilter(choices=GatheringKind.choices, label=_("Kind"))

    class Meta:
        model = Gathering
        fields = ["kind", "place"]
