"""Visits (调研/走访) and one-enterprise-one-policy measures (一企一策), DESIGN §3.5."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.core.audit import audit_register
from fugong.core.models import TimeStampedModel
from fugong.core.permissions import Permissions
from fugong.core.roles import Role
from fugong.core.scope import ScopedQuerySet
from fugong.org.models import Enterprise

# The enterprise reads its own visits and measures; the government and its leader too.
OVERSIGHT_READERS = {
    Role.CITY_COMMAND,
    Role.COUNTY_OFFICER,
    Role.LIAISON_LEADER,
    Role.GROUP_ADMIN,
    Role.ENTERPRISE_MANAGER,
}


class VisitMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    VIDEO = "video", _("Video link")


class VisitQuerySet(ScopedQuerySet):
    scope_kind = "via_enterprise"
    permissions = Permissions(
        view=OVERSIGHT_READERS, change={Role.LIAISON_LEADER, Role.CITY_COMMAND}
    )


class Visit(TimeStampedModel):
    """A leader's visit to an enterprise, on site or by video link, with what was found."""

    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField(_("date of visit"))
    mode = models.CharField(_("how"), max_length=8, choices=VisitMode.choices)
    video_link = models.URLField(_("video link"), blank=True)
    participants = models.CharField(_("participants"), max_length=300, blank=True)
    findings = models.TextField(_("visit findings"), blank=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-visited_on", "-pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self) -> str:
        return f"{self.enterprise} {self.visited_on}"


class MeasureState(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class MeasureQuerySet(ScopedQuerySet):
    scope_kind = "via_enterprise"
    permissions = Permissions(
        view=OVERSIGHT_READERS,
        change={Role.CITY_COMMAND, Role.COUNTY_OFFICER, Role.LIAISON_LEADER},
    )


class Measure(TimeStampedModel):
    """One measure of an enterprise's own policy (一企一策): what, who, by when, done or not."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="measures"
    )
    title = models.CharField(_("measure"), max_length=200)
    owner = models.CharField(_("owner"), max_length=100)
    deadline = models.DateField(_("deadline"))
    state = models.CharField(
        _("state"), max_length=8, choices=MeasureState.choices, default=MeasureState.OPEN
    )
    note = models.TextField(_("note"), blank=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        """Open after its deadline (a local day): shown in red."""
        return self.state == MeasureState.OPEN and self.deadline < timezone.localdate()


audit_register(Visit)
audit_register(Measure)
