"""The application's state machine: draft → submitted → approved | returned, a return answered
and resubmitted with its history kept, and every illegal step refused with nothing changed."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from fugong.org.models import Enterprise
from fugong.resumption import services
from fugong.resumption.models import Application, ReviewStep
from fugong.resumption.tests.world import filled

pytestmark = pytest.mark.django_db


def draft(world, **overrides):
    return services.application_create(
        actor=world.users.manager, **filled(world.qifeng, **overrides), enterprise=world.qifeng
    )


def approve_all(application, reviewers, note="按方案落实"):
    for who in (reviewers.county, reviewers.health, reviewers.emergency, reviewers.energy):
        application = services.application_decide(
            actor=who, application=application, decision="approved", note=note
        )
    return application


def test_a_new_application_is_a_draft_without_a_clock(world):
    application = draft(world)
    assert application.status == "draft"
    assert application.due_at is None and application.round == 0


@pytest.mark.parametrize("unticked", Application.FIVE_THINGS)
def test_submitting_needs_all_five_things_in_place(world, unticked):
    application = draft(world, **{unticked: False})
    with pytest.raises(ValidationError) as refused:
        services.application_submit(actor=world.users.manager, application=application)
    assert set(refused.value.message_dict) == {unticked}
    application.refresh_from_db()
    assert application.status == "draft"
    assert not ReviewStep.objects.filter(application=application).exists()


def test_submitting_needs_a_prevention_plan_text_or_file(world):
    application = draft(world, prevention_plan="  ")
    with pytest.raises(ValidationError) as refused:
        services.application_submit(actor=world.users.manager, application=application)
    assert "prevention_plan" in refused.value.message_dict


def test_staff_from_outside_cannot_exceed_the_staff_returning(world):
    with pytest.raises(ValidationError) as refused:
        draft(world, planned_headcount=10, from_outside_province=11)
    assert "from_outside_province" in refused.value.message_dict
    assert not Application.objects.exists()


def test_submitting_routes_a_coal_mine_to_the_county_health_emergency_and_energy(world):
    application = services.application_submit(actor=world.users.manager, application=draft(world))
    assert application.status == "submitted" and application.round == 1
    departments = set(application.steps.values_list("department", flat=True))
    assert departments == {"", "health", "emergency", "energy"}


def test_a_submitted_application_cannot_be_submitted_again_or_edited(world):
    application = services.application_submit(actor=world.users.manager, application=draft(world))
    with pytest.raises(ValidationError) as refused:
        services.application_submit(actor=world.users.manager, application=application)
    assert "__all__" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.application_update(actor=world.users.manager, application=application, masks=1)
    application.refresh_from_db()
    assert application.masks == 5000 and application.round == 1


def test_a_draft_cannot_be_decided(world, reviewers):
    application = draft(world)
    with pytest.raises(ValidationError) as refused:
        services.application_decide(
            actor=reviewers.county, application=application, decision="approved"
        )
    assert "__all__" in refused.value.message_dict


def test_a_return_needs_its_reasons(world, reviewers):
    application = services.application_submit(actor=world.users.manager, application=draft(world))
    with pytest.raises(ValidationError) as refused:
        services.application_decide(
            actor=reviewers.county, application=application, decision="returned", note=" "
        )
    assert "note" in refused.value.message_dict
    application.refresh_from_db()
    assert application.status == "submitted"


def test_a_returned_application_is_answered_and_resubmitted_keeping_its_history(
    world, reviewers, accepted_qifeng
):
    application = services.application_submit(actor=world.users.manager, application=draft(world))
    application = services.application_decide(
        actor=reviewers.health, application=application, decision="returned", note="缺少隔离方案"
    )
    assert application.status == "returned"
    assert application.return_reasons == "缺少隔离方案"
    # The other reviewers' steps of that submission are closed.
    assert set(application.steps.values_list("decision", flat=True)) == {"returned", "closed"}
    application = services.application_update(
        actor=world.users.manager, application=application, prevention_plan="增加隔离观察室"
    )
    application = services.application_submit(actor=world.users.manager, application=application)
    assert application.round == 2
    assert application.steps.filter(round=2, decision="pending").count() == 4
    application = approve_all(application, reviewers)
    assert application.status == "approved"
    history = LogEntry.objects.get_for_object(application)
    statuses = [e.changes_dict.get("status", [None, None])[1] for e in history.order_by("pk")]
    assert [s for s in statuses if s] == ["draft", "submitted", "returned", "submitted", "approved"]


def test_approval_waits_for_every_reviewer_then_issues_the_notice_and_the_due_date(
    world, reviewers, accepted_qifeng
):
    application = services.application_submit(actor=world.users.manager, application=draft(world))
    for who in (reviewers.county, reviewers.health, reviewers.emergency):
        application = services.application_decide(
            actor=who, application=application, decision="approved", note="测温到位"
        )
        assert application.status == "submitted" and application.notice_number is None
    application = services.application_decide(
        actor=reviewers.energy, application=application, decision="approved"
    )
    assert application.status == "approved"
    assert (application.notice_number or "").startswith("140925复工〔")
    assert "测温到位" in application.conditions
    assert Enterprise.objects.get(pk=world.qifeng.pk).resumption_due_on == application.planned_on


def test_a_reviewer_decides_once_and_only_its_own_step(world, reviewers, accepted_qifeng):
    application = services.application_submit(actor=world.users.manager, application=draft(world))
    services.application_decide(
        actor=reviewers.county, application=application, decision="approved"
    )
    with pytest.raises(ValidationError) as refused:
        services.application_decide(
            actor=reviewers.county, application=application, decision="approved"
        )
    assert "__all__" in refused.value.message_dict


def test_an_approved_application_is_final(world, reviewers, accepted_qifeng):
    application = approve_all(
        services.application_submit(actor=world.users.manager, application=draft(world)), reviewers
    )
    for attempt in (
        lambda: services.application_submit(actor=world.users.manager, application=application),
        lambda: services.application_update(
            actor=world.users.manager, application=application, masks=1
        ),
        lambda: services.application_decide(
            actor=reviewers.county, application=application, decision="returned", note="x"
        ),
    ):
        with pytest.raises(ValidationError):
            attempt()


def test_a_group_files_for_its_member_unit_but_not_for_itself(world):
    application = services.application_create(
        actor=world.users.group, enterprise=world.yuanping_mine, **filled(world.yuanping_mine)
    )
    assert application.enterprise == world.yuanping_mine
    with pytest.raises(ValidationError) as refused:
        services.application_create(
            actor=world.users.group, enterprise=world.group, **filled(world.group)
        )
    assert "enterprise" in refused.value.message_dict


def test_an_unknown_field_is_refused_by_name(world):
    with pytest.raises(ValidationError) as refused:
        services.application_create(
            actor=world.users.manager, enterprise=world.qifeng, status="approved",
            **filled(world.qifeng),
        )  # fmt: skip
    assert "status" in refused.value.message_dict
