"""The roles of DESIGN.md §2. A device is the eleventh role; it authenticates with a token."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITY_COMMAND = "city_command", _("City command")
    COUNTY_OFFICER = "county_officer", _("County officer")
    DEPARTMENT_OFFICER = "department_officer", _("Department officer")
    LIAISON_LEADER = "liaison_leader", _("Liaison leader")
    GROUP_ADMIN = "group_admin", _("Group administrator")
    ENTERPRISE_MANAGER = "enterprise_manager", _("Enterprise manager")
    HEALTH_OFFICER = "health_officer", _("Health officer")
    SAFETY_OFFICER = "safety_officer", _("Safety officer")
    CHECKPOINT_OPERATOR = "checkpoint_operator", _("Checkpoint operator")
    WORKER = "worker", _("Worker")
    DEVICE = "device", _("Device")


# Roles whose scope is a region subtree; their user record names the region.
REGIONAL_ROLES = frozenset({Role.CITY_COMMAND, Role.COUNTY_OFFICER, Role.DEPARTMENT_OFFICER})
# Roles bound to one enterprise (a group_admin's enterprise is the group).
ENTERPRISE_ROLES = frozenset(
    {Role.GROUP_ADMIN, Role.ENTERPRISE_MANAGER, Role.HEALTH_OFFICER, Role.SAFETY_OFFICER}
)
# Roles whose work needs full ID numbers and phones (HR rosters, tracing and observation).
# Everyone else sees them masked; each unmasked view is written to the access log.
PII_ROLES = frozenset({Role.ENTERPRISE_MANAGER, Role.HEALTH_OFFICER})
# Roles that may edit the organisation and the roster of their scope.
ORG_EDITOR_ROLES = frozenset({Role.GROUP_ADMIN, Role.ENTERPRISE_MANAGER})
# Government roles that keep the records of the enterprises in their region, regulated fields
# (region, kind, group, credit code, status) included; DESIGN §2.
ENTERPRISE_GOVERNMENT_ROLES = frozenset({Role.CITY_COMMAND, Role.COUNTY_OFFICER})
PEOPLE_EDITOR_ROLES = frozenset({Role.GROUP_ADMIN, Role.ENTERPRISE_MANAGER, Role.HEALTH_OFFICER})
# Roles that create device tokens for their enterprise's terminals.
DEVICE_ADMIN_ROLES = frozenset({Role.GROUP_ADMIN, Role.ENTERPRISE_MANAGER})
# Roles that read the personal-information access log.
ACCESS_LOG_READER_ROLES = frozenset({Role.CITY_COMMAND})

# Role sets the model declarations (``permissions`` on each scoped queryset) are built from.
ALL_HUMAN_ROLES = frozenset(r for r in Role.values if r != Role.DEVICE)
# Who works with the organisation directory (enterprises, places): everyone but a worker.
ORG_READER_ROLES = ALL_HUMAN_ROLES - {Role.WORKER}
# Teams and shifts: not a checkpoint's work (it identifies people at a gate).
TEAM_READER_ROLES = ORG_READER_ROLES - {Role.CHECKPOINT_OPERATOR}
# Who reads people (masked). Departments and leaders see no people, not even names (DESIGN §2);
# a worker reads their own record, a checkpoint terminal identifies whoever passes.
PEOPLE_READER_ROLES = frozenset(
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
REGION_READER_ROLES = frozenset({Role.CITY_COMMAND, Role.COUNTY_OFFICER, Role.DEPARTMENT_OFFICER})
FINDING_READER_ROLES = PEOPLE_EDITOR_ROLES | ENTERPRISE_GOVERNMENT_ROLES
