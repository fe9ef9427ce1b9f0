"""Writes of the organisation.

Who may make them, and the rules of an enterprise's regulated fields, are in ``org.rules`` (its
predicates are re-exported here for the views). Every other role reads. The views check the
same rules, but the service is where they hold: the API and the commands come through here too.

An out-of-scope object the actor tries to change is PermissionDenied; an out-of-scope object
named in a field (a region, a group, a leader) is a ValidationError on that field, exactly as if
it did not exist.
"""

from __future__ import annotations

import datetime as dt
import inspect
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from fugong.core.validators import normalize_code
from fugong.org.models import (
    Enterprise,
    EnterpriseStatus,
    OutputUnit,
    Place,
    Region,
    Shift,
    Team,
)
from fugong.org.rules import (
    REGULATED_FIELDS,
    enterprise_errors,
    may_change_regulated,
    may_create_enterprise,
    may_create_in_org,
    may_edit_enterprise,
    may_edit_org_of,
    stored_regulated,
)

__all__ = [
    "REGULATED_FIELDS",
    "may_change_regulated",
    "may_create_enterprise",
    "may_create_in_org",
    "may_edit_enterprise",
    "may_edit_org_of",
]

# A place, team or shift stays with its enterprise: people's teams and dormitory rooms must be of
# their own enterprise, and moving the container would silently break that for its members.
PLACE_FIELDS = frozenset(
    {"name", "kind", "code", "parent", "headcount_limit", "capacity", "is_active"}
)
TEAM_FIELDS = frozenset({"name", "leader", "is_underground"})
SHIFT_FIELDS = frozenset({"name", "kind", "start_time", "end_time"})
# Places nest a few levels at most (mine → zone → face); this bounds the walk up the chain.
MAX_PLACE_DEPTH = 16


# --- helpers ------------------------------------------------------------------------------


def _full_clean(obj: models.Model, extra: dict[str, Any]) -> None:
    """full_clean(), plus the scope errors of fields that are otherwise valid."""
    errors: dict[str, list[Any]] = {}
    try:
        obj.full_clean()
    except ValidationError as exc:
        errors = {field: list(messages) for field, messages in exc.message_dict.items()}
    for field, message in extra.items():
        errors.setdefault(field, [message])
    if errors:
        raise ValidationError(errors)


def _apply(obj: models.Model, allowed: frozenset[str], changes: dict[str, Any]) -> None:
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"fields that cannot be changed here: {sorted(unknown)}")
    for field, value in changes.items():
        setattr(obj, field, value)


def _current(queryset: models.QuerySet, actor: Any, obj: models.Model) -> Any:
    """The stored row, fetched again through the scope (the caller's copy may be edited)."""
    current = queryset.restrict(actor).filter(pk=obj.pk).first()  # type: ignore[attr-defined]
    if current is None:
        raise PermissionDenied
    return current


# --- enterprises --------------------------------------------------------------------------


@transaction.atomic
def enterprise_create(
    *,
    actor: Any,
    credit_code: str,
    name: str,
    kind: str,
    industry: str,
    region: Region,
    parent: Enterprise | None = None,
    normal_headcount: int = 0,
    normal_daily_output: Decimal = Decimal("0"),
    output_unit: str = OutputUnit.TONS,
    rated_capacity: Decimal | None = None,
    status: str = EnterpriseStatus.ACTIVE,
    address: str = "",
) -> Enterprise:
    """Register an enterprise; a group_admin registers member units of a group in its scope."""
    if not may_create_enterprise(actor):
        raise PermissionDenied
    enterprise = Enterprise(
        # Normalised before validation: the length check runs before Enterprise.clean().
        credit_code=normalize_code(credit_code),
        name=name,
        kind=kind,
        industry=industry,
        region=region,
        parent=parent,
        normal_headcount=normal_headcount,
        normal_daily_output=normal_daily_output,
        output_unit=output_unit,
        rated_capacity=rated_capacity,
        status=status,
        address=address or "",
    )
    _full_clean(enterprise, enterprise_errors(actor, enterprise, {}))
    enterprise.save()
    return enterprise


# What an update may change: exactly what a registration sets.
ENTERPRISE_FIELDS = frozenset(inspect.signature(enterprise_create).parameters) - {"actor"}


