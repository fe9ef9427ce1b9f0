"""The computed health status (健康码), its history and appeals against it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fugong.core.audit import audit_register
from fugong.core.models import TimeStampedModel
from fugong.core.permissions import Permissions
from fugong.core.roles import Role
from fugong.core.scope import ScopedQuerySet
from fugong.epidemic.models.common import Colour
from fugong.epidemic.roles import (
    ENTRY_DECIDERS,
    HEALTH_COUNT_READERS,
    HEALTH_EDITORS,
    HEALTH_RECORD_READERS,
)


class HealthStatusQuerySet(ScopedQuerySet):
    """ "view": the colour with its reasons (health records). "entry": the colour and the entry
    decision only, for the checkpoint in front of the person. "counts": aggregates only.
    "override": a manual status with a reason (the health officer)."""

    scope_kind = "person"
    scope_path = "person"
    permissions = Permissions(
        view=HEALTH_RECORD_READERS,
        entry=ENTRY_DECIDERS,
        counts=HEALTH_COUNT_READERS,
        override=HEALTH_EDITORS,
    )


class HealthStatus(TimeStampedModel):
    """A person's current health code, computed (never typed) from their active conditions.

    ``conditions`` lists each active condition as {"rule", "colour", "reason", "expires_at"}:
    the most severe one decides the colour. A manual override (with its mandatory reason,
    audited) wins until it expires.
    """

    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="health_status",
    )
    colour = models.CharField(
        _("colour"), max_length=8, choices=Colour.choices, default=Colour.GREEN
    )
    computed_colour = models.CharField(
        _("computed colour"), max_length=8, choices=Colour.choices, default=Colour.GREEN
    )
    conditions = models.JSONField(_("conditions"), default=list, blank=True)
    computed_at = models.DateTimeField(_("computed at"))
    # Until when the colour holds by the passage of time alone: the first expiry among the
    # conditions, at the latest the end of the local day. Empty when something the conditions
    # are made of has changed since (services.status.health_status_invalidate): the next reader
    # recomputes. A gate trusts a stored colour only while it is valid.
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True, db_index=True)
    override_colour = models.CharField(
        _("manual colour"), max_length=8, choices=Colour.choices, blank=True
    )
    override_reason = models.CharField(
        _("reason for the manual status"), max_length=200, blank=True
    )
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    override_until = models.DateTimeField(_("manual status until"), null=True, blank=True)

    objects = HealthStatusQuerySet.as_manager()

    class Meta:
        verbose_name = _("health status")
        verbose_name_plural = _("health statuses")
        indexes = [models.Index(fields=["colour"])]

    def __str__(self) -> str:
        return f"{self.person_id} {self.colour}"


class HealthStatusChangeQuerySet(ScopedQuerySet):
    scope_kind = "person"
    scope_path = "person"
    permissions = Permissions(view=HEALTH_RECORD_READERS)


class HealthStatusChange(models.Model):
    """Every change of a person's colour, with the conditions that made it (kept for good)."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="health_status_changes",
    )
    colour_before = models.CharField(
        _("colour before"), max_length=8, choices=Colour.choices, blank=True
    )
    colour_after = models.CharField(_("colour after"), max_length=8, choices=Colour.choices)
    conditions = models.JSONField(_("conditions"), default=list, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    manual = models.BooleanField(_("manual"), default=False)
    changed_at = models.DateTimeField(_("changed at"), db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = HealthStatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("health status change")
        verbose_name_plural = _("health status changes")

    def __str__(self) -> str:
        return f"{self.person_id} {self.colour_before}→{self.colour_after}"


class AppealState(models.TextChoices):
    OPEN = "open", _("Open")
    UPHELD = "upheld", _("Upheld")
    REJECTED = "rejected", _("Rejected")


class AppealQuerySet(ScopedQuerySet):
    """The person files an appeal ("file"); their enterprise's health officer decides it."""

    scope_kind = "person"
    scope_path = "person"
    permissions = Permissions(view=HEALTH_RECORD_READERS, file={Role.WORKER}, decide=HEALTH_EDITORS)


class Appeal(TimeStampedModel):
    """A person's appeal against their health status, decided by the health officer."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="appeals"
    )
    colour_appealed = models.CharField(_("colour appealed"), max_length=8, choices=Colour.choices)
    text = models.TextField(_("grounds"), max_length=2000)
    state = models.CharField(
        _("state"), max_length=16, choices=AppealState.choices, default=AppealState.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("decision"), max_length=500, blank=True)

    objects = AppealQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self) -> str:
        return f"{self.person_id} {self.state}"


audit_register(HealthStatus, exclude=["computed_at", "conditions"])
audit_register(Appeal)
