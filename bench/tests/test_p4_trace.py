"""P4 on the tiny data set: presence is generated, and the trace equals the networkx one."""

from __future__ import annotations

import pytest

from bench import SIZES, Context, generate
from bench import presence as bench_presence
from fugong.epidemic.models import DormitoryNight, PresenceInterval, ShiftRoster

pytestmark = pytest.mark.django_db
TINY = SIZES["tiny"]


@pytest.fixture
def tiny_presence(without_world):
    generate.load(TINY)
    return bench_presence.ensure(TINY)


def test_the_generator_makes_30_days_of_presence_in_the_mines(tiny_presence):
    days = ShiftRoster.objects.dates("day", "day")
    assert len(days) == bench_presence.DAYS
    assert PresenceInterval.objects.filter(source="roster").count() == tiny_presence["members"]
    assert PresenceInterval.objects.filter(source="canteen").count() == tiny_presence["members"]
    assert DormitoryNight.objects.exists()
    assert bench_presence.ensure(TINY) == {"presence": "re-used"}


def test_p4_gives_the_networkx_result_and_reports_the_ratio(tiny_presence):
    pytest.importorskip("networkx")
    from bench import p4_trace

    rows = p4_trace.run(TINY, Context(database="sqlite", engine_version="-", repetitions=1))
    assert all(row["misses"] == 0 for row in rows), rows
    overall = rows[-1]
    assert overall["kind"] == "overall"
    assert overall["ratio"] > 0
