"""Writes of the health area: the daily check-in (健康打卡) with its travel declaration, the
health officer's manual status, and appeals against a status (DESIGN §3.3).

One check-in per person per local day: a second one replaces the first (``is_current``) and
the first stays as history. The client UUID makes a double submit from a flaky phone count
once. After each write the person's status is refreshed, so the code page shows the new colour;
a normal check-in of a person stored green without any condition leaves the status as it is
(the refresh would write the same green; see _may_change_status).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.core.api import INVALID_CHOICE
from fugong.core.permissions import has_role, require
from fugong.core.roles import Role
from fugong.epidemic.models import (
    CheckIn,
    Colour,
    HealthStatus,
    HealthStatusChange,
    Policy,
    Symptom,
    Transport,
    TravelDeclaration,
    TravelStop,
)
from fugong.epidemic.selectors.health import checkin_people
from fugong.epidemic.selectors.policy import policy_in_force_cached
from fugong.epidemic.services.status import health_status_refresh
from fugong.org.models import Region
from fugong.people.models import Person, PersonStatus


@dataclass(frozen=True)
class Stop:
    """A region visited, with the dates of the stay (inclusive)."""

    region: Region
    arrived_on: dt.date
    left_on: dt.date


@dataclass(frozen=True)
class Travel:
    """The travel since the last check-in, as the check-in form and the API send it."""

    transport: str
    transport_number: str
    stops: Sequence[Stop]


def _check_temperature(temperature: Decimal | None, policy: Policy) -> Decimal:
    if temperature is None:
        raise ValidationError({"temperature": _("Enter your temperature.")})
    try:
        temperature = Decimal(str(temperature)).quantize(Decimal("0.1"))
    except ArithmeticError:
        raise ValidationError({"temperature": _("Enter a number such as 36.5.")}) from None
    if not policy.temperature_min <= temperature <= policy.temperature_max:
        raise ValidationError(
            {
                "temperature": _(
                    "%(value)s °C is outside the plausible range %(low)s–%(high)s °C: "
                    "measure again."
                )
                % {
                    "value": temperature,
                    "low": policy.temperature_min,
                    "high": policy.temperature_max,
                }
            }
        )
    return temperature


def _check_travel(travel: Travel | None, today: dt.date) -> None:
    if travel is None or not travel.stops:
        raise ValidationError({"stops": _("Name at least one region you visited.")})
    if travel.transport not in Transport.values:
        raise ValidationError({"transport": str(INVALID_CHOICE)})
    if (
        travel.transport in {Transport.TRAIN, Transport.FLIGHT}
        and not travel.transport_number.strip()
    ):
        raise ValidationError({"transport_number": _("Enter the train or flight number.")})
    for stop in travel.stops:
        if stop.left_on < stop.arrived_on:
            raise ValidationError({"stops": _("The end date is before the start date.")})
        if stop.left_on > today:
            raise ValidationError({"stops": _("A stay cannot end in the future.")})


def _declare_travel(*, person: Person, travel: Travel) -> TravelDeclaration:
    declaration = TravelDeclaration.objects.create(
        person=person,
        transport=travel.transport,
        transport_number=travel.transport_number.strip().upper(),
        arrived_on=max(stop.left_on for stop in travel.stops),
    )
    for stop in travel.stops:
        TravelStop.objects.create(
            declaration=declaration,
            region=stop.region,
            arrived_on=stop.arrived_on,
            left_on=stop.left_on,
        )
    return declaration


def checkin_submit(
    *,
    actor: Any,
    person: Person,
    temperature: Decimal | None,
    symptoms: Sequence[str] = (),
    location: str = "",
    location_region: Region | None = None,
    travelled: bool = False,
    travel: Travel | None = None,
    pledge: bool,
    client_uuid: uuid.UUID | str | None = None,
    day: dt.date | None = None,
    at: dt.datetime | None = None,
) -> CheckIn:
    """Store today's check-in of ``person`` (by them or a helper) and refresh their status.

    Refused with a field error and nothing stored: a person the actor may not check in for,
    no pledge, a temperature outside the policy's plausible range, a day other than today,
    travel without a region. A resent submission (same client UUID) answers the stored one.
    A stored check-in carries ``colour``, the person's stored colour after it (the answer of
    the phone's submission, without reading the status again); a resent one does not.
    """
    require(actor, CheckIn, "submit")
    at = at or timezone.now()
    today = timezone.localdate(at)
    if not _may_check_in_for(actor, person):
        raise ValidationError({"person": str(INVALID_CHOICE)})
    client_uuid = uuid.UUID(str(client_uuid)) if client_uuid else uuid.uuid4()
    if day is not None and day != today:
        raise ValidationError({"day": _("A check-in is for today only.")})
    unknown = set(symptoms) - set(Symptom.values)
    if unknown:
        raise ValidationError({"symptoms": str(INVALID_CHOICE)})
    policy = policy_in_force_cached(at)
    temperature = _check_temperature(temperature, policy)
    if not pledge:
        raise ValidationError({"pledge": _("Confirm the pledge to submit.")})
    if travelled:
        _check_travel(travel, today)
    checkin = _new_checkin(
        actor=actor,
        person=person,
        today=today,
        at=at,
        fields={
            "temperature": temperature,
            "symptoms": sorted(set(symptoms)),
            "location": location.strip(),
            "location_region": location_region,
            "travelled": travelled,
            "pledge": True,
            "client_uuid": client_uuid,
        },
    )
    try:
        # Only the writes of the check-in hold the write lock; a resent UUID is caught by its
        # unique index here rather than looked up before every submission.
        with transaction.atomic():
            _replace_current(checkin)
            if travelled and travel is not None:
                _declare_travel(person=person, travel=travel)
    except IntegrityError:
        resent = CheckIn.objects.filter(client_uuid=client_uuid).first()
        if resent is None:  # two submissions of the same person raced for the day
            raise ValidationError(
                {"__all__": _("Another check-in was saved just now; try again.")}
            ) from None
        if resent.person_id != person.pk:
            raise ValidationError({"client_uuid": _("This submission was already used.")}) from None
        return resent  # a double submit counts once
    if not _may_change_status(person, checkin, policy):
        checkin.colour = Colour.GREEN  # type: ignore[attr-defined]
        return checkin
    # After the commit, in its own short transaction: the new colour for the code page.
    try:
        refreshed = health_status_refresh(person_ids=[person.pk], at=at, policy=policy)
    except IntegrityError:
        # A first-ever status created by a concurrent submission (PostgreSQL): update it.
        refreshed = health_status_refresh(person_ids=[person.pk], at=at, policy=policy)
    checkin.colour = Colour(refreshed[person.pk].colour)  # type: ignore[attr-defined]
    return checkin


def _may_change_status(person: Person, checkin: CheckIn, policy: Policy) -> bool:
    """False when the stored status is already what a refresh would store: green, computed,
    with no condition at all (so no stale check-in to clear, no abnormal streak to count, no
    manual colour), and the check-in is normal (below the fever threshold, no symptom, no
    travel, no location that a risk area could contain).

    A check-in only touches the check-in conditions; a normal one of such a person leaves
    them empty, so the refresh (a dozen queries and a write transaction, DESIGN §5 P2) would
    rewrite the same green. The stored status is read after the check-in's commit, so a
    concurrent abnormal submission that refreshed it in between is seen here. Conditions that
    expire or appear with time are the recompute task's, and the code page and the
    checkpoint's entry decision compute them on read.
    """
    normal = (
        not checkin.symptoms
        and checkin.temperature < policy.fever_threshold
        and not checkin.travelled
        and checkin.location_region_id is None
    )
    if not normal:
        return True
    with connection.cursor() as cursor:  # one row by its unique key, on every submission
        cursor.execute(_STORED_STATUS, [person.pk])
        stored = cursor.fetchone()
    if stored is None:
        return True
    colour, computed, override, conditions = stored
    if isinstance(conditions, str):  # the JSON text as the database returns it
        conditions = json.loads(conditions)
    return (colour, computed, override, conditions) != (Colour.GREEN, Colour.GREEN, "", [])


_STORED_STATUS = (
    "SELECT colour, computed_colour, override_colour, conditions "  # noqa: S608 (model names)
    f"FROM {HealthStatus._meta.db_table} WHERE person_id = %s"
)


def _may_check_in_for(actor: Any, person: Person) -> bool:
    """Oneself (an active person) needs no query; anyone else goes through checkin_people."""
    if person.pk == getattr(actor, "person_id", None) and has_role(actor, {Role.WORKER}):
        return person.status == PersonStatus.ACTIVE
    return checkin_people(actor=actor).filter(pk=person.pk).exists()


def _new_checkin(
    *, actor: Any, person: Person, today: dt.date, at: dt.datetime, fields: dict[str, Any]
) -> CheckIn:
    """The unsaved check-in, built before the write transaction opens (see _replace_current)."""
    model = actor._meta.model_name if getattr(actor, "_meta", None) else ""
    return CheckIn(
        person=person, day=today, submitted_at=at, is_current=True,
        submitted_by=actor if model == "user" else None,
        submitted_by_device=actor if model == "devicetoken" else None, **fields,
    )  # fmt: skip


def _replace_current(checkin: CheckIn) -> None:
    """Replace today's current check-in (kept as history) by ``checkin``; in a transaction.

    On SQLite the write transaction holds the database's one write lock from its start
    (IMMEDIATE): the row is built and the replacing UPDATE's SQL written beforehand, so the
    lock covers two statements and little Python (DESIGN §5 P2, 50 phones at once). A
    concurrent submission for the same person and day is stopped by the "one current per
    day" constraint (IntegrityError, handled by the caller).
    """
    day = connection.ops.adapt_datefield_value(checkin.day)
    with connection.cursor() as cursor:
        cursor.execute(_REPLACE_CURRENT, [False, checkin.person_id, day])
        _insert(cursor, checkin)


def _insert(cursor: Any, checkin: CheckIn) -> None:
    """``checkin.save(force_insert=True)`` in written-once SQL: every concrete column, each
    value prepared by its field as the ORM prepares it (auto_now_add included), the new key
    read back. CheckIn is an event record (no audit signal), so nothing listens to the save;
    the ORM's INSERT compiler was a third of a submission's Python (DESIGN §5 P2)."""
    values = [f.get_db_prep_save(f.pre_save(checkin, True), connection) for f in _INSERT_FIELDS]
    if connection.features.can_return_columns_from_insert:
        cursor.execute(_INSERT + " RETURNING id", values)
        checkin.pk = cursor.fetchone()[0]
    else:  # pragma: no cover (every supported database returns columns)
        cursor.execute(_INSERT, values)
        checkin.pk = cursor.lastrowid
    checkin._state.adding = False
    checkin._state.db = connection.alias


# The UPDATE of CheckIn.objects.filter(person=, day=, is_current=True).update(is_current=False),
# written once: the ORM would compile it inside the write lock on every submission.
_REPLACE_CURRENT = (
    f"UPDATE {CheckIn._meta.db_table} SET is_current = %s "  # noqa: S608 (names from the model)
    "WHERE person_id = %s AND day = %s AND is_current"
)


_INSERT_FIELDS = [f for f in CheckIn._meta.concrete_fields if not f.primary_key]
_INSERT = (
    f"INSERT INTO {CheckIn._meta.db_table} "  # noqa: S608 (names from the model)
    f"({', '.join(str(f.column) for f in _INSERT_FIELDS)}) "
    f"VALUES ({', '.join(['%s'] * len(_INSERT_FIELDS))})"
)


def _status_of(person: Person, at: dt.datetime) -> HealthStatus:
    return health_status_refresh(person_ids=[person.pk], at=at)[person.pk]


def _in_health_scope(actor: Any, person: Person, action: str) -> None:
    require(actor, HealthStatus, action)
    if not Person.objects.restrict(actor).filter(pk=person.pk).exists():
        raise PermissionDenied


def _record_manual_change(
    *, person: Person, before: str, status: HealthStatus, reason: str, actor: Any, at: dt.datetime
) -> None:
    """The refresh recorded a change of colour (or none): mark it as manual, with who and why."""
    change = HealthStatusChange.objects.filter(person=person, changed_at=at).first()
    if change is None:
        change = HealthStatusChange(
            person=person,
            colour_before=before,
            colour_after=status.colour,
            conditions=status.conditions,
            changed_at=at,
        )
    change.manual = True
    change.reason = reason[:200]
    change.changed_by = actor
    change.save()


@transaction.atomic
def status_override(
    *,
    actor: Any,
    person: Person,
    colour: str,
    reason: str,
    until: dt.datetime | None,
    at: dt.datetime | None = None,
) -> HealthStatus:
    """The health officer sets a colour by hand (audited); it wins over the computed one
    until ``until``. ``colour`` "" ends a manual status. A reason is always required."""
    _in_health_scope(actor, person, "override")
    at = at or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the manual status.")})
    if colour and colour not in Colour.values:
        raise ValidationError({"colour": str(INVALID_CHOICE)})
    if colour and until is not None and until <= at:
        raise ValidationError({"until": _("The end must be in the future.")})
    status = _status_of(person, at)
    before = status.colour
    status.override_colour = colour
    status.override_reason = reason[:200] if colour else ""
    status.override_by = actor if colour else None
    status.override_until = until if colour else None
    status.save()  # audited (django-auditlog)
    # A second refresh a moment later, so the change it records has its own timestamp.
    later = at + dt.timedelta(microseconds=1)
    status = _status_of(person, later)
    _record_manual_change(
        person=person, before=before, status=status, reason=reason, actor=actor, at=later
    )
    return status
