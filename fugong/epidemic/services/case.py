"""Recording and reclassifying cases (病例, DESIGN §3.3 "Case"), and opening their isolation.

The health officer of the person's enterprise records a case; every change is audited through
the model's registration. Only a confirmed or asymptomatic case opens an isolation: a suspected
case waits for its test and a discarded one never isolates anybody.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.core.permissions import require
from fugong.core.scope import get_scoped_or_404
from fugong.epidemic.models import (
    Case,
    CaseClassification,
    CaseTest,
    Observation,
    ObservationKind,
    ObservationReason,
)
from fugong.epidemic.services.observation import observation_open
from fugong.epidemic.services.status import health_status_invalidate
from fugong.people.models import Person

# How long a case is isolated when opened from its page (the policy has no field for it: the
# discharge of a case is a clinical decision, so the release rule still applies at the end).
CASE_ISOLATION_DAYS = 14
CASE_FIELDS = ("classification", "onset_on", "first_positive_on", "isolation_started_at", "note")
ISOLATING = frozenset({CaseClassification.CONFIRMED, CaseClassification.ASYMPTOMATIC})


def as_aware(moment: dt.datetime | None) -> dt.datetime | None:
    """A time sent without a zone (an API client's "2026-03-10T08:00") is Beijing time."""
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def _check_dates(data: dict[str, Any]) -> None:
    today = timezone.localdate()
    errors: dict[str, Any] = {}
    for name in ("onset_on", "first_positive_on"):
        day = data.get(name)
        if day is not None and day > today:
            errors[name] = _("This date is in the future.")
    started = data.get("isolation_started_at")
    if started is not None and started > timezone.now() + dt.timedelta(minutes=5):
        errors["isolation_started_at"] = _("This time is in the future.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def case_record(*, actor: Any, person: Person, **data: Any) -> Case:
    """A new case of ``person`` (who must be in the actor's scope), with its dates checked."""
    require(actor, Case, "change")
    person = get_scoped_or_404(Person.objects.all(), actor, pk=person.pk)
    fields = {name: data.get(name) for name in CASE_FIELDS if name in data}
    fields["note"] = fields.get("note") or ""
    if "isolation_started_at" in fields:
        fields["isolation_started_at"] = as_aware(fields["isolation_started_at"])
    _check_dates(fields)
    case = Case.objects.create(person=person, reported_by=actor, **fields)
    health_status_invalidate(person_ids=[person.pk])
    return case


@transaction.atomic
def case_update(*, actor: Any, case: Case, **data: Any) -> Case:
    """Edit or reclassify a case; the person is never changed (record a new case instead)."""
    case = get_scoped_or_404(Case.objects.select_for_update(), actor, "change", pk=case.pk)
    fields = {name: data[name] for name in CASE_FIELDS if name in data}
    if "note" in fields:
        fields["note"] = fields["note"] or ""
    if "isolation_started_at" in fields:
        fields["isolation_started_at"] = as_aware(fields["isolation_started_at"])
    _check_dates({**{n: getattr(case, n) for n in CASE_FIELDS}, **fields})
    for name, value in fields.items():
        setattr(case, name, value)
    case.save()
    health_status_invalidate(person_ids=[case.person_id])
    return case


@transaction.atomic
def case_test_add(*, actor: Any, case: Case, kind: str, taken_on: dt.date, result: str) -> CaseTest:
    case = get_scoped_or_404(Case.objects.all(), actor, "change", pk=case.pk)
    if taken_on > timezone.localdate():
        raise ValidationError({"taken_on": _("This date is in the future.")})
    return CaseTest.objects.create(case=case, kind=kind, taken_on=taken_on, result=result)


@transaction.atomic
def case_isolate(*, actor: Any, case: Case, at: dt.datetime | None = None) -> Observation:
    """Open (or extend) the isolation of a confirmed or asymptomatic case.

    The isolation starts at the case's recorded isolation start (now when none is recorded,
    which is then stored on the case); its planned end counts from that moment.
    """
    case = get_scoped_or_404(Case.objects.select_for_update(), actor, "change", pk=case.pk)
    if case.classification not in ISOLATING:
        raise ValidationError(
            {"classification": _("Only a confirmed or asymptomatic case is isolated.")}
        )
    started = case.isolation_started_at or at or timezone.now()
    if case.isolation_started_at is None:
        case.isolation_started_at = started
        case.save(update_fields=["isolation_started_at", "updated_at"])
    return observation_open(
        person=case.person,
        kind=ObservationKind.ISOLATION,
        reason=ObservationReason.CASE,
        started_at=started,
        last_exposure_at=started,
        days=CASE_ISOLATION_DAYS,
        source_case=case,
        actor=actor,
    )
