"""Alerts (fever, cluster signal, non-reporting, observation due): in the app and to a webhook."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fugong.core.audit import audit_register
from fugong.core.models import TimeStampedModel
from fugong.core.permissions import Permissions
from fugong.core.scope import ScopedQuerySet
from fugong.epidemic.roles import HEALTH_EDITORS, HEALTH_OFFICIALS


class AlertKind(models.TextChoices):
    FEVER = "fever", _("Fever")
    CLUSTER = "cluster", _("Cluster signal")
    NON_REPORTING = "non_reporting", _("Not reporting")
    OBSERVATION_DUE = "observation_due", _("Observation due")


class WebhookState(models.TextChoices):
    NONE = "none", _("No webhook")
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class AlertQuerySet(ScopedQuerySet):
    scope_kind = "via_enterprise"
    permissions = Permissions(view=HEALTH_OFFICIALS, change=HEALTH_EDITORS | HEALTH_OFFICIALS)


class Alert(TimeStampedModel):
    """Something a health officer or the command must look at now. The message names no ID
    number or phone: it goes to a chat group through the webhook."""

    kind = models.CharField(_("kind"), max_length=16, choices=AlertKind.choices)
    enterprise = models.ForeignKey(
        "org.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.CharField(_("message"), max_length=500)
    # What raised it ("screening:<uuid>", "cluster:<id>" …), so the same thing alerts once.
    ref = models.CharField(_("reference"), max_length=64, blank=True, db_index=True)
    raised_at = models.DateTimeField(_("raised at"), db_index=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    webhook_state = models.CharField(
        _("webhook"), max_length=16, choices=WebhookState.choices, default=WebhookState.NONE
    )
    webhook_attempts = models.PositiveSmallIntegerField(_("webhook attempts"), default=0)
    webhook_error = models.CharField(_("last webhook error"), max_length=200, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.raised_at:%Y-%m-%d %H:%M}"


audit_register(Alert, exclude=["webhook_state", "webhook_attempts", "webhook_error"])
