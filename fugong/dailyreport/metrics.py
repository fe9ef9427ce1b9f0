"""The 复工复产 metrics, exactly as DESIGN §3.4 "Counting rules, exactly".

For a set of enterprises and a day, the population is the active enterprises due to resume on
that day (``resumption_due_on`` on or before it). A unit without a current report counts as
not operating, 0 staff on duty and 0 output, with its enterprise record's normal headcount and
normal output in the denominators; a report's own normal figures replace those for its day.
达产率 counts only units whose normal output (the report's, else the record's) is above 0. A
day range sums numerators and denominators; rates are kept exact and shown to 0.1 %.

The sums are computed with two aggregate queries, never a loop over enterprises:

* enterprise side, grouped by (key, due date): how many units, their record headcount and
  positive record output — a group due on date d is in the population for every day from
  max(d, start) to end, so each group row is multiplied by its number of days;
* report side, grouped by key: operating units, staff, output, and the *difference* between
  the report's normal figures and the record's (which turns the record's denominators into the
  report's for the reported days).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from fugong.dailyreport.models import DailyReport
from fugong.org.models import Enterprise, EnterpriseStatus

ZERO = Decimal(0)
# An integer 0 to compare decimals with: a Decimal parameter reaches SQLite as text, which it
# converts on every row (a third of the aggregate's time in bench P3).
NIL = Value(0)

DEFINITIONS: dict[str, Promise] = {
    "operating": _(
        "Operating rate (开工率) = enterprises operating ÷ enterprises due to resume, summed "
        "over the days; a unit that has not reported counts as not operating."
    ),
    "attendance": _(
        "Attendance rate (到岗率) = Σ staff on duty ÷ Σ normal headcount of the enterprises due "
        "to resume; a unit that has not reported counts 0 staff with its recorded headcount."
    ),
    "capacity": _(
        "Capacity attainment (达产率) = Σ output ÷ Σ normal output, only units whose normal "
        "output is above 0; a unit that has not reported counts 0 output."
    ),
    "member_operating": _(
        "Member operating rate (成员企业开工率) = member units operating ÷ active member units "
        "of the group, summed over the days."
    ),
}
LABELS: dict[str, Promise] = {
    "operating": _("Operating rate"),
    "attendance": _("Attendance rate"),
    "capacity": _("Capacity attainment"),
    "member_operating": _("Member operating rate"),
}


@dataclass(frozen=True)
class Ratio:
    """A metric stored exact: numerator, denominator, and its definition."""

    name: str
    numerator: Decimal
    denominator: Decimal

    @property
    def rate(self) -> Decimal | None:
        return None if not self.denominator else self.numerator / self.denominator

    @property
    def percent(self) -> str:
        """The rate to 0.1 % (half up), or "—" without a denominator."""
        if self.rate is None:
            return "—"
        value = (self.rate * 100).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
        return f"{value} %"

    @property
    def label(self) -> Promise:
        return LABELS[self.name]

    @property
    def definition(self) -> Promise:
        return DEFINITIONS[self.name]


@dataclass
class Totals:
    """Numerators and denominators of one key (a whole scope, a county, an enterprise, a day)."""

    due: int = 0
    operating: int = 0
    staff: int = 0
    headcount: int = 0
    output: Decimal = ZERO
    normal_output: Decimal = ZERO
    reported: int = 0
    extra: dict[str, object] = field(default_factory=dict)

    def ratios(self) -> dict[str, Ratio]:
        return {
            "operating": Ratio("operating", Decimal(self.operating), Decimal(self.due)),
            "attendance": Ratio("attendance", Decimal(self.staff), Decimal(self.headcount)),
            "capacity": Ratio("capacity", Decimal(self.output), Decimal(self.normal_output)),
        }


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def due_population(enterprises: QuerySet[Enterprise], end: dt.date) -> QuerySet[Enterprise]:
    """Active enterprises due to resume on or before ``end`` (each day narrows further)."""
    return enterprises.filter(status=EnterpriseStatus.ACTIVE, resumption_due_on__lte=end)


def totals(
    enterprises: QuerySet[Enterprise],
    start: dt.date,
    end: dt.date,
    key: str | None = None,
) -> dict[Hashable, Totals]:
    """Totals per value of ``key`` (an Enterprise field path such as "region", "parent", "pk";
    "day" for one bucket per day; None for one bucket), from two aggregate queries."""
    population = due_population(enterprises, end)
    result: dict[Hashable, Totals] = defaultdict(Totals)
    by_day = key == "day"
    group = [] if key is None or by_day else [key]
    units = (
        population.order_by()
        .values(*group, "resumption_due_on")
        .annotate(
            n=Count("pk"),
            headcount=Sum("normal_headcount"),
            normal_output=Sum("normal_daily_output", filter=Q(normal_daily_output__gt=NIL)),
        )
    )
    for row in units:
        first = max(row["resumption_due_on"], start)
        if by_day:
            for day in _days(first, end):
                _add_units(result[day], row, 1)
        else:
            _add_units(result[row.get(key) if key else None], row, (end - first).days + 1)
    reports = _reports(population, start, end)
    if key is None:
        # One row of sums (``values()`` without fields would group by every column).
        rows = [{"key": None, **reports.aggregate(**_REPORT_SUMS)}]
    else:
        path = "day" if by_day else _report_path(key)
        rows = list(reports.values(key=F(path)).annotate(**_REPORT_SUMS))
    for row in rows:
        bucket = result[row["key"]]
        bucket.reported += row["reported"] or 0
        bucket.operating += row["operating"] or 0
        bucket.staff += row["staff"] or 0
        bucket.output += row["output"] or ZERO
        # The report's own normal figures replace the record's for the reported days.
        bucket.headcount += (row["headcount_own"] or 0) - (row["headcount_record"] or 0)
        bucket.normal_output += (row["normal_output_own"] or ZERO) - (
            row["normal_output_record"] or ZERO
        )
    return result


def _report_path(key: str) -> str:
    return "enterprise_id" if key == "pk" else f"enterprise__{key}"


def _add_units(bucket: Totals, row: dict, days: int) -> None:
    bucket.due += row["n"] * days
    bucket.headcount += (row["headcount"] or 0) * days
    bucket.normal_output += (row["normal_output"] or ZERO) * days


def _reports(population: QuerySet[Enterprise], start: dt.date, end: dt.date) -> QuerySet:
    """Current reports of the population, on days the enterprise was due."""
    return (
        DailyReport.objects.current()
        .filter(day__gte=start, day__lte=end, enterprise__in=population.values("pk"))
        .filter(day__gte=F("enterprise__resumption_due_on"))
        .order_by()
    )


# Plain column sums with FILTER clauses, no per-row CASE: on SQLite a decimal expression is
# CAST per row, which made the aggregate twice as slow as the hand-written SQL (bench P3).
_REPORT_SUMS = {
    "reported": Count("pk"),
    "operating": Count("pk", filter=Q(operating=True)),
    "staff": Sum("staff_on_duty"),
    # 达产率: the output of units whose (reported) normal output is above 0.
    "output": Sum("output", filter=Q(normal_output__gt=NIL)),
    "headcount_own": Sum("normal_headcount"),
    "headcount_record": Sum("enterprise__normal_headcount"),
    "normal_output_own": Sum("normal_output", filter=Q(normal_output__gt=NIL)),
    "normal_output_record": Sum(
        "enterprise__normal_daily_output", filter=Q(enterprise__normal_daily_output__gt=NIL)
    ),
}


def member_totals(members: QuerySet[Enterprise], start: dt.date, end: dt.date) -> Ratio:
    """成员企业开工率: member units operating ÷ active member units, summed over the days
    (every active member, due to resume or not: a mine not yet accepted lowers it)."""
    members = members.filter(status=EnterpriseStatus.ACTIVE)
    days = (end - start).days + 1
    operating = (
        DailyReport.objects.current()
        .filter(day__gte=start, day__lte=end, operating=True, enterprise__in=members.values("pk"))
        .count()
    )
    return Ratio("member_operating", Decimal(operating), Decimal(members.count() * days))
