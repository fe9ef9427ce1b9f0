"""Cluster signals (聚集性疫情) and the people in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fugong.core.audit import audit_register
from fugong.core.models import TimeStampedModel
from fugong.core.permissions import Permissions
from fugong.core.scope import ScopedQuerySet
from fugong.epidemic.roles import HEALTH_COUNT_READERS, HEALTH_EDITORS, HEALTH_OFFICIALS


class ClusterState(models.TextChoices):
    SIGNAL = "signal", _("Signal")
    CONFIRMED = "confirmed", _("Confirmed")
    DISCARDED = "discarded", _("Discarded")


class ClusterQuerySet(ScopedQuerySet):
    scope_kind = "via_enterprise"
    permissions = Permissions(
        view=HEALTH_OFFICIALS, change=HEALTH_EDITORS, counts=HEALTH_COUNT_READERS
    )


class Cluster(TimeStampedModel):
    """A connected group of 2 or more cases / confirmed fevers linked by the close-contact rule
    within the cluster window. Detected as a signal; a health officer confirms or discards it."""

    enterprise = models.ForeignKey(
        "org.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=16, choices=ClusterState.choices, default=ClusterState.SIGNAL
    )
    detected_at = models.DateTimeField(_("detected at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    # The links (pairs of people, places, minutes) that made the group, for the graph.
    links = models.JSONField(_("links"), default=list, blank=True)

    objects = ClusterQuerySet.as_manager()

    class Meta:
        ordering = ["-detected_at"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_state_display()}"


class ClusterMemberQuerySet(ScopedQuerySet):
    scope_kind = "via_enterprise"
    scope_path = "cluster__enterprise"
    permissions = Permissions(view=HEALTH_OFFICIALS)


class ClusterMember(models.Model):
    """One case or confirmed fever in a cluster."""

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "epidemic.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    fever_screening = models.ForeignKey(
        "epidemic.Screening",
        verbose_name=_("confirmed fever"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ClusterMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("cluster member")
        verbose_name_plural = _("cluster members")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "person"], name="cluster_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.cluster_id}: {self.person_id}"


audit_register(Cluster, exclude=["links"])
audit_register(ClusterMember)
