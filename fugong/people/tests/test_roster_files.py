"""Roster files kept between requests: one owner, one use, a time to live."""

from __future__ import annotations

import pytest

from fugong.people import roster_files

pytestmark = pytest.mark.django_db


def test_a_token_is_claimed_once_even_without_being_deleted(world):
    user = world.users.manager
    token = roster_files.create(roster_files.UPLOADS, user=user, digest="x")
    assert roster_files.claim(roster_files.UPLOADS, token, user=user) is not None
    assert roster_files.claim(roster_files.UPLOADS, token, user=user) is None
    roster_files.release(roster_files.UPLOADS, token)
    assert roster_files.claim(roster_files.UPLOADS, token, user=user) is not None


def test_a_token_is_nothing_to_another_user(world):
    token = roster_files.create(roster_files.EXPORTS, user=world.users.manager)
    assert roster_files.read_meta(roster_files.EXPORTS, token, user=world.users.health) is None
    assert roster_files.claim(roster_files.EXPORTS, token, user=world.users.health) is None
    assert roster_files.read_meta(roster_files.EXPORTS, token, user=world.users.manager)


@pytest.mark.parametrize("token", ["../../etc/passwd", "", "a" * 21, "a/" * 11])
def test_a_token_that_is_not_one_of_ours_is_refused_without_touching_the_disk(world, token):
    assert roster_files.read_meta(roster_files.UPLOADS, token, user=world.users.manager) is None
