"""Reads for government oversight: a leader's pairings, their home page, tickets and rates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet
from django.utils import timezone

from fugong.oversight.models import (
    OPEN_STATES,
    Escalation,
    EscalationLevel,
    KeyProject,
    Measure,
    Pairing,
    ProjectPairing,
    Ticket,
    TicketState,
    Visit,
)


def active_on(day: dt.date) -> Q:
    """Pairings in force on ``day``: starts_on ≤ day ≤ ends_on (an empty end: open-ended)."""
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))


def paired_enterprise_ids(*, leader: Any, on: dt.date | None = None) -> frozenset[int]:
    """Enterprises a leader is paired with on a day (today by default)."""
    day = on or timezone.localdate()
    rows = Pairing.objects.filter(active_on(day), leader=leader)
    return frozenset(rows.values_list("enterprise_id", flat=True))


def paired_project_ids(*, leader: Any, on: dt.date | None = None) -> frozenset[int]:
    """Key projects a leader is paired with on a day (today by default)."""
    day = on or timezone.localdate()
    rows = ProjectPairing.objects.filter(active_on(day), leader=leader)
    return frozenset(rows.values_list("project_id", flat=True))


def pairing_list(*, actor: Any) -> QuerySet[Pairing]:
    return Pairing.objects.restrict(actor).select_related("leader", "enterprise__region")


def project_pairing_list(*, actor: Any) -> QuerySet[ProjectPairing]:
    return ProjectPairing.objects.restrict(actor).select_related("leader", "project")


def project_list(*, actor: Any) -> QuerySet[KeyProject]:
    return KeyProject.objects.restrict(actor).select_related("enterprise", "region")


def visit_list(*, actor: Any) -> QuerySet[Visit]:
    return Visit.objects.restrict(actor).select_related("leader", "enterprise")


def ticket_list(*, actor: Any) -> QuerySet[Ticket]:
    return (
        Ticket.objects.restrict(actor)
        .select_related("enterprise", "raised_by")
        .annotate(escalation_count=Count("escalations"))
    )


def measure_list(*, actor: Any) -> QuerySet[Measure]:
    return Measure.objects.restrict(actor).select_related("enterprise")


def escalations_for(*, actor: Any) -> QuerySet[Escalation]:
    """The escalations addressed to the actor: a leader's own, or the city command's level."""
    rows = Escalation.objects.restrict(actor).select_related("ticket__enterprise", "leader")
    if getattr(actor, "role", "") == "liaison_leader":
        return rows.filter(level=EscalationLevel.LEADER, leader=actor)
    return rows.filter(level=EscalationLevel.CITY)


def leader_home(*, leader: Any) -> dict[str, Any]:
    """A leader's page: paired enterprises (with open tickets and last visit), projects,
    escalations. Everything through the leader's scope, a fixed number of queries."""
    enterprise_ids = leader.scope.enterprise_ids
    enterprises = list(
        Pairing.objects.restrict(leader)
        .filter(active_on(timezone.localdate()), leader=leader)
        .select_related("enterprise__region")
        .order_by("enterprise__name_pinyin")
    )
    open_counts = dict(
        Ticket.objects.restrict(leader)
        .filter(state__in=OPEN_STATES)
        .values_list("enterprise_id")
        .annotate(n=Count("pk"))
    )
    last_visits = dict(
        Visit.objects.restrict(leader).values_list("enterprise_id").annotate(last=Max("visited_on"))
    )
    rows = [
        {
            "enterprise": p.enterprise,
            "pairing": p,
            "open_tickets": open_counts.get(p.enterprise_id, 0),
            "last_visit": last_visits.get(p.enterprise_id),
        }
        for p in enterprises
    ]
    return {
        "enterprise_rows": rows,
        "enterprise_ids": sorted(enterprise_ids),
        "projects": list(
            ProjectPairing.objects.restrict(leader)
            .filter(active_on(timezone.localdate()), leader=leader)
            .select_related("project__enterprise", "project__region")
        ),
        "open_tickets": list(
            Ticket.objects.restrict(leader)
            .filter(state__in=OPEN_STATES)
            .select_related("enterprise")
            .order_by("due_at")[:50]
        ),
        "answered_tickets": list(
            Ticket.objects.restrict(leader)
            .filter(state=TicketState.ANSWERED)
            .select_related("enterprise")
            .order_by("answered_at")[:50]
        ),
        "escalations": list(escalations_for(actor=leader)[:50]),
        "measures": list(measure_list(actor=leader).filter(state="open")[:50]),
    }


@dataclass(frozen=True)
class DepartmentRate:
    """Closure and on-time rates of one department, stored as counts (rates derived)."""

    department: str
    label: str
    tickets: int
    confirmed: int
    answered: int
    answered_on_time: int

    @property
    def closure_rate(self) -> Decimal | None:
        """Confirmed ÷ all tickets routed to the department."""
        return _ratio(self.confirmed, self.tickets)

    @property
    def on_time_rate(self) -> Decimal | None:
        """Answered by the due time ÷ answered (the first answer stops the clock)."""
        return _ratio(self.answered_on_time, self.answered)


def _ratio(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"))


def department_rates(*, actor: Any) -> list[DepartmentRate]:
    """Per department, over the tickets in the actor's scope (one query)."""
    from fugong.accounts.models import Department

    rows = (
        Ticket.objects.restrict(actor)
        .values("department")
        .annotate(
            tickets=Count("pk"),
            confirmed=Count("pk", filter=Q(state=TicketState.CONFIRMED)),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
            on_time=Count("pk", filter=Q(answered_at__isnull=False, answered_at__lte=F("due_at"))),
        )
        .order_by("department")
    )
    labels = dict(Department.choices)
    return [
        DepartmentRate(
            department=row["department"],
            label=str(labels.get(row["department"], row["department"])),
            tickets=row["tickets"],
            confirmed=row["confirmed"],
            answered=row["answered"],
            answered_on_time=row["on_time"],
        )
        for row in rows
    ]
