"""Cases (病例): a case starts tracing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fugong.core.audit import audit_register
from fugong.core.models import TimeStampedModel
from fugong.core.permissions import Permissions
from fugong.core.scope import ScopedQuerySet
from fugong.epidemic.roles import (
    HEALTH_COUNT_READERS,
    HEALTH_EDITORS,
    HEALTH_OFFICIALS,
    HEALTH_RECORD_READERS,
)


class CaseClassification(models.TextChoices):
    SUSPECTED = "suspected", _("Suspected")
    CONFIRMED = "confirmed", _("Confirmed")
    ASYMPTOMATIC = "asymptomatic", _("Asymptomatic infection")
    DISCARDED = "discarded", _("Discarded")


class CaseQuerySet(ScopedQuerySet):
    scope_kind = "person"
    scope_path = "person"
    permissions = Permissions(
        view=HEALTH_RECORD_READERS,
        change=HEALTH_EDITORS,
        trace=HEALTH_OFFICIALS,
        counts=HEALTH_COUNT_READERS,
    )


class Case(TimeStampedModel):
    """A suspected, confirmed or asymptomatic case (or one discarded), with the dates that set
    its tracing window: onset, first positive test, start of isolation."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="cases"
    )
    classification = models.CharField(
        _("classification"), max_length=16, choices=CaseClassification.choices
    )
    onset_on = models.DateField(_("onset date"), null=True, blank=True)
    first_positive_on = models.DateField(_("first positive test"), null=True, blank=True)
    isolation_started_at = models.DateTimeField(_("isolation started at"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return f"{self.person_id} {self.get_classification_display()}"


class TestKind(models.TextChoices):
    NUCLEIC_ACID = "nucleic_acid", _("Nucleic acid (PCR)")
    ANTIGEN = "antigen", _("Antigen")
    ANTIBODY = "antibody", _("Antibody")


class TestResult(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEGATIVE = "negative", _("Negative")
    PENDING = "pending", _("Pending")


class CaseTestQuerySet(ScopedQuerySet):
    scope_kind = "person"
    scope_path = "case__person"
    permissions = Permissions(view=HEALTH_RECORD_READERS, change=HEALTH_EDITORS)


class CaseTest(TimeStampedModel):
    """A test of a case's person."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="tests"
    )
    kind = models.CharField(_("test"), max_length=16, choices=TestKind.choices)
    taken_on = models.DateField(_("taken on"))
    result = models.CharField(_("result"), max_length=16, choices=TestResult.choices)

    objects = CaseTestQuerySet.as_manager()

    class Meta:
        ordering = ["taken_on"]
        verbose_name = _("test")
        verbose_name_plural = _("tests")

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.taken_on} {self.result}"


audit_register(Case)
audit_register(CaseTest)
