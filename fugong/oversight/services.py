"""Writes of oversight: pairings, key projects, visits (with the problems they raise), measures.

Every write re-checks the role (``require``) and that each object named lies in the actor's
scope; errors are keyed by field so that forms and the API show them on the right input.
Tickets have their own module (``tickets``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.core.permissions import require
from fugong.core.roles import Role
from fugong.org.models import Enterprise, Region
from fugong.oversight.models import (
    KeyProject,
    Measure,
    MeasureState,
    Pairing,
    ProjectPairing,
    Visit,
    VisitMode,
)
from fugong.oversight.tickets import ticket_raise


def _require_leader(leader: Any) -> None:
    if leader is None or getattr(leader, "role", "") != Role.LIAISON_LEADER or not leader.is_active:
        raise ValidationError({"leader": _("Choose an active liaison leader.")})


def _require_enterprise(
    actor: Any, enterprise: Enterprise | None, field: str = "enterprise"
) -> None:
    if (
        enterprise is None
        or not Enterprise.objects.restrict(actor).filter(pk=enterprise.pk).exists()
    ):
        raise ValidationError({field: _("Choose an enterprise in your scope.")})


def _dates(starts_on: dt.date, ends_on: dt.date | None) -> None:
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})


@transaction.atomic
def pairing_create(
    *,
    actor: Any,
    leader: Any,
    enterprise: Enterprise,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    note: str = "",
) -> Pairing:
    """Pair a leader with an enterprise of the city command's region."""
    require(actor, Pairing, "change")
    _require_leader(leader)
    _require_enterprise(actor, enterprise)
    _dates(starts_on, ends_on)
    return Pairing.objects.create(
        leader=leader, enterprise=enterprise, starts_on=starts_on, ends_on=ends_on, note=note
    )


@transaction.atomic
def pairing_end(*, actor: Any, pairing: Pairing | ProjectPairing, on: dt.date | None = None) -> Any:
    """End a pairing on a day (today by default); from the next day the leader no longer sees
    the enterprise or project."""
    model = type(pairing)
    require(actor, model, "change")
    locked = (
        model.objects.restrict(actor, "change")
        .select_for_update(of=("self",))
        .filter(pk=pairing.pk)
        .first()
    )
    if locked is None:
        raise PermissionDenied
    day = on or timezone.localdate()
    if day < locked.starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    if locked.ends_on is not None and locked.ends_on < day:
        raise ValidationError({"ends_on": _("This pairing has already ended.")})
    locked.ends_on = day
    locked.save(update_fields=["ends_on", "updated_at"])
    return locked


@transaction.atomic
def project_create(
    *,
    actor: Any,
    name: str,
    enterprise: Enterprise | None = None,
    region: Region | None = None,
    description: str = "",
    status: str = "planned",
) -> KeyProject:
    require(actor, KeyProject, "change")
    if enterprise is not None:
        _require_enterprise(actor, enterprise)
    project = KeyProject(
        name=(name or "").strip(),
        enterprise=enterprise,
        region=region,
        description=description,
        status=status,
    )
    project.full_clean()
    if region is not None:
        prefix = actor.scope.region_prefix
        if not actor.scope.everything and (prefix is None or not region.code.startswith(prefix)):
            raise ValidationError({"region": _("Choose a region in your scope.")})
    project.save()
    return project


@transaction.atomic
def project_pairing_create(
    *,
    actor: Any,
    leader: Any,
    project: KeyProject,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    note: str = "",
) -> ProjectPairing:
    require(actor, ProjectPairing, "change")
    _require_leader(leader)
    if not KeyProject.objects.restrict(actor).filter(pk=project.pk).exists():
        raise ValidationError({"project": _("Choose a key project in your scope.")})
    _dates(starts_on, ends_on)
    return ProjectPairing.objects.create(
        leader=leader, project=project, starts_on=starts_on, ends_on=ends_on, note=note
    )


def leaders() -> Any:
    """Active liaison leaders: the people city command may pair (reference data)."""
    return (
        get_user_model()
        .objects.filter(role=Role.LIAISON_LEADER, is_active=True)
        .order_by("display_name", "username")
    )


@transaction.atomic
def visit_record(
    *,
    actor: Any,
    enterprise: Enterprise,
    visited_on: dt.date,
    mode: str,
    video_link: str = "",
    participants: str = "",
    findings: str = "",
    problems: Iterable[Mapping[str, Any]] = (),
) -> Visit:
    """Record a leader's visit; each problem raised becomes a ticket linked to the visit."""
    require(actor, Visit, "change")
    _require_enterprise(actor, enterprise)
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("A visit cannot be recorded before it happens.")})
    if mode == VisitMode.VIDEO and not video_link:
        raise ValidationError({"video_link": _("Give the link of the video call.")})
    visit = Visit(
        leader=actor,
        enterprise=enterprise,
        visited_on=visited_on,
        mode=mode,
        video_link=video_link,
        participants=participants,
        findings=findings,
    )
    visit.full_clean(exclude=["leader"])
    visit.save()
    for problem in problems:
        ticket_raise(actor=actor, enterprise=enterprise, visit=visit, **problem)
    return visit


MEASURE_FIELDS = frozenset({"title", "owner", "deadline", "state", "note"})


@transaction.atomic
def measure_create(
    *,
    actor: Any,
    enterprise: Enterprise,
    title: str,
    owner: str,
    deadline: dt.date,
    state: str = MeasureState.OPEN,
    note: str = "",
) -> Measure:
    require(actor, Measure, "change")
    _require_enterprise(actor, enterprise)
    measure = Measure(
        enterprise=enterprise, title=title, owner=owner, deadline=deadline, state=state, note=note
    )
    measure.full_clean()
    measure.save()
    return measure


@transaction.atomic
def measure_update(*, actor: Any, measure: Measure, **changes: Any) -> Measure:
    require(actor, Measure, "change")
    unknown = set(changes) - MEASURE_FIELDS
    if unknown:
        raise TypeError(f"measure_update() got unexpected fields {sorted(unknown)}")
    locked = (
        Measure.objects.restrict(actor, "change")
        .select_for_update(of=("self",))
        .filter(pk=measure.pk)
        .first()
    )
    if locked is None:
        raise PermissionDenied
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.full_clean()
    locked.save()
    return locked
