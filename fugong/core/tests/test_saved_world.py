"""The test world is built once per test database and handed to each test as new objects."""

from __future__ import annotations

import pytest

from fugong.org.models import Enterprise
from fugong.people.models import Person


def test_each_test_gets_new_objects_so_unsaved_changes_do_not_leak(world, _saved_world):
    world.users.manager.is_active = False
    world.qifeng.name = "改名煤矿"
    again = _saved_world.instances()
    assert again.users.manager is not world.users.manager
    assert again.users.manager.is_active
    assert again.qifeng.name == "宁武栖凤煤矿"


@pytest.mark.django_db
def test_it_fetches_the_world_with_one_query_per_model(_saved_world, django_assert_num_queries):
    # Region, Enterprise, Place, Team, Shift, Person, User
    with django_assert_num_queries(7):
        _saved_world.instances()


def test_foreign_keys_point_at_the_worlds_own_objects_without_a_query(
    world, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert world.miner.enterprise is world.qifeng
        assert world.qifeng.parent is world.group
        assert world.users.worker.person is world.miner
        assert world.miner.user is world.users.worker
        assert world.users.county.region.parent is world.regions.xinzhou


def test_rows_a_test_changes_are_there_unchanged_for_the_next(world):
    """Runs in a transaction rolled back at its end: the renamed mine and the new person are
    gone for the next test, whose world is the same."""
    Enterprise.objects.filter(pk=world.qifeng.pk).update(name="改名煤矿")
    Person.objects.filter(pk=world.miner.pk).delete()
    assert not Person.objects.filter(name="张三").exists()


def test_the_next_test_sees_the_world_as_built(world):
    assert Enterprise.objects.get(pk=world.qifeng.pk).name == "宁武栖凤煤矿"
    assert Person.objects.filter(name="张三").count() == 1


@pytest.mark.django_db(transaction=True)
def test_it_is_built_again_after_the_tables_were_emptied(_saved_world):
    """A transactional test (live_server) empties every table when it ends."""
    _saved_world.remove()
    assert not Enterprise.objects.exists()
    _saved_world.ensure()
    assert _saved_world.instances().qifeng.name == "宁武栖凤煤矿"
    assert Enterprise.objects.count() == 5
