"""Travel declarations: where a person has been, and how they came."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from fugong.core.audit import audit_register
from fugong.core.models import TimeStampedModel
from fugong.core.permissions import Permissions
from fugong.core.roles import Role
from fugong.core.scope import ScopedQuerySet
from fugong.epidemic.roles import HEALTH_RECORD_READERS
from fugong.org.models import Region


class Transport(models.TextChoices):
    TRAIN = "train", _("Train")
    FLIGHT = "flight", _("Flight")
    COACH = "coach", _("Coach")
    CAR = "car", _("Car")
    OTHER = "other", _("Other")


class TravelDeclarationQuerySet(ScopedQuerySet):
    scope_kind = "person"
    scope_path = "person"
    permissions = Permissions(view=HEALTH_RECORD_READERS, change={Role.WORKER, Role.HEALTH_OFFICER})


class TravelDeclaration(TimeStampedModel):
    """A declaration of travel (by the person, or by the health officer for them)."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="travel_declarations",
    )
    transport = models.CharField(_("transport"), max_length=16, choices=Transport.choices)
    transport_number = models.CharField(_("train or flight number"), max_length=16, blank=True)
    arrived_on = models.DateField(_("arrived on"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = TravelDeclarationQuerySet.as_manager()

    class Meta:
        ordering = ["-arrived_on"]
        verbose_name = _("travel declaration")
        verbose_name_plural = _("travel declarations")

    def __str__(self) -> str:
        return f"{self.person_id} {self.arrived_on}"


class TravelStopQuerySet(ScopedQuerySet):
    scope_kind = "person"
    scope_path = "declaration__person"
    permissions = TravelDeclarationQuerySet.permissions


class TravelStop(models.Model):
    """A region visited, with the dates of the stay."""

    declaration = models.ForeignKey(
        TravelDeclaration,
        verbose_name=_("declaration"),
        on_delete=models.CASCADE,
        related_name="stops",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    arrived_on = models.DateField(_("from"))
    left_on = models.DateField(_("until"))

    objects = TravelStopQuerySet.as_manager()

    class Meta:
        ordering = ["arrived_on"]
        verbose_name = _("region visited")
        verbose_name_plural = _("regions visited")

    def __str__(self) -> str:
        return f"{self.region} {self.arrived_on}–{self.left_on}"

    def clean(self) -> None:
        if self.arrived_on and self.left_on and self.left_on < self.arrived_on:
            raise ValidationError({"left_on": _("The end date is before the start date.")})


audit_register(TravelDeclaration)
audit_register(TravelStop)
