"""Cases: record, reclassify (audited), tests, isolation of confirmed/asymptomatic cases; the
pages and the API of cases and observations (errors name the field, nothing is saved)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from fugong.epidemic.models import (
    Case,
    CaseClassification,
    FollowUp,
    Observation,
    ObservationKind,
    ObservationState,
)
from fugong.epidemic.selectors.status import prohibited_at
from fugong.epidemic.services.case import case_isolate, case_record, case_update

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 3, 10, 9, tzinfo=BEIJING)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


def _case(world, classification=CaseClassification.CONFIRMED, **kwargs):
    return case_record(
        actor=world.users.health, person=world.miner, classification=classification, **kwargs
    )


def test_a_reclassification_is_audited(world, now):
    case = _case(world, CaseClassification.SUSPECTED, onset_on=dt.date(2026, 3, 8))
    case_update(actor=world.users.health, case=case, classification=CaseClassification.CONFIRMED)
    entries = LogEntry.objects.get_for_object(case).order_by("pk")
    assert entries.last().changes_dict["classification"] == ["suspected", "confirmed"]


@pytest.mark.parametrize(
    ("onset", "accepted"),
    [(dt.date(2026, 3, 10), True), (dt.date(2026, 3, 9), True), (dt.date(2026, 3, 11), False)],
)
def test_an_onset_date_in_the_future_is_refused(world, now, onset, accepted):
    if accepted:
        assert _case(world, onset_on=onset).onset_on == onset
    else:
        with pytest.raises(ValidationError) as caught:
            _case(world, onset_on=onset)
        assert "onset_on" in caught.value.message_dict
        assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("classification", "isolates"),
    [
        (CaseClassification.CONFIRMED, True),
        (CaseClassification.ASYMPTOMATIC, True),
        (CaseClassification.SUSPECTED, False),
        (CaseClassification.DISCARDED, False),
    ],
)
def test_only_a_confirmed_or_asymptomatic_case_opens_an_isolation(
    world, now, classification, isolates
):
    case = _case(world, classification)
    if isolates:
        observation = case_isolate(actor=world.users.health, case=case)
        assert observation.kind == ObservationKind.ISOLATION
        assert observation.source_case == case
        assert prohibited_at(world.miner.pk, NOW + dt.timedelta(hours=1))
        case.refresh_from_db()
        assert case.isolation_started_at == NOW
    else:
        with pytest.raises(ValidationError):
            case_isolate(actor=world.users.health, case=case)
        assert not Observation.objects.exists()


def test_the_case_page_opens_the_isolation_and_shows_it(client, world, now):
    case = _case(world)
    client.force_login(world.users.health)
    detail = client.get(reverse("epidemic:case_detail", args=[case.pk])).content.decode()
    assert 'data-testid="isolate"' in detail
    answer = client.post(reverse("epidemic:case_isolate", args=[case.pk]))
    observation = Observation.objects.get(source_case=case)
    assert answer["Location"] == reverse("epidemic:observation_detail", args=[observation.pk])
    detail = client.get(reverse("epidemic:case_detail", args=[case.pk])).content.decode()
    assert 'data-testid="isolation-link"' in detail


def test_the_case_form_records_a_case_and_names_a_bad_field(client, world, now):
    client.force_login(world.users.health)
    url = reverse("epidemic:case_create")
    bad = client.post(url, {"person": world.miner.pk, "classification": "confirmed",
                            "onset_on": "2026-03-11"})  # fmt: skip
    assert bad.status_code == 200
    assert "This date is in the future." in bad.content.decode()
    assert not Case.objects.exists()
    outside = client.post(url, {"person": world.yuanping_miner.pk, "classification": "confirmed"})
    assert "person" in outside.context["form"].errors
    good = client.post(url, {"person": world.miner.pk, "classification": "confirmed",
                             "onset_on": "2026-03-09"})  # fmt: skip
    case = Case.objects.get()
    assert good["Location"] == reverse("epidemic:case_detail", args=[case.pk])
    assert case.reported_by == world.users.health


def test_a_worker_sees_their_own_case_only(client, world, now):
    own = _case(world)
    other = case_record(actor=world.users.health, person=world.colleague,
                        classification=CaseClassification.CONFIRMED)  # fmt: skip
    client.force_login(world.users.worker)
    listed = client.get(reverse("epidemic:case_list")).context["page"]
    assert [c.pk for c in listed] == [own.pk]
    assert client.get(reverse("epidemic:case_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("epidemic:case_edit", args=[own.pk])).status_code == 403


# --- API --------------------------------------------------------------------------------------


def _post(client, path, body):
    return client.post(path, body, content_type="application/json")


def test_the_api_records_and_reclassifies_a_case(client, world, now):
    client.force_login(world.users.health)
    made = _post(client, "/api/epidemic/cases",
                 {"person": world.miner.pk, "classification": "suspected"})  # fmt: skip
    assert made.status_code == 201
    body = made.json()
    assert body["person"]["id_number"] == world.miner.id_number_masked
    changed = client.patch(f"/api/epidemic/cases/{body['id']}", {"classification": "confirmed"},
                           content_type="application/json")  # fmt: skip
    assert changed.json()["classification"] == "confirmed"
    outside = _post(client, "/api/epidemic/cases",
                    {"person": world.yuanping_miner.pk, "classification": "confirmed"})  # fmt: skip
    assert outside.status_code == 422
    assert outside.json()["detail"][0]["field"] == "body.person"
    future = _post(client, "/api/epidemic/cases", {"person": world.miner.pk,
                   "classification": "confirmed", "onset_on": "2026-03-11"})  # fmt: skip
    assert future.status_code == 422
    assert future.json()["detail"][0]["field"] == "body.onset_on"


def test_the_api_opens_follows_up_and_refuses_an_early_release(client, world, now):
    client.force_login(world.users.health)
    opened = _post(client, "/api/epidemic/observations", {
        "person": world.miner.pk, "kind": "home", "reason": "close_contact",
        "last_exposure_at": "2026-03-09T20:00:00+08:00",
    })  # fmt: skip
    assert opened.status_code == 201, opened.content
    observation = opened.json()
    assert observation["planned_end"].startswith("2026-03-23T23:59:59")
    path = f"/api/epidemic/observations/{observation['id']}"
    follow = _post(client, f"{path}/follow-ups",
                   {"day": "2026-03-10", "slot": "morning", "temperature": "43.1"})  # fmt: skip
    assert follow.status_code == 422
    assert follow.json()["detail"][0]["field"] == "body.temperature"
    follow = _post(client, f"{path}/follow-ups",
                   {"day": "2026-03-10", "slot": "morning", "temperature": "36.6",
                    "symptoms": ["cough"]})  # fmt: skip
    assert follow.status_code == 201
    assert FollowUp.objects.get().symptoms == ["cough"]
    early = _post(client, f"{path}/release", {})
    assert early.status_code == 422
    assert "planned end" in early.json()["detail"][0]["message"]
    listed = client.get("/api/epidemic/observations", {"tab": "symptomatic"}).json()
    assert [o["id"] for o in listed["items"]] == [observation["id"]]
    assert Observation.objects.get().state == ObservationState.ACTIVE


def test_the_api_refuses_an_unknown_tab(client, world):
    client.force_login(world.users.health)
    answer = client.get("/api/epidemic/observations", {"tab": "everyone"})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["field"] == "query.tab"


def test_a_time_without_a_zone_is_read_as_beijing_time(client, world, now):
    client.force_login(world.users.health)
    opened = _post(client, "/api/epidemic/observations", {
        "person": world.miner.pk, "kind": "home", "reason": "close_contact",
        "last_exposure_at": "2026-03-09T23:30:00",
    })  # fmt: skip
    assert opened.status_code == 201, opened.content
    assert opened.json()["planned_end"].startswith("2026-03-23T23:59:59")
    made = _post(client, "/api/epidemic/cases", {
        "person": world.miner.pk, "classification": "confirmed",
        "isolation_started_at": "2026-03-10T08:00:00",
    })  # fmt: skip
    assert made.status_code == 201, made.content
    assert made.json()["isolation_started_at"].startswith("2026-03-10T08:00:00+08:00")


def test_the_api_records_a_case_with_its_tests_or_nothing(client, world, now):
    client.force_login(world.users.health)
    tests = [
        {"kind": "antigen", "taken_on": "2026-03-09", "result": "positive"},
        {"kind": "nucleic_acid", "taken_on": "2026-03-11", "result": "pending"},
    ]
    body = {"person": world.miner.pk, "classification": "confirmed", "tests": tests}
    refused = _post(client, "/api/epidemic/cases", body)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["field"] == "body.tests.1.taken_on"
    assert not Case.objects.exists()
    tests[1]["taken_on"] = "2026-03-10"
    made = _post(client, "/api/epidemic/cases", body)
    assert made.status_code == 201
    assert [t["kind"] for t in made.json()["tests"]] == ["antigen", "nucleic_acid"]
    listed = client.get("/api/epidemic/cases").json()["items"]
    assert len(listed[0]["tests"]) == 2
