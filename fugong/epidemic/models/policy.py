"""The versioned prevention policy (防控策略) and the risk areas it grades travel by."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fugong.core.audit import audit_register
from fugong.core.models import TimeStampedModel
from fugong.core.permissions import Permissions
from fugong.core.roles import ALL_HUMAN_ROLES, Role
from fugong.core.scope import Scope, ScopedQuerySet
from fugong.org.models import Region


class PolicyQuerySet(ScopedQuerySet):
    """One policy for the whole deployment: everyone reads the version in force (a device too,
    for its thresholds); city command writes new versions."""

    scope_kind = "custom"
    permissions = Permissions(view=ALL_HUMAN_ROLES | {Role.DEVICE}, change={Role.CITY_COMMAND})

    def scope_q(self, scope: Scope) -> models.Q:
        return models.Q()


def _positive(default: int) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(default=default, validators=[MinValueValidator(1)])


class Policy(TimeStampedModel):
    """One version of the prevention policy, in force from ``effective_from`` (00:00 local of
    that day) until the next version's. Versions are never edited once in force: a change is a
    new version, so every decision can be explained by the rules that applied on its day."""

    effective_from = models.DateField(_("effective from"), unique=True)
    response_level_on = models.BooleanField(
        _("epidemic response on"),
        default=True,
        help_text=_("The city's response level: off, the epidemic features are switched off."),
    )
    fever_threshold = models.DecimalField(
        _("fever threshold (°C)"), max_digits=3, decimal_places=1, default=Decimal("37.3")
    )
    temperature_min = models.DecimalField(
        _("lowest plausible temperature (°C)"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("34.0"),
    )
    temperature_max = models.DecimalField(
        _("highest plausible temperature (°C)"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("43.0"),
    )
    remeasure_after_min = models.PositiveSmallIntegerField(
        _("re-measure after at least (minutes)"), default=5
    )
    remeasure_after_max = models.PositiveSmallIntegerField(
        _("re-measure after at most (minutes)"), default=10
    )
    days_close_contact = models.PositiveSmallIntegerField(
        _("observation of a close contact (days)"), default=14
    )
    days_secondary_contact = models.PositiveSmallIntegerField(
        _("observation of a secondary contact (days)"), default=7
    )
    days_high_risk_travel = models.PositiveSmallIntegerField(
        _("quarantine after a high-risk area (days)"), default=14
    )
    days_medium_risk_travel = models.PositiveSmallIntegerField(
        _("health monitoring after a medium-risk area (days)"), default=7
    )
    days_fever = models.PositiveSmallIntegerField(
        _("observation after a confirmed fever (days)"), default=3
    )
    normal_checkins_to_green = models.PositiveSmallIntegerField(
        _("consecutive normal check-ins that turn yellow back to green"),
        default=3,
        validators=[MinValueValidator(1)],
    )
    stale_checkin_days = models.PositiveSmallIntegerField(
        _("days without a check-in before the code turns yellow"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    exposure_minutes = models.PositiveSmallIntegerField(
        _("exposure threshold (minutes)"), default=15, validators=[MinValueValidator(1)]
    )
    lookback_days = models.PositiveSmallIntegerField(
        _("tracing look-back before onset (days)"), default=2
    )
    cluster_window_days = models.PositiveSmallIntegerField(
        _("cluster window (days)"), default=14, validators=[MinValueValidator(1)]
    )
    travel_window_days = models.PositiveSmallIntegerField(
        _("travel window for risk areas (days)"), default=14, validators=[MinValueValidator(1)]
    )
    alert_webhook_url = models.URLField(
        _("alert webhook (WeCom/DingTalk robot)"), blank=True, max_length=500
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = PolicyQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("prevention policy")
        verbose_name_plural = _("prevention policies")

    def __str__(self) -> str:
        return str(_("Policy from %(day)s") % {"day": self.effective_from})

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.temperature_min is not None and self.temperature_max is not None:
            if self.temperature_min >= self.temperature_max:
                errors["temperature_max"] = _("The highest temperature must be above the lowest.")
            elif self.fever_threshold is not None and not (
                self.temperature_min < self.fever_threshold < self.temperature_max
            ):
                errors["fever_threshold"] = _(
                    "The fever threshold must lie inside the plausible range."
                )
        if (
            self.remeasure_after_min is not None
            and self.remeasure_after_max is not None
            and self.remeasure_after_min > self.remeasure_after_max
        ):
            errors["remeasure_after_max"] = _("The latest re-measure is before the earliest.")
        if errors:
            raise ValidationError(errors)


class RiskLevel(models.TextChoices):
    HIGH = "high", _("High risk")
    MEDIUM = "medium", _("Medium risk")
    LOW = "low", _("Low risk")


class RiskAreaQuerySet(ScopedQuerySet):
    """Risk areas are published for everyone to grade travel by (reference data)."""

    scope_kind = "custom"
    permissions = Permissions(
        view=ALL_HUMAN_ROLES | {Role.DEVICE},
        change={Role.CITY_COMMAND, Role.COUNTY_OFFICER, Role.HEALTH_OFFICER},
    )

    def scope_q(self, scope: Scope) -> models.Q:
        return models.Q()


class RiskArea(TimeStampedModel):
    """A region graded high/medium/low risk for a period (an open end means until revoked)."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="risk_areas"
    )
    level = models.CharField(_("risk level"), max_length=8, choices=RiskLevel.choices)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = RiskAreaQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "region__code"]
        verbose_name = _("risk area")
        verbose_name_plural = _("risk areas")
        indexes = [models.Index(fields=["region", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.region} {self.get_level_display()}"

    def clean(self) -> None:
        if self.valid_to is not None and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date is before the start date.")})


audit_register(Policy)
audit_register(RiskArea)
