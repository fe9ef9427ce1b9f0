"""Reads about users and devices, chiefly: what each one may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from fugong.core.roles import ENTERPRISE_ROLES, Role
from fugong.core.scope import EMPTY_SCOPE, PeopleScope, Scope
from fugong.org.selectors import enterprise_subtree_ids

if TYPE_CHECKING:
    from fugong.accounts.models import DeviceToken, User


def scope_for_user(user: User) -> Scope:
    """Turn a user's role and assignments into the Scope that every query is filtered by."""
    if not user.is_active:
        return EMPTY_SCOPE
    if user.is_superuser:
        return Scope(role="superuser", everything=True, people=PeopleScope.ENTERPRISES)
    role = user.role
    if role in (Role.CITY_COMMAND, Role.COUNTY_OFFICER, Role.DEPARTMENT_OFFICER):
        if user.region is None:
            return Scope(role=role)
        # Departments handle tickets and approvals; they have no use for the people directory.
        people = PeopleScope.NONE if role == Role.DEPARTMENT_OFFICER else PeopleScope.ENTERPRISES
        department = user.department or None if role == Role.DEPARTMENT_OFFICER else None
        return Scope(
            role=role,
            region_prefix=user.region.subtree_prefix,
            people=people,
            department=department,
        )
    if role in ENTERPRISE_ROLES:
        if user.enterprise_id is None:
            return Scope(role=role)
        ids = (
            enterprise_subtree_ids(user.enterprise_id)
            if role == Role.GROUP_ADMIN
            else frozenset({user.enterprise_id})
        )
        return Scope(role=role, enterprise_ids=ids, people=PeopleScope.ENTERPRISES)
    if role == Role.LIAISON_LEADER:
        from fugong.oversight.selectors import paired_enterprise_ids, paired_project_ids

        return Scope(
            role=role,
            enterprise_ids=paired_enterprise_ids(leader=user),
            project_ids=paired_project_ids(leader=user),
        )
    if role == Role.CHECKPOINT_OPERATOR:
        places = list(user.checkpoints.values_list("pk", "enterprise_id"))
        return Scope(
            role=role,
            enterprise_ids=frozenset(e for _, e in places),
            place_ids=frozenset(p for p, _ in places),
            # An operator identifies the people who pass their checkpoints.
            people=PeopleScope.ENTERPRISES,
        )
    if role == Role.WORKER:
        return Scope(role=role, people=PeopleScope.SELF, person_id=user.person_id)
    return Scope(role=role or "none")


def scope_for_device(device: DeviceToken) -> Scope:
    if device.revoked_at is not None or device.is_expired():
        return EMPTY_SCOPE
    places = list(device.places.values_list("pk", "enterprise_id"))
    return Scope(
        role=Role.DEVICE,
        enterprise_ids=frozenset(e for _, e in places),
        place_ids=frozenset(p for p, _ in places),
        people=PeopleScope.ENTERPRISES,
    )


def device_for_token(raw: str) -> DeviceToken | None:
    from fugong.accounts.models import DeviceToken, hash_token

    # A token expires at the instant expires_at: at that instant it no longer authenticates.
    unexpired = Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
    return (
        DeviceToken.objects.filter(unexpired, token_hash=hash_token(raw), revoked_at__isnull=True)
        .select_related("enterprise")
        .first()
    )
