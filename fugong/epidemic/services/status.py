"""The health status (健康码) is computed, never typed (DESIGN §3.3 "Health status").

The colour is the most severe of the person's active conditions. Each condition names its rule
and its expiry, and is stored with the status so the personal code page and the officer can
show why. A manual override (with its reason, audited) wins until it ends. Every change of
colour is kept in HealthStatusChange.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.epidemic.models import (
    Case,
    CaseClassification,
    CheckIn,
    Colour,
    Contact,
    HealthStatus,
    HealthStatusChange,
    Observation,
    ObservationKind,
    ObservationReason,
    ObservationState,
    Policy,
    RiskArea,
    RiskLevel,
    TravelStop,
)
from fugong.epidemic.selectors.id_lists import ids_in
from fugong.epidemic.selectors.policy import end_of_local_day, fever_thresholds, policy_in_force

# The rules a condition can name, with the text shown to the person and the officer.
RULES = {
    "high_risk_travel": _("Travel to a high-risk area within the window"),
    "medium_risk_travel": _("Travel to a medium-risk area within the window"),
    "high_risk_location": _("Currently in a high-risk area"),
    "medium_risk_location": _("Currently in a medium-risk area"),
    "close_contact": _("Close contact of a case"),
    "secondary_contact": _("Secondary contact of a case"),
    "observation": _("Under medical observation"),
    "fever": _("Confirmed fever"),
    "case": _("Case (positive or suspected)"),
    "abnormal_checkin": _("Symptoms or fever reported, not yet enough normal check-ins"),
    "stale_checkin": _("No recent daily check-in"),
    "override": _("Status set by the health officer"),
}

RED_REASONS = frozenset(
    {
        ObservationReason.CLOSE_CONTACT,
        ObservationReason.FEVER,
        ObservationReason.CASE,
        ObservationReason.HIGH_RISK_TRAVEL,
    }
)
RED_KINDS = frozenset(
    {
        ObservationKind.CENTRALISED_QUARANTINE,
        ObservationKind.HOME_QUARANTINE,
        ObservationKind.ISOLATION,
    }
)
# How far back check-ins are read: an abnormal check-in older than this no longer matters.
CHECKIN_LOOKBACK_DAYS = 30


@dataclass(frozen=True)
class Condition:
    rule: str
    colour: Colour
    detail: str = ""
    expires_at: dt.datetime | None = None

    def as_json(self) -> dict[str, str | None]:
        return {
            "rule": self.rule,
            "colour": str(self.colour),
            "detail": self.detail,
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
        }


def most_severe(conditions: Iterable[Condition]) -> Colour:
    colour = Colour.GREEN
    for condition in conditions:
        if Colour(condition.colour).severity > colour.severity:
            colour = Colour(condition.colour)
    return colour


def _observation_conditions(ids: list[int], at: dt.datetime, out: dict) -> None:
    active = Observation.objects.filter(
        person_id__in=ids_in(ids), state=ObservationState.ACTIVE, planned_end__gt=at
    )
    for obs in active.only("person_id", "kind", "reason", "planned_end"):
        red = obs.kind in RED_KINDS or obs.reason in RED_REASONS
        rule = "fever" if obs.reason == ObservationReason.FEVER else "observation"
        out[obs.person_id].append(
            Condition(
                rule,
                Colour.RED if red else Colour.YELLOW,
                str(ObservationReason(obs.reason).label),
                obs.planned_end,
            )
        )


def _contact_conditions(ids: list[int], at: dt.datetime, policy: Policy, out: dict) -> None:
    contacts = Contact.objects.filter(person_id__in=ids_in(ids)).only(
        "person_id", "degree", "last_exposure_at"
    )
    for contact in contacts:
        close = contact.degree == 1
        days = policy.days_close_contact if close else policy.days_secondary_contact
        expires = end_of_local_day(contact.last_exposure_at + dt.timedelta(days=days))
        if expires > at:
            out[contact.person_id].append(
                Condition(
                    "close_contact" if close else "secondary_contact",
                    Colour.RED if close else Colour.YELLOW,
                    "",
                    expires,
                )
            )


def _case_conditions(ids: list[int], out: dict) -> None:
    """A case counts until it is discarded or its isolation is released."""
    released = Observation.objects.filter(
        person_id__in=ids_in(ids), state=ObservationState.RELEASED, source_case__isnull=False
    ).values_list("source_case_id", flat=True)
    cases = (
        Case.objects.filter(person_id__in=ids_in(ids))
        .exclude(classification=CaseClassification.DISCARDED)
        .exclude(pk__in=released)
        .only("person_id", "classification")
    )
    for case in cases:
        label = str(CaseClassification(case.classification).label)
        out[case.person_id].append(Condition("case", Colour.RED, label))


def _risk_level(region_code: str, start: dt.date, end: dt.date, areas: list[RiskArea]) -> str:
    """The most severe level of an area containing ``region_code`` valid during start–end."""
    found = ""
    for area in areas:
        if not region_code.startswith(area.region.subtree_prefix):
            continue
        if area.valid_from > end or (area.valid_to is not None and area.valid_to < start):
            continue
        if area.level == RiskLevel.HIGH:
            return RiskLevel.HIGH
        if area.level == RiskLevel.MEDIUM:
            found = RiskLevel.MEDIUM
    return found


def _travel_conditions(
    ids: list[int], today: dt.date, policy: Policy, areas: list[RiskArea], out: dict
) -> None:
    since = today - dt.timedelta(days=policy.travel_window_days)
    stops = (
        TravelStop.objects.filter(declaration__person_id__in=ids_in(ids), left_on__gte=since)
        .select_related("region")
        .only("declaration__person_id", "region__code", "region__level", "arrived_on", "left_on")
    )
    for stop in stops.values("declaration__person_id", "region__code", "arrived_on", "left_on"):
        level = _risk_level(stop["region__code"], stop["arrived_on"], stop["left_on"], areas)
        if not level:
            continue
        last = stop["left_on"] + dt.timedelta(days=policy.travel_window_days)
        expires = end_of_local_day(
            dt.datetime.combine(last, dt.time(12), tzinfo=timezone.get_default_timezone())
        )
        high = level == RiskLevel.HIGH
        out[stop["declaration__person_id"]].append(
            Condition(
                "high_risk_travel" if high else "medium_risk_travel",
                Colour.RED if high else Colour.YELLOW,
                stop["region__code"],
                expires,
            )
        )


def _checkin_conditions(
    ids: list[int], today: dt.date, policy: Policy, areas: list[RiskArea], out: dict
) -> None:
    since = today - dt.timedelta(days=CHECKIN_LOOKBACK_DAYS)
    rows = (
        CheckIn.objects.filter(
            person_id__in=ids_in(ids), is_current=True, day__gte=since, day__lte=today
        )
        .order_by("person_id", "day")
        .values("person_id", "day", "temperature", "symptoms", "location_region__code")
    )
    by_person: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_person[row["person_id"]].append(dict(row))
    threshold = _fever_thresholds({c["day"] for rows in by_person.values() for c in rows}, policy)
    for person_id in ids:
        checkins = by_person.get(person_id, [])
        if not checkins or (today - checkins[-1]["day"]).days >= policy.stale_checkin_days:
            out[person_id].append(Condition("stale_checkin", Colour.YELLOW))
        abnormal = [
            c
            for c in checkins
            if c["symptoms"]
            or (c["temperature"] is not None and c["temperature"] >= threshold[c["day"]])
        ]
        if abnormal:
            last_abnormal = abnormal[-1]["day"]
            # Normal check-ins on consecutive days right after the last abnormal one.
            streak = 0
            expected = last_abnormal + dt.timedelta(days=1)
            for c in checkins:
                if c["day"] <= last_abnormal:
                    continue
                if c["day"] != expected:
                    break
                streak += 1
                expected += dt.timedelta(days=1)
            if streak < policy.normal_checkins_to_green:
                out[person_id].append(Condition("abnormal_checkin", Colour.YELLOW))
        if checkins and checkins[-1]["day"] == today and checkins[-1]["location_region__code"]:
            code = checkins[-1]["location_region__code"]
            level = _risk_level(code, today, today, areas)
            if level:
                high = level == RiskLevel.HIGH
                out[person_id].append(
                    Condition(
                        "high_risk_location" if high else "medium_risk_location",
                        Colour.RED if high else Colour.YELLOW,
                        code,
                    )
                )


def _fever_thresholds(days: set[dt.date], policy: Policy) -> dict[dt.date, Decimal]:
    """The fever threshold each check-in day is judged by: the version in force on that day.
    ``policy`` is today's; older versions are read only when a day predates it."""
    if policy.pk is None or all(day >= policy.effective_from for day in days):
        return dict.fromkeys(days, policy.fever_threshold)
    return fever_thresholds(days)


