"""The trace page (one click, masked IDs, "place under observation") and the cluster pages."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from fugong.epidemic.models import (
    Cluster,
    ClusterMember,
    ClusterState,
    Contact,
    Observation,
    ObservationKind,
    ObservationReason,
)
from fugong.epidemic.services.tracing import contacts_observe
from fugong.epidemic.tests.tracing_helpers import at, case_of, person, place, stay

pytestmark = pytest.mark.django_db

ONSET = dt.date(2026, 3, 10)


@pytest.fixture
def scenario(world, time_machine):
    """Index 甲 (confirmed, onset 10 March); 乙 two hours with 甲 on 9 March (close); 丙 half
    an hour with 乙 on 9 March afternoon (secondary). Now is 12 March 09:00."""
    time_machine.move_to(at(12, 9), tick=False)
    index, close, secondary = person(world, "甲"), person(world, "乙"), person(world, "丙")
    office, canteen = place(world, "办公室"), place(world, "食堂")
    stay(index, office, at(9, 8), at(9, 10))
    stay(close, office, at(9, 8), at(9, 10))
    stay(close, canteen, at(9, 12), at(9, 12, 30))
    stay(secondary, canteen, at(9, 12), at(9, 12, 30))
    case = case_of(index, onset=ONSET, isolated=at(10, 18))
    return world, case, close, secondary


def test_one_click_lists_close_and_secondary_contacts_with_masked_ids(client, scenario):
    world, case, close, secondary = scenario
    client.force_login(world.users.health)
    url = reverse("epidemic:case_trace", kwargs={"pk": case.pk})
    assert client.get(url).status_code == 200
    response = client.get(url + "?run=1", HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('data-testid="contact-row"') == 2
    assert "乙" in page and "丙" in page
    assert close.id_number not in page
    assert close.id_number[-4:] in page  # masked: region code and last four only
    assert "2026-03-09 10:00" in page  # the close contact's last exposure


def test_placing_contacts_under_observation_sets_their_end_from_the_last_exposure(client, scenario):
    """GIVEN the trace WHEN the officer places both contacts under observation THEN the close
    contact is quarantined until 9 March + 14 days (end of day) and the secondary contact under
    health monitoring until 9 March + 7 days, each kept as a Contact of the case."""
    world, case, close, secondary = scenario
    client.force_login(world.users.health)
    url = reverse("epidemic:case_trace", kwargs={"pk": case.pk})
    response = client.post(url, {"people": [close.pk, secondary.pk], "close_kind": "home"})
    assert response.status_code == 302
    quarantine = Observation.objects.get(person=close)
    assert quarantine.kind == ObservationKind.HOME_QUARANTINE
    assert quarantine.reason == ObservationReason.CLOSE_CONTACT
    assert quarantine.last_exposure_at == at(9, 10)
    assert quarantine.planned_end == at(23, 23, 59).replace(second=59, microsecond=999999)
    monitoring = Observation.objects.get(person=secondary)
    assert monitoring.kind == ObservationKind.HEALTH_MONITORING
    assert monitoring.reason == ObservationReason.SECONDARY_CONTACT
    assert monitoring.planned_end.date() == dt.date(2026, 3, 16)
    contacts = {c.person_id: c for c in Contact.objects.filter(case=case)}
    assert contacts[close.pk].degree == 1 and contacts[close.pk].observation == quarantine
    assert contacts[secondary.pk].degree == 2 and contacts[secondary.pk].via_id == close.pk
    assert contacts[close.pk].places == ["办公室"]


def test_a_new_exposure_extends_an_observation_and_never_shortens_it(scenario):
    world, case, close, _secondary = scenario
    contacts_observe(actor=world.users.health, case=case, person_ids=[close.pk])
    first_end = Observation.objects.get(person=close).planned_end
    # A later exposure through a second case extends it ...
    other_index = person(world, "丁")
    room = place(world, "会议室")
    stay(other_index, room, at(11, 8), at(11, 9))
    stay(close, room, at(11, 8), at(11, 9))
    later_case = case_of(other_index, onset=dt.date(2026, 3, 12))
    contacts_observe(actor=world.users.health, case=later_case, person_ids=[close.pk])
    extended = Observation.objects.get(person=close).planned_end
    assert extended.date() == dt.date(2026, 3, 25) > first_end.date()
    # ... and tracing the first case again does not shorten it.
    contacts_observe(actor=world.users.health, case=case, person_ids=[close.pk])
    assert Observation.objects.get(person=close).planned_end == extended


def test_another_enterprises_case_is_not_found_and_a_safety_officer_is_refused(client, scenario):
    world, _case, _close, _secondary = scenario
    elsewhere = case_of(world.yuanping_miner, onset=ONSET)
    client.force_login(world.users.health)
    url = reverse("epidemic:case_trace", kwargs={"pk": elsewhere.pk})
    assert client.get(url + "?run=1").status_code == 404
    assert client.post(url, {"people": [world.yuanping_miner.pk]}).status_code == 404
    client.force_login(world.users.safety)
    mine = reverse("epidemic:case_trace", kwargs={"pk": _case.pk})
    assert client.get(mine).status_code == 403
    assert not Observation.objects.exists()


def test_city_command_traces_but_does_not_place_under_observation(client, scenario):
    world, case, close, _secondary = scenario
    client.force_login(world.users.city)
    url = reverse("epidemic:case_trace", kwargs={"pk": case.pk})
    page = client.get(url + "?run=1")
    assert page.status_code == 200
    assert 'name="people"' not in page.content.decode()  # nothing to choose: not their work
    assert client.post(url, {"people": [close.pk]}).status_code == 403
    assert not Observation.objects.exists()


def test_the_cluster_page_shows_people_and_places_as_a_graph_and_takes_a_decision(client, world):
    a, b = person(world, "甲"), person(world, "乙")
    cluster = Cluster.objects.create(
        enterprise=world.qifeng,
        detected_at=at(12, 9),
        links=[{"a": a.pk, "b": b.pk, "minutes": 480, "places": [world.zone.pk],
                "place_names": [world.zone.name], "rules": ["overlap"]}],
    )  # fmt: skip
    ClusterMember.objects.create(cluster=cluster, person=a)
    ClusterMember.objects.create(cluster=cluster, person=b)
    client.force_login(world.users.health)
    page = client.get(reverse("epidemic:cluster_detail", args=[cluster.pk])).content.decode()
    found = re.search(r'id="cluster-graph-data"[^>]*>(.*?)</script>', page, re.S)
    assert found is not None
    graph = json.loads(found[1])
    assert {n["name"] for n in graph["nodes"]} == {"甲", "乙", world.zone.name}
    assert [link["value"] for link in graph["links"] if "value" in link] == [480]
    assert len(graph["links"]) == 3  # 甲–乙 with the minutes, each of them to the face
    response = client.post(
        reverse("epidemic:cluster_detail", args=[cluster.pk]), {"state": "discarded"}
    )
    assert response.status_code == 302
    assert Cluster.objects.get(pk=cluster.pk).state == ClusterState.DISCARDED
    assert client.get(reverse("epidemic:cluster_list")).status_code == 200


def test_the_presence_and_cluster_lists_make_the_same_queries_for_more_rows(client, world):
    """No N+1: the list pages answer with as many queries for 6 rows as for 1."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fugong.epidemic.models import GatheringKind
    from fugong.epidemic.services.presence import (
        dormitory_nights_assign,
        gathering_record,
        roster_save,
    )

    client.force_login(world.users.health)
    room = place(world, "会议室")

    def add(n: int) -> None:
        who = person(world, f"丙{n}")
        day = dt.date(2026, 3, 1) + dt.timedelta(days=n)
        roster_save(team=world.team, shift=world.night, day=day, place=world.zone, members=[who])
        dormitory_nights_assign(room=world.dorm, nights=[day], people=[who])
        gathering_record(
            kind=GatheringKind.MEETING, place=room, starts_at=at(1 + n, 9),
            ends_at=at(1 + n, 10), participants=[who],
        )  # fmt: skip
        Cluster.objects.create(enterprise=world.qifeng, detected_at=at(1 + n, 9))

    names = ["roster_list", "night_list", "gathering_list", "cluster_list"]

    def counts() -> list[int]:
        found = []
        for name in names:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(f"epidemic:{name}")).status_code == 200
            found.append(len(queries))
        return found

    add(0)
    few = counts()
    for n in range(1, 6):
        add(n)
    assert counts() == few
