"""The navigation: each role sees the entries for its work, nothing else.

The navigation is not a source of permissions: an entry names the page's model and action, and
it is shown exactly when the model's declaration (``fugong.core.permissions``) lets the user
perform that action, the same check the page itself makes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from fugong.core.permissions import may


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    # "app_label.Model" and the action its page requires, or a predicate for pages without a
    # model (home, one's own record).
    model: str = ""
    action: str = "view"
    section: str | Promise = ""
    shown: Callable[[Any], bool] | None = None

    def is_for(self, user: Any) -> bool:
        if self.shown is not None:
            return self.shown(user)
        return may(user, apps.get_model(self.model), self.action)


def _logged_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def _has_own_record(user: Any) -> bool:
    return getattr(user, "person_id", None) is not None


ORGANISATION = _("Organisation")
PEOPLE = _("People")
ADMIN = _("Administration")
EPIDEMIC = _("Epidemic prevention")

NAV: list[NavItem] = [
    NavItem("home", _("Home"), shown=_logged_in),
    NavItem("org:enterprise_list", _("Enterprises"), "org.Enterprise", section=ORGANISATION),
    NavItem("org:place_list", _("Places"), "org.Place", section=ORGANISATION),
    NavItem("org:team_list", _("Teams"), "org.Team", section=ORGANISATION),
    NavItem("org:shift_list", _("Shifts"), "org.Shift", section=ORGANISATION),
    NavItem("org:region_list", _("Regions"), "org.Region", "directory", ORGANISATION),
    NavItem("people:person_list", _("People"), "people.Person", "directory", PEOPLE),
    NavItem("people:finding_list", _("Data checks"), "people.DataCheckFinding", section=PEOPLE),
    NavItem("people:me", _("My record"), section=PEOPLE, shown=_has_own_record),
    # --- epidemic: tracing ---
    NavItem("epidemic:cluster_list", _("Cluster signals"), "epidemic.Cluster", section=EPIDEMIC),
    NavItem("epidemic:roster_list", _("Shift rosters"), "epidemic.ShiftRoster", section=EPIDEMIC),
    NavItem(
        "epidemic:night_list", _("Dormitory nights"), "epidemic.DormitoryNight", section=EPIDEMIC
    ),
    NavItem("epidemic:gathering_list", _("Gatherings"), "epidemic.Gathering", section=EPIDEMIC),
    # --- end epidemic: tracing ---
    NavItem("accounts:device_list", _("Devices"), "accounts.DeviceToken", section=ADMIN),
    NavItem("audit:pii_access_list", _("PII access log"), "audit.PiiAccess", section=ADMIN),
    NavItem("audit:change_list", _("Change history"), "audit.ChangeRecord", section=ADMIN),
]


def nav_for(user: object) -> list[NavItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [item for item in NAV if item.is_for(user)]
