"""Reads of the health area: who a helper may check in for, today's check-ins, the people who
have not reported, statuses by colour. Every read goes through ``restrict(actor, action)``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models import Count, OuterRef, Q, QuerySet
from django.utils import timezone

from fugong.core.permissions import has_role, may
from fugong.core.roles import Role
from fugong.epidemic.models import (
    Appeal,
    CheckIn,
    HealthStatus,
    HealthStatusChange,
    TravelDeclaration,
)
from fugong.epidemic.selectors.policy import fever_threshold_of_day
from fugong.people.models import Person, PersonStatus


def checkin_person(person_id: int) -> Person | None:
    """The person a check-in is for, by key, with only what a submission reads (id, name,
    status); None when there is none. Not scoped: the caller decides with
    ``checkin_submit``'s own check (oneself, or ``checkin_people``).

    One row by its key in written-once SQL: the ORM would compile a query (with Person's
    default ordering) on every submission, the largest single cost of P2 (DESIGN §5). Any
    other field read later loads from the database as for a deferred field.
    """
    if not 0 < person_id <= _MAX_KEY:  # a fuzzed key is nobody, not a database overflow
        return None
    with connection.cursor() as cursor:
        cursor.execute(_CHECKIN_PERSON, [person_id])
        row = cursor.fetchone()
    return None if row is None else Person.from_db(connection.alias, _PERSON_FIELDS, row)


_MAX_KEY = 2**63 - 1
_PERSON_FIELDS = ["id", "name", "status"]
_CHECKIN_PERSON = (
    f"SELECT {', '.join(_PERSON_FIELDS)} FROM {Person._meta.db_table} "  # noqa: S608 (model names)
    "WHERE id = %s"
)


def checkin_people(*, actor: Any) -> QuerySet[Person]:
    """The people ``actor`` may check in for (DESIGN §3.3 "a helper can check in").

    A worker: themself, and the members of the teams their person leads (team leader). A
    checkpoint operator or device: the people of the enterprises of their checkpoints (their
    scope). The health officer: the people of their enterprise. Nobody else.
    """
    people = Person.objects.filter(status=PersonStatus.ACTIVE)
    if getattr(actor, "is_superuser", False):
        return people
    if has_role(actor, {Role.WORKER}):
        own = getattr(actor, "person_id", None)
        if own is None:
            return people.none()
        return people.filter(Q(pk=own) | Q(team__leader_id=own))
    if has_role(actor, {Role.CHECKPOINT_OPERATOR, Role.DEVICE, Role.HEALTH_OFFICER}):
        return people.filter(pk__in=Person.objects.restrict(actor).values("pk"))
    return people.none()


def checkins(*, actor: Any) -> QuerySet[CheckIn]:
    """The current check-ins ``actor`` may read (replaced ones stay as history)."""
    return (
        CheckIn.objects.restrict(actor)
        .filter(is_current=True)
        .select_related("person", "person__enterprise", "location_region", "submitted_by")
    )


def abnormal_q() -> Q:
    """A check-in with symptoms, or a temperature at or above the fever threshold in force on
    its day (a threshold changed today leaves yesterday's check-ins judged as they were)."""
    return ~Q(symptoms=[]) | Q(temperature__gte=fever_threshold_of_day(OuterRef("day")))


def people_not_reported(*, actor: Any, day: dt.date) -> QuerySet[Person]:
    """Active people in ``actor``'s health scope with no current check-in for ``day``."""
    reported = CheckIn.objects.filter(day=day, is_current=True).values("person_id")
    if not may(actor, CheckIn):
        return Person.objects.none()
    return (
        Person.objects.restrict(actor)
        .filter(status=PersonStatus.ACTIVE)
        .exclude(pk__in=reported)
        .select_related("enterprise", "team")
    )


def travel_declarations(*, actor: Any) -> QuerySet[TravelDeclaration]:
    return (
        TravelDeclaration.objects.restrict(actor)
        .select_related("person", "person__enterprise")
        .prefetch_related("stops__region")
    )


def statuses(*, actor: Any) -> QuerySet[HealthStatus]:
    return HealthStatus.objects.restrict(actor).select_related(
        "person", "person__enterprise", "person__team"
    )


def colour_counts(*, actor: Any) -> dict[str, int]:
    """People per colour in ``actor``'s scope (drill down from these to the list)."""
    rows = statuses(actor=actor).order_by().values("colour").annotate(n=Count("pk"))
    return {row["colour"]: row["n"] for row in rows}


def status_history(*, actor: Any, person: Person) -> QuerySet[HealthStatusChange]:
    return (
        HealthStatusChange.objects.restrict(actor)
        .filter(person=person)
        .select_related("changed_by")
    )


def appeals(*, actor: Any) -> QuerySet[Appeal]:
    return Appeal.objects.restrict(actor).select_related("person", "person__enterprise")


def today(at: dt.datetime | None = None) -> dt.date:
    return timezone.localdate(at or timezone.now())
