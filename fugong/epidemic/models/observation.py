"""Medical observation (医学观察) with its twice-daily follow-ups and work prohibition."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fugong.core.audit import audit_register
from fugong.core.models import TimeStampedModel
from fugong.core.permissions import Permissions
from fugong.core.scope import ScopedQuerySet
from fugong.epidemic.models.common import temperature_field
from fugong.epidemic.roles import (
    HEALTH_COUNT_READERS,
    HEALTH_EDITORS,
    HEALTH_RECORD_READERS,
    PROHIBITION_READERS,
)


class ObservationKind(models.TextChoices):
    CENTRALISED_QUARANTINE = "centralised", _("Centralised quarantine")
    HOME_QUARANTINE = "home", _("Home quarantine")
    HEALTH_MONITORING = "monitoring", _("Health monitoring")
    ISOLATION = "isolation", _("Isolation")


class ObservationReason(models.TextChoices):
    CLOSE_CONTACT = "close_contact", _("Close contact")
    SECONDARY_CONTACT = "secondary_contact", _("Secondary contact")
    FEVER = "fever", _("Confirmed fever")
    HIGH_RISK_TRAVEL = "high_risk_travel", _("Travel from a high-risk area")
    MEDIUM_RISK_TRAVEL = "medium_risk_travel", _("Travel from a medium-risk area")
    CASE = "case", _("Case")
    OTHER = "other", _("Other")


class ObservationState(models.TextChoices):
    ACTIVE = "active", _("Under observation")
    RELEASED = "released", _("Released")


class ObservationQuerySet(ScopedQuerySet):
    """ "prohibition": who is under a work prohibition (name and dates, never the reason)."""

    scope_kind = "person"
    scope_path = "person"
    permissions = Permissions(
        view=HEALTH_RECORD_READERS,
        change=HEALTH_EDITORS,
        prohibition=PROHIBITION_READERS,
        counts=HEALTH_COUNT_READERS,
    )


class Observation(TimeStampedModel):
    """One period of observation. ``planned_end`` = last exposure + the policy's days, rounded up
    to the end of that local day; a new exposure extends it, nothing shortens it silently."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="observations",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ObservationKind.choices)
    reason = models.CharField(_("reason"), max_length=24, choices=ObservationReason.choices)
    source_case = models.ForeignKey(
        "epidemic.Case",
        verbose_name=_("source case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="observations",
    )
    started_at = models.DateTimeField(_("started at"))
    last_exposure_at = models.DateTimeField(_("last exposure"), null=True, blank=True)
    planned_end = models.DateTimeField(_("planned end"))
    state = models.CharField(
        _("state"), max_length=16, choices=ObservationState.choices, default=ObservationState.ACTIVE
    )
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("released by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    release_note = models.CharField(_("release note"), max_length=200, blank=True)
    prohibition_from = models.DateTimeField(_("work prohibited from"), null=True, blank=True)
    prohibition_until = models.DateTimeField(_("work prohibited until"), null=True, blank=True)
    place = models.CharField(_("where observed"), max_length=100, blank=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["planned_end", "pk"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        indexes = [
            models.Index(fields=["state", "planned_end"]),
            models.Index(fields=["person", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.get_kind_display()} → {self.planned_end:%Y-%m-%d}"


class FollowUpSlot(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")


class FollowUpQuerySet(ScopedQuerySet):
    scope_kind = "person"
    scope_path = "observation__person"
    permissions = Permissions(view=HEALTH_RECORD_READERS, change=HEALTH_EDITORS)


class FollowUp(TimeStampedModel):
    """One of the twice-daily follow-ups of an observation: seen (with a reading) or missed."""

    observation = models.ForeignKey(
        Observation,
        verbose_name=_("observation"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    day = models.DateField(_("day"))
    slot = models.CharField(_("slot"), max_length=16, choices=FollowUpSlot.choices)
    seen = models.BooleanField(_("seen"), default=True)
    temperature = temperature_field(_("temperature (°C)"), null=True, blank=True)
    symptoms = models.JSONField(_("symptoms"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["day", "slot"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["observation", "day", "slot"], name="follow_up_one_per_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.observation_id} {self.day} {self.slot}"


audit_register(Observation)
audit_register(FollowUp)
