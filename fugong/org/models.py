"""Organisation (DESIGN §3.1): regions, enterprises, places, teams and shifts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.core.audit import audit_register
from fugong.core.models import TimeStampedModel
from fugong.core.permissions import Permissions
from fugong.core.pinyin import PinyinNamed
from fugong.core.roles import (
    ALL_HUMAN_ROLES,
    ENTERPRISE_GOVERNMENT_ROLES,
    ORG_EDITOR_ROLES,
    ORG_READER_ROLES,
    REGION_READER_ROLES,
    TEAM_READER_ROLES,
    Role,
)
from fugong.core.scope import Scope, ScopedQuerySet
from fugong.core.validators import normalize_code, validate_region_code, validate_uscc


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    COUNTY = "county", _("County")


# Digits of a GB/T 2260 code that identify a subtree at each level: 14 / 1409 / 140925.
_PREFIX_LENGTH = {RegionLevel.PROVINCE: 2, RegionLevel.CITY: 4, RegionLevel.COUNTY: 6}


class RegionQuerySet(ScopedQuerySet):
    """Regions are reference data, but a reader sees the regions of its own jurisdiction; the
    region directory (page and API list) is the regional roles' work."""

    scope_kind = "custom"
    # "pick": naming where one is or has been (a check-in's county, a home region) is public
    # reference data, searched by every role whose forms have a region field, a worker included.
    permissions = Permissions(
        view=ORG_READER_ROLES, directory=REGION_READER_ROLES, pick=ALL_HUMAN_ROLES
    )

    def scope_q(self, scope: Scope) -> models.Q:
        if scope.everything:
            return models.Q()
        if scope.region_prefix is not None:
            return models.Q(code__startswith=scope.region_prefix)
        # Enterprise-bound actors see the regions their enterprises are registered in.
        enterprises = Enterprise.objects.filter(scope.enterprise_q())
        return models.Q(pk__in=enterprises.values("region_id"))


