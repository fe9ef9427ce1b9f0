"""Acting on a trace: the chosen contacts go under observation and are kept as Contact rows.

The trace is run again here rather than trusting dates sent by a browser: the observation's
end follows from the contact's last exposure as the rules compute it now.

Kinds (decision): a close contact gets quarantine — centralised by default, home quarantine
when the officer chooses it (a single room at home is allowed for some groups) — and a
secondary contact health monitoring, the lighter measure of the period for 次密接 who had no
contact with the case itself. Days come from the policy (close / secondary).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.core.permissions import require
from fugong.epidemic.models import (
    Case,
    Contact,
    Observation,
    ObservationKind,
    ObservationReason,
)
from fugong.epidemic.selectors.policy import policy_in_force
from fugong.epidemic.selectors.tracing import TraceContact, trace_case
from fugong.epidemic.services.observation import observation_open
from fugong.epidemic.services.status import health_status_invalidate
from fugong.org.models import Place
from fugong.people.models import Person

CLOSE_KINDS = (ObservationKind.CENTRALISED_QUARANTINE, ObservationKind.HOME_QUARANTINE)


@dataclass(frozen=True)
class ObserveResult:
    observed: list[Observation]
    skipped: list[int]  # chosen people outside the actor's scope or no longer contacts


def _place_names(ids: Iterable[int]) -> list[str]:
    names = dict(Place.objects.filter(pk__in=list(ids)).values_list("pk", "name"))
    return [names[pk] for pk in ids if pk in names]


def contact_store(
    *, case: Case, found: TraceContact, observation: Observation | None, actor
) -> Contact:
    """Keep (or update) one contact of ``case``; a later exposure moves the dates on, an
    earlier one never moves them back."""
    contact = Contact.objects.filter(case=case, person_id=found.person_id).first()
    if contact is None:
        contact = Contact(
            case=case,
            person_id=found.person_id,
            first_exposure_at=found.first_exposure,
            last_exposure_at=found.last_exposure,
            recorded_by=actor if getattr(actor, "pk", None) else None,
        )
    if contact.pk is None or found.degree <= contact.degree:
        # A close contact found again as a secondary one stays close, with its evidence.
        contact.degree = found.degree
        contact.via_id = found.via_id
        contact.rules = list(found.rules)
        contact.places = _place_names(found.places)
    contact.minutes = max(found.minutes, contact.minutes or 0)
    contact.first_exposure_at = min(contact.first_exposure_at, found.first_exposure)
    contact.last_exposure_at = max(contact.last_exposure_at, found.last_exposure)
    if observation is not None:
        contact.observation = observation
    contact.save()
    health_status_invalidate(person_ids=[contact.person_id])
    return contact


@transaction.atomic
def contacts_observe(
    *,
    actor,
    case: Case,
    person_ids: Iterable[int],
    close_kind: str = ObservationKind.CENTRALISED_QUARANTINE,
    at: dt.datetime | None = None,
) -> ObserveResult:
    """Place the chosen contacts of ``case`` under observation until last exposure + the
    policy's days (close or secondary), and store them as the case's contacts."""
    require(actor, Contact, "change")
    require(actor, Observation, "change")
    if close_kind not in CLOSE_KINDS:
        raise ValidationError({"close_kind": _("Choose centralised or home quarantine.")})
    chosen = set(person_ids)
    if not chosen:
        raise ValidationError({"people": _("Choose at least one contact.")})
    now = at or timezone.now()
    policy = policy_in_force(now)
    found = {c.person_id: c for c in trace_case(case, at=now).contacts if c.person_id in chosen}
    people = Person.objects.restrict(actor, "view").in_bulk(list(found))
    observed: list[Observation] = []
    for person_id, contact in sorted(found.items()):
        person = people.get(person_id)
        if person is None:
            continue
        close = contact.degree == 1
        observation = observation_open(
            person=person,
            kind=ObservationKind(close_kind) if close else ObservationKind.HEALTH_MONITORING,
            reason=ObservationReason.CLOSE_CONTACT
            if close
            else ObservationReason.SECONDARY_CONTACT,
            started_at=now,
            last_exposure_at=contact.last_exposure,
            days=policy.days_close_contact if close else policy.days_secondary_contact,
            source_case=case,
            actor=actor,
        )
        contact_store(case=case, found=contact, observation=observation, actor=actor)
        observed.append(observation)
    skipped = sorted(chosen - {o.person_id for o in observed})
    return ObserveResult(observed=observed, skipped=skipped)
