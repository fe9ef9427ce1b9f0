"""Reads of medical observation: the line lists, one observation's follow-ups, the release
rule's verdict, and the work prohibition list (DESIGN §3.3 "Observation")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Subquery, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.epidemic.models import (
    CaseClassification,
    FollowUp,
    FollowUpSlot,
    Observation,
    ObservationState,
)
from fugong.epidemic.selectors.policy import (
    end_of_local_day,
    fever_threshold_of_day,
    fever_thresholds,
)

# The local hour a follow-up of each slot stands for: "in the last 24 hours" is counted from
# it, so that a reading typed in late does not stay "recent" longer than one taken on time.
SLOT_HOURS = {FollowUpSlot.MORNING: 8, FollowUpSlot.AFTERNOON: 14}
SYMPTOMATIC_HOURS = 24


class LineList:
    """The tabs of the observation list. ACTIVE is every open observation."""

    ACTIVE = "active"
    SYMPTOMATIC = "symptomatic"
    NOT_REPORTING = "not_reporting"
    DUE = "due"
    RELEASED = "released"

    LABELS = {
        ACTIVE: _("Under observation"),
        SYMPTOMATIC: _("Symptomatic"),
        NOT_REPORTING: _("Not reporting today"),
        DUE: _("Due for release"),
        RELEASED: _("Released"),
    }


def slot_moment(day: dt.date, slot: str) -> dt.datetime:
    return dt.datetime.combine(
        day, dt.time(SLOT_HOURS[FollowUpSlot(slot)]), tzinfo=timezone.get_default_timezone()
    )


def is_abnormal(temperature: Decimal | None, symptoms: list[str], threshold: Decimal) -> bool:
    return bool(symptoms) or (temperature is not None and temperature >= threshold)


def _recent_slots_q(at: dt.datetime, prefix: str = "") -> Q:
    """The (day, slot) pairs whose moment lies in the last 24 hours up to ``at``."""
    since = at - dt.timedelta(hours=SYMPTOMATIC_HOURS)
    day = timezone.localdate(since)
    found = Q(pk__in=[])
    while day <= timezone.localdate(at):
        for slot in FollowUpSlot.values:
            if since < slot_moment(day, slot) <= at:
                found |= Q(**{f"{prefix}day": day, f"{prefix}slot": slot})
        day += dt.timedelta(days=1)
    return found


def abnormal_follow_up_q() -> Q:
    """Follow-ups seen with symptoms, or at or above the fever threshold of their own day."""
    return Q(seen=True) & (
        Q(temperature__gte=fever_threshold_of_day(OuterRef("day"))) | ~Q(symptoms=[])
    )


def with_last_follow_up(rows: QuerySet[Observation]) -> QuerySet[Observation]:
    """``rows`` annotated with their latest follow-up's day, slot and temperature (one query:
    correlated subqueries; the afternoon is later than the morning of the same day)."""
    latest = (
        FollowUp.objects.filter(observation=OuterRef("pk"))
        .annotate(later=Case(When(slot=FollowUpSlot.AFTERNOON, then=1), default=0))
        .order_by("-day", "-later")
    )
    return rows.annotate(
        last_day=Subquery(latest.values("day")[:1]),
        last_slot=Subquery(latest.values("slot")[:1]),
        last_temperature=Subquery(latest.values("temperature")[:1]),
    )


def line_list(
    rows: QuerySet[Observation], tab: str, at: dt.datetime | None = None
) -> QuerySet[Observation]:
    """``rows`` (already restricted) cut to one tab of the line list at ``at``.

    symptomatic: a seen follow-up with symptoms or a temperature at or above the fever
    threshold in force on its day, in the last 24 hours; not reporting today: no follow-up
    seen on today's local day; due for release: the planned end falls today or has passed;
    released.
    """
    at = at or timezone.now()
    if tab == LineList.RELEASED:
        return rows.filter(state=ObservationState.RELEASED).order_by("-released_at", "-pk")
    active = rows.filter(state=ObservationState.ACTIVE)
    if tab == LineList.SYMPTOMATIC:
        recent = FollowUp.objects.filter(
            _recent_slots_q(at), abnormal_follow_up_q(), observation=OuterRef("pk")
        )
        return active.filter(Exists(recent))
    if tab == LineList.NOT_REPORTING:
        seen_today = FollowUp.objects.filter(
            observation=OuterRef("pk"), day=timezone.localdate(at), seen=True
        )
        return active.filter(~Exists(seen_today))
    if tab == LineList.DUE:
        return active.filter(planned_end__lte=end_of_local_day(at))
    return active


@dataclass(frozen=True)
class ReleaseVerdict:
    allowed: bool
    reasons: tuple[str, ...] = ()


RELEASE_RULE = _(
    "An observation is released only when (1) today is its planned last day or later, "
    "(2) its latest follow-up was seen, without symptoms and below the fever threshold, and "
    "(3) no follow-up of the last 24 hours had symptoms or a fever. The isolation of a case "
    "later discarded may end before its planned day; (2) and (3) still apply."
)


def release_verdict(observation: Observation, at: dt.datetime | None = None) -> ReleaseVerdict:
    """The release rule (RELEASE_RULE), with every reason it refuses for."""
    at = at or timezone.now()
    if observation.state != ObservationState.ACTIVE:
        return ReleaseVerdict(False, (str(_("This observation is already released.")),))
    reasons = []
    # A case found not to be one (discarded) no longer needs its isolation's full length.
    discarded = (
        observation.source_case_id is not None
        and observation.source_case is not None
        and observation.source_case.classification == CaseClassification.DISCARDED
    )
    if not discarded and timezone.localdate(at) < timezone.localdate(observation.planned_end):
        reasons.append(
            str(_("The planned end (%(day)s) is not reached yet."))
            % {"day": timezone.localdate(observation.planned_end)}
        )
    follow_ups = list(observation.follow_ups.all())
    follow_ups.sort(key=lambda f: slot_moment(f.day, f.slot))
    # Each follow-up is judged by the threshold in force on its own day.
    threshold = fever_thresholds(f.day for f in follow_ups)
    if not follow_ups:
        reasons.append(str(_("No follow-up has been recorded.")))
    else:
        last = follow_ups[-1]
        if not last.seen:
            reasons.append(str(_("The latest follow-up was missed.")))
        elif is_abnormal(last.temperature, last.symptoms, threshold[last.day]):
            reasons.append(str(_("The latest follow-up was not normal.")))
        since = at - dt.timedelta(hours=SYMPTOMATIC_HOURS)
        recent = [
            f
            for f in follow_ups[:-1]
            if f.seen
            and since < slot_moment(f.day, f.slot) <= at
            and is_abnormal(f.temperature, f.symptoms, threshold[f.day])
        ]
        if recent:
            reasons.append(str(_("A follow-up of the last 24 hours had symptoms or a fever.")))
    return ReleaseVerdict(not reasons, tuple(reasons))


def prohibitions_today(
    rows: QuerySet[Observation], at: dt.datetime | None = None
) -> QuerySet[Observation]:
    """Who is under a work prohibition at some moment of today (local day): ``rows`` must be
    restricted with the "prohibition" action; the page shows names and dates only."""
    at = at or timezone.now()
    end = end_of_local_day(at)
    start = end - dt.timedelta(days=1)
    return (
        rows.filter(
            state=ObservationState.ACTIVE,
            prohibition_from__lte=end,
            prohibition_until__gt=start,
        )
        .select_related("person", "person__enterprise")
        .order_by("person__enterprise__name", "person__name_pinyin", "pk")
    )
