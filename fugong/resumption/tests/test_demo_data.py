"""The demo world's resumption layer: every state, the group's five operating mines approved
and due, and one group mine waiting for the regulator's acceptance."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from fugong.demo import data
from fugong.demo.world import remove_demo_reference_data, reset_world
from fugong.org.models import Enterprise
from fugong.resumption.demo_data import WAITING_MINE
from fugong.resumption.models import Application, MineAcceptance, ReviewStep
from fugong.resumption.services import mine_is_accepted

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, without_world):
    hasher = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=hasher):
        call_command("demo_world", stdout=StringIO())
    yield
    with django_db_blocker.unblock():
        reset_world()
        remove_demo_reference_data()


def test_applications_exist_in_every_state(demo):
    states = set(Application.objects.values_list("status", flat=True))
    assert states == {"draft", "submitted", "approved", "returned"}
    assert Application.objects.filter(round=2, status="submitted").exists()


def test_the_groups_five_operating_mines_are_accepted_approved_and_due(demo):
    mines = Enterprise.objects.filter(parent__name=data.GROUP_NAME, status="active")
    assert mines.count() == 5
    for mine in mines:
        application = Application.objects.get(enterprise=mine)
        assert application.status == "approved" and application.notice_number
        assert mine.resumption_due_on == application.planned_on
        assert mine_is_accepted(mine)


def test_one_group_mine_waits_for_the_regulators_acceptance(demo):
    mine = Enterprise.objects.get(name=WAITING_MINE)
    record = MineAcceptance.objects.get(enterprise=mine)
    assert record.route == "regulator" and record.stopped_days >= 30
    assert not mine_is_accepted(mine)
    assert Application.objects.get(enterprise=mine).status == "submitted"


def test_notice_numbers_are_unique_and_steps_match_their_submission(demo):
    numbers = [n for n in Application.objects.values_list("notice_number", flat=True) if n]
    assert len(numbers) == len(set(numbers)) == 6
    for step in ReviewStep.objects.select_related("application"):
        assert step.round <= step.application.round
