"""Work resumption (DESIGN §3.4): applications (复工申请/备案), their review steps by the county
and the departments they are routed to, and a coal mine's acceptance (验收) after a stoppage."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fugong.accounts.models import Department
from fugong.core.audit import audit_register
from fugong.core.models import TimeStampedModel
from fugong.core.permissions import Permissions
from fugong.core.roles import Role
from fugong.core.scope import Scope, ScopedQuerySet
from fugong.org.models import Enterprise

# Who reads applications: the enterprise (a group for its members), its county and city, the
# departments it is routed to, and a leader paired with it. Not the people-facing roles.
APPLICATION_READERS = {
    Role.CITY_COMMAND,
    Role.COUNTY_OFFICER,
    Role.DEPARTMENT_OFFICER,
    Role.LIAISON_LEADER,
    Role.GROUP_ADMIN,
    Role.ENTERPRISE_MANAGER,
}
REVIEWERS = {Role.COUNTY_OFFICER, Role.DEPARTMENT_OFFICER}
FILERS = {Role.GROUP_ADMIN, Role.ENTERPRISE_MANAGER}


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class ApplicationQuerySet(ScopedQuerySet):
    """Routed work: a department officer sees only the applications with a review step of its
    department (in its region); everyone else those of the enterprises in scope."""

    scope_kind = "custom"
    permissions = Permissions(
        view=APPLICATION_READERS,
        change=FILERS,
        review=REVIEWERS,
        statistics={Role.CITY_COMMAND, Role.COUNTY_OFFICER, Role.DEPARTMENT_OFFICER},
        # Set "due to resume" directly for units that need no application (DESIGN §3.4).
        set_due={Role.CITY_COMMAND, Role.COUNTY_OFFICER},
    )

    def scope_q(self, scope: Scope) -> Q:
        in_scope = scope.enterprise_q("enterprise")
        if scope.everything or scope.department is None:
            return in_scope
        routed = ReviewStep.objects.filter(department=scope.department).values("application_id")
        return in_scope & Q(pk__in=routed)


class Application(TimeStampedModel):
    """An enterprise's plan to resume, reviewed within 3 working days of its submission."""

    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="resumption_applications",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default="draft"
    )
    planned_on = models.DateField(_("planned resumption date"))
    planned_headcount = models.PositiveIntegerField(_("staff returning"), default=0)
    from_outside_province = models.PositiveIntegerField(
        _("of them from outside the province"), default=0
    )
    prevention_plan = models.TextField(_("prevention plan"), blank=True)
    prevention_plan_file = models.FileField(
        _("prevention plan file"), upload_to="resumption/plans/%Y/%m/", blank=True
    )
    masks = models.PositiveIntegerField(_("masks on hand"), default=0)
    thermometers = models.PositiveIntegerField(_("thermometers on hand"), default=0)
    disinfectant_litres = models.PositiveIntegerField(_("disinfectant on hand (litres)"), default=0)
    # The five things in place (五到位); all five must be ticked to submit.
    mechanism_ready = models.BooleanField(_("prevention mechanism in place"), default=False)
    screening_ready = models.BooleanField(_("staff screening in place"), default=False)
    supplies_ready = models.BooleanField(_("facilities and supplies in place"), default=False)
    management_ready = models.BooleanField(_("internal management in place"), default=False)
    publicity_ready = models.BooleanField(_("publicity and training in place"), default=False)
    round = models.PositiveIntegerField(_("submission"), default=0)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    due_at = models.DateTimeField(_("decision due at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    return_reasons = models.TextField(_("reasons for return"), blank=True)
    notice_number = models.CharField(
        _("notice number"), max_length=40, unique=True, null=True, blank=True
    )
    notice_county = models.CharField(max_length=6, blank=True, editable=False)
    notice_year = models.PositiveIntegerField(null=True, blank=True, editable=False)
    notice_sequence = models.PositiveIntegerField(null=True, blank=True, editable=False)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("resumption application")
        verbose_name_plural = _("resumption applications")
        constraints = [
            models.UniqueConstraint(
                fields=["notice_county", "notice_year", "notice_sequence"],
                condition=Q(notice_sequence__isnull=False),
                name="resumption_notice_sequence_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.planned_on:%Y-%m-%d}"

    FIVE_THINGS = (
        "mechanism_ready",
        "screening_ready",
        "supplies_ready",
        "management_ready",
        "publicity_ready",
    )


class AttachmentQuerySet(ScopedQuerySet):
    """An attachment is seen by whoever sees its application."""

    scope_kind = "custom"
    permissions = Permissions(view=APPLICATION_READERS, change=FILERS)

    def scope_q(self, scope: Scope) -> Q:
        visible = Application.objects.filter(Application.objects.none().scope_q(scope))
        return Q(application__in=visible.values("pk"))


class Attachment(TimeStampedModel):
    """A file filed with an application (licences, plans, photos of the facilities)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to="resumption/attachments/%Y/%m/")
    name = models.CharField(_("name"), max_length=120)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class StepDecision(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")
    CLOSED = "closed", _("Closed (returned by another reviewer)")


class ReviewStepQuerySet(ScopedQuerySet):
    scope_kind = "routed"
    permissions = Permissions(view=APPLICATION_READERS, review=REVIEWERS)


class ReviewStep(TimeStampedModel):
    """One reviewer's step of one submission: the county's (no department) or a department's."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="steps"
    )
    # Copied from the application so that the routed scope reads the step alone.
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="+"
    )
    department = models.CharField(
        _("department"), max_length=16, choices=Department.choices, blank=True
    )
    round = models.PositiveIntegerField(_("submission"))
    # When its submission was made: the step's clock starts here (statistics per reviewer).
    started_at = models.DateTimeField(_("submitted at"))
    decision = models.CharField(
        _("decision"), max_length=16, choices=StepDecision.choices, default="pending"
    )
    note = models.TextField(_("conditions or reasons"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = ReviewStepQuerySet.as_manager()

    class Meta:
        ordering = ["application_id", "round", "department"]
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")

    def __str__(self) -> str:
        return f"{self.application} {self.reviewer_label}"

    @property
    def reviewer_label(self) -> str:
        return str(self.get_department_display() if self.department else _("County"))


class StoppageCause(models.TextChoices):
    ROUTINE = "routine", _("Routine stoppage")
    EPIDEMIC = "epidemic", _("Epidemic")
    ACCIDENT = "accident", _("Accident")
    STOP_ORDER = "stop_order", _("Stop order (责令停产)")


class AcceptanceRoute(models.TextChoices):
    SELF = "self", _("The mine accepts itself")
    REGULATOR = "regulator", _("The regulator accepts, the head of government signs")


class AcceptanceQuerySet(ScopedQuerySet):
    scope_kind = "via_enterprise"
    permissions = Permissions(
        view=APPLICATION_READERS | {Role.SAFETY_OFFICER},
        change={Role.GROUP_ADMIN, Role.ENTERPRISE_MANAGER, Role.SAFETY_OFFICER},
        # The mine manager signs a self-acceptance.
        self_accept={Role.ENTERPRISE_MANAGER},
        # The regulator's acceptance (county, or the emergency-management department).
        acceptance={Role.COUNTY_OFFICER, Role.DEPARTMENT_OFFICER},
    )


class MineAcceptance(TimeStampedModel):
    """A coal mine's acceptance (验收) before it resumes after a stoppage (DESIGN §3.4)."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("mine"), on_delete=models.CASCADE, related_name="acceptances"
    )
    stopped_on = models.DateField(_("stopped on"))
    cause = models.CharField(_("cause"), max_length=16, choices=StoppageCause.choices)
    requested_on = models.DateField(_("acceptance requested on"))
    ventilation_running = models.BooleanField(_("ventilation running"))
    drainage_running = models.BooleanField(_("drainage running"))
    monitoring_running = models.BooleanField(_("monitoring running"))
    positioning_running = models.BooleanField(_("positioning running"))
    route = models.CharField(_("who accepts"), max_length=16, choices=AcceptanceRoute.choices)
    mine_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mine manager's signature"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    mine_signed_at = models.DateTimeField(_("mine signed at"), null=True, blank=True)
    regulator_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("regulator's acceptance"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    regulator_signed_at = models.DateTimeField(_("regulator accepted at"), null=True, blank=True)
    government_signatory = models.CharField(
        _("head of government who signed"), max_length=64, blank=True
    )
    government_signed_at = models.DateTimeField(_("head of government signed at"), null=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)

    objects = AcceptanceQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_on", "-pk"]
        verbose_name = _("mine acceptance")
        verbose_name_plural = _("mine acceptances")

    def __str__(self) -> str:
        return f"{self.enterprise} {self.stopped_on:%Y-%m-%d}"

    @property
    def stopped_days(self) -> int:
        return (self.requested_on - self.stopped_on).days

    @property
    def is_accepted(self) -> bool:
        return self.accepted_on is not None


# Who signed or decided is on the record itself and is the audit entry's actor; the history
# page names related records through their scope, and users have none.
# The notice's county, year and sequence only make the number unique; the number is audited.
audit_register(Application, exclude=["filed_by", "notice_county", "notice_year", "notice_sequence"])
audit_register(Attachment, exclude=["uploaded_by"])
audit_register(ReviewStep, exclude=["decided_by"])
audit_register(MineAcceptance, exclude=["mine_signed_by", "regulator_signed_by"])
