"""What a checkpoint may know about the person in front of it: colour and entry decision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from fugong.epidemic.models import Colour, DenyReason, Observation, ObservationState
from fugong.people.models import Person


@dataclass(frozen=True)
class EntryDecision:
    allowed: bool
    colour: Colour
    deny_reason: str = ""  # a DenyReason value; never the medical reason


def prohibited_at(person_id: int, at: dt.datetime) -> bool:
    """Is the person under a work prohibition at ``at`` (an active observation's window)?"""
    return Observation.objects.filter(
        person_id=person_id,
        state=ObservationState.ACTIVE,
        prohibition_from__lte=at,
        prohibition_until__gt=at,
    ).exists()


def entry_decision(*, person: Person, at: dt.datetime | None = None) -> EntryDecision:
    """Red is denied; a work prohibition is denied; green and yellow may enter.

    The status is recomputed first: conditions expire with time, so a stored colour may be
    out of date by the time the person reaches the gate.
    """
    from fugong.epidemic.services.status import health_status_refresh

    at = at or timezone.now()
    status = health_status_refresh(person_ids=[person.pk], at=at)[person.pk]
    colour = Colour(status.colour)
    if colour == Colour.RED:
        return EntryDecision(False, colour, DenyReason.RED_CODE)
    if prohibited_at(person.pk, at):
        return EntryDecision(False, colour, DenyReason.PROHIBITION)
    return EntryDecision(True, colour)
