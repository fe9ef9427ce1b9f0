"""Typed ID numbers that match nobody are counted per terminal: a sweep of guesses over the
masked digits is refused (429) before it can tell which numbers exist (DESIGN §5 security)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from fugong.core.identifiers import make_id_number
from fugong.epidemic.models import Screening
from fugong.epidemic.tests.test_screening_api import item, post, terminal  # noqa: F401

pytestmark = pytest.mark.django_db


def guesses(world, count: int, start: int = 0) -> list[dict]:
    births = [dt.date(1980, 1, 1) + dt.timedelta(days=start + n) for n in range(count)]
    return [item(world, id_number=make_id_number("142301", b, 17)) for b in births]


@override_settings(FUGONG_CHECKPOINT_ID_MISS_LIMIT=20)
def test_a_terminal_guessing_id_numbers_is_refused_after_the_limit_and_nothing_is_stored(
    terminal,  # noqa: F811
    world,
):
    first = post(terminal, guesses(world, 20))
    assert first.status_code == 422  # nobody: each item named, nothing stored
    refused = post(terminal, guesses(world, 1, start=100))
    assert refused.status_code == 429
    assert refused["Retry-After"]
    assert Screening.objects.count() == 0


@override_settings(FUGONG_CHECKPOINT_ID_MISS_LIMIT=20)
def test_typed_id_numbers_of_people_in_scope_are_never_counted(terminal, world):  # noqa: F811
    known = [item(world, id_number=world.miner.id_number, minutes=n) for n in range(25)]
    for start in range(0, 25, 5):
        assert post(terminal, known[start : start + 5]).status_code == 200
    assert Screening.objects.count() == 25
