"""Cluster signals (聚集性疫情, DESIGN §3.3 "cluster link").

Members are cases (not discarded) and confirmed fevers (a screening denied for fever). Each
person is one member, dated by their earliest onset / first positive / fever day. Two members
are linked when the close-contact rule holds between them within the ``cluster_window_days``
before the later one's day: the window runs from 00:00 local ``cluster_window_days`` days
before that day to the end of that day (an exposure 14 days before links, 15 does not).
Connected groups of two or more become a Cluster in the signal state with an alert — unless
an existing cluster already holds every member; a group that meets a cluster still open
(signal or confirmed) adds its new members to it instead of raising a second signal.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fugong.core.permissions import require
from fugong.epidemic.models import (
    AlertKind,
    Case,
    CaseClassification,
    Cluster,
    ClusterMember,
    ClusterState,
    DenyReason,
    Screening,
    ScreeningResult,
)
from fugong.epidemic.selectors.exposure import close_exposures, exposures_of, local_midnight
from fugong.epidemic.selectors.policy import policy_in_force
from fugong.epidemic.services.alert import alert_raise
from fugong.org.models import Place
from fugong.people.models import Person

OPEN_STATES = (ClusterState.SIGNAL, ClusterState.CONFIRMED)


@dataclass
class Member:
    person_id: int
    day: dt.date
    case_id: int | None = None
    screening_id: int | None = None


def cluster_candidates(*, since: dt.date) -> dict[int, Member]:
    """Cases not discarded and confirmed fevers from ``since`` on, one member per person."""
    members: dict[int, Member] = {}

    def keep(person: int, day: dt.date, **ref: int) -> None:
        held = members.get(person)
        if held is None or day < held.day:
            members[person] = Member(person, day, **ref)

    cases = Case.objects.exclude(classification=CaseClassification.DISCARDED)
    for pk, person, onset, positive, created in cases.values_list(
        "pk", "person_id", "onset_on", "first_positive_on", "created_at"
    ):
        day = min(d for d in (onset, positive, timezone.localdate(created)) if d is not None)
        if day >= since:
            keep(person, day, case_id=pk)
    fevers = Screening.objects.filter(
        result=ScreeningResult.DENY,
        deny_reason=DenyReason.FEVER,
        person__isnull=False,
        measured_at__gte=local_midnight(since),
    )
    for pk, person, measured in fevers.values_list("pk", "person_id", "measured_at"):
        keep(person, timezone.localdate(measured), screening_id=pk)
    return members


def cluster_links(
    members: dict[int, Member], *, window_days: int, exposure_minutes: int, at: dt.datetime
) -> list[dict]:
    """Pairs of members linked by the close-contact rule within the later one's window."""
    windows = {
        pk: (
            local_midnight(m.day - dt.timedelta(days=window_days)),
            min(local_midnight(m.day + dt.timedelta(days=1)), at),
        )
        for pk, m in members.items()
    }
    links: dict[tuple[int, int], dict] = {}
    for later, exposures in exposures_of(windows).items():
        for other, exposure in close_exposures(exposures, exposure_minutes * 60).items():
            if other not in members or members[other].day > members[later].day:
                continue
            if members[other].day == members[later].day and other > later:
                continue  # the same day: each pair once
            key = (min(later, other), max(later, other))
            links[key] = {
                "a": key[0],
                "b": key[1],
                "minutes": int(exposure.seconds // 60),
                "places": sorted(exposure.places),
                "rules": sorted(exposure.rules),
            }
    return list(links.values())


def _groups(links: list[dict]) -> list[set[int]]:
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        parent[find(link["a"])] = find(link["b"])
    groups: dict[int, set[int]] = defaultdict(set)
    for x in list(parent):
        groups[find(x)].add(x)
    return [g for g in groups.values() if len(g) >= 2]


def _named(links: list[dict]) -> list[dict]:
    ids = {p for link in links for p in link["places"]}
    names = dict(Place.objects.filter(pk__in=ids).values_list("pk", "name"))
    return [{**link, "place_names": [names.get(p, "") for p in link["places"]]} for link in links]


@transaction.atomic
def clusters_detect(*, at: dt.datetime | None = None) -> list[Cluster]:
    """Link the recent cases and confirmed fevers, and raise a signal per new group."""
    now = at or timezone.now()
    policy = policy_in_force(now)
    since = timezone.localdate(now) - dt.timedelta(days=2 * policy.cluster_window_days)
    members = cluster_candidates(since=since)
    links = cluster_links(
        members, window_days=policy.cluster_window_days,
        exposure_minutes=policy.exposure_minutes, at=now,
    )  # fmt: skip
    existing: dict[int, set[int]] = defaultdict(set)
    states: dict[int, str] = {}
    for cluster_id, person, state in ClusterMember.objects.values_list(
        "cluster_id", "person_id", "cluster__state"
    ):
        existing[cluster_id].add(person)
        states[cluster_id] = state
    raised: list[Cluster] = []
    for group in _groups(links):
        if any(group <= held for held in existing.values()):
            continue
        group_links = _named([lk for lk in links if lk["a"] in group])
        meets = [c for c, held in existing.items() if held & group and states[c] in OPEN_STATES]
        if meets:
            cluster = Cluster.objects.get(pk=min(meets))
            new = group - existing[cluster.pk]
            cluster.links = group_links
            cluster.save(update_fields=["links", "updated_at"])
        else:
            first = min(group, key=lambda p: (members[p].day, p))
            enterprise_id = Person.objects.values_list("enterprise_id", flat=True).get(pk=first)
            cluster = Cluster.objects.create(
                enterprise_id=enterprise_id, detected_at=now, links=group_links
            )
            new = group
            raised.append(cluster)
        ClusterMember.objects.bulk_create(
            [
                ClusterMember(
                    cluster=cluster,
                    person_id=p,
                    case_id=members[p].case_id,
                    fever_screening_id=members[p].screening_id,
                )
                for p in sorted(new)
            ]
        )
        existing[cluster.pk] |= new
        states[cluster.pk] = cluster.state
        if not meets:
            alert_raise(
                kind=AlertKind.CLUSTER,
                enterprise=cluster.enterprise,
                message=gettext("Cluster signal: %(count)s linked cases or fevers")
                % {"count": len(group)},
                ref=f"cluster:{cluster.pk}",
                at=now,
                webhook=True,
            )
    return raised


@transaction.atomic
def cluster_decide(*, actor, cluster: Cluster, state: str, note: str = "") -> Cluster:
    """A health officer confirms or discards a signal (audited through the Cluster's log)."""
    require(actor, Cluster, "change")
    if state not in (ClusterState.CONFIRMED, ClusterState.DISCARDED):
        raise ValidationError({"state": _("Confirm or discard the signal.")})
    cluster = Cluster.objects.restrict(actor, "change").select_for_update().get(pk=cluster.pk)
    if cluster.state != ClusterState.SIGNAL:
        raise ValidationError({"state": _("This signal has already been decided.")})
    cluster.state = state
    cluster.note = note[:500]
    cluster.decided_by = actor
    cluster.decided_at = timezone.now()
    cluster.save()
    return cluster
