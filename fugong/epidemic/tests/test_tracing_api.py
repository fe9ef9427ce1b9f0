"""The tracing result of a case and the cluster signals through the API: the same rules and
scope as the pages, identities masked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from fugong.epidemic.models import Case, Cluster, ClusterMember, ClusterState, PresenceInterval
from fugong.epidemic.services.presence import gathering_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(world):
    def as_user(user):
        client = Client()
        client.force_login(user)
        return client

    return as_user


def test_the_trace_lists_a_close_contact_with_places_minutes_and_a_masked_id(api, world):
    """GIVEN a confirmed case and a colleague in the same meeting room for 20 minutes the day
    before onset WHEN the health officer asks for the trace THEN the colleague is a close
    contact with those 20 minutes, the room, and a masked ID number."""
    now = timezone.now()
    onset = timezone.localdate(now) - dt.timedelta(days=1)
    case = Case.objects.create(person=world.miner, classification="confirmed", onset_on=onset)
    start = timezone.localtime(now).replace(hour=9, minute=0, second=0, microsecond=0)
    start -= dt.timedelta(days=2)
    gathering_record(
        kind="meeting",
        place=world.dorm,
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=20),
        participants=[world.miner, world.colleague],
        title="班前会",
    )
    assert PresenceInterval.objects.filter(person=world.colleague).exists()
    answer = api(world.users.health).get(f"/api/epidemic/cases/{case.pk}/trace")
    assert answer.status_code == 200, answer.content
    contacts = answer.json()["contacts"]
    assert [c["person_id"] for c in contacts if c["degree"] == 1] == [world.colleague.pk]
    close = contacts[0]
    assert close["minutes"] == 20
    assert close["places"] == [{"id": world.dorm.pk, "name": world.dorm.name}]
    assert "*" in close["id_number"] and world.colleague.id_number not in answer.content.decode()


def test_another_enterprises_case_is_not_found(api, world):
    case = Case.objects.create(person=world.yuanping_miner, classification="confirmed")
    assert api(world.users.health).get(f"/api/epidemic/cases/{case.pk}/trace").status_code == 404


def test_the_health_officer_confirms_a_signal_once_and_a_bad_state_names_the_field(api, world):
    cluster = Cluster.objects.create(enterprise=world.qifeng, detected_at=timezone.now())
    ClusterMember.objects.create(cluster=cluster, person=world.miner)
    health = api(world.users.health)
    url = f"/api/epidemic/clusters/{cluster.pk}/decision"
    bad = health.post(url, {"state": "maybe"}, content_type="application/json")
    assert bad.status_code == 422
    assert "state" in bad.content.decode()
    good = health.post(
        url, {"state": "confirmed", "note": "流调确认"}, content_type="application/json"
    )
    assert good.status_code == 200, good.content
    assert good.json()["state"] == ClusterState.CONFIRMED
    assert good.json()["members"][0]["person_id"] == world.miner.pk
    again = health.post(url, {"state": "discarded"}, content_type="application/json")
    assert again.status_code == 422
    cluster.refresh_from_db()
    assert cluster.state == ClusterState.CONFIRMED


def test_the_city_reads_the_signals_of_its_region_and_a_safety_officer_may_not(api, world):
    Cluster.objects.create(enterprise=world.qifeng, detected_at=timezone.now())
    Cluster.objects.create(enterprise=world.plant, detected_at=timezone.now())
    listed = api(world.users.city).get("/api/epidemic/clusters").json()
    assert [c["enterprise_id"] for c in listed] == [world.qifeng.pk]
    assert api(world.users.safety).get("/api/epidemic/clusters").status_code == 403
