"""The contacts of a case, as found by tracing and kept when the officer acts on them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fugong.core.audit import audit_register
from fugong.core.models import TimeStampedModel
from fugong.core.permissions import Permissions
from fugong.core.scope import ScopedQuerySet
from fugong.epidemic.roles import HEALTH_EDITORS, HEALTH_OFFICIALS


class ContactRule(models.TextChoices):
    OVERLAP = "overlap", _("Shared place ≥ threshold minutes")
    SHIFT = "shift", _("Same team, same shift")
    DORMITORY = "dormitory", _("Same dormitory room for a night")


class ContactQuerySet(ScopedQuerySet):
    """Part of the index case's investigation: read where the case is read."""

    scope_kind = "person"
    scope_path = "case__person"
    permissions = Permissions(view=HEALTH_OFFICIALS, change=HEALTH_EDITORS | HEALTH_OFFICIALS)


class Contact(TimeStampedModel):
    """A close (degree 1) or secondary (degree 2) contact of a case, with the evidence."""

    case = models.ForeignKey(
        "epidemic.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="contacts"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    degree = models.PositiveSmallIntegerField(_("degree"))
    via = models.ForeignKey(
        "people.Person",
        verbose_name=_("through"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    rules = models.JSONField(_("rules"), default=list)
    places = models.JSONField(_("places"), default=list)
    minutes = models.PositiveIntegerField(_("minutes together"))
    first_exposure_at = models.DateTimeField(_("first exposure"))
    last_exposure_at = models.DateTimeField(_("last exposure"))
    observation = models.ForeignKey(
        "epidemic.Observation",
        verbose_name=_("observation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["case_id", "degree", "-minutes"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.UniqueConstraint(fields=["case", "person"], name="contact_once_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.person_id} ({self.degree})"


audit_register(Contact)
