"""The tests' clean-up after a committed demo world leaves nothing of it for the next module."""

from __future__ import annotations

import datetime as dt

import pytest

from fugong.demo.world import remove_demo_reference_data
from fugong.epidemic.demo_checkpoint import DEMO_POLICY_NOTE, build_policy
from fugong.epidemic.models import Policy

pytestmark = pytest.mark.django_db


def test_the_demos_policy_version_goes_and_any_other_stays():
    """A demo version left behind was in force for every later test of the worker, and on the
    1st of a month it clashed with a test's own version for that day."""
    build_policy(None)  # type: ignore[arg-type]  # the step reads nothing of the world
    assert Policy.objects.filter(note=DEMO_POLICY_NOTE).count() == 1
    other = Policy.objects.create(effective_from=dt.date(2020, 1, 1), note="市指挥部第2号通告")
    remove_demo_reference_data()
    assert list(Policy.objects.all()) == [other]