@transaction.atomic
def enterprise_update(*, actor: Any, enterprise: Enterprise, **changes: Any) -> Enterprise:
    """Change an enterprise record; its regulated fields only as REGULATED_FIELDS says.

    A refused regulated field is a ValidationError naming that field, and nothing is written.
    """
    current = _current(Enterprise.objects.all(), actor, enterprise)
    if not may_edit_enterprise(actor, current.pk):
        raise PermissionDenied
    stored = stored_regulated(current)
    if "credit_code" in changes:
        changes["credit_code"] = normalize_code(changes["credit_code"])
    _apply(current, ENTERPRISE_FIELDS, changes)
    _full_clean(current, enterprise_errors(actor, current, stored))
    current.save()
    return current


# --- places -------------------------------------------------------------------------------


def _place_errors(place: Place) -> dict:
    parent = place.parent
    for _depth in range(MAX_PLACE_DEPTH):
        if parent is None:
            return {}
        if place.pk is not None and parent.pk == place.pk:
            return {"parent": _("A place cannot be inside itself.")}
        parent = parent.parent
    return {"parent": _("Places are nested too deeply.")}


@transaction.atomic
def place_create(
    *,
    actor: Any,
    enterprise: Enterprise,
    name: str,
    kind: str,
    code: str = "",
    parent: Place | None = None,
    headcount_limit: int | None = None,
    capacity: int | None = None,
    is_active: bool = True,
) -> Place:
    """Add a place; underground zones and working faces need their headcount limit (限员)."""
    if not may_edit_org_of(actor, enterprise.pk):
        raise PermissionDenied
    place = Place(
        enterprise=enterprise,
        name=name,
        kind=kind,
        code=code or "",
        parent=parent,
        headcount_limit=headcount_limit,
        capacity=capacity,
        is_active=is_active,
    )
    _full_clean(place, _place_errors(place))
    place.save()
    return place


@transaction.atomic
def place_update(*, actor: Any, place: Place, **changes: Any) -> Place:
    current = _current(Place.objects.all(), actor, place)
    if not may_edit_org_of(actor, current.enterprise_id):
        raise PermissionDenied
    _apply(current, PLACE_FIELDS, changes)
    _full_clean(current, _place_errors(current))
    current.save()
    return current


# --- teams --------------------------------------------------------------------------------


def _team_errors(actor: Any, team: Team) -> dict:
    from fugong.people.models import Person

    if team.leader_id is None or Person.objects.restrict(actor).filter(pk=team.leader_id).exists():
        return {}
    return {"leader": _("Choose a team leader within your scope.")}


@transaction.atomic
def team_create(
    *,
    actor: Any,
    enterprise: Enterprise,
    name: str,
    leader: Any = None,
    is_underground: bool = False,
) -> Team:
    if not may_edit_org_of(actor, enterprise.pk):
        raise PermissionDenied
    team = Team(enterprise=enterprise, name=name, leader=leader, is_underground=is_underground)
    _full_clean(team, _team_errors(actor, team))
    team.save()
    return team


@transaction.atomic
def team_update(*, actor: Any, team: Team, **changes: Any) -> Team:
    current = _current(Team.objects.all(), actor, team)
    if not may_edit_org_of(actor, current.enterprise_id):
        raise PermissionDenied
    _apply(current, TEAM_FIELDS, changes)
    _full_clean(current, _team_errors(actor, current))
    current.save()
    return current


# --- shifts -------------------------------------------------------------------------------


@transaction.atomic
def shift_create(
    *,
    actor: Any,
    enterprise: Enterprise,
    name: str,
    kind: str,
    start_time: dt.time,
    end_time: dt.time,
) -> Shift:
    """Add a shift pattern; an end not after the start means it crosses midnight."""
    if not may_edit_org_of(actor, enterprise.pk):
        raise PermissionDenied
    shift = Shift(
        enterprise=enterprise, name=name, kind=kind, start_time=start_time, end_time=end_time
    )
    _full_clean(shift, {})
    shift.save()
    return shift


@transaction.atomic
def shift_update(*, actor: Any, shift: Shift, **changes: Any) -> Shift:
    current = _current(Shift.objects.all(), actor, shift)
    if not may_edit_org_of(actor, current.enterprise_id):
        raise PermissionDenied
    _apply(current, SHIFT_FIELDS, changes)
    _full_clean(current, {})
    current.save()
    return current
