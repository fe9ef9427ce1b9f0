"""The nightly roster data check as a Huey periodic task."""

from __future__ import annotations

import datetime as dt

import pytest
from huey.contrib.djhuey import HUEY

from fugong.people.models import DataCheckFinding, FindingKind
from fugong.people.tasks import roster_data_check
from fugong.people.tests.factories import PersonFactory

TASK_NAME = "people.roster_data_check"


def due_at(moment: tuple[int, int, int, int, int]) -> set[str]:
    # utc=False: the consumer hands periodic tasks the naive local (Asia/Shanghai) time.
    return {task.name for task in HUEY.read_periodic(dt.datetime(*moment))}


def test_it_is_registered_as_a_periodic_task():
    assert TASK_NAME in {task.name for task in HUEY._registry.periodic_tasks}


def test_it_is_due_at_0230_local_time_every_day():
    assert not HUEY.utc
    assert TASK_NAME in due_at((2026, 3, 1, 2, 30))
    assert TASK_NAME in due_at((2026, 12, 31, 2, 30))


@pytest.mark.parametrize(
    "moment",
    [(2026, 3, 1, 2, 29), (2026, 3, 1, 2, 31), (2026, 3, 1, 14, 30), (2026, 3, 1, 3, 30)],
)
def test_it_is_not_due_at_other_minutes(moment):
    assert TASK_NAME not in due_at(moment)


@pytest.mark.django_db
def test_it_runs_the_data_check_in_immediate_mode(world, huey_immediate):
    PersonFactory(name="孙八", enterprise=world.qifeng, phone=world.miner.phone)
    roster_data_check()
    assert DataCheckFinding.objects.filter(kind=FindingKind.SHARED_PHONE).count() == 1
    roster_data_check()  # the lock was released and the second run duplicates nothing
    assert DataCheckFinding.objects.count() == 1
    assert not huey_immediate.is_locked(TASK_NAME)


@pytest.mark.django_db
def test_it_returns_the_run_summary_when_called_directly(world):
    PersonFactory(name="孙八", enterprise=world.qifeng, phone=world.miner.phone)
    assert roster_data_check.call_local() == {"found": 1, "created": 1, "kept": 0, "resolved": 0}


@pytest.mark.django_db
def test_without_immediate_mode_an_enqueued_task_waits_and_does_not_run(world):
    PersonFactory(name="孙八", enterprise=world.qifeng, phone=world.miner.phone)
    roster_data_check()
    assert HUEY.pending_count() == 1
    assert not DataCheckFinding.objects.exists()


@pytest.mark.django_db
def test_the_queue_a_test_leaves_is_not_the_next_tests_queue(world):
    """Runs after the test above (same module, same worker): its task is gone."""
    assert HUEY.pending_count() == 0
