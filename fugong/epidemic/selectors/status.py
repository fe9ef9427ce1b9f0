"""What a checkpoint may know about the person in front of it: colour and entry decision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from fugong.epidemic.models import Colour, Observation, ObservationState
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

    The colour is recomputed unless the stored one is still valid: conditions expire with
    time, so a stored colour may be out of date by the time the person reaches the gate
    (``selectors.screening.entry_decisions``, the same rules for a batch).
    """
    from fugong.epidemic.selectors.screening import entry_decisions

    return entry_decisions(person_ids=[person.pk], at=at or timezone.now())[person.pk]
