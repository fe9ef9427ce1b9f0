"""Long id lists are bound as one parameter and find the same rows as plain lists (P1)."""

from __future__ import annotations

import uuid

import pytest
from django.utils import timezone

from fugong.epidemic.models import Screening
from fugong.epidemic.selectors.id_lists import SHORT, ids_in, uuids_in
from fugong.epidemic.services.status import conditions_of
from fugong.epidemic.tests import test_screening_api as api
from fugong.epidemic.tests.test_screening_api import post
from fugong.epidemic.tests.test_screening_batch_cost import batch
from fugong.people.models import Person

pytestmark = pytest.mark.django_db
terminal = api.terminal  # the same device fixture
ABSENT = 10**9  # ids no row has


def padded(pks, size):
    return [*pks, *range(ABSENT, ABSENT + size - len(pks))]


def test_a_list_just_below_the_bound_stays_a_plain_list():
    assert ids_in(range(SHORT - 1)) == list(range(SHORT - 1))
    assert isinstance(uuids_in([uuid.uuid4() for _ in range(SHORT - 1)]), list)


@pytest.mark.parametrize("size", [SHORT, SHORT + 1, 1000])
def test_a_list_at_or_above_the_bound_is_one_parameter_with_the_same_rows(world, size):
    ids = padded([world.miner.pk, world.colleague.pk], size)
    assert not isinstance(ids_in(ids), list)
    found = set(Person.objects.filter(pk__in=ids_in(ids)).values_list("pk", flat=True))
    assert found == {world.miner.pk, world.colleague.pk}


def test_the_conditions_of_a_person_are_the_same_in_a_long_list(world):
    at = timezone.now()
    alone = conditions_of([world.miner.pk], at)[world.miner.pk]
    among = conditions_of(padded([world.miner.pk], SHORT + 10), at)[world.miner.pk]
    assert among == alone


def test_a_resent_batch_above_the_bound_answers_every_reading_as_a_duplicate(terminal, world):
    items = batch(world, SHORT + 5)
    assert len(post(terminal, items).json()["new"]) == SHORT + 5
    again = post(terminal, items).json()
    assert again["new"] == [] and len(again["duplicates"]) == SHORT + 5
    assert Screening.objects.count() == SHORT + 5
