"""The generator loads into the real schema, and P6 drives the real directory page on it."""

from __future__ import annotations

import pytest

from bench import SIZES, Context, generate
from bench import p6_directory as p6
from fugong.org.models import Enterprise
from fugong.people.models import Person

pytestmark = pytest.mark.django_db
TINY = SIZES["tiny"]


@pytest.fixture
def tiny_data(without_world):
    """The tiny data set in this test's transaction, in tables without the test world."""
    return generate.load(TINY)


def test_it_loads_the_rows_into_the_migrated_tables(tiny_data):
    assert Person.objects.count() == TINY.people
    assert Enterprise.objects.filter(kind="coal_mine").count() == TINY.coal_mines
    person = Person.objects.select_related("enterprise", "team").order_by("?").first()
    assert person is not None
    person.full_clean()


def test_the_bench_city_command_sees_the_whole_tiny_data_set(tiny_data):
    users = p6.bench_users()
    assert Person.objects.restrict(users["city_command"]).count() == TINY.people
    assert Person.objects.restrict(users["superuser"]).count() == TINY.people


def test_p6_times_every_kind_of_request_and_finds_every_exact_search(tiny_data):
    rows = p6.run(TINY, Context(database="sqlite", engine_version="-", repetitions=3, warmup=1))
    kinds = {(row["actor"], row["kind"]) for row in rows}
    assert ("superuser", "full ID number") in kinds
    assert ("superuser", "page 200") in kinds
    assert ("both", "overall") in kinds
    # City command staff may not search by whole numbers (DESIGN §2): not in their plan.
    assert ("city_command", "full ID number") not in kinds
    assert all(row["misses"] == 0 for row in rows)
    overall = rows[-1]
    assert overall["count"] == (5 + 7) * 3
    assert 0 < overall["p50_ms"] <= overall["p95_ms"] <= overall["max_ms"]
