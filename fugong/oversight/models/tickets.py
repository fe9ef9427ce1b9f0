"""Problem tickets (问题清单/诉求, DESIGN §3.5): routed to a department, on an SLA clock.

A ticket is raised by an enterprise or a leader, routed to a department, and moves through
submitted → accepted → in progress → answered → confirmed (with satisfaction) or reopened (→ in
progress again). Every move is a TicketTransition row (who, when, note). An overdue ticket is
escalated once per level (its paired leaders, the city command): an Escalation row each.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fugong.accounts.models import Department
from fugong.core.audit import audit_register
from fugong.core.models import TimeStampedModel
from fugong.core.permissions import Permissions
from fugong.core.roles import Role
from fugong.core.scope import ScopedQuerySet
from fugong.org.models import Enterprise


class TicketCategory(models.TextChoices):
    APPROVALS = "approvals", _("Approvals")
    SUPPLIES = "supplies", _("Supplies")
    LABOUR = "labour", _("Labour")
    LOGISTICS = "logistics", _("Logistics")
    FUNDS = "funds", _("Funds")
    EPIDEMIC = "epidemic", _("Epidemic prevention")
    OTHER = "other", _("Other")


class SlaClass(models.TextChoices):
    """How long the department has to answer (DESIGN §3.5)."""

    POLICY = "policy", _("A policy already applies (24 hours)")
    COMPLEX = "complex", _("Complex (3 working days)")
    MAJOR = "major", _("Major (5 working days)")


class TicketState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CONFIRMED = "confirmed", _("Confirmed")
    REOPENED = "reopened", _("Reopened")


OPEN_STATES = frozenset(
    {TicketState.SUBMITTED, TicketState.ACCEPTED, TicketState.IN_PROGRESS, TicketState.REOPENED}
)

TICKET_READERS = {
    Role.CITY_COMMAND,
    Role.COUNTY_OFFICER,
    Role.DEPARTMENT_OFFICER,
    Role.LIAISON_LEADER,
    Role.GROUP_ADMIN,
    Role.ENTERPRISE_MANAGER,
}
# Who raises a problem: the enterprise (its manager or its group) or its leader.
TICKET_RAISERS = {Role.LIAISON_LEADER, Role.GROUP_ADMIN, Role.ENTERPRISE_MANAGER}
# Who works a ticket: the department it is routed to, and the command over the region.
TICKET_HANDLERS = {Role.DEPARTMENT_OFFICER, Role.COUNTY_OFFICER, Role.CITY_COMMAND}
# Who confirms an answer or reopens the ticket: the side that raised it, and the city.
TICKET_CONFIRMERS = {
    Role.LIAISON_LEADER,
    Role.GROUP_ADMIN,
    Role.ENTERPRISE_MANAGER,
    Role.CITY_COMMAND,
}
RATE_READERS = {Role.CITY_COMMAND, Role.COUNTY_OFFICER, Role.DEPARTMENT_OFFICER}


class TicketQuerySet(ScopedQuerySet):
    # A department officer sees the tickets routed to its department in its region.
    scope_kind = "routed"
    permissions = Permissions(
        view=TICKET_READERS,
        raise_ticket=TICKET_RAISERS,
        handle=TICKET_HANDLERS,
        confirm=TICKET_CONFIRMERS,
        rates=RATE_READERS,
    )

    def open(self) -> TicketQuerySet:
        return self.filter(state__in=OPEN_STATES)


class Ticket(TimeStampedModel):
    """A problem an enterprise cannot solve alone, routed to a department (问题清单)."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="tickets"
    )
    visit = models.ForeignKey(
        "oversight.Visit",
        verbose_name=_("visit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tickets",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    category = models.CharField(
        _("problem category"), max_length=16, choices=TicketCategory.choices
    )
    sla_class = models.CharField(_("time limit"), max_length=8, choices=SlaClass.choices)
    description = models.TextField(_("description"))
    enterprise_cannot_solve = models.BooleanField(_("enterprise cannot solve it"), default=False)
    department = models.CharField(_("department"), max_length=16, choices=Department.choices)
    state = models.CharField(
        _("state"), max_length=12, choices=TicketState.choices, default=TicketState.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    due_at = models.DateTimeField(_("due at"))
    # The first answer stops the clock: on time means answered_at ≤ due_at.
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )

    objects = TicketQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("problem ticket")
        verbose_name_plural = _("problem tickets")
        indexes = [models.Index(fields=["state", "due_at"], name="ticket_state_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True)
                | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="ticket_satisfaction_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.enterprise} · {self.get_category_display()}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class TransitionQuerySet(ScopedQuerySet):
    scope_kind = "routed"
    scope_path = "ticket__"
    permissions = Permissions(view=TICKET_READERS)


class TicketTransition(models.Model):
    """One move of a ticket: from which state to which, by whom, when, and why."""

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("ticket"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_state = models.CharField(_("from"), max_length=12, choices=TicketState.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=12, choices=TicketState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"))
    note = models.TextField(_("note"), blank=True)

    objects = TransitionQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("ticket transition")
        verbose_name_plural = _("ticket transitions")

    def __str__(self) -> str:
        return f"{self.ticket_id}: {self.from_state} → {self.to_state}"


class EscalationLevel(models.TextChoices):
    LEADER = "leader", _("Paired leader")
    CITY = "city", _("City command")


class EscalationQuerySet(ScopedQuerySet):
    scope_kind = "routed"
    scope_path = "ticket__"
    permissions = Permissions(view={Role.CITY_COMMAND, Role.COUNTY_OFFICER, Role.LIAISON_LEADER})


class Escalation(models.Model):
    """An overdue ticket put before a paired leader or the city command, once per level."""

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("ticket"), on_delete=models.CASCADE, related_name="escalations"
    )
    level = models.CharField(_("level"), max_length=8, choices=EscalationLevel.choices)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="escalations",
    )
    escalated_at = models.DateTimeField(_("escalated at"))

    objects = EscalationQuerySet.as_manager()

    class Meta:
        ordering = ["-escalated_at", "pk"]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        constraints = [
            models.UniqueConstraint(
                fields=["ticket", "leader"],
                condition=Q(level="leader"),
                name="escalation_once_per_leader",
            ),
            models.UniqueConstraint(
                fields=["ticket"], condition=Q(level="city"), name="escalation_once_to_city"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} → {self.get_level_display()}"


audit_register(Ticket)
audit_register(TicketTransition)
audit_register(Escalation)
