"""Trends, distributions and rankings of the metrics: each a selector returning plain data
(JSON for the ECharts line, rows for the tables), built on ``metrics.totals``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fugong.dailyreport.metrics import LABELS, Ratio, totals
from fugong.dailyreport.selectors import key_names
from fugong.org.models import Enterprise

METRIC_NAMES = ("operating", "attendance", "capacity")
# 到岗率 buckets of the distribution; DESIGN's example is "enterprises with 到岗率 ≥ 90 %".
BUCKETS = (
    (Decimal("0.9"), None, _("≥ 90 %")),
    (Decimal("0.7"), Decimal("0.9"), _("70 – 90 %")),
    (Decimal("0.5"), Decimal("0.7"), _("50 – 70 %")),
    (Decimal("0"), Decimal("0.5"), _("< 50 %")),
)
RANKING_KEYS: dict[str, tuple[str, Any]] = {
    "county": ("region", _("County")),
    "group": ("parent", _("Group")),
    "enterprise": ("pk", _("Enterprise")),
}


def _percent_value(ratio: Ratio) -> float | None:
    return None if ratio.rate is None else round(float(ratio.rate * 100), 1)


def trend(enterprises: QuerySet[Enterprise], start: dt.date, end: dt.date) -> dict[str, Any]:
    """One point per day and metric (each day's own numerator ÷ denominator)."""
    by_day = totals(enterprises, start, end, key="day")
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    series = []
    for name in METRIC_NAMES:
        points = [_percent_value(by_day[day].ratios()[name]) if day in by_day else None
                  for day in days]  # fmt: skip
        series.append({"name": str(LABELS[name]), "data": points})
    return {"days": [day.isoformat() for day in days], "series": series}


def distribution(enterprises: QuerySet[Enterprise], start: dt.date, end: dt.date) -> list[dict]:
    """How many enterprises fall in each 到岗率 bucket over the range (those with a headcount)."""
    by_enterprise = totals(enterprises, start, end, key="pk")
    counts = [0] * len(BUCKETS)
    for bucket_totals in by_enterprise.values():
        rate = bucket_totals.ratios()["attendance"].rate
        if rate is None:
            continue
        for index, (low, high, _label) in enumerate(BUCKETS):
            if rate >= low and (high is None or rate < high):
                counts[index] += 1
                break
    return [
        {"label": label, "count": count}
        for (_low, _high, label), count in zip(BUCKETS, counts, strict=True)
    ]


def ranking(
    enterprises: QuerySet[Enterprise], start: dt.date, end: dt.date, by: str
) -> list[dict[str, Any]]:
    """Rows per county, group or enterprise, best 开工率 first, with all three metrics."""
    key = RANKING_KEYS[by][0]
    grouped = totals(enterprises, start, end, key=key)
    names = key_names(key, grouped)
    rows: list[dict[str, Any]] = []
    for value, bucket in grouped.items():
        if value is None:
            continue  # units without a group, in the group ranking
        ratios = bucket.ratios()
        rows.append({"name": names.get(value, "—"), "ratios": ratios})

    def best_first(row: dict[str, Any]) -> tuple[Any, str]:
        rate = row["ratios"]["operating"].rate
        return (-rate if rate is not None else 1, row["name"])  # no rate: last

    rows.sort(key=best_first)
    return rows
