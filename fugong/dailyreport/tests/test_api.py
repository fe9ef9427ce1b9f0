"""The /api/reports operations: filing, batches, list, confirm and metrics."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from fugong.dailyreport.models import DailyReport
from fugong.dailyreport.tests.conftest import D1, D2

pytestmark = pytest.mark.django_db

MORNING = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def item(world, **extra):
    return {
        "enterprise": world.qifeng.pk, "day": "2026-03-01", "operating": True,
        "staff_on_duty": 250, "output": "2800.5", **extra,
    }  # fmt: skip


def test_a_manager_files_a_report_and_a_resend_replaces_it(world):
    client = logged_in(world.users.manager)
    with time_machine.travel(MORNING, tick=False):
        first = post(client, "/api/reports", item(world))
        second = post(client, "/api/reports", item(world, staff_on_duty=260))
    assert first.status_code == 201, first.content
    assert second.status_code == 201
    assert second.json()["staff_on_duty"] == 260 and not second.json()["late"]
    assert DailyReport.objects.current().count() == 1
    assert DailyReport.objects.count() == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"staff_on_duty": -1}, "body.staff_on_duty"),
        ({"output": "-1"}, "body.output"),
        ({"day": "2026-03-02"}, "body.day"),
    ],
)
def test_a_bad_report_answers_422_naming_the_field(world, change, field):
    client = logged_in(world.users.manager)
    with time_machine.travel(MORNING, tick=False):
        response = post(client, "/api/reports", item(world, **change))
    assert response.status_code == 422
    assert field in {error["field"] for error in response.json()["detail"]}
    assert not DailyReport.objects.exists()


def test_an_enterprise_outside_the_scope_is_an_invalid_choice(world):
    client = logged_in(world.users.manager)
    response = post(client, "/api/reports", item(world, enterprise=world.yuanping_mine.pk))
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "body.enterprise"


def test_a_batch_with_a_bad_item_names_it_and_stores_nothing(world):
    client = logged_in(world.users.group)
    body = {"items": [item(world), item(world, enterprise=world.yuanping_mine.pk, output="-3")]}
    with time_machine.travel(MORNING, tick=False):
        response = post(client, "/api/reports/batch", body)
        assert response.status_code == 422
        assert "body.items.1.output" in {e["field"] for e in response.json()["detail"]}
        assert not DailyReport.objects.exists()
        body["items"][1]["output"] = "3"
        assert post(client, "/api/reports/batch", body).status_code == 201
        assert post(client, "/api/reports/batch", body).status_code == 201  # idempotent
    assert DailyReport.objects.current().count() == 2


def test_a_batch_naming_an_enterprise_outside_the_scope_is_refused(world):
    client = logged_in(world.users.group)
    body = {"items": [item(world), item(world, enterprise=world.plant.pk)]}
    with time_machine.travel(MORNING, tick=False):
        response = post(client, "/api/reports/batch", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "body.items.1.enterprise"
    assert not DailyReport.objects.exists()


def test_the_list_shows_only_reports_in_scope(reporting):
    county = logged_in(reporting.users.county).get("/api/reports?day_from=2026-03-01")
    names = {row["enterprise_name"] for row in county.json()["items"]}
    assert names == {reporting.qifeng.name, reporting.independent.name}


def test_the_group_confirms_and_an_out_of_scope_report_is_404(reporting):
    report = DailyReport.objects.get(enterprise=reporting.qifeng, day=D1)
    response = logged_in(reporting.users.group).post(f"/api/reports/{report.pk}/confirm")
    assert response.status_code == 200 and response.json()["confirmed_at"]
    other = DailyReport.objects.get(enterprise=reporting.independent, day=D1)
    assert (
        logged_in(reporting.users.group).post(f"/api/reports/{other.pk}/confirm").status_code == 404
    )


def test_metrics_answer_numerator_denominator_rate_definition_and_rows(reporting):
    response = logged_in(reporting.users.city).get(
        "/api/reports/metrics", {"start": D1.isoformat(), "end": D2.isoformat()}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    operating = next(m for m in body["metrics"] if m["name"] == "operating")
    assert (operating["numerator"], operating["denominator"]) == ("3", "5")
    assert operating["percent"] == "60.0 %" and operating["definition"]
    rows = {row["enterprise_name"]: row for row in body["rows"]}
    assert rows[reporting.independent.name]["due_days"] == 2
    assert rows[reporting.independent.name]["reported"] == 1


def test_metrics_for_a_region_a_group_and_bad_parameters(reporting):
    client = logged_in(reporting.users.city)
    span = {"start": "2026-03-01", "end": "2026-03-02"}
    by_region = client.get(
        "/api/reports/metrics", {**span, "region": reporting.regions.yuanping.pk}
    )
    assert by_region.json()["metrics"][0]["denominator"] == "1"
    by_group = client.get("/api/reports/metrics", {**span, "group": reporting.group.pk})
    assert {m["name"] for m in by_group.json()["metrics"]} >= {"member_operating"}
    backwards = client.get("/api/reports/metrics", {"start": "2026-03-02", "end": "2026-03-01"})
    assert backwards.status_code == 422
    county = logged_in(reporting.users.manager)
    assert (
        county.get("/api/reports/metrics", {**span, "group": reporting.group.pk}).status_code == 422
    )


@pytest.mark.parametrize(("days", "status"), [(365, 200), (366, 200), (367, 422)])
def test_a_metrics_range_is_at_most_366_days(reporting, days, status):
    end = D1 + dt.timedelta(days=days - 1)
    response = logged_in(reporting.users.city).get(
        "/api/reports/metrics", {"start": D1.isoformat(), "end": end.isoformat()}
    )
    assert response.status_code == status
