"""The navigation: each role sees the entries for its work, nothing else.

An entry is shown when the user's role is in ``roles`` (superusers see everything).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from fugong.core.roles import (
    ACCESS_LOG_READER_ROLES,
    DEVICE_ADMIN_ROLES,
    PEOPLE_EDITOR_ROLES,
    Role,
)

ALL_HUMAN = frozenset(r for r in Role.values if r != Role.DEVICE)
# Who works with the organisation directory (enterprises, places, teams, shifts).
ORG_READERS = ALL_HUMAN - {Role.WORKER}
# Who works with the people directory.
PEOPLE_READERS = frozenset(
    {
        Role.CITY_COMMAND,
        Role.COUNTY_OFFICER,
        Role.GROUP_ADMIN,
        Role.ENTERPRISE_MANAGER,
        Role.HEALTH_OFFICER,
        Role.SAFETY_OFFICER,
        Role.CHECKPOINT_OPERATOR,
    }
)


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    roles: frozenset[str]
    section: str | Promise = ""


NAV: list[NavItem] = [
    NavItem("home", _("Home"), ALL_HUMAN),
    NavItem("org:enterprise_list", _("Enterprises"), ORG_READERS, _("Organisation")),
    NavItem("org:place_list", _("Places"), ORG_READERS, _("Organisation")),
    NavItem(
        "org:team_list", _("Teams"), ORG_READERS - {Role.CHECKPOINT_OPERATOR}, _("Organisation")
    ),
    NavItem(
        "org:shift_list", _("Shifts"), ORG_READERS - {Role.CHECKPOINT_OPERATOR}, _("Organisation")
    ),
    NavItem(
        "org:region_list",
        _("Regions"),
        frozenset({Role.CITY_COMMAND, Role.COUNTY_OFFICER, Role.DEPARTMENT_OFFICER}),
        _("Organisation"),
    ),
    NavItem("people:person_list", _("People"), PEOPLE_READERS, _("People")),
    NavItem(
        "people:finding_list",
        _("Data checks"),
        PEOPLE_EDITOR_ROLES | {Role.CITY_COMMAND, Role.COUNTY_OFFICER},
        _("People"),
    ),
    NavItem("people:me", _("My record"), frozenset({Role.WORKER}), _("People")),
    NavItem("accounts:device_list", _("Devices"), DEVICE_ADMIN_ROLES, _("Administration")),
    NavItem(
        "audit:pii_access_list", _("PII access log"), ACCESS_LOG_READER_ROLES, _("Administration")
    ),
    # The same readers as the access log: the change list answers 403 to everyone else.
    NavItem("audit:change_list", _("Change history"), ACCESS_LOG_READER_ROLES, _("Administration")),
]


def nav_for(user: object) -> list[NavItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    if getattr(user, "is_superuser", False):
        return list(NAV)
    role = getattr(user, "role", "")
    return [item for item in NAV if role in item.roles]


def may_open(user: object, url_name: str) -> bool:
    """True when the navigation offers ``url_name`` to this user (pages check this too)."""
    return any(item.url_name == url_name for item in nav_for(user))
