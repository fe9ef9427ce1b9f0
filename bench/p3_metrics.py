"""P3: the 复工复产 metrics of a region over 90 days, against one hand-written SQL aggregate.

The bench data sets have no daily reports of their own; the first P3 run on a data set adds
them (``ensure_reports``: every active enterprise gets a due date, and 90 days of reports with
some missing, zero-reports and a few replaced versions), recorded in ``bench_p3_meta`` so that
later runs re-use them. Then, as 忻州's city command, ``metrics_for`` (the selector the pages and
the API call) is timed beside one SQL statement that computes the same numerators and
denominators by the counting rules of DESIGN §3.4. Any difference in a number is a wrong
result (``misses``) and fails the bench; the ratio ORM ÷ SQL of the medians is the figure the
target (≤ 1.5×) is about.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from bench import BENCH_CITY, Context, Size
from bench import database as db
from bench.p6_directory import bench_users, summarise
from fugong.dailyreport.models import DailyReport
from fugong.dailyreport.selectors import metrics_for
from fugong.org.models import Enterprise

ID = "P3"
TITLE = "metrics of a region over 90 days"
TARGET = "≤ 1.5× one hand-written SQL aggregate"
TARGET_MS = None
TARGET_RATIO = 1.5

END = dt.date(2026, 3, 31)
DAYS = 90
START = END - dt.timedelta(days=DAYS - 1)
REPORTS_VERSION = "1"
META = "bench_p3_meta"
REPORT_COLUMNS = (
    "id", "created_at", "updated_at", "enterprise_id", "day", "operating", "normal_headcount",
    "staff_on_duty", "output", "normal_output", "notes", "submitted_by_id", "submitted_at",
    "late", "confirmed_by_id", "confirmed_at", "superseded_at", "screened_count",
    "underground_count", "flagged",
)  # fmt: skip


def _meta() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {META} (key varchar(64) PRIMARY KEY, value text)"
        )
        cursor.execute(f"SELECT value FROM {META} WHERE key = 'reports'")
        row = cursor.fetchone()
    return row[0] if row else None


def _due_dates(rng: random.Random, ids: list[int]) -> dict[int, dt.date | None]:
    """Most units due before the 90 days, some during them, a few not due at all."""
    due: dict[int, dt.date | None] = {}
    for pk in ids:
        roll = rng.random()
        if roll < 0.8:
            due[pk] = START - dt.timedelta(days=10)
        elif roll < 0.95:
            due[pk] = START + dt.timedelta(days=rng.randrange(DAYS))
        else:
            due[pk] = None
    return due


def _report_rows(rng: random.Random, units: list[tuple], due: dict) -> Iterator[tuple]:
    stamp = db.stamp()
    pk = 0
    for enterprise, headcount, normal_output in units:
        first = due[enterprise]
        if first is None:
            continue
        for n in range(DAYS):
            day = START + dt.timedelta(days=n)
            if day < first or rng.random() < 0.06:  # not due yet, or missing
                continue
            operating = rng.random() > 0.05
            staff = round(headcount * rng.uniform(0.75, 1.0)) if operating else 0
            output = round(float(normal_output) * rng.uniform(0.7, 1.05), 2) if operating else 0
            # A few report their own normal figures (a changed workforce that day).
            own_headcount = headcount + (rng.randint(-20, 20) if rng.random() < 0.05 else 0)
            submitted = f"{day + dt.timedelta(days=1)} 03:00:00"
            if connection.vendor == "postgresql":
                submitted += "+00"
            if rng.random() < 0.02:  # a replaced version, which must not be counted
                pk += 1
                yield (pk, stamp, stamp, enterprise, day, True, headcount, headcount * 2,
                       output, normal_output, "", None, submitted, False, None, None, submitted,
                       None, None, False)  # fmt: skip
            pk += 1
            yield (pk, stamp, stamp, enterprise, day, operating, max(own_headcount, 0), staff,
                   output, normal_output, "", None, submitted, False, None, None, None, None,
                   None, False)  # fmt: skip


def ensure_reports(size: Size) -> str:
    """Add due dates and 90 days of reports to the data set, once per reports version."""
    if _meta() == f"{REPORTS_VERSION}/{size.name}":
        return "re-used"
    rng = random.Random(f"p3-{size.name}")
    units = list(
        Enterprise.objects.filter(status="active")
        .exclude(kind="group")
        .order_by("pk")
        .values_list("pk", "normal_headcount", "normal_daily_output")
    )
    due = _due_dates(rng, [u[0] for u in units])
    # The pragmas and VACUUM cannot run inside a transaction (the bench's own tests run in one).
    outside = not connection.in_atomic_block
    if outside:
        db.begin_load()
    with transaction.atomic():
        DailyReport.objects.all().delete()
        Enterprise.objects.update(resumption_due_on=None)
        by_day: dict[dt.date, list[int]] = {}
        for pk, day in due.items():
            if day is not None:
                by_day.setdefault(day, []).append(pk)
        for day, ids in by_day.items():
            for chunk in range(0, len(ids), 900):
                Enterprise.objects.filter(pk__in=ids[chunk : chunk + 900]).update(
                    resumption_due_on=day
                )
        db.bulk_insert(DailyReport, REPORT_COLUMNS, _report_rows(rng, units, due))
    if outside:
        db.finish_load([DailyReport])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {META}")
        cursor.execute(
            f"INSERT INTO {META} (key, value) VALUES ('reports', %s)",
            [f"{REPORTS_VERSION}/{size.name}"],
        )
    return "now"


def _days_sql() -> str:
    if connection.vendor == "postgresql":
        return "(%(end)s::date - GREATEST(e.resumption_due_on, %(start)s::date) + 1)"
    return "(julianday(%(end)s) - julianday(MAX(e.resumption_due_on, %(start)s)) + 1)"


def baseline_sql() -> str:
    """Population unit-days and record denominators, plus the report sums, in one statement."""
    return f"""
