"""Pairing (包联, DESIGN §3.5): a leader paired with an enterprise or a key project, with dates.

The active pairings (starts_on ≤ today ≤ ends_on) are a liaison leader's scope
(``fugong.oversight.selectors``); an ended pairing is kept for the record.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fugong.core.audit import audit_register
from fugong.core.models import TimeStampedModel
from fugong.core.permissions import Permissions
from fugong.core.roles import Role
from fugong.core.scope import Scope, ScopedQuerySet
from fugong.org.models import Enterprise, Region

PAIRING_READERS = {Role.CITY_COMMAND, Role.COUNTY_OFFICER, Role.LIAISON_LEADER}


class PairingQuerySet(ScopedQuerySet):
    scope_kind = "via_enterprise"
    # City command pairs leaders; a county reads the pairings in its region, a leader their own.
    # "home": the leader's own page of their enterprises and projects.
    permissions = Permissions(
        view=PAIRING_READERS, change={Role.CITY_COMMAND}, home={Role.LIAISON_LEADER}
    )


class _Dated(TimeStampedModel):
    """The dates of a pairing; ends_on empty = open-ended."""

    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        if self.ends_on is not None and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date is before the start date.")})


class Pairing(_Dated):
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

    objects = PairingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")

    def __str__(self) -> str:
        return f"{self.leader} ↔ {self.enterprise}"


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_CONSTRUCTION = "under_construction", _("Under construction")
    SUSPENDED = "suspended", pgettext_lazy("key project", "Suspended")
    COMPLETED = "completed", _("Completed")


class KeyProjectQuerySet(ScopedQuerySet):
    scope_kind = "project"
    permissions = Permissions(
        view={Role.CITY_COMMAND, Role.COUNTY_OFFICER, Role.DEPARTMENT_OFFICER, Role.LIAISON_LEADER},
        change={Role.CITY_COMMAND},
    )

    def scope_q(self, scope: Scope) -> Q:
        # A project placed in a region rather than at an enterprise belongs to that region's
        # officials too (Scope.project_q knows only the enterprise and the leader's pairings).
        q = super().scope_q(scope)
        if scope.region_prefix is not None:
            q |= Q(region__code__startswith=scope.region_prefix)
        return q


class KeyProject(TimeStampedModel):
    """A key project (重点项目): at an enterprise or in a region, paired with leaders."""

    name = models.CharField(_("name"), max_length=120)
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="key_projects",
    )
    # Regions are GB/T 2260 reference data, deleted only when a whole test or demo region goes.
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a project not run by one enterprise."),
    )
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )

    objects = KeyProjectQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("key project")
        verbose_name_plural = _("key projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(enterprise__isnull=False) | Q(region__isnull=False),
                name="key_project_at_enterprise_or_region",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.enterprise_id is None and self.region_id is None:
            raise ValidationError({"enterprise": _("Name the enterprise or the region.")})


class ProjectPairingQuerySet(ScopedQuerySet):
    scope_kind = "project"
    scope_path = "project"
    permissions = Permissions(view=PAIRING_READERS, change={Role.CITY_COMMAND})

    def scope_q(self, scope: Scope) -> Q:
        q = super().scope_q(scope)
        if scope.region_prefix is not None:
            q |= Q(project__region__code__startswith=scope.region_prefix)
        return q


class ProjectPairing(_Dated):
    """A leader paired with a key project, from a date, until a date or open-ended."""

    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader"),
        on_delete=models.CASCADE,
        related_name="project_pairings",
        limit_choices_to={"role": "liaison_leader"},
    )
    project = models.ForeignKey(
        KeyProject, verbose_name=_("key project"), on_delete=models.CASCADE,
        related_name="pairings",
    )  # fmt: skip

    objects = ProjectPairingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("project pairing")
        verbose_name_plural = _("project pairings")

    def __str__(self) -> str:
        return f"{self.leader} ↔ {self.project}"


audit_register(Pairing)
audit_register(KeyProject)
audit_register(ProjectPairing)
