"""The resumption API: the same services and scope as the pages; bad input is a 422 naming the
field and changes nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from fugong.org.models import Enterprise
from fugong.resumption.acceptance import SYSTEMS
from fugong.resumption.models import Application
from fugong.resumption.tests.world import READY, submitted_application

pytestmark = pytest.mark.django_db
BASE = "/api/resumption"


def post(client, path, body):
    return client.post(BASE + path, json.dumps(body), content_type="application/json")


def test_an_enterprise_files_and_submits_through_the_api(client, world):
    client.force_login(world.users.manager)
    body = {"enterprise": world.qifeng.pk, "planned_on": "2026-12-07", "prevention_plan": "方案",
            "planned_headcount": 100, **READY}  # fmt: skip
    created = post(client, "/applications", body)
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    submitted = post(client, f"/applications/{pk}/submit", {})
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert submitted.json()["due_at"] is not None
    listed = client.get(BASE + "/applications").json()
    assert [row["id"] for row in listed["items"]] == [pk]


def test_submitting_without_the_five_things_names_each_field(client, world):
    client.force_login(world.users.manager)
    created = post(
        client, "/applications", {"enterprise": world.qifeng.pk, "planned_on": "2026-12-07"}
    )
    answer = post(client, f"/applications/{created.json()['id']}/submit", {})
    assert answer.status_code == 422
    fields = {error["field"] for error in answer.json()["detail"]}
    assert "body.mechanism_ready" in fields and "body.prevention_plan" in fields
    assert Application.objects.get().status == "draft"


def test_an_enterprise_outside_the_scope_is_refused_like_an_unknown_one(client, world):
    client.force_login(world.users.manager)
    answer = post(
        client, "/applications", {"enterprise": world.independent.pk, "planned_on": "2026-12-07"}
    )
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["field"] == "body.enterprise"
    assert not Application.objects.exists()


def test_a_return_without_reasons_is_422_on_the_note(client, world):
    application = submitted_application(world.qifeng)
    client.force_login(world.users.county)
    answer = post(client, f"/applications/{application.pk}/decision", {"decision": "returned"})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["field"] == "body.note"


def test_a_return_through_the_api(client, world):
    application = submitted_application(world.qifeng)
    client.force_login(world.users.county)
    answer = post(
        client, f"/applications/{application.pk}/decision", {"decision": "returned", "note": "补充"}
    )
    assert answer.status_code == 200 and answer.json()["status"] == "returned"


def test_another_enterprises_application_is_404(client, world):
    application = submitted_application(world.independent)
    client.force_login(world.users.manager)
    assert client.get(f"{BASE}/applications/{application.pk}").status_code == 404


def test_the_county_sets_the_due_date_and_anyone_over_the_unit_reads_it(client, world):
    client.force_login(world.users.county)
    answer = client.put(
        f"{BASE}/enterprises/{world.independent.pk}/due",
        json.dumps({"resumption_due_on": "2026-12-10"}),
        content_type="application/json",
    )
    assert answer.status_code == 200
    assert Enterprise.objects.get(pk=world.independent.pk).resumption_due_on == dt.date(
        2026, 12, 10
    )
    client.force_login(world.users.liaison)
    read = client.get(f"{BASE}/enterprises/{world.independent.pk}/due").json()
    assert read["resumption_due_on"] == "2026-12-10"


def test_a_bad_due_date_is_422_naming_the_field(client, world):
    client.force_login(world.users.county)
    answer = client.put(
        f"{BASE}/enterprises/{world.independent.pk}/due",
        json.dumps({"resumption_due_on": "2026-13-40"}),
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert "resumption_due_on" in answer.json()["detail"][0]["field"]


def test_acceptance_through_the_api(client, world, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 30, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    client.force_login(world.users.manager)
    body = {"stopped_on": "2026-10-01", "cause": "epidemic", **dict.fromkeys(SYSTEMS, True)}
    created = post(client, f"/mines/{world.qifeng.pk}/acceptances", body)
    assert created.status_code == 201 and created.json()["route"] == "regulator"
    pk = created.json()["id"]
    assert post(client, f"/acceptances/{pk}/self-accept", {}).status_code == 422
    client.force_login(world.users.county)
    signed = post(client, f"/acceptances/{pk}/accept", {"government_signatory": "王县长"})
    assert signed.status_code == 200 and signed.json()["accepted_on"] == "2026-11-30"
