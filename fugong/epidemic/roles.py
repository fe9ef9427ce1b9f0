"""Who reads and writes epidemic records (DESIGN §2, last table; issue "Who sees what").

Person-level health records are read by the enterprise's health officer, by county and city
command for their region and by the person themself (a worker's scope is their own record).
The enterprise manager, the group and the safety officer see who is under a work prohibition
today, without the medical reason; a checkpoint sees only the colour and the entry decision of
the person in front of it. Counts are for every role over the enterprise.
"""

from __future__ import annotations

from fugong.core.roles import ALL_HUMAN_ROLES, Role

HEALTH_RECORD_READERS = frozenset(
    {Role.HEALTH_OFFICER, Role.CITY_COMMAND, Role.COUNTY_OFFICER, Role.WORKER}
)
# Officials read the records of their region; only the enterprise's health officer keeps them.
HEALTH_OFFICIALS = frozenset({Role.HEALTH_OFFICER, Role.CITY_COMMAND, Role.COUNTY_OFFICER})
HEALTH_EDITORS = frozenset({Role.HEALTH_OFFICER})
PROHIBITION_READERS = frozenset(
    {
        Role.ENTERPRISE_MANAGER,
        Role.GROUP_ADMIN,
        Role.SAFETY_OFFICER,
        Role.HEALTH_OFFICER,
        Role.CITY_COMMAND,
        Role.COUNTY_OFFICER,
    }
)
ENTRY_DECIDERS = frozenset({Role.CHECKPOINT_OPERATOR, Role.DEVICE, Role.HEALTH_OFFICER})
HEALTH_COUNT_READERS = ALL_HUMAN_ROLES - {Role.WORKER, Role.CHECKPOINT_OPERATOR}