def conditions_of(
    person_ids: Iterable[int], at: dt.datetime, policy: Policy | None = None
) -> dict[int, list[Condition]]:
    """The active conditions of each person at ``at`` (a fixed number of queries)."""
    ids = list(person_ids)
    policy = policy or policy_in_force(at)
    today = timezone.localdate(at)
    out: dict[int, list[Condition]] = {pk: [] for pk in ids}
    if not ids:
        return out
    areas = list(
        RiskArea.objects.filter(level__in=[RiskLevel.HIGH, RiskLevel.MEDIUM]).select_related(
            "region"
        )
    )
    _observation_conditions(ids, at, out)
    _contact_conditions(ids, at, policy, out)
    _case_conditions(ids, out)
    _travel_conditions(ids, today, policy, areas, out)
    _checkin_conditions(ids, today, policy, areas, out)
    return out


def _override_active(status: HealthStatus, at: dt.datetime) -> bool:
    return bool(status.override_colour) and (
        status.override_until is None or status.override_until > at
    )


def health_status_refresh(
    *,
    person_ids: Iterable[int],
    at: dt.datetime | None = None,
    actor: object | None = None,
    policy: Policy | None = None,
) -> dict[int, HealthStatus]:
    """Recompute and store the status of each person; record every change of colour.

    The conditions are read before the write transaction opens: on SQLite a write transaction
    holds the database's one write lock (IMMEDIATE), and a check-in rush (P2) would otherwise
    queue behind a dozen reads per person.
    """
    at = at or timezone.now()
    ids = list(dict.fromkeys(person_ids))
    policy = policy or policy_in_force(at)
    conditions = conditions_of(ids, at, policy)
    with transaction.atomic():
        return _store_statuses(ids, conditions, at)


