"""The policy in force as the hot paths read it: the shared cache, and each process's copy of it
for LOCAL_SECONDS (DESIGN §5 P2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from fugong.epidemic.models import Policy
from fugong.epidemic.selectors import policy as module
from fugong.epidemic.selectors.policy import CACHE_KEY, LOCAL_SECONDS, policy_in_force_cached

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
AT = dt.datetime(2026, 11, 30, 9, 0, tzinfo=SHANGHAI)


@pytest.fixture
def clock(monkeypatch):
    """This process's monotonic clock, moved by hand."""
    now = [1000.0]
    monkeypatch.setattr(module.time, "monotonic", lambda: now[0])
    return now


def written_elsewhere(**fields) -> None:
    """A version saved by another web process: the rows and the shared cache change, but no
    signal reaches this process."""
    Policy.objects.bulk_create([Policy(**fields)])  # bulk_create sends no post_save
    cache.delete(CACHE_KEY)  # the other process's policy_cache_clear


def test_a_version_saved_in_this_process_is_seen_at_once(clock):
    assert policy_in_force_cached(AT).fever_threshold == Decimal("37.3")  # the defaults
    Policy.objects.create(effective_from=AT.date(), fever_threshold=Decimal("37.0"))
    assert policy_in_force_cached(AT).fever_threshold == Decimal("37.0")


def test_a_version_saved_by_another_process_is_seen_within_the_second(clock):
    assert policy_in_force_cached(AT).fever_threshold == Decimal("37.3")
    written_elsewhere(effective_from=AT.date(), fever_threshold=Decimal("37.0"))
    clock[0] += LOCAL_SECONDS - 0.001
    assert policy_in_force_cached(AT).fever_threshold == Decimal("37.3")  # this process's copy
    clock[0] += 0.001
    assert policy_in_force_cached(AT).fever_threshold == Decimal("37.0")


def test_the_copy_is_of_one_day_only(clock):
    Policy.objects.create(effective_from=AT.date() + dt.timedelta(days=1), temperature_max=40)
    assert policy_in_force_cached(AT).temperature_max == Decimal("43.0")
    # The same second, past local midnight: the next day's version, not today's copy.
    tomorrow = AT.replace(hour=0) + dt.timedelta(days=1)
    assert policy_in_force_cached(tomorrow).temperature_max == Decimal("40.0")
    assert policy_in_force_cached(AT).temperature_max == Decimal("43.0")


def test_the_copy_is_read_from_the_shared_cache_not_the_table(clock, django_assert_num_queries):
    policy_in_force_cached(AT)
    with django_assert_num_queries(0):
        policy_in_force_cached(AT)  # this process's copy
        clock[0] += LOCAL_SECONDS
        policy_in_force_cached(AT)  # the shared cache's entry, still no query


def test_another_cache_starts_without_the_copy(clock, settings):
    assert policy_in_force_cached(AT).fever_threshold == Decimal("37.3")
    Policy.objects.bulk_create([Policy(effective_from=AT.date(), fever_threshold=Decimal("37.1"))])
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert policy_in_force_cached(AT).fever_threshold == Decimal("37.1")