WITH pop AS (
  SELECT e.id, e.resumption_due_on AS due, e.normal_headcount AS hc,
         CASE WHEN e.normal_daily_output > 0 THEN e.normal_daily_output ELSE 0 END AS nout,
         {_days_sql()} AS days
  FROM org_enterprise e JOIN org_region g ON g.id = e.region_id
  WHERE g.code LIKE %(prefix)s AND e.status = 'active' AND e.resumption_due_on <= %(end)s
), rep AS (
  SELECT COUNT(CASE WHEN r.operating THEN 1 END) AS operating,
         COALESCE(SUM(r.staff_on_duty), 0) AS staff,
         COALESCE(SUM(CASE WHEN r.normal_output > 0 THEN r.output ELSE 0 END), 0) AS output,
         COALESCE(SUM(r.normal_headcount - p.hc), 0) AS hc_delta,
         COALESCE(SUM(CASE WHEN r.normal_output > 0 THEN r.normal_output ELSE 0 END - p.nout), 0)
           AS out_delta
  FROM dailyreport_dailyreport r JOIN pop p ON p.id = r.enterprise_id
  WHERE r.superseded_at IS NULL AND r.day >= %(start)s AND r.day <= %(end)s AND r.day >= p.due
)
SELECT (SELECT SUM(days) FROM pop), (SELECT SUM(hc * days) FROM pop),
       (SELECT SUM(nout * days) FROM pop), rep.operating, rep.staff, rep.output, rep.hc_delta,
       rep.out_delta
FROM rep
"""


def baseline(prefix: str) -> dict[str, tuple[Decimal, Decimal]]:
    params = {"prefix": f"{prefix}%", "start": START.isoformat(), "end": END.isoformat()}
    with connection.cursor() as cursor:
        cursor.execute(baseline_sql(), params)
        due, hc, nout, operating, staff, output, hc_delta, out_delta = cursor.fetchone()
    return {
        "operating": (_d(operating), _d(due)),
        "attendance": (_d(staff), _d(hc) + _d(hc_delta)),
        "capacity": (_d(output), _d(nout) + _d(out_delta)),
    }


def _d(value: Any) -> Decimal:
    """Money precision: SQLite sums decimals as floats, so both sides compare to 0.01."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def orm(user: Any) -> dict[str, tuple[Decimal, Decimal]]:
    result = metrics_for(actor=user, start=START, end=END)
    return {
        name: (_d(result[name].numerator), _d(result[name].denominator))
        for name in ("operating", "attendance", "capacity")
    }


def _time(call: Any, n: int) -> tuple[list[float], Any]:
    times, answer = [], None
    for _ in range(n):
        started = time.perf_counter()
        answer = call()
        times.append(time.perf_counter() - started)
    return times, answer


def run(size: Size, ctx: Context) -> list[dict[str, Any]]:
    generated = ensure_reports(size)
    user = bench_users()["city_command"]
    reports = DailyReport.objects.restrict(user).filter(day__gte=START, day__lte=END).count()
    # Warm-up, then ORM and SQL alternately: a busy shared machine slows both alike.
    _time(lambda: orm(user), ctx.warmup)
    _time(lambda: baseline(BENCH_CITY), ctx.warmup)
    orm_times: list[float] = []
    sql_times: list[float] = []
    for _ in range(ctx.repetitions):
        times, orm_answer = _time(lambda: orm(user), 1)
        orm_times += times
        times, sql_answer = _time(lambda: baseline(BENCH_CITY), 1)
        sql_times += times
    misses = sum(orm_answer[k] != sql_answer[k] for k in sql_answer)
    ratio = statistics.median(orm_times) / statistics.median(sql_times)
    verdict = "pass" if ratio <= TARGET_RATIO else "FAIL"
    figures = "; ".join(
        f"{k} {n}/{d}" for k, (n, d) in sorted(orm_answer.items())
    )  # the numbers both agree on (or the ORM's, when misses > 0)
    return [
        {**summarise("city_command", "metrics_for (ORM)", orm_times, misses), "visible": reports},
        {**summarise("city_command", "hand-written SQL", sql_times), "visible": reports},
        {
            **summarise("city_command", f"ratio ORM÷SQL (p50) ×{ratio:.2f}: {verdict}", orm_times),
            "visible": reports,
        },  # fmt: skip
        {
            **summarise("city_command", "overall", orm_times),
            "ratio": round(ratio, 3),
            "figures": figures,
            "reports": generated,
        },  # fmt: skip
    ]
