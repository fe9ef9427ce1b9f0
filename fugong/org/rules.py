"""Who may write the organisation, and the rules of an enterprise's regulated fields.

Only the editors of ORG_EDITOR_ROLES write places, teams and shifts: a group_admin inside the
group's subtree, an enterprise_manager on their own enterprise. An enterprise record is also
edited by the government over it (ENTERPRISE_GOVERNMENT_ROLES: city_command and county_officer
edit every field of the enterprises in their region). Its regulated fields (REGULATED_FIELDS,
DESIGN §2) are changed only by that government or by a group for its member units, never to a
region outside the editor's scope: a manager cannot move his mine out of the county's oversight.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from fugong.core.roles import ENTERPRISE_GOVERNMENT_ROLES, ORG_EDITOR_ROLES, Role
from fugong.core.scope import scope_of
from fugong.org.models import Enterprise, EnterpriseKind, Region
from fugong.org.selectors import enterprise_subtree_ids

# What only the government over an enterprise (or its group, for a member unit) may change.
REGULATED_FIELDS = ("region", "kind", "parent", "credit_code", "status")


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


# --- regulated fields ---------------------------------------------------------------------


def _regulated_errors(actor: Any, enterprise: Enterprise, stored: dict[str, Any]) -> dict:
    """Errors on the regulated fields the actor changed but may not, or set out of scope.

    ``stored`` holds the regulated values before the change ({} for a new enterprise).
    """
    changed = [f for f in REGULATED_FIELDS if regulated_value(enterprise, f) != stored.get(f)]
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


def regulated_value(enterprise: Enterprise, name: str) -> Any:
    if name in ("region", "parent"):
        return getattr(enterprise, f"{name}_id")
    return getattr(enterprise, name)


def stored_regulated(enterprise: Enterprise) -> dict[str, Any]:
    return {name: regulated_value(enterprise, name) for name in REGULATED_FIELDS}


def enterprise_errors(actor: Any, enterprise: Enterprise, stored: dict[str, Any]) -> dict:
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
