"""The daily health check-in (健康打卡)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fugong.core.events import EventRecord
from fugong.core.permissions import Permissions
from fugong.core.roles import Role
from fugong.core.scope import ScopedQuerySet
from fugong.epidemic.models.common import symptom_labels, temperature_field
from fugong.epidemic.roles import HEALTH_RECORD_READERS
from fugong.org.models import Region


class CheckInQuerySet(ScopedQuerySet):
    """A person's own record (worker), their enterprise's health officer, officials of the
    region. "submit": who may send a check-in — the worker for themself, a checkpoint operator,
    a checkpoint device or the health officer for someone without a smartphone (a team leader,
    who is a worker, is allowed for their team's members by the service)."""

    scope_kind = "person"
    scope_path = "person"
    permissions = Permissions(
        view=HEALTH_RECORD_READERS,
        submit={Role.WORKER, Role.CHECKPOINT_OPERATOR, Role.DEVICE, Role.HEALTH_OFFICER},
    )


class CheckIn(EventRecord):
    """One check-in of a person for a local day. A second one for the same day replaces the
    first (``is_current``) and the first stays as history; the client UUID makes a resent
    submission from a flaky phone connection count once."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="checkins"
    )
    day = models.DateField(_("day"))
    temperature = temperature_field(_("temperature (°C)"))
    symptoms = models.JSONField(_("symptoms"), default=list, blank=True)
    location = models.CharField(_("current location"), max_length=100, blank=True)
    # The three optional references below are not indexed: nothing looks check-ins up by them,
    # and each index was another page written by every submission in the morning rush (DESIGN
    # §5 P2). Deleting a region, user or device (admin only; PROTECT) scans the table instead.
    location_region = models.ForeignKey(
        Region,
        verbose_name=_("current region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    travelled = models.BooleanField(_("travelled since the last check-in"), default=False)
    pledge = models.BooleanField(_("pledge"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    # A checkpoint terminal that checked in for the person (DESIGN §3.3: a helper without a
    # smartphone of their own); ``submitted_by`` is the user when a person did.
    submitted_by_device = models.ForeignKey(
        "accounts.DeviceToken",
        verbose_name=_("submitted by device"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    is_current = models.BooleanField(_("current"), default=True)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "-submitted_at"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "day"],
                condition=models.Q(is_current=True),
                name="checkin_one_current_per_day",
            )
        ]
        indexes = [models.Index(fields=["day", "person"])]

    def __str__(self) -> str:
        return f"{self.person_id} {self.day} {self.temperature}"

    @property
    def symptom_labels(self) -> list[str]:
        return symptom_labels(self.symptoms)
