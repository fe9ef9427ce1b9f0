"""P3 on the tiny data set: reports are added once, and the ORM equals the SQL baseline."""

from __future__ import annotations

import pytest

from bench import SIZES, Context, generate
from bench import p3_metrics as p3
from fugong.dailyreport.models import DailyReport

pytestmark = pytest.mark.django_db
TINY = SIZES["tiny"]


@pytest.fixture
def tiny_data(without_world):
    return generate.load(TINY)


def test_p3_adds_90_days_of_reports_and_matches_the_baseline_exactly(tiny_data):
    rows = p3.run(TINY, Context(database="sqlite", engine_version="-", repetitions=2, warmup=1))
    days = set(DailyReport.objects.values_list("day", flat=True))
    assert min(days) == p3.START and max(days) == p3.END and len(days) == 90
    assert DailyReport.objects.filter(superseded_at__isnull=False).exists()
    assert not any(row["misses"] for row in rows)
    overall = rows[-1]
    assert overall["kind"] == "overall" and overall["ratio"] > 0
    assert p3.ensure_reports(TINY) == "re-used"
