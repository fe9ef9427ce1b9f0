"""Checkpoint screening (检测点测温): an append-only event table."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fugong.core.events import EventRecord
from fugong.core.permissions import Permissions
from fugong.core.scope import ScopedQuerySet
from fugong.epidemic.models.common import temperature_field
from fugong.epidemic.roles import ENTRY_DECIDERS, HEALTH_OFFICIALS
from fugong.org.models import Enterprise, Place


class IdentifiedBy(models.TextChoices):
    CODE = "code", _("Personal code scanned")
    ID_NUMBER = "id_number", _("ID number typed")
    VISITOR = "visitor", _("Unidentified visitor")


class ScreeningResult(models.TextChoices):
    PASS = "pass", _("Pass")
    REMEASURE = "remeasure", _("Re-measure in 5–10 minutes")
    DENY = "deny", _("Entry denied")


class DenyReason(models.TextChoices):
    FEVER = "fever", _("Confirmed fever")
    RED_CODE = "red_code", _("Red health code")
    PROHIBITION = "prohibition", _("Under a work prohibition")
    SYMPTOMS = "symptoms", _("Symptoms seen")


class ScreeningQuerySet(ScopedQuerySet):
    """Reached through the checkpoint (a place). Health officials read the readings of their
    scope; operators and terminals record at their own checkpoints ("record")."""

    scope_kind = "place"
    scope_path = "place"
    permissions = Permissions(view=HEALTH_OFFICIALS, record=ENTRY_DECIDERS)


class Screening(EventRecord):
    """One temperature reading at a checkpoint, with the decision it led to.

    A re-measure is a new reading pointing at the first (``remeasure_of``); a fever is confirmed
    by the re-measure. Events are never edited: the reading is its own record.
    """

    place = models.ForeignKey(
        Place, verbose_name=_("checkpoint"), on_delete=models.PROTECT, related_name="screenings"
    )
    # The checkpoint's enterprise, copied so counts per enterprise need no join.
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="screenings",
    )
    identified_by = models.CharField(
        _("identified by"), max_length=16, choices=IdentifiedBy.choices
    )
    visitor_name = models.CharField(_("visitor's name"), max_length=64, blank=True)
    visitor_phone = models.CharField(_("visitor's phone"), max_length=11, blank=True)
    temperature = temperature_field(_("temperature (°C)"))
    symptoms = models.JSONField(_("symptoms seen"), default=list, blank=True)
    measured_at = models.DateTimeField(_("measured at"))
    result = models.CharField(_("result"), max_length=16, choices=ScreeningResult.choices)
    deny_reason = models.CharField(
        _("reason for denial"), max_length=16, choices=DenyReason.choices, blank=True
    )
    remeasure_of = models.ForeignKey(
        "self",
        verbose_name=_("re-measure of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="remeasures",
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("operator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    device = models.ForeignKey(
        "accounts.DeviceToken",
        verbose_name=_("device"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ScreeningQuerySet.as_manager()

    class Meta:
        ordering = ["-measured_at"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        indexes = [
            models.Index(fields=["place", "measured_at"]),
            models.Index(fields=["person", "measured_at"]),
            models.Index(fields=["enterprise", "measured_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.place_id} {self.measured_at:%Y-%m-%d %H:%M} {self.temperature}"
