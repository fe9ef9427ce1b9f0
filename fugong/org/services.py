"""Writes of the organisation, and who may make them.

Only the editors of ORG_EDITOR_ROLES write places, teams and shifts: a group_admin inside the
group's subtree (new member units hang under a group in that subtree), an enterprise_manager on
their own enterprise. An enterprise record is also edited by the government over it
(ENTERPRISE_GOVERNMENT_ROLES: city_command, county_officer, every field of the enterprises in
their region). Its regulated fields (REGULATED_FIELDS, DESIGN §2) are changed only by that
government or by a group for its member units, never to a region outside the editor's scope: a
manager cannot move his mine out of the county's oversight. Every other role reads. The views
check the same rules, but the service is where they hold: the API and the commands come through
here too.

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

from fugong.core.roles import ENTERPRISE_GOVERNMENT_ROLES, ORG_EDITOR_ROLES, Role
from fugong.core.scope import scope_of
from fugong.core.validators import normalize_code
from fugong.org.models import (
    Enterprise,
    EnterpriseKind,
    EnterpriseStatus,
    OutputUnit,
    Place,
    Region,
    Shift,
    Team,
)
from fugong.org.selectors import enterprise_subtree_ids

# A place, team or shift stays with its enterprise: people's teams and dormitory rooms must be of
# their own enterprise, and moving the container would silently break that for its members.
PLACE_FIELDS = frozenset(
    {"name", "kind", "code", "parent", "headcount_limit", "capacity", "is_active"}
)
TEAM_FIELDS = frozenset({"name", "leader", "is_underground"})
SHIFT_FIELDS = frozenset({"name", "kind", "start_time", "end_time"})
# What only the government over an enterprise (or its group, for a member unit) may change.
REGULATED_FIELDS = ("region", "kind", "parent", "credit_code", "status")
# Places nest a few levels at most (mine → zone → face); this bounds the walk up the chain.
MAX_PLACE_DEPTH = 16


# --- who may write ------------------------------------------------------------------------


def may_edit_org_of(actor: Any, enterprise_id: int | None) -> bool:
    """Whether the actor may edit this enterprise's record and its places, teams and shifts."""
    scope = scope_of(actor)
    if scope.everything:
        return True
    return scope.role in ORG_EDITOR_ROLES and enterprise_id in scope.enterprise_ids


def may_edit_enterprise(actor: Any, enterprise_id: int | None) -> bool:
    """Whether the actor may edit this enterprise's record (not necessarily its regulated fields).

    The org editors of it, and the government roles over its region: officials keep the record
    of the enterprises they oversee right (a wrong headcount skews every 到岗率 of the county).
    """
    if may_edit_org_of(actor, enterprise_id):
        return True
    scope = scope_of(actor)
    return (
        scope.role in ENTERPRISE_GOVERNMENT_ROLES
        and enterprise_id is not None
        and Enterprise.objects.restrict(actor).filter(pk=enterprise_id).exists()
    )


def may_change_regulated(actor: Any, enterprise_id: int | None) -> bool:
    """Whether the actor may set the regulated fields of this enterprise (None: a new one).

    The government over it; a group_admin for the member units in its scope (a new unit is a
    member unit), never for the group itself; a superuser. Never a manager of his own mine.
    """
    scope = scope_of(actor)
    if scope.everything:
        return True
    if scope.role in ENTERPRISE_GOVERNMENT_ROLES:
        return enterprise_id is not None and may_edit_enterprise(actor, enterprise_id)
    if scope.role == Role.GROUP_ADMIN:
        if enterprise_id is None:
            return bool(scope.enterprise_ids)
        own = getattr(actor, "enterprise_id", None)
        return enterprise_id in scope.enterprise_ids and enterprise_id != own
    return False


def may_create_in_org(actor: Any) -> bool:
    """Whether the actor may add places, teams and shifts to some enterprise."""
    scope = scope_of(actor)
    return scope.everything or (scope.role in ORG_EDITOR_ROLES and bool(scope.enterprise_ids))


def may_create_enterprise(actor: Any) -> bool:
    """Only a group adds member units (and a superuser anything); a manager has one enterprise."""
    scope = scope_of(actor)
    return scope.everything or (scope.role == Role.GROUP_ADMIN and bool(scope.enterprise_ids))


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


def _regulated_errors(actor: Any, enterprise: Enterprise, stored: dict[str, Any]) -> dict:
    """Errors on the regulated fields the actor changed but may not, or set out of scope.

    ``stored`` holds the regulated values before the change ({} for a new enterprise).
    """
    changed = [f for f in REGULATED_FIELDS if _regulated_value(enterprise, f) != stored.get(f)]
    if not changed or scope_of(actor).everything:
        return {}
    if not may_change_regulated(actor, enterprise.pk):
        message = _(
            "Only the government over this enterprise (or its group, for a member unit) "
            "changes this field."
        )
        return {name: message for name in changed}
    errors: dict[str, Any] = {}
    if "region" in changed and not (
        Region.objects.restrict(actor).filter(pk=enterprise.region_id).exists()
    ):
        errors["region"] = _("Choose a region within your scope.")
    if "parent" in changed and enterprise.parent_id is not None:
        visible = Enterprise.objects.restrict(actor).filter(pk=enterprise.parent_id).exists()
        if not visible:
            errors["parent"] = _("Choose a group within your scope: a member unit needs its group.")
    return errors


def _regulated_value(enterprise: Enterprise, name: str) -> Any:
    if name in ("region", "parent"):
        return getattr(enterprise, f"{name}_id")
    return getattr(enterprise, name)


def _stored_regulated(enterprise: Enterprise) -> dict[str, Any]:
    return {name: _regulated_value(enterprise, name) for name in REGULATED_FIELDS}


def _enterprise_errors(actor: Any, enterprise: Enterprise, stored: dict[str, Any]) -> dict:
    errors: dict[str, Any] = {}
    scope = scope_of(actor)
    if enterprise.pk is not None:
        # A group cannot hang under one of its own member units, and keeps being a group.
        if enterprise.parent_id in enterprise_subtree_ids(enterprise.pk):
            errors["parent"] = _("An enterprise cannot be a member of its own member unit.")
        has_members = Enterprise.objects.filter(parent_id=enterprise.pk).exists()
        if has_members and enterprise.kind != EnterpriseKind.GROUP:
            errors["kind"] = _("An enterprise with member units must stay a group.")
    if scope.everything:
        return errors
    regulated = _regulated_errors(actor, enterprise, stored)
    for name, message in regulated.items():
        errors.setdefault(name, message)
    # A group's new or moved unit hangs under a group in its scope (a manager cannot get here
    # with a changed parent: the regulated check refused it).
    own = enterprise.pk is not None and enterprise.pk == getattr(actor, "enterprise_id", None)
    if (
        scope.role == Role.GROUP_ADMIN
        and not own
        and enterprise.parent_id not in scope.enterprise_ids
    ):
        errors.setdefault(
            "parent", _("Choose a group within your scope: a member unit needs its group.")
        )
    return errors


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
    _full_clean(enterprise, _enterprise_errors(actor, enterprise, {}))
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
    stored = _stored_regulated(current)
    if "credit_code" in changes:
        changes["credit_code"] = normalize_code(changes["credit_code"])
    _apply(current, ENTERPRISE_FIELDS, changes)
    _full_clean(current, _enterprise_errors(actor, current, stored))
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