def health_status_invalidate(*, person_ids: Iterable[int] | None = None) -> int:
    """Something the conditions are made of has changed: the stored colours of these people
    (of everyone, when ``person_ids`` is None: a risk area or the policy) are no longer
    trusted until recomputed. Every service that writes a check-in, travel, observation,
    contact, case, risk area or policy calls this or ``health_status_refresh``."""
    rows = HealthStatus.objects.all()
    if person_ids is not None:
        ids = list(dict.fromkeys(person_ids))
        if not ids:
            return 0
        rows = rows.filter(person_id__in=ids_in(ids))
    return rows.exclude(valid_until=None).update(valid_until=None)


def valid_until(conditions: Iterable[Condition], at: dt.datetime) -> dt.datetime:
    """Until when a colour computed at ``at`` holds by the passage of time alone: the first
    expiry among its conditions (an override's end is one), at the latest the end of the local
    day, when the stale check-in rule, today's location and the travel window move on."""
    until = end_of_local_day(at)
    for condition in conditions:
        if condition.expires_at is not None and condition.expires_at < until:
            until = condition.expires_at
    return until


def _store_statuses(
    ids: list[int], conditions: dict[int, list[Condition]], at: dt.datetime
) -> dict[int, HealthStatus]:
    """Write what changed. A status whose colour and conditions are as stored only gets its
    new time and validity, in one UPDATE per validity (most share the end of the day): the
    nightly run over every person would otherwise rewrite each row through a CASE per field."""
    existing = {s.person_id: s for s in HealthStatus.objects.filter(person_id__in=ids_in(ids))}
    created: list[HealthStatus] = []
    updated: list[HealthStatus] = []
    unchanged: dict[dt.datetime, list[HealthStatus]] = defaultdict(list)
    changes: list[HealthStatusChange] = []
    for person_id in ids:
        found = conditions[person_id]
        computed = most_severe(found)
        status = existing.get(person_id)
        before = status.colour if status is not None else ""
        if status is None:
            status = HealthStatus(person_id=person_id, computed_at=at)
        shown = list(found)
        if _override_active(status, at):
            colour = Colour(status.override_colour)
            shown.insert(
                0,
                Condition("override", colour, status.override_reason, status.override_until),
            )
        else:
            colour = computed
        stored = [c.as_json() for c in shown]
        same = (
            status.pk is not None
            and status.colour == colour
            and status.computed_colour == computed
            and status.conditions == stored
        )
        status.computed_colour = computed
        status.colour = colour
        status.conditions = stored
        status.computed_at = at
        status.valid_until = valid_until(shown, at)
        if status.pk is None:
            created.append(status)
        elif same:
            unchanged[status.valid_until].append(status)
        else:
            updated.append(status)
        if before != colour:
            changes.append(
                HealthStatusChange(
                    person_id=person_id,
                    colour_before=before,
                    colour_after=colour,
                    conditions=status.conditions,
                    changed_at=at,
                )
            )
    for until, statuses in unchanged.items():
        if len(statuses) == 1:
            updated += statuses
            continue
        HealthStatus.objects.filter(pk__in=ids_in([s.pk for s in statuses])).update(
            computed_at=at, valid_until=until
        )
    HealthStatus.objects.bulk_create(created)
    HealthStatus.objects.bulk_update(
        updated, ["colour", "computed_colour", "conditions", "computed_at", "valid_until"]
    )
    HealthStatusChange.objects.bulk_create(changes)
    return {s.person_id: s for s in existing.values()} | {s.person_id: s for s in created}
