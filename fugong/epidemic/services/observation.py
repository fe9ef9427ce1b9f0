"""Opening (and extending) medical observation (DESIGN §3.3 "Observation")."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from fugong.epidemic.models import (
    Case,
    Observation,
    ObservationKind,
    ObservationReason,
    ObservationState,
)
from fugong.epidemic.selectors.policy import end_of_local_day
from fugong.people.models import Person

# Kinds that keep a person away from work; health monitoring does not.
PROHIBITING_KINDS = frozenset(
    {
        ObservationKind.CENTRALISED_QUARANTINE,
        ObservationKind.HOME_QUARANTINE,
        ObservationKind.ISOLATION,
    }
)


def planned_end_for(last_exposure_at: dt.datetime, days: int) -> dt.datetime:
    """Last exposure + the policy's days, rounded up to the end of that local day."""
    return end_of_local_day(last_exposure_at + dt.timedelta(days=days))


@transaction.atomic
def observation_open(
    *,
    person: Person,
    kind: ObservationKind,
    reason: ObservationReason,
    started_at: dt.datetime,
    last_exposure_at: dt.datetime,
    days: int,
    source_case: Case | None = None,
    actor: object | None = None,
) -> Observation:
    """Put ``person`` under observation until last exposure + ``days``.

    A person already under observation keeps one observation: a later end extends it, an
    earlier one never shortens it (DESIGN: "a new exposure extends it, it is never silently
    shortened"), and a prohibiting kind replaces health monitoring. The work prohibition runs
    with the observation for the prohibiting kinds. The health status is refreshed.
    """
    from fugong.epidemic.services.status import health_status_refresh

    planned_end = planned_end_for(last_exposure_at, days)
    current = (
        Observation.objects.select_for_update()
        .filter(person=person, state=ObservationState.ACTIVE)
        .order_by("-planned_end")
        .first()
    )
    if current is None:
        observation = Observation.objects.create(
            person=person,
            kind=kind,
            reason=reason,
            source_case=source_case,
            started_at=started_at,
            last_exposure_at=last_exposure_at,
            planned_end=planned_end,
        )
    else:
        observation = current
        if planned_end > observation.planned_end:
            observation.planned_end = planned_end
        if observation.last_exposure_at is None or last_exposure_at > observation.last_exposure_at:
            observation.last_exposure_at = last_exposure_at
        if kind in PROHIBITING_KINDS and observation.kind not in PROHIBITING_KINDS:
            observation.kind = kind
            observation.reason = reason
        if observation.source_case_id is None and source_case is not None:
            observation.source_case = source_case
    if observation.kind in PROHIBITING_KINDS:
        if observation.prohibition_from is None:
            observation.prohibition_from = started_at
        observation.prohibition_until = observation.planned_end
    observation.save()
    health_status_refresh(person_ids=[person.pk], at=timezone.now())
    return observation
