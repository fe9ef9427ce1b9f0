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
    # A URL name answering a small count badge, fetched by htmx after the page (no query here).
    badge_url: str = ""

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
RESUMPTION = _("Resumption")
OVERSIGHT = _("Oversight")
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
    # --- epidemic: observation area ---
    NavItem("epidemic:command", _("Epidemic command"), "epidemic.HealthStatus", "counts", EPIDEMIC),
    NavItem(
        "epidemic:alert_list",
        _("Alerts"),
        "epidemic.Alert",
        section=EPIDEMIC,
        badge_url="epidemic:alert_badge",
    ),
    NavItem("epidemic:case_list", _("Cases"), "epidemic.Case", section=EPIDEMIC),
    NavItem(
        "epidemic:observation_list", _("Observation"), "epidemic.Observation", section=EPIDEMIC
    ),
    NavItem(
        "epidemic:prohibition_list",
        _("Work prohibitions"),
        "epidemic.Observation",
        "prohibition",
        EPIDEMIC,
    ),
    # --- end epidemic: observation area ---
    NavItem(
        "resumption:application_list",
        _("Applications"),
        "resumption.Application",
        section=RESUMPTION,
    ),
    NavItem(
        "resumption:review_queue", _("Review queue"), "resumption.Application", "review", RESUMPTION
    ),
    NavItem(
        "resumption:statistics",
        _("Review statistics"),
        "resumption.Application",
        "statistics",
        RESUMPTION,
    ),
    NavItem(
        "resumption:calendar", _("Working-day calendar"), "org.CalendarDay", "change", RESUMPTION
    ),
    NavItem("oversight:my", _("My enterprises"), "oversight.Pairing", "home", OVERSIGHT),
    NavItem("oversight:ticket_list", _("Problem tickets"), "oversight.Ticket", section=OVERSIGHT),
    NavItem("oversight:visit_list", _("Visits"), "oversight.Visit", section=OVERSIGHT),
    NavItem("oversight:measure_list", _("Measures"), "oversight.Measure", section=OVERSIGHT),
    NavItem("oversight:pairing_list", _("Pairings"), "oversight.Pairing", section=OVERSIGHT),
    NavItem("oversight:project_list", _("Key projects"), "oversight.KeyProject", section=OVERSIGHT),
    # epidemic — health (check-in, personal code, statuses, appeals)
    NavItem(
        "epidemic:health_code",
        _("My health code"),
        "epidemic.HealthStatus",
        section=EPIDEMIC,
        shown=lambda u: _has_own_record(u) and may(u, apps.get_model("epidemic.HealthStatus")),
    ),
    NavItem(
        "epidemic:health_checkin",
        _("Daily check-in"),
        "epidemic.CheckIn",
        "submit",
        EPIDEMIC,
        shown=lambda u: _has_own_record(u) and may(u, apps.get_model("epidemic.CheckIn"), "submit"),
    ),
    NavItem(
        "epidemic:health_checkin_for",
        _("Check in for someone"),
        "epidemic.CheckIn",
        "submit",
        EPIDEMIC,
    ),
    NavItem("epidemic:health_checkin_list", _("Check-ins"), "epidemic.CheckIn", section=EPIDEMIC),
    NavItem(
        "epidemic:health_travel_list",
        _("Travel declarations"),
        "epidemic.TravelDeclaration",
        section=EPIDEMIC,
    ),
    NavItem(
        "epidemic:health_status_list", _("Health codes"), "epidemic.HealthStatus", section=EPIDEMIC
    ),
    NavItem("epidemic:health_appeal_list", _("Appeals"), "epidemic.Appeal", section=EPIDEMIC),
    # Epidemic prevention: checkpoint, policy, risk areas.
    NavItem("epidemic:checkpoint", _("Checkpoint"), "epidemic.Screening", "record", EPIDEMIC),
    NavItem(
        "epidemic:screening_list", _("Screening records"), "epidemic.Screening", section=EPIDEMIC
    ),
    NavItem("epidemic:policy", _("Prevention policy"), "epidemic.Policy", section=EPIDEMIC),
    NavItem("epidemic:riskarea_list", _("Risk areas"), "epidemic.RiskArea", "change", EPIDEMIC),
    NavItem(
        "dailyreport:report_list", _("Daily reports"), "dailyreport.DailyReport", section=RESUMPTION
    ),
    NavItem(
        "dailyreport:missing_list", _("Not reported"), "dailyreport.DailyReport", section=RESUMPTION
    ),
    NavItem(
        "dailyreport:metrics_overview", _("Metrics"), "dailyreport.DailyReport", section=RESUMPTION
    ),
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


@dataclass(frozen=True)
class NavSection:
    """The entries of one section: one entry is a plain link, more a drop-down menu."""

    label: str | Promise
    items: list[NavItem]

    @property
    def url_names(self) -> set[str]:
        return {item.url_name for item in self.items}


def sections_of(items: list[NavItem]) -> list[NavSection]:
    """Group entries by section, sections in the order they first appear in NAV.

    A city official's work spans some forty pages: as one row of links they no longer fit a
    desktop screen, so each domain becomes one drop-down.
    """
    grouped: dict[str, NavSection] = {}
    for item in items:
        if not item.section:
            continue
        key = str(item.section)
        if key not in grouped:
            grouped[key] = NavSection(item.section, [])
        grouped[key].items.append(item)
    return list(grouped.values())
