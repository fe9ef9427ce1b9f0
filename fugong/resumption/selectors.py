"""Reads of applications, the reviewers' queue with its clock, and the decision statistics."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from fugong.org.workdays import WorkCalendar
from fugong.resumption import rules
from fugong.resumption.models import (
    AcceptanceRoute,
    Application,
    ApplicationStatus,
    MineAcceptance,
    ReviewStep,
    StepDecision,
)


def application_list(*, actor: Any) -> QuerySet[Application]:
    return Application.objects.restrict(actor, "view").select_related("enterprise__region")


@dataclass(frozen=True)
class Clock:
    """The 3-working-day clock of a submitted application, as the queue shows it."""

    due_at: dt.datetime
    remaining: dt.timedelta

    @property
    def overdue(self) -> bool:
        return self.remaining < dt.timedelta()

    @property
    def remaining_hours(self) -> int:
        return int(abs(self.remaining).total_seconds() // 3600)


def clock_of(application: Application, now: dt.datetime | None = None) -> Clock | None:
    if application.due_at is None:
        return None
    end = application.decided_at or now or timezone.now()
    return Clock(due_at=application.due_at, remaining=application.due_at - end)


def review_queue(*, actor: Any) -> list[tuple[ReviewStep, Clock | None]]:
    """The actor's pending review steps, the most urgent first, each with its clock."""
    steps = (
        ReviewStep.objects.restrict(actor, "review")
        .filter(decision=StepDecision.PENDING, application__status=ApplicationStatus.SUBMITTED)
        .select_related("application__enterprise__region")
        .order_by("application__due_at", "pk")
    )
    department = getattr(actor, "department", "") if actor.role == "department_officer" else ""
    now = timezone.now()
    return [(step, clock_of(step.application, now)) for step in steps.filter(department=department)]


def acceptances_waiting_for_regulator(*, actor: Any) -> QuerySet[MineAcceptance]:
    """Mines in scope held at "not accepted" until the regulator signs (for the queue)."""
    return (
        MineAcceptance.objects.restrict(actor, "acceptance")
        .filter(route=AcceptanceRoute.REGULATOR, accepted_on__isnull=True)
        .select_related("enterprise")
    )


def latest_acceptance(*, actor: Any, enterprise_id: int) -> MineAcceptance | None:
    return (
        MineAcceptance.objects.restrict(actor, "view").filter(enterprise_id=enterprise_id).first()
    )


@dataclass
class Tally:
    """Decisions of one reviewer body (a county or a department)."""

    label: str
    approved: int = 0
    returned: int = 0
    on_time: int = 0
    days: list[float] | None = None

    @property
    def decided(self) -> int:
        return self.approved + self.returned

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.decided if self.decided else None

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days) if self.days else None

    @property
    def mean_days(self) -> float | None:
        return statistics.fmean(self.days) if self.days else None


def decision_statistics(*, actor: Any) -> dict[str, list[Tally]]:
    """Decided review steps in scope by county and by department: outcome, working days taken
    (from the submission to the step's decision) and the share decided within the clock."""
    steps = (
        ReviewStep.objects.restrict(actor, "view")
        .filter(decision__in=[StepDecision.APPROVED, StepDecision.RETURNED])
        .select_related("enterprise__region")
    )
    calendar = WorkCalendar()
    by_county: dict[str, Tally] = {}
    by_department: dict[str, Tally] = {}
    for step in steps:
        if step.department:
            key, label = step.department, str(step.get_department_display())
            tally = by_department.setdefault(key, Tally(label=label, days=[]))
        else:
            region = step.enterprise.region
            tally = by_county.setdefault(region.code[:6], Tally(label=region.name, days=[]))
        if step.decision == StepDecision.APPROVED:
            tally.approved += 1
        else:
            tally.returned += 1
        submitted = step.started_at
        if step.decided_at is not None:
            assert tally.days is not None
            tally.days.append(rules.working_days_elapsed(submitted, step.decided_at, calendar))
            due = rules.decision_due_at(submitted, calendar)
            tally.on_time += step.decided_at <= due
    return {"counties": list(by_county.values()), "departments": list(by_department.values())}


def application_outcomes(*, actor: Any) -> Tally:
    """The applications' own decisions in scope (the last reviewer's approval, or a return):
    how many of each, working days from submission and the share decided by the deadline."""
    calendar = WorkCalendar()
    tally = Tally(label="", days=[])
    decided = Application.objects.restrict(actor, "view").filter(
        status__in=[ApplicationStatus.APPROVED, ApplicationStatus.RETURNED],
        submitted_at__isnull=False,
        decided_at__isnull=False,
    )
    for application in decided.only("status", "submitted_at", "decided_at", "due_at"):
        assert application.submitted_at and application.decided_at and tally.days is not None
        if application.status == ApplicationStatus.APPROVED:
            tally.approved += 1
        else:
            tally.returned += 1
        elapsed = rules.working_days_elapsed(
            application.submitted_at, application.decided_at, calendar
        )
        tally.days.append(elapsed)
        tally.on_time += (
            application.due_at is not None and application.decided_at <= application.due_at
        )
    return tally


def totals(tallies: list[Tally]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for tally in tallies:
        counts["approved"] += tally.approved
        counts["returned"] += tally.returned
    return dict(counts)
