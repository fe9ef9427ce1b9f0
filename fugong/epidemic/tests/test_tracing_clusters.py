"""Cluster signals: links within the cluster window, groups of two or more, once each."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from fugong.epidemic.models import (
    Alert,
    AlertKind,
    CaseClassification,
    Cluster,
    ClusterState,
    DenyReason,
    IdentifiedBy,
    Screening,
    ScreeningResult,
)
from fugong.epidemic.services.clusters import cluster_decide, clusters_detect
from fugong.epidemic.tests.tracing_helpers import at, case_of, person, place, stay

pytestmark = pytest.mark.django_db

NOW = at(20, 12)


def fever(world, who, when):
    return Screening.objects.create(
        client_uuid=uuid.uuid4(),
        place=world.checkpoint,
        enterprise=world.qifeng,
        person=who,
        identified_by=IdentifiedBy.CODE,
        temperature=Decimal("38.2"),
        measured_at=when,
        result=ScreeningResult.DENY,
        deny_reason=DenyReason.FEVER,
    )


@pytest.mark.parametrize(("days_before", "linked"), [(13, True), (14, True), (15, False)])
def test_two_cases_link_within_14_days_before_the_later_onset(world, days_before, linked):
    """GIVEN case A (onset 5 March) and case B (onset 19 March) who shared a room for an hour
    ``days_before`` days before 19 March WHEN clusters are detected THEN they form a signal
    exactly when that day is within 14 days."""
    a, b = person(world, "甲"), person(world, "乙")
    room = place(world, "会议室")
    day = dt.date(2026, 3, 19) - dt.timedelta(days=days_before)
    stay(a, room, at(day.day, 9), at(day.day, 10))
    stay(b, room, at(day.day, 9), at(day.day, 10))
    case_of(a, onset=dt.date(2026, 3, 5))
    case_of(b, onset=dt.date(2026, 3, 19))
    raised = clusters_detect(at=NOW)
    assert bool(raised) is linked
    if linked:
        cluster = raised[0]
        assert cluster.state == ClusterState.SIGNAL
        assert {m.person_id for m in cluster.members.all()} == {a.pk, b.pk}
        alert = Alert.objects.get(kind=AlertKind.CLUSTER, ref=f"cluster:{cluster.pk}")
        assert alert.enterprise_id == world.qifeng.pk


def test_a_case_and_a_confirmed_fever_make_a_cluster_once(world):
    a, b = person(world, "甲"), person(world, "乙")
    zone = place(world, "工作面")
    stay(a, zone, at(15, 8), at(15, 16))
    stay(b, zone, at(15, 8), at(15, 16))
    case_of(a, onset=dt.date(2026, 3, 17))
    fever(world, b, at(18, 7))
    assert len(clusters_detect(at=NOW)) == 1
    assert clusters_detect(at=NOW) == []
    assert Alert.objects.filter(kind=AlertKind.CLUSTER).count() == 1


def test_a_discarded_case_links_nothing(world):
    a, b = person(world, "甲"), person(world, "乙")
    zone = place(world, "工作面")
    stay(a, zone, at(15, 8), at(15, 16))
    stay(b, zone, at(15, 8), at(15, 16))
    case_of(a, onset=dt.date(2026, 3, 17))
    discarded = case_of(b, onset=dt.date(2026, 3, 18))
    discarded.classification = CaseClassification.DISCARDED
    discarded.save()
    assert clusters_detect(at=NOW) == []


def test_a_new_linked_case_joins_the_open_signal(world):
    """GIVEN a signal of A and B WHEN C, linked to B, falls ill THEN C joins that signal and
    no second alert is raised."""
    a, b, c = person(world, "甲"), person(world, "乙"), person(world, "丙")
    zone, bus = place(world, "工作面"), place(world, "班车")
    stay(a, zone, at(15, 8), at(15, 16))
    stay(b, zone, at(15, 8), at(15, 16))
    case_of(a, onset=dt.date(2026, 3, 17))
    case_of(b, onset=dt.date(2026, 3, 18))
    (cluster,) = clusters_detect(at=NOW)
    stay(b, bus, at(16, 7), at(16, 8))
    stay(c, bus, at(16, 7), at(16, 8))
    case_of(c, onset=dt.date(2026, 3, 19))
    assert clusters_detect(at=NOW) == []
    assert {m.person_id for m in cluster.members.all()} == {a.pk, b.pk, c.pk}
    assert Alert.objects.filter(kind=AlertKind.CLUSTER).count() == 1


def test_the_health_officer_confirms_or_discards_a_signal(world):
    a, b = person(world, "甲"), person(world, "乙")
    zone = place(world, "工作面")
    stay(a, zone, at(15, 8), at(15, 16))
    stay(b, zone, at(15, 8), at(15, 16))
    case_of(a, onset=dt.date(2026, 3, 17))
    case_of(b, onset=dt.date(2026, 3, 18))
    (cluster,) = clusters_detect(at=NOW)
    decided = cluster_decide(
        actor=world.users.health, cluster=cluster, state=ClusterState.CONFIRMED, note="同一工作面"
    )
    assert decided.state == ClusterState.CONFIRMED
    assert decided.decided_by == world.users.health
    with pytest.raises(ValidationError):  # decided once: a second decision is refused
        cluster_decide(actor=world.users.health, cluster=cluster, state=ClusterState.DISCARDED)
    entries = LogEntry.objects.get_for_object(Cluster.objects.get(pk=cluster.pk))
    assert any("state" in (e.changes_dict or {}) for e in entries)  # audited


def test_the_cluster_scan_task_raises_the_signals(world, huey_immediate, time_machine):
    from fugong.epidemic.tasks.tracing import cluster_scan

    time_machine.move_to(NOW, tick=False)
    a, b = person(world, "甲"), person(world, "乙")
    zone = place(world, "工作面")
    stay(a, zone, at(15, 8), at(15, 16))
    stay(b, zone, at(15, 8), at(15, 16))
    case_of(a, onset=dt.date(2026, 3, 17))
    case_of(b, onset=dt.date(2026, 3, 18))
    cluster_scan()
    assert Cluster.objects.filter(state=ClusterState.SIGNAL).count() == 1
