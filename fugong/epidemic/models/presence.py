"""Presence — the raw material of tracing (DESIGN §3.3 "Presence").

Shift rosters, positioning zone events, dormitory nights, vehicle trips, canteen sittings and
meetings all become presence intervals (person, place, start, end, source). Rosters and nights
are also kept as such, because "same team on the same shift occurrence" and "same dormitory
room for a night" are close-contact rules of their own, whatever the minutes.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from fugong.core.audit import audit_register
from fugong.core.events import EventRecord
from fugong.core.models import TimeStampedModel
from fugong.core.permissions import Permissions
from fugong.core.roles import Role
from fugong.core.scope import ScopedQuerySet
from fugong.epidemic.roles import HEALTH_OFFICIALS
from fugong.org.models import Enterprise, Place, Shift, Team

# Who writes presence: the enterprise's health officer and manager (rosters, rooms, meetings)
# and terminals (the positioning system, a bus's card reader).
PRESENCE_WRITERS = frozenset({Role.HEALTH_OFFICER, Role.ENTERPRISE_MANAGER, Role.DEVICE})


class PresenceSource(models.TextChoices):
    ROSTER = "roster", _("Shift roster")
    POSITIONING = "positioning", _("Positioning system")
    DORMITORY = "dormitory", _("Dormitory night")
    VEHICLE = "vehicle", _("Vehicle trip")
    CANTEEN = "canteen", _("Canteen sitting")
    MEETING = "meeting", _("Meeting")
    SCREENING = "screening", _("Checkpoint")
    MANUAL = "manual", _("Entered by hand")


class PresenceQuerySet(ScopedQuerySet):
    scope_kind = "place"
    scope_path = "place"
    permissions = Permissions(view=HEALTH_OFFICIALS, record=PRESENCE_WRITERS)


class PresenceInterval(EventRecord):
    """A person at a place from ``start`` to ``end``, and what said so."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.PROTECT, related_name="presence"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))
    source = models.CharField(_("source"), max_length=16, choices=PresenceSource.choices)
    source_ref = models.CharField(_("source reference"), max_length=64, blank=True)

    objects = PresenceQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("presence interval")
        verbose_name_plural = _("presence intervals")
        indexes = [
            models.Index(fields=["person", "start"]),
            models.Index(fields=["place", "start"]),
            models.Index(fields=["enterprise", "start"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="presence_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id}@{self.place_id} {self.start:%m-%d %H:%M}–{self.end:%H:%M}"


class PositioningCardQuerySet(ScopedQuerySet):
    scope_kind = "via_enterprise"
    permissions = Permissions(view=HEALTH_OFFICIALS | PRESENCE_WRITERS, change=PRESENCE_WRITERS)


class PositioningCard(TimeStampedModel):
    """A positioning-system card (人员定位卡) and the person who carries it."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="+"
    )
    card_number = models.CharField(_("card number"), max_length=32)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="positioning_cards",
    )

    objects = PositioningCardQuerySet.as_manager()

    class Meta:
        ordering = ["enterprise_id", "card_number"]
        verbose_name = _("positioning card")
        verbose_name_plural = _("positioning cards")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "card_number"], name="positioning_card_unique"
            )
        ]

    def __str__(self) -> str:
        return self.card_number


class PositioningEventKind(models.TextChoices):
    ENTER = "enter", _("Enter")
    EXIT = "exit", _("Exit")


class PositioningEventQuerySet(ScopedQuerySet):
    scope_kind = "place"
    scope_path = "place"
    permissions = Permissions(view=HEALTH_OFFICIALS, record=PRESENCE_WRITERS)


class PositioningEvent(EventRecord):
    """One zone event from the mine's positioning system (AQ 6210 / AQ 1048 data)."""

    place = models.ForeignKey(
        Place, verbose_name=_("zone"), on_delete=models.PROTECT, related_name="+"
    )
    card_number = models.CharField(_("card number"), max_length=32)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("event"), max_length=8, choices=PositioningEventKind.choices)
    at = models.DateTimeField(_("at"))

    objects = PositioningEventQuerySet.as_manager()

    class Meta:
        ordering = ["at"]
        verbose_name = _("positioning event")
        verbose_name_plural = _("positioning events")
        indexes = [
            models.Index(fields=["card_number", "at"]),
            models.Index(fields=["place", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.card_number} {self.kind} {self.place_id} {self.at:%m-%d %H:%M}"


class ShiftRosterQuerySet(ScopedQuerySet):
    scope_kind = "via_enterprise"
    scope_path = "team__enterprise"
    permissions = Permissions(view=HEALTH_OFFICIALS | PRESENCE_WRITERS, change=PRESENCE_WRITERS)


class ShiftRoster(TimeStampedModel):
    """Who worked one shift occurrence with one team: team × shift × the day it starts."""

    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="rosters"
    )
    shift = models.ForeignKey(
        Shift, verbose_name=_("shift"), on_delete=models.PROTECT, related_name="rosters"
    )
    day = models.DateField(_("day the shift starts"))
    place = models.ForeignKey(
        Place,
        verbose_name=_("where the team worked"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    members = models.ManyToManyField(
        "people.Person", verbose_name=_("members"), related_name="rosters"
    )

    objects = ShiftRosterQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "shift__start_time"]
        verbose_name = _("shift roster")
        verbose_name_plural = _("shift rosters")
        constraints = [
            models.UniqueConstraint(fields=["team", "shift", "day"], name="roster_unique")
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.shift} {self.day}"


class DormitoryNightQuerySet(ScopedQuerySet):
    scope_kind = "place"
    scope_path = "room"
    permissions = Permissions(view=HEALTH_OFFICIALS | PRESENCE_WRITERS, change=PRESENCE_WRITERS)


class DormitoryNight(models.Model):
    """A person assigned to a dormitory room for the night that starts on ``night`` (22:00 to
    06:00 local, DESIGN §3.3)."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    room = models.ForeignKey(
        Place, verbose_name=_("room"), on_delete=models.PROTECT, related_name="nights"
    )
    night = models.DateField(_("night of"))

    objects = DormitoryNightQuerySet.as_manager()

    class Meta:
        ordering = ["-night", "room_id"]
        verbose_name = _("dormitory night")
        verbose_name_plural = _("dormitory nights")
        constraints = [
            models.UniqueConstraint(fields=["person", "night"], name="one_room_per_night")
        ]
        indexes = [models.Index(fields=["room", "night"])]

    def __str__(self) -> str:
        return f"{self.person_id} {self.room_id} {self.night}"


class GatheringKind(models.TextChoices):
    VEHICLE_TRIP = "vehicle_trip", _("Vehicle trip")
    CANTEEN_SITTING = "canteen_sitting", _("Canteen sitting")
    MEETING = "meeting", _("Meeting")


class GatheringQuerySet(ScopedQuerySet):
    scope_kind = "place"
    scope_path = "place"
    permissions = Permissions(view=HEALTH_OFFICIALS | PRESENCE_WRITERS, change=PRESENCE_WRITERS)


class Gathering(TimeStampedModel):
    """People together at one place for a while: a shuttle-bus trip, a canteen sitting, a
    meeting (a 座谈会 with its participant list)."""

    kind = models.CharField(_("kind"), max_length=16, choices=GatheringKind.choices)
    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.PROTECT, related_name="gatherings"
    )
    title = models.CharField(_("title"), max_length=100, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    participants = models.ManyToManyField(
        "people.Person", verbose_name=_("participants"), related_name="gatherings"
    )

    objects = GatheringQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("gathering")
        verbose_name_plural = _("gatherings")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d %H:%M}"


audit_register(PositioningCard)
audit_register(ShiftRoster, m2m=["members"])
audit_register(Gathering, m2m=["participants"])