class Region(TimeStampedModel):
    """An administrative division with its GB/T 2260 code: province → city → county."""

    code = models.CharField(
        _("region code"), max_length=6, unique=True, validators=[validate_region_code]
    )
    name = models.CharField(_("name"), max_length=64)
    level = models.CharField(_("level"), max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    @property
    def full_name(self) -> str:
        """The name with its parents, 山西省 忻州市 宁武县: two counties of one name differ.

        Load ``parent__parent`` with the region (``select_related``) to keep this query-free.
        """
        names = [self.name]
        parent = self.parent
        while parent is not None and len(names) < len(_PREFIX_LENGTH):
            names.append(parent.name)
            parent = parent.parent
        return " ".join(reversed(names))

    @property
    def subtree_prefix(self) -> str:
        """The code prefix shared by this region and everything below it."""
        return self.code[: _PREFIX_LENGTH[RegionLevel(self.level)]]


class EnterpriseKind(models.TextChoices):
    GROUP = "group", _("Group")
    COAL_MINE = "coal_mine", _("Coal mine")
    POWER_PLANT = "power_plant", _("Power plant")
    HEATING_PLANT = "heating_plant", _("Heating plant")
    OTHER = "other", _("Other")


class Industry(models.TextChoices):
    """Sections of GB/T 4754 that the city's enterprises fall in."""

    COAL_MINING = "coal_mining", _("Coal mining and washing")
    POWER_HEAT = "power_heat", _("Electricity and heat production and supply")
    METAL_SMELTING = "metal_smelting", _("Non-ferrous metal smelting")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    CONSTRUCTION = "construction", _("Construction")
    TRANSPORT = "transport", _("Transport and logistics")
    SERVICES = "services", _("Services")
    OTHER = "other", _("Other")


class EnterpriseStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


class OutputUnit(models.TextChoices):
    TONS_RAW_COAL = "t_raw_coal", _("tons of raw coal")
    MWH = "mwh", _("MWh")
    GJ = "gj", _("GJ of heat")
    TONS = "t", _("tons")
    OTHER = "other", _("other units")


class EnterpriseQuerySet(ScopedQuerySet):
    scope_kind = "enterprise"
    # A checkpoint terminal reads the enterprise it stands at. A group adds member units.
    # Officials keep the records of the enterprises they oversee right; the regulated fields
    # (region, kind, parent, credit code, status) have their own rule (org.rules).
    permissions = Permissions(
        view=ORG_READER_ROLES | {Role.DEVICE},
        change=ORG_EDITOR_ROLES | ENTERPRISE_GOVERNMENT_ROLES,
        create={Role.GROUP_ADMIN},
    )


class Enterprise(TimeStampedModel, PinyinNamed):
    """A legal entity: a group, or one of its member units (mine, plant), or any other firm."""

    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_uscc]
    )
    name = models.CharField(_("name"), max_length=128)
    kind = models.CharField(_("kind"), max_length=16, choices=EnterpriseKind.choices)
    industry = models.CharField(_("industry"), max_length=32, choices=Industry.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="enterprises"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("A member unit points to its group."),
    )
    normal_headcount = models.PositiveIntegerField(_("normal staff headcount"), default=0)
    normal_daily_output = models.DecimalField(
        _("normal daily output"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("For a mine: tons of raw coal per day from its rated capacity."),
    )
    output_unit = models.CharField(
        _("output unit"), max_length=16, choices=OutputUnit.choices, default=OutputUnit.TONS
    )
    # In 万吨/年 (10,000 t a year), the unit of a mine's production licence and of every
    # Chinese statistic about it: a 1.2 Mt/a mine is "120万吨/年".
    rated_capacity = models.DecimalField(
        _("rated capacity (10,000 t/a)"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EnterpriseStatus.choices,
        default=EnterpriseStatus.ACTIVE,
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    # From which day the unit counts in 开工率 (DESIGN §3.4 "due to resume"): set by an approved
    # resumption application, or by the county for units that need none. Empty = not due yet.
    resumption_due_on = models.DateField(_("due to resume on"), null=True, blank=True)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        # Names in pinyin order (core.pinyin), not by code point.
        ordering = ["region__code", "name_pinyin", "pk"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        indexes = [
            models.Index(fields=["kind", "status"]),
            models.Index(fields=["region", "name_pinyin"]),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.credit_code = normalize_code(self.credit_code)
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An enterprise cannot be its own group.")})
        if self.parent is not None and self.parent.kind != EnterpriseKind.GROUP:
            raise ValidationError({"parent": _("The parent of a member unit must be a group.")})


class PlaceKind(models.TextChoices):
    CHECKPOINT = "checkpoint", _("Checkpoint")
    UNDERGROUND_ZONE = "underground_zone", _("Underground zone")
    WORKING_FACE = "working_face", _("Working face")
    DORMITORY_ROOM = "dormitory_room", _("Dormitory room")
    CANTEEN = "canteen", _("Canteen")
    VEHICLE = "vehicle", _("Vehicle (shuttle bus)")
    MEETING_ROOM = "meeting_room", _("Meeting room")
    OFFICE = "office", _("Office")


# Kinds underground, where a headcount limit (限员) is law.
LIMITED_KINDS = frozenset({PlaceKind.UNDERGROUND_ZONE, PlaceKind.WORKING_FACE})


class PlaceQuerySet(ScopedQuerySet):
    scope_kind = "place"
    permissions = Permissions(view=ORG_READER_ROLES | {Role.DEVICE}, change=ORG_EDITOR_ROLES)


class Place(TimeStampedModel):
    """Where people are together: the raw material of screening and tracing."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="places"
    )
    name = models.CharField(_("name"), max_length=128)
    kind = models.CharField(_("kind"), max_length=24, choices=PlaceKind.choices)
    code = models.CharField(
        _("code"),
        max_length=32,
        blank=True,
        help_text=_("Zone id in the positioning system, room number or plate number."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("inside"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    headcount_limit = models.PositiveIntegerField(
        _("headcount limit"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("限员: the most people allowed at once; required underground."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Beds, seats.")
    )
    is_active = models.BooleanField(_("in use"), default=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["enterprise_id", "kind", "name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "kind", "name"], name="place_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind in LIMITED_KINDS and not self.headcount_limit:
            raise ValidationError(
                {"headcount_limit": _("An underground place needs a headcount limit.")}
            )
        if self.parent is not None and self.parent.enterprise_id != self.enterprise_id:
            raise ValidationError(
                {"parent": _("A place can only be inside a place of the same enterprise.")}
            )


class TeamQuerySet(ScopedQuerySet):
    scope_kind = "via_enterprise"
    permissions = Permissions(view=TEAM_READER_ROLES, change=ORG_EDITOR_ROLES)


class ShiftQuerySet(ScopedQuerySet):
    scope_kind = "via_enterprise"
    permissions = Permissions(view=TEAM_READER_ROLES, change=ORG_EDITOR_ROLES)


class Team(TimeStampedModel):
    """A team (班组): the people who work together on a shift."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="teams"
    )
    name = models.CharField(_("name"), max_length=64)
    leader = models.ForeignKey(
        "people.Person",
        verbose_name=_("team leader"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_teams",
    )
    is_underground = models.BooleanField(_("works underground"), default=False)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["enterprise_id", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "name"], name="team_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.leader is not None and self.leader.enterprise_id != self.enterprise_id:
            raise ValidationError(
                {"leader": _("The team leader must work for the same enterprise.")}
            )


class ShiftKind(models.TextChoices):
    MORNING = "morning", _("Morning shift")
    MIDDLE = "middle", _("Middle shift")
    NIGHT = "night", _("Night shift")
    DAY = "day", _("Day shift")


class Shift(TimeStampedModel):
    """A shift pattern (早/中/夜班). When the end is not after the start it crosses midnight."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="shifts"
    )
    name = models.CharField(_("name"), max_length=32)
    kind = models.CharField(_("kind"), max_length=16, choices=ShiftKind.choices)
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))

    objects = ShiftQuerySet.as_manager()

    class Meta:
        ordering = ["enterprise_id", "start_time"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "name"], name="shift_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.start_time:%H:%M}-{self.end_time:%H:%M}"

    def clean(self) -> None:
        if self.start_time is not None and self.start_time == self.end_time:
            raise ValidationError({"end_time": _("A shift cannot start and end at the same time.")})

    @property
    def crosses_midnight(self) -> bool:
        return self.end_time <= self.start_time

    @property
    def duration(self) -> dt.timedelta:
        start, end = self.occurrence(dt.date(2000, 1, 3))
        return end - start

    def occurrence(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        """The aware start and end of the shift that starts on local ``day``.

        A night shift 22:00-06:00 on 1 March runs to 06:00 on 2 March.
        """
        tz = timezone.get_default_timezone()
        start = dt.datetime.combine(day, self.start_time, tzinfo=tz)
        end_day = day + dt.timedelta(days=1) if self.crosses_midnight else day
        end = dt.datetime.combine(end_day, self.end_time, tzinfo=tz)
        return start, end


for _model in (Region, Place, Team, Shift):
    audit_register(_model)
audit_register(Enterprise, exclude=["name_pinyin"])


class CalendarDayQuerySet(ScopedQuerySet):
    """The official calendar is reference data for everyone; city command keeps it."""

    scope_kind = "custom"
    permissions = Permissions(view=ORG_READER_ROLES, change={Role.CITY_COMMAND})

    def scope_q(self, scope: Scope) -> models.Q:
        return models.Q()


class CalendarDay(TimeStampedModel):
    """An exception to the Monday–Friday working week: a public holiday on a weekday, or a
    weekend day worked in exchange (调休). The State Council publishes them each year, so they
    are data, not code; ``fugong.org.workdays`` reads them for every working-day clock."""

    day = models.DateField(_("day"), unique=True)
    is_working_day = models.BooleanField(_("working day"))
    note = models.CharField(_("note"), max_length=64, blank=True)

    objects = CalendarDayQuerySet.as_manager()

    class Meta:
        ordering = ["day"]
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.note}"


audit_register(CalendarDay)
