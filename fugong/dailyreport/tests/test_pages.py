"""The daily report pages: filing, confirming, not reported, metrics pages and their queries."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from fugong.dailyreport.models import DailyReport, ReportReminder
from fugong.dailyreport.tests.conftest import D1, D2, report

pytestmark = pytest.mark.django_db

MORNING_D3 = timezone.make_aware(dt.datetime(2026, 3, 3, 9, 0))
SPAN = {"start": "2026-03-01", "end": "2026-03-02"}


def test_a_manager_files_a_report_through_the_form(client, world):
    client.force_login(world.users.manager)
    with time_machine.travel(MORNING_D3, tick=False):
        page = client.get(reverse("dailyreport:report_file"))
        assert 'value="2026-03-02"' in page.content.decode()  # D-1 by default
        initial = page.context["form"].fields["normal_headcount"].initial
        assert initial == world.qifeng.normal_headcount  # prefilled from the record
        response = client.post(
            reverse("dailyreport:report_file"),
            {"enterprise": world.qifeng.pk, "day": "2026-03-02", "operating": "yes",
             "staff_on_duty": "280", "output": "2900"},
        )  # fmt: skip
    assert response.status_code == 302
    saved = DailyReport.objects.get()
    assert saved.operating and saved.staff_on_duty == 280 and not saved.late
    assert saved.normal_headcount == world.qifeng.normal_headcount


def test_a_bad_figure_is_shown_on_its_field_and_nothing_is_saved(client, world):
    client.force_login(world.users.manager)
    with time_machine.travel(MORNING_D3, tick=False):
        response = client.post(
            reverse("dailyreport:report_file"),
            {"enterprise": world.qifeng.pk, "day": "2026-03-03", "operating": "yes",
             "staff_on_duty": "-4", "output": "0"},
        )  # fmt: skip
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"staff_on_duty"}
    assert not DailyReport.objects.exists()


def test_the_group_confirms_a_member_units_report_on_its_page(client, reporting):
    saved = DailyReport.objects.get(enterprise=reporting.qifeng, day=D1)
    client.force_login(reporting.users.group)
    page = client.get(reverse("dailyreport:report_detail", args=[saved.pk]))
    assert 'data-testid="confirm"' in page.content.decode()
    client.post(reverse("dailyreport:report_confirm", args=[saved.pk]))
    saved.refresh_from_db()
    assert saved.confirmed_by == reporting.users.group


def test_not_reported_lists_due_units_without_a_report_and_the_reminders(
    client, reporting, django_assert_max_num_queries
):
    ReportReminder.objects.create(
        enterprise=reporting.independent, day=D2, recipient=None, sent_at=MORNING_D3
    )
    client.force_login(reporting.users.city)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("dailyreport:missing_list"), {"day": "2026-03-02"})
    missing = [e.name for e in response.context["missing"]]
    assert missing == [reporting.independent.name]
    assert len(response.context["reminders"]) == 1
    # 原平矿 is not due on D1, 栖凤 and 独立 reported: nobody is missing.
    response = client.get(reverse("dailyreport:missing_list"), {"day": "2026-03-01"})
    assert response.context["missing"] == []
    assert client.get(reverse("dailyreport:missing_list"), {"day": "2026-02-30"}).status_code == 200


def test_the_list_page_takes_a_fixed_number_of_queries(
    client, reporting, django_assert_max_num_queries
):
    client.force_login(reporting.users.city)
    with django_assert_max_num_queries(12):
        first = client.get(reverse("dailyreport:report_list"))
    for day in range(3, 20):
        report(reporting.independent, dt.date(2026, 3, day), staff=1)
    with django_assert_max_num_queries(12):
        more = client.get(reverse("dailyreport:report_list"))
    assert first.status_code == more.status_code == 200


@pytest.mark.parametrize(
    "url_name",
    [
        "dailyreport:metrics_overview",
        "dailyreport:metrics_trends",
        "dailyreport:metrics_distribution",
        "dailyreport:metrics_rankings",
    ],
)
def test_the_metrics_pages_take_a_fixed_number_of_queries(
    client, reporting, url_name, django_assert_max_num_queries
):
    client.force_login(reporting.users.city)
    with django_assert_max_num_queries(14):
        response = client.get(reverse(url_name), SPAN)
    assert response.status_code == 200


def test_the_overview_shows_rate_fraction_and_definition(client, reporting):
    client.force_login(reporting.users.city)
    body = client.get(reverse("dailyreport:metrics_overview"), SPAN).content.decode()
    assert "60.0 %" in body and "3 / 5" in body and "unit-days" not in body
    assert "a unit that has not reported counts as not operating" in body


def test_the_rankings_rank_counties(client, reporting):
    client.force_login(reporting.users.city)
    response = client.get(reverse("dailyreport:metrics_rankings"), {**SPAN, "by": "county"})
    names = [row["name"] for row in response.context["rows"]]
    assert names == [reporting.regions.yuanping.name, reporting.regions.ningwu.name]


def test_the_distribution_counts_enterprises_by_attendance(client, reporting):
    client.force_login(reporting.users.city)
    response = client.get(reverse("dailyreport:metrics_distribution"), SPAN)
    counts = [bucket["count"] for bucket in response.context["buckets"]]
    # 栖凤 240/620 < 50 %, 独立 90/200 < 50 %, 原平矿 150/200 = 75 %.
    assert counts == [0, 1, 0, 2]


def test_a_backwards_range_shows_an_error_and_no_figures(client, reporting):
    client.force_login(reporting.users.city)
    response = client.get(
        reverse("dailyreport:metrics_overview"), {"start": "2026-03-02", "end": "2026-03-01"}
    )
    assert "end" in response.context["form"].errors
    assert "ratios" not in response.context


def test_the_export_holds_the_metrics_exact(client, reporting):
    client.force_login(reporting.users.county)
    response = client.get(reverse("dailyreport:metrics_export"), SPAN)
    book = load_workbook(__import__("io").BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[2][1:4] == (2, 4, "50.0 %")
    enterprises = [row[0] for row in list(book.worksheets[1].iter_rows(values_only=True))[1:]]
    assert set(enterprises) == {reporting.qifeng.name, reporting.independent.name}
