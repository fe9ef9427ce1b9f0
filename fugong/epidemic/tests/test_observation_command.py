"""The command page's counts, hand-computed, per role and scope, without N+1."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fugong.epidemic.models import (
    Case,
    CaseClassification,
    Cluster,
    ClusterState,
    Colour,
    DenyReason,
    HealthStatus,
    IdentifiedBy,
    Observation,
    ObservationKind,
    ObservationReason,
    ObservationState,
    Screening,
    ScreeningResult,
)
from fugong.epidemic.selectors.command import command_counts
from fugong.org.tests.factories import EnterpriseFactory
from fugong.people.models import Person
from fugong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 3, 2, 10, tzinfo=BEIJING)


def _status(person, colour):
    HealthStatus.objects.create(person=person, colour=colour, computed_colour=colour,
                                computed_at=NOW)  # fmt: skip


def _fever(world, person, place, enterprise, at):
    Screening.objects.create(
        client_uuid=uuid.uuid4(), place=place, enterprise=enterprise, person=person,
        identified_by=IdentifiedBy.ID_NUMBER, temperature=Decimal("38.0"), measured_at=at,
        result=ScreeningResult.DENY, deny_reason=DenyReason.FEVER,
    )  # fmt: skip


def _observation(person, state=ObservationState.ACTIVE):
    Observation.objects.create(
        person=person, kind=ObservationKind.HOME_QUARANTINE,
        reason=ObservationReason.CLOSE_CONTACT, started_at=NOW, last_exposure_at=NOW,
        planned_end=NOW + dt.timedelta(days=14), state=state,
    )  # fmt: skip


@pytest.fixture
def counted(world, time_machine):
    """栖凤 (宁武): green 张三, red 李四, 1 fever today + 1 yesterday, 1 active and 1 released
    observation, a confirmed case and a discarded one, a cluster signal and a discarded one.
    原平 (原平市): yellow 王五, a suspected case. 独立 (宁武): green 赵六."""
    time_machine.move_to(NOW, tick=False)
    _status(world.miner, Colour.GREEN)
    _status(world.colleague, Colour.RED)
    _status(world.yuanping_miner, Colour.YELLOW)
    _status(world.independent_miner, Colour.GREEN)
    _status(world.plant_worker, Colour.RED)  # 太原: outside 忻州
    _fever(world, world.colleague, world.checkpoint, world.qifeng,
           dt.datetime(2026, 3, 2, 0, 0, tzinfo=BEIJING))  # fmt: skip
    _fever(world, world.miner, world.checkpoint, world.qifeng,
           dt.datetime(2026, 3, 1, 23, 59, tzinfo=BEIJING))  # fmt: skip
    _observation(world.colleague)
    _observation(world.miner, ObservationState.RELEASED)
    Case.objects.create(person=world.colleague, classification=CaseClassification.CONFIRMED)
    Case.objects.create(person=world.miner, classification=CaseClassification.DISCARDED)
    Case.objects.create(person=world.yuanping_miner, classification=CaseClassification.SUSPECTED)
    Cluster.objects.create(enterprise=world.qifeng, state=ClusterState.SIGNAL, detected_at=NOW)
    Cluster.objects.create(enterprise=world.qifeng, state=ClusterState.DISCARDED,
                           detected_at=NOW)  # fmt: skip
    return world


QIFENG = {"people": 2, "green": 1, "yellow": 0, "red": 1, "fevers_today": 1, "observations": 1,
          "clusters": 1, "cases": 1}  # fmt: skip


def test_the_city_counts_its_region_by_county(counted):
    counts = command_counts(actor=counted.users.city)
    assert counts["level"] == "county"
    assert counts["total"] == {"people": 4, "green": 2, "yellow": 1, "red": 1, "fevers_today": 1,
                               "observations": 1, "clusters": 1, "cases": 2}  # fmt: skip
    rows = {row["label"]: row for row in counts["rows"]}
    assert set(rows) == {"宁武县", "原平市", "忻府区"}
    assert {k: rows["宁武县"][k] for k in QIFENG} == {**QIFENG, "people": 3, "green": 2}
    assert rows["原平市"]["yellow"] == 1 and rows["原平市"]["cases"] == 1
    assert counts["chart"]["labels"] == [r["label"] for r in counts["rows"]]


def test_a_county_drills_to_its_enterprises(counted):
    counts = command_counts(actor=counted.users.city, region=counted.regions.ningwu)
    assert counts["level"] == "enterprise"
    rows = {row["label"]: row for row in counts["rows"]}
    assert set(rows) == {counted.qifeng.name, counted.independent.name}
    assert {k: rows[counted.qifeng.name][k] for k in QIFENG} == QIFENG


@pytest.mark.parametrize(
    ("persona", "green", "cases"),
    [("county", 2, 1), ("manager", 1, 1), ("safety", 1, 1), ("health", 1, 1), ("group", 1, 2),
     ("liaison", 1, 0), ("department", 2, 2)],
)  # fmt: skip
def test_every_counts_role_gets_the_counts_of_its_own_enterprises(counted, persona, green, cases):
    counts = command_counts(actor=getattr(counted.users, persona))
    assert (counts["total"]["green"], counts["total"]["cases"]) == (green, cases)


def test_the_safety_officer_sees_counts_but_no_observation_records(client, counted):
    client.force_login(counted.users.safety)
    assert client.get(reverse("epidemic:command")).status_code == 200
    assert client.get(reverse("epidemic:observation_list")).status_code == 403
    assert client.get("/api/epidemic/command").json()["total"]["red"] == 1


@pytest.mark.parametrize("persona", ["worker", "checkpoint"])
def test_a_worker_and_a_checkpoint_get_no_counts(client, counted, persona):
    client.force_login(getattr(counted.users, persona))
    assert client.get(reverse("epidemic:command")).status_code == 403
    assert client.get("/api/epidemic/command").status_code == 403


def test_the_page_links_down_from_county_to_enterprise(client, counted):
    client.force_login(counted.users.city)
    page = client.get(reverse("epidemic:command")).content.decode()
    assert f"?region={counted.regions.ningwu.pk}" in page
    assert 'hx-trigger="every 60s"' in page
    assert "vendor/echarts/echarts.min.js" in page
    county = client.get(reverse("epidemic:command"), {"region": counted.regions.ningwu.pk})
    assert f"?enterprise={counted.qifeng.pk}" in county.content.decode()
    one = client.get(reverse("epidemic:command"), {"enterprise": counted.qifeng.pk})
    assert one.context["counts"]["rows"][0]["cases"] == 1


def test_an_enterprise_outside_the_scope_is_not_found(client, counted):
    client.force_login(counted.users.county)
    answer = client.get(reverse("epidemic:command"), {"enterprise": counted.yuanping_mine.pk})
    assert answer.status_code == 404
    answer = client.get(reverse("epidemic:command"), {"region": counted.regions.yuanping.pk})
    assert answer.status_code == 404


def test_the_htmx_refresh_gets_only_the_counts(client, counted):
    client.force_login(counted.users.city)
    answer = client.get(reverse("epidemic:command"), HTTP_HX_REQUEST="true")
    text = answer.content.decode()
    assert 'data-testid="command-totals"' in text and "<html" not in text


def test_the_counts_take_the_same_queries_for_one_or_many_enterprises(counted):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            command_counts(actor=counted.users.city, at=timezone.now())
        return len(captured)

    before = queries()
    for _n in range(5):
        enterprise = EnterpriseFactory(region=counted.regions.ningwu)
        person: Person = PersonFactory(enterprise=enterprise)  # type: ignore[assignment]
        _status(person, Colour.YELLOW)
        _observation(person)
        Case.objects.create(person=person, classification=CaseClassification.CONFIRMED)
    assert queries() == before
    assert before <= 7
