"""Government oversight (DESIGN §3.5). This module starts with pairing (包联), which also
defines a liaison leader's scope."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from fugong.core.audit import audit_register
from fugong.core.models import TimeStampedModel
from fugong.core.permissions import Permissions
from fugong.core.roles import Role
from fugong.core.scope import ScopedQuerySet
from fugong.org.models import Enterprise


class PairingQuerySet(ScopedQuerySet):
    scope_kind = "via_enterprise"
    # City command pairs leaders; a county reads the pairings in its region, a leader their own.
    permissions = Permissions(
        view={Role.CITY_COMMAND, Role.COUNTY_OFFICER, Role.LIAISON_LEADER},
        change={Role.CITY_COMMAND},
    )


class Pairing(TimeStampedModel):
    """A leader paired with an enterprise (包联) from a date, until a date or open-ended."""

    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader"),
        on_delete=models.CASCADE,
        related_name="pairings",
        limit_choices_to={"role": "liaison_leader"},
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="pairings"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = PairingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")

    def __str__(self) -> str:
        return f"{self.leader} ↔ {self.enterprise}"

    def clean(self) -> None:
        if self.ends_on is not None and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date is before the start date.")})


audit_register(Pairing)
