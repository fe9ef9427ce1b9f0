"""The metrics against a hand-computed example (DESIGN §3.4 "Counting rules, exactly").

Over D1–D2 for the city (see conftest.reporting):
  开工率 = operating unit-days 3 (栖凤 D1, 独立 D1, 原平矿 D2) ÷ due unit-days 5 = 60.0 %
  到岗率 = (240 + 0 + 90 + 150) ÷ (320 own + 300 + 100 + 100 record + 200) = 480/1020 = 47.1 %
  达产率 = (2500 + 0 + 800) ÷ (3000 + 3000 + 1000 + 1000) = 3300/8000 = 41.3 %; 原平矿's
           normal output is 0, so it is left out of both sums.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from fugong.dailyreport.metrics import Ratio
from fugong.dailyreport.selectors import metrics_for
from fugong.dailyreport.tests.conftest import D1, D2

pytestmark = pytest.mark.django_db


def figures(ratio: Ratio) -> tuple[int, int]:
    return int(ratio.numerator), int(ratio.denominator)


def test_the_operating_rate_counts_missing_reports_as_not_operating(reporting):
    metrics = metrics_for(actor=reporting.users.city, start=D1, end=D2)
    assert figures(metrics["operating"]) == (3, 5)
    assert metrics["operating"].percent == "60.0 %"


def test_the_attendance_rate_uses_a_reports_own_headcount_and_the_record_for_missing_ones(
    reporting,
):
    metrics = metrics_for(actor=reporting.users.city, start=D1, end=D2)
    assert figures(metrics["attendance"]) == (480, 1020)
    assert metrics["attendance"].percent == "47.1 %"


def test_capacity_attainment_leaves_out_units_without_normal_output(reporting):
    metrics = metrics_for(actor=reporting.users.city, start=D1, end=D2)
    assert figures(metrics["capacity"]) == (3300, 8000)
    assert metrics["capacity"].percent == "41.3 %"


def test_a_range_sums_numerators_and_denominators_instead_of_averaging_daily_rates(reporting):
    day1 = metrics_for(actor=reporting.users.city, start=D1, end=D1)["operating"]
    day2 = metrics_for(actor=reporting.users.city, start=D2, end=D2)["operating"]
    both = metrics_for(actor=reporting.users.city, start=D1, end=D2)["operating"]
    assert figures(day1) == (2, 2)
    assert figures(day2) == (1, 3)
    assert both.rate == Decimal(3) / Decimal(5)
    assert both.rate != (day1.rate + day2.rate) / 2  # type: ignore[operator]


def test_a_report_from_before_the_due_day_is_not_counted(reporting):
    day1 = metrics_for(actor=reporting.users.city, start=D1, end=D1)
    assert figures(day1["attendance"]) == (330, 420)  # 原平矿's 50 staff on D1 left out


def test_a_zero_report_counts_as_reported_not_operating(reporting):
    day2 = metrics_for(actor=reporting.users.manager, start=D2, end=D2)
    assert figures(day2["operating"]) == (0, 1)
    assert day2.reported == 1


def test_a_county_sees_only_its_region_and_an_enterprise_only_itself(reporting):
    county = metrics_for(actor=reporting.users.county, start=D1, end=D2)
    assert figures(county["operating"]) == (2, 4)  # 栖凤 and 独立, both in 宁武
    manager = metrics_for(actor=reporting.users.manager, start=D1, end=D2)
    assert figures(manager["operating"]) == (1, 2)
    assert figures(manager["attendance"]) == (240, 620)


def test_roles_without_reports_get_empty_metrics(reporting):
    for persona in ("checkpoint", "worker"):
        metrics = metrics_for(actor=getattr(reporting.users, persona), start=D1, end=D2)
        assert figures(metrics["operating"]) == (0, 0)
        assert metrics["operating"].percent == "—"


def test_the_group_member_rate_counts_every_active_member_unit(reporting):
    metrics = metrics_for(actor=reporting.users.group, start=D1, end=D2, group=reporting.group)
    # Members 栖凤 and 原平矿 over 2 days = 4; operating: 栖凤 D1 and 原平矿 D2.
    assert figures(metrics["member_operating"]) == (2, 4)
    # 开工率 only over due unit-days: 栖凤 ×2, 原平矿 ×1.
    assert figures(metrics["operating"]) == (2, 3)


def test_enterprise_ids_narrow_the_scope_but_never_widen_it(reporting):
    ids = {reporting.qifeng.pk, reporting.plant.pk, reporting.independent.pk}
    metrics = metrics_for(actor=reporting.users.manager, enterprise_ids=ids, start=D1, end=D2)
    assert figures(metrics["operating"]) == (1, 2)


def test_the_industry_and_region_filters_narrow_the_population(reporting):
    metrics = metrics_for(
        actor=reporting.users.city, start=D1, end=D2, regions=[reporting.regions.yuanping]
    )
    assert figures(metrics["operating"]) == (1, 1)
    metrics = metrics_for(actor=reporting.users.city, start=D1, end=D2, industry="no-such")
    assert figures(metrics["operating"]) == (0, 0)


@pytest.mark.parametrize(
    ("numerator", "denominator", "shown"),
    [
        (1, 3, "33.3 %"),
        (2, 3, "66.7 %"),
        (1, 8, "12.5 %"),
        (0, 5, "0.0 %"),
        (5, 5, "100.0 %"),
        (9995, 10000, "100.0 %"),
        (9994, 10000, "99.9 %"),
    ],
)
def test_rates_are_shown_to_a_tenth_of_a_percent_and_stored_exact(numerator, denominator, shown):
    ratio = Ratio("operating", Decimal(numerator), Decimal(denominator))
    assert ratio.percent == shown
    assert ratio.rate == Decimal(numerator) / Decimal(denominator)


def test_metrics_take_a_fixed_number_of_queries(reporting, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        metrics_for(actor=reporting.users.city, start=D1, end=D2)
