"""Reads for the checkpoint: entry decisions of many people at once, recent readings (masked)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from fugong.core.masking import mask_phone
from fugong.epidemic.models import (
    Colour,
    DenyReason,
    HealthStatus,
    Observation,
    ObservationState,
    Screening,
)
from fugong.epidemic.selectors.id_lists import ids_in
from fugong.epidemic.selectors.status import EntryDecision
from fugong.org.models import Place, PlaceKind

RECENT = 20


def entry_decisions(*, person_ids: Iterable[int], at: dt.datetime) -> dict[int, EntryDecision]:
    """``entry_decision`` for many people in a fixed number of queries (a device's batch).

    Red is denied, then a work prohibition; green and yellow may enter. The colour is the
    stored one while it is valid (``HealthStatus.valid_until``: no condition has expired and
    nothing it is made of has changed since); the others are recomputed from their conditions
    at ``at`` and stored (a manual override wins while active). The prohibition is read at
    ``at`` every time: it is not a colour, and a gate must never let in a prohibited worker
    on a colour computed before the prohibition began.
    """
    from fugong.epidemic.services.status import health_status_refresh

    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return {}
    # Validity compared by the database: a thousand datetimes converted to compare them here
    # cost as much as the rest of the decision.
    colours: dict[int, str] = dict(
        HealthStatus.objects.filter(
            person_id__in=ids_in(ids), computed_at__lte=at, valid_until__gt=at
        ).values_list("person_id", "colour")
    )
    stale = [pk for pk in ids if pk not in colours]
    if stale:
        for pk, refreshed in health_status_refresh(person_ids=stale, at=at).items():
            colours[pk] = refreshed.colour
    prohibited = set(
        Observation.objects.filter(
            person_id__in=ids_in(ids),
            state=ObservationState.ACTIVE,
            prohibition_from__lte=at,
            prohibition_until__gt=at,
        ).values_list("person_id", flat=True)
    )
    # A decision is a value, and there are only a few: made once each, not once a person.
    red = EntryDecision(False, Colour.RED, DenyReason.RED_CODE)
    allowed: dict[str, EntryDecision] = {
        colour: EntryDecision(True, colour) for colour in Colour if colour != Colour.RED
    }
    barred: dict[str, EntryDecision] = {
        colour: EntryDecision(False, colour, DenyReason.PROHIBITION)
        for colour in Colour
        if colour != Colour.RED
    }
    decisions = {}
    for pk in ids:
        colour = colours[pk]
        if colour == Colour.RED:
            decisions[pk] = red
        else:
            # Keyed by the members, found by the stored text (a text choice is its value).
            decisions[pk] = (barred if pk in prohibited else allowed)[colour]
    return decisions


def checkpoints_of(actor: Any) -> QuerySet[Place]:
    """The checkpoints an operator (or health officer) records at."""
    return (
        Place.objects.restrict(actor, "view")
        .filter(kind=PlaceKind.CHECKPOINT)
        .select_related("enterprise")
        .order_by("enterprise__name", "name")
    )


def mask_name(name: str) -> str:
    """张** : the family name stays, the given name is hidden (a visitor's name, a gate list)."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    return name[0] + "*" * (len(name) - 1)


def recent_screenings(*, actor: Any, place: Place, limit: int = RECENT) -> list[dict[str, Any]]:
    """This checkpoint's latest readings as the gate may see them: masked name, temperature,
    result and the reason code of a denial (never a medical reason or an ID number)."""
    since = timezone.now() - dt.timedelta(days=1)
    rows = (
        Screening.objects.restrict(actor, "record")
        .filter(place=place, measured_at__gte=since)
        .select_related("person")
        .order_by("-measured_at")[:limit]
    )
    return [
        {
            "client_uuid": str(s.client_uuid),
            "measured_at": s.measured_at,
            "who": mask_name(s.person.name if s.person else s.visitor_name),
            "phone": mask_phone(s.visitor_phone),
            "visitor": s.person_id is None,
            "temperature": s.temperature,
            "result": s.result,
            "result_label": s.get_result_display(),
            "deny_reason": s.deny_reason,
            "deny_label": s.get_deny_reason_display() if s.deny_reason else "",
        }
        for s in rows
    ]
