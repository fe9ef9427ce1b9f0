"""Daily reports (日报) of enterprises and the reminders for missing ones (DESIGN §3.4).

A report is per enterprise and day D-1 (data as of D-1 24:00), due at 12:00 on D. Resending a
report for the same enterprise and day does not overwrite it: the old row is kept and marked
superseded, so that "one current report" is a partial unique constraint and the history is the
rows of the same (enterprise, day) ordered by submission.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fugong.core.audit import audit_register
from fugong.core.models import TimeStampedModel
from fugong.core.permissions import Permissions
from fugong.core.roles import Role
from fugong.core.scope import ScopedQuerySet
from fugong.org.models import Enterprise

# Every role over an enterprise reads its reports and metrics, aggregated to its scope (DESIGN
# §2 last table); a checkpoint works on people at a gate and a worker on themself: not theirs.
REPORT_READER_ROLES = frozenset(
    {
        Role.CITY_COMMAND,
        Role.COUNTY_OFFICER,
        Role.DEPARTMENT_OFFICER,
        Role.LIAISON_LEADER,
        Role.GROUP_ADMIN,
        Role.ENTERPRISE_MANAGER,
        Role.HEALTH_OFFICER,
        Role.SAFETY_OFFICER,
    }
)
# The enterprise files its own report; a group files for its member units (Excel upload).
REPORT_FILER_ROLES = frozenset({Role.GROUP_ADMIN, Role.ENTERPRISE_MANAGER})
# A sane upper bound of staff on duty: above the largest mine's workforce by far, so a typo
# (an output figure in the headcount column) is caught.
MAX_STAFF_ON_DUTY = 100_000


class DailyReportQuerySet(ScopedQuerySet):
    scope_kind = "via_enterprise"
    permissions = Permissions(
        view=REPORT_READER_ROLES,
        change=REPORT_FILER_ROLES,
        confirm={Role.GROUP_ADMIN},
    )

    def current(self) -> DailyReportQuerySet:
        return self.filter(superseded_at__isnull=True)


class DailyReport(TimeStampedModel):
    """One enterprise's 日报 for one day; the current one has ``superseded_at`` empty."""

    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="daily_reports",
    )
    day = models.DateField(_("day reported"))
    operating = models.BooleanField(_("operating"))
    normal_headcount = models.PositiveIntegerField(
        _("normal staff headcount"), validators=[MaxValueValidator(MAX_STAFF_ON_DUTY)]
    )
    staff_on_duty = models.PositiveIntegerField(
        _("staff on duty"), validators=[MaxValueValidator(MAX_STAFF_ON_DUTY)]
    )
    output = models.DecimalField(
        _("output"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    normal_output = models.DecimalField(
        _("normal daily output"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    late = models.BooleanField(_("late"), default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    # Cross-checks (DESIGN §3.4): the independent counts and whether the gap is over tolerance.
    screened_count = models.PositiveIntegerField(
        _("people screened at the gates"), null=True, blank=True
    )
    underground_count = models.PositiveIntegerField(_("people underground"), null=True, blank=True)
    flagged = models.BooleanField(_("flagged by cross-check"), default=False)

    objects = DailyReportQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "enterprise_id", "-submitted_at"]
        verbose_name = _("daily report")
        verbose_name_plural = _("daily reports")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "day"],
                condition=models.Q(superseded_at__isnull=True),
                name="dailyreport_one_current_per_day",
            ),
        ]
        indexes = [
            models.Index(fields=["day", "enterprise"], name="dailyreport_day_enterprise"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.day}"


class ReminderQuerySet(ScopedQuerySet):
    scope_kind = "via_enterprise"
    permissions = Permissions(view=REPORT_READER_ROLES)


class ReportReminder(models.Model):
    """A reminder sent to an enterprise's manager that its report for a day is missing."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("day reported"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent to"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"))

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "enterprise_id"]
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")

    def __str__(self) -> str:
        return f"{self.enterprise} {self.day}"


audit_register(DailyReport)
audit_register(ReportReminder)
