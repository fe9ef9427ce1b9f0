"""The manual status (needs a reason, audited, shown as set by the health officer) and the
appeal flow (the worker files, the health officer upholds or rejects, the worker sees it)."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from fugong.epidemic.models import Appeal, AppealState, HealthStatus, HealthStatusChange
from fugong.epidemic.services.health import status_override
from fugong.epidemic.services.health_appeal import appeal_decide, appeal_file
from fugong.epidemic.tests.conftest import beijing

pytestmark = pytest.mark.django_db
NOW = beijing(2026, 3, 10, 10)


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_manual_status_needs_a_reason_and_nothing_changes_without_one(world, reason):
    with pytest.raises(ValidationError) as refused:
        status_override(
            actor=world.users.health, person=world.miner, colour="red", reason=reason, until=None
        )
    assert "reason" in refused.value.message_dict
    assert not HealthStatus.objects.filter(person=world.miner, override_colour="red").exists()


def test_a_manual_status_wins_is_audited_and_recorded_as_manual(world, check_in):
    check_in(NOW)
    status = status_override(
        actor=world.users.health,
        person=world.miner,
        colour="red",
        reason="疾控通知: 密接",
        until=NOW + dt.timedelta(days=3),
        at=NOW,
    )
    assert status.colour == "red"
    assert status.conditions[0]["rule"] == "override"
    change = HealthStatusChange.objects.filter(person=world.miner, manual=True).get()
    assert (change.colour_after, change.reason, change.changed_by) == (
        "red",
        "疾控通知: 密接",
        world.users.health,
    )
    assert LogEntry.objects.get_for_object(status).exists()


def test_a_manual_status_ends_at_its_until(world, check_in):
    from fugong.epidemic.services.status import health_status_refresh

    check_in(NOW)
    until = NOW + dt.timedelta(hours=2)
    status_override(
        actor=world.users.health, person=world.miner, colour="red", reason="r", until=until, at=NOW
    )
    before = health_status_refresh(person_ids=[world.miner.pk], at=until - dt.timedelta(seconds=1))
    assert before[world.miner.pk].colour == "red"
    after = health_status_refresh(person_ids=[world.miner.pk], at=until)
    assert after[world.miner.pk].colour == "green"


def test_only_the_health_officer_of_the_enterprise_may_set_a_status(world):
    with pytest.raises(PermissionDenied):
        status_override(
            actor=world.users.city, person=world.miner, colour="red", reason="r", until=None
        )
    with pytest.raises(PermissionDenied):
        status_override(
            actor=world.users.health, person=world.yuanping_miner, colour="red", reason="r",
            until=None,
        )  # fmt: skip


def test_the_persons_code_page_shows_a_status_set_by_the_health_officer(client, world):
    status_override(
        actor=world.users.health, person=world.miner, colour="yellow", reason="复核", until=None
    )
    client.force_login(world.users.worker)
    page = client.get(reverse("epidemic:health_code")).content.decode()
    assert 'data-testid="override-note"' in page
    assert "Set by the health officer" in page
    assert 'data-colour="yellow"' in page


def test_the_override_page_refuses_an_empty_reason_and_saves_with_one(client, world):
    client.force_login(world.users.health)
    url = reverse("epidemic:health_override", args=[world.miner.pk])
    refused = client.post(url, {"colour": "red", "reason": ""})
    assert refused.status_code == 200
    assert 'data-testid="form-errors"' in refused.content.decode()
    saved = client.post(url, {"colour": "red", "reason": "疾控通知"})
    assert saved.status_code == 302
    assert HealthStatus.objects.get(person=world.miner).colour == "red"


# --- appeals -----------------------------------------------------------------------------------


def test_the_appeal_flow_upheld_with_a_colour(client, world, check_in):
    """GIVEN a worker yellow after a cough WHEN they appeal and the officer upholds with green
    THEN the code is green (set by the health officer) and the worker sees the outcome."""
    check_in(NOW, symptoms=["cough"])
    appeal = appeal_file(actor=world.users.worker, person=world.miner, text="只是过敏", at=NOW)
    assert appeal.colour_appealed == "yellow"
    client.force_login(world.users.health)
    queue = client.get(reverse("epidemic:health_appeal_list")).content.decode()
    assert "只是过敏" in queue
    response = client.post(
        reverse("epidemic:health_appeal_decide", args=[appeal.pk]),
        {"uphold": "1", "colour": "green", "note": "经复核为过敏性鼻炎"},
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.state == AppealState.UPHELD
    assert appeal.decided_by == world.users.health
    assert HealthStatus.objects.get(person=world.miner).colour == "green"
    assert LogEntry.objects.get_for_object(appeal).count() >= 2
    client.force_login(world.users.worker)
    page = client.get(reverse("epidemic:health_code")).content.decode()
    assert "经复核为过敏性鼻炎" in page


def test_a_rejected_appeal_keeps_the_colour_and_needs_a_note(world, check_in):
    check_in(NOW, symptoms=["cough"])
    appeal = appeal_file(actor=world.users.worker, person=world.miner, text="没事", at=NOW)
    with pytest.raises(ValidationError) as refused:
        appeal_decide(actor=world.users.health, appeal=appeal, uphold=False, note="", at=NOW)
    assert "note" in refused.value.message_dict
    appeal_decide(actor=world.users.health, appeal=appeal, uphold=False, note="症状未消", at=NOW)
    appeal.refresh_from_db()
    assert appeal.state == AppealState.REJECTED
    assert HealthStatus.objects.get(person=world.miner).colour == "yellow"
    with pytest.raises(ValidationError):
        appeal_decide(actor=world.users.health, appeal=appeal, uphold=True, note="x", at=NOW)


def test_one_open_appeal_at_a_time_and_only_for_oneself(world):
    appeal_file(actor=world.users.worker, person=world.miner, text="a")
    with pytest.raises(ValidationError):
        appeal_file(actor=world.users.worker, person=world.miner, text="b")
    with pytest.raises(PermissionDenied):
        appeal_file(actor=world.users.worker, person=world.colleague, text="c")
    assert Appeal.objects.count() == 1


def test_an_appeal_outside_the_officers_enterprise_cannot_be_decided(world):
    appeal = Appeal.objects.create(person=world.yuanping_miner, colour_appealed="red", text="x")
    with pytest.raises(PermissionDenied):
        appeal_decide(actor=world.users.health, appeal=appeal, uphold=False, note="n")
