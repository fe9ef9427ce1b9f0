"""Writes of the application and its review: file, answer, submit, decide (DESIGN §3.4).

Each service re-fetches what it changes through the actor's scope, refuses an illegal step of
the state machine with a ValidationError keyed by field (or ``__all__``) and changes nothing
then. Every change is audited (the models are registered with auditlog), so a returned and
resubmitted application keeps its history.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.core.permissions import require
from fugong.core.roles import Role
from fugong.core.scope import get_scoped_or_404
from fugong.org.models import Enterprise, EnterpriseKind
from fugong.resumption import rules
from fugong.resumption.models import (
    Application,
    ApplicationStatus,
    Attachment,
    MineAcceptance,
    ReviewStep,
    StepDecision,
)

EDITABLE = (
    "planned_on",
    "planned_headcount",
    "from_outside_province",
    "prevention_plan",
    "prevention_plan_file",
    "masks",
    "thermometers",
    "disinfectant_litres",
    *Application.FIVE_THINGS,
)
OPEN_FOR_EDIT = (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)


def _values(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: _("This field cannot be set here.") for name in unknown})
    return fields


def _check_numbers(application: Application) -> None:
    if application.from_outside_province > application.planned_headcount:
        raise ValidationError(
            {"from_outside_province": _("More than the staff returning in total.")}
        )


@transaction.atomic
def application_create(*, actor: Any, enterprise: Enterprise, **fields: Any) -> Application:
    """A draft application of an enterprise the actor files for (its own, or a group's unit)."""
    require(actor, Application, "change")
    enterprise = get_scoped_or_404(Enterprise.objects, actor, "view", pk=enterprise.pk)
    if enterprise.kind == EnterpriseKind.GROUP:
        raise ValidationError({"enterprise": _("A group files for its member units, not itself.")})
    application = Application(enterprise=enterprise, filed_by=actor, **_values(fields))
    _check_numbers(application)
    application.full_clean(exclude=["filed_by"])
    application.save()
    return application


@transaction.atomic
def application_update(*, actor: Any, application: Application, **fields: Any) -> Application:
    """Change a draft, or answer a return by editing it (then submit it again)."""
    application = get_scoped_or_404(
        Application.objects.select_for_update(), actor, "change", pk=application.pk
    )
    if application.status not in OPEN_FOR_EDIT:
        raise ValidationError(
            {"__all__": _("Only a draft or a returned application can be changed.")}
        )
    for name, value in _values(fields).items():
        # A form's "clear" box on the plan file gives False: no file.
        setattr(application, name, "" if value is False else value)
    _check_numbers(application)
    application.full_clean(exclude=["filed_by"])
    application.save()
    return application


@transaction.atomic
def application_submit(*, actor: Any, application: Application) -> Application:
    """Submit (or resubmit after a return): the review steps and the 3-working-day clock start."""
    application = get_scoped_or_404(
        Application.objects.select_for_update().select_related("enterprise"),
        actor,
        "change",
        pk=application.pk,
    )
    if application.status not in OPEN_FOR_EDIT:
        raise ValidationError(
            {"__all__": _("Only a draft or a returned application can be submitted.")}
        )
    errors: dict[str, Any] = {
        name: _("Tick this when it is in place; all five must be in place to submit.")
        for name in Application.FIVE_THINGS
        if not getattr(application, name)
    }
    if not application.prevention_plan.strip() and not application.prevention_plan_file:
        errors["prevention_plan"] = _("Write the prevention plan or attach it as a file.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    application.status = ApplicationStatus.SUBMITTED
    application.round += 1
    application.submitted_at = now
    application.due_at = rules.decision_due_at(now)
    application.decided_at = None
    application.save()
    departments = ["", *rules.departments_for(application.enterprise.kind)]
    ReviewStep.objects.bulk_create(
        ReviewStep(
            application=application,
            enterprise=application.enterprise,
            department=department,
            round=application.round,
            started_at=now,
        )
        for department in departments
    )
    return application


def check_attachment(upload: UploadedFile) -> None:
    extension = os.path.splitext(upload.name or "")[1].lower()
    if extension not in rules.ATTACHMENT_TYPES:
        allowed = ", ".join(sorted(rules.ATTACHMENT_TYPES))
        raise ValidationError({"file": _("Only these file types: %(types)s.") % {"types": allowed}})
    if upload.size is not None and upload.size > rules.ATTACHMENT_MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 10 MB.")})


@transaction.atomic
def application_attach(
    *, actor: Any, application: Application, file: UploadedFile, name: str = ""
) -> Attachment:
    application = get_scoped_or_404(Application.objects, actor, "change", pk=application.pk)
    if application.status not in OPEN_FOR_EDIT:
        raise ValidationError(
            {"__all__": _("Files can be added only to a draft or a returned application.")}
        )
    check_attachment(file)
    return Attachment.objects.create(
        application=application, file=file, name=(name or file.name or "")[:120], uploaded_by=actor
    )


def _step_of(actor: Any, application: Application) -> ReviewStep:
    department = actor.department if actor.role == Role.DEPARTMENT_OFFICER else ""
    step = (
        ReviewStep.objects.restrict(actor, "review")
        .filter(application=application, round=application.round, department=department)
        .first()
    )
    if step is None:
        raise ValidationError({"__all__": _("This application has no review step of yours.")})
    return step


def mine_is_accepted(enterprise: Enterprise) -> bool:
    """A coal mine may be approved only once its latest acceptance carries every signature."""
    if enterprise.kind != EnterpriseKind.COAL_MINE:
        return True
    latest = MineAcceptance.objects.filter(enterprise=enterprise).first()
    return latest is not None and latest.is_accepted


@transaction.atomic
def application_decide(
    *, actor: Any, application: Application, decision: str, note: str = ""
) -> Application:
    """Approve (with conditions) or return (with reasons) the actor's review step.

    A return by any reviewer returns the application; when every step of the submission has
    approved, the application is approved, the notice number issued and the enterprise is due
    to resume on the planned date.
    """
    require(actor, Application, "review")
    application = get_scoped_or_404(
        Application.objects.select_for_update().select_related("enterprise__region"),
        actor,
        "view",
        pk=application.pk,
    )
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError({"__all__": _("Only a submitted application can be decided.")})
    if decision not in (StepDecision.APPROVED, StepDecision.RETURNED):
        raise ValidationError({"decision": _("Choose approve or return.")})
    note = note.strip()
    if decision == StepDecision.RETURNED and not note:
        raise ValidationError({"note": _("Give the reasons for the return.")})
    step = _step_of(actor, application)
    if step.decision != StepDecision.PENDING:
        raise ValidationError({"__all__": _("You have decided this submission already.")})
    if decision == StepDecision.APPROVED and not mine_is_accepted(application.enterprise):
        raise ValidationError(
            {"__all__": _("The mine is not accepted yet (验收): it cannot be approved.")}
        )
    now = timezone.now()
    step.decision, step.note, step.decided_by, step.decided_at = decision, note, actor, now
    step.save()
    if decision == StepDecision.RETURNED:
        application.steps.filter(round=application.round, decision=StepDecision.PENDING).update(
            decision=StepDecision.CLOSED
        )
        application.status = ApplicationStatus.RETURNED
        application.return_reasons = note
        application.decided_at = now
        application.save()
        return application
    steps = list(application.steps.filter(round=application.round))
    if all(s.decision == StepDecision.APPROVED for s in steps):
        _approve(application, steps, now)
    return application


NOTICE_ATTEMPTS = 5


def next_notice_sequence(county: str, year: int) -> int:
    last = Application.objects.filter(notice_county=county, notice_year=year).aggregate(
        last=Max("notice_sequence")
    )["last"]
    return (last or 0) + 1


def _approve(application: Application, steps: list[ReviewStep], now: dt.datetime) -> None:
    county = application.enterprise.region.code[:6]
    year = timezone.localtime(now).year
    application.status = ApplicationStatus.APPROVED
    application.decided_at = now
    application.conditions = "\n".join(f"{s.reviewer_label}: {s.note}" for s in steps if s.note)
    application.notice_county, application.notice_year = county, year
    # Two approvals in one county at the same moment may read the same last number; the unique
    # constraint refuses the second, which takes the next number (in a savepoint) instead.
    for _attempt in range(NOTICE_ATTEMPTS):
        application.notice_sequence = next_notice_sequence(county, year)
        application.notice_number = rules.notice_number(county, year, application.notice_sequence)
        try:
            with transaction.atomic():
                application.save()
        except IntegrityError:
            continue
        break
    else:
        raise ValidationError({"__all__": _("No notice number is free; try again.")})
    enterprise = application.enterprise
    enterprise.resumption_due_on = application.planned_on
    enterprise.save(update_fields=["resumption_due_on", "updated_at"])


@transaction.atomic
def enterprise_due_set(*, actor: Any, enterprise: Enterprise, due_on: dt.date | None) -> Enterprise:
    """The county (or city) sets the day a unit that needs no application is due to resume."""
    require(actor, Application, "set_due")
    enterprise = get_scoped_or_404(Enterprise.objects, actor, "change", pk=enterprise.pk)
    if enterprise.kind == EnterpriseKind.GROUP:
        raise ValidationError({"due_on": _("A group is not counted; set its member units.")})
    enterprise.resumption_due_on = due_on
    enterprise.save(update_fields=["resumption_due_on", "updated_at"])
    return enterprise


def may_decide(actor: Any, application: Application) -> bool:
    try:
        step = _step_of(actor, application)
    except (ValidationError, AttributeError, PermissionDenied):
        return False
    return application.status == ApplicationStatus.SUBMITTED and step.decision == "pending"
