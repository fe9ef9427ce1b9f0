"""The screening records page (测温记录) judges each reading by the fever threshold of the policy
version in force on the reading's own local day (Asia/Shanghai), not by today's: the badge of a
row (the same cell is the phone card's), the fever count, the "fever only" filter and the export
filtered by it all agree, across a change of version and at the local day boundary."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fugong.epidemic.models import Policy
from fugong.epidemic.tests.conftest import beijing

pytestmark = pytest.mark.django_db
URL = "epidemic:screening_list"
EXPORT = "epidemic:screening_export"
NOW = beijing(2026, 3, 2, 10, 0)
YESTERDAY, TODAY = dt.date(2026, 3, 1), dt.date(2026, 3, 2)
BOTH_DAYS = {"day_from": "2026-03-01", "day_to": "2026-03-02"}
TIME = "%Y-%m-%d %H:%M:%S"


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def _policy(effective_from: dt.date, threshold: str) -> Policy:
    return Policy.objects.create(effective_from=effective_from, fever_threshold=Decimal(threshold))


def _judged(client, user, **query) -> dict[str, dict[str, bool]]:
    """Each reading of the filtered days, by its local time: whether the page badges it, whether
    "fever only" keeps it, whether "not fever" keeps it, whether the export with "fever only"
    holds it and whether the export's fever column marks it. Also checks that the fever count
    is the number "fever only" keeps."""
    client.force_login(user)
    response = client.get(reverse(URL), query)
    assert response.status_code == 200
    badged = _badged(response.content.decode())
    fevers = client.get(reverse(URL), {**query, "fever": "true"})
    kept = {_local(row.measured_at) for row in fevers.context["page"].object_list}
    normal = client.get(reverse(URL), {**query, "fever": "false"})
    not_kept = {_local(row.measured_at) for row in normal.context["page"].object_list}
    exported = client.get(reverse(EXPORT), {**query, "fever": "true"})
    sheet = load_workbook(io.BytesIO(exported.content)).worksheets[0]
    in_export = {row[0] for row in list(sheet.iter_rows(values_only=True))[1:]}
    everything = client.get(reverse(EXPORT), query)
    header, *rows = (
        load_workbook(io.BytesIO(everything.content)).worksheets[0].iter_rows(values_only=True)
    )
    marked = {row[0]: row[header.index("Fever")] == "Yes" for row in rows}
    assert response.context["counts"]["fevers"] == len(kept) == fevers.context["counts"]["total"]
    assert fevers.context["counts"]["fevers"] == len(kept)
    assert normal.context["counts"]["fevers"] == 0
    return {
        at: {
            "badge": fever,
            "filter": at in kept,
            "not_fever_filter": at in not_kept,
            "export": at in in_export,
            "export_column": marked[at],
        }
        for at, fever in badged.items()
    }


def _badged(page: str) -> dict[str, bool]:
    """Each table row's measured-at text and whether its temperature carries the fever badge."""
    rows = re.findall(r"<tr>(.*?)</tr>", page, flags=re.S)
    stamps = [(re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", row), row) for row in rows]
    return {match.group(0): "data-fever" in row for match, row in stamps if match}


def _local(moment: dt.datetime) -> str:
    from django.utils import timezone

    return f"{timezone.localtime(moment):{TIME}}"


def _fevers(judged: dict[str, dict[str, bool]]) -> set[str]:
    """The readings judged a fever, after checking that every view of the page agrees."""
    for at, views in judged.items():
        fever = views["badge"]
        assert views == {
            "badge": fever,
            "filter": fever,
            "not_fever_filter": not fever,
            "export": fever,
            "export_column": fever,
        }, at
    return {at for at, views in judged.items() if views["badge"]}


def _stamp(day: dt.date, hour: int, minute: int = 0, second: int = 0) -> str:
    return f"{beijing(day.year, day.month, day.day, hour, minute, second):{TIME}}"


def _three_a_day(reading) -> None:
    """37.3, 37.4 and 37.5 at 09:00:01, :02 and :03 yesterday and today."""
    for day in (YESTERDAY, TODAY):
        for second, temperature in enumerate(["37.3", "37.4", "37.5"], start=1):
            at = beijing(day.year, day.month, day.day, 9, 0, second)
            reading(at=at, temperature=temperature)


def test_a_raised_threshold_leaves_yesterdays_readings_judged_by_yesterdays(
    client, world, frozen, reading
):
    """GIVEN 37.3 °C in force until yesterday and 37.5 °C from today
    WHEN the page shows 37.3, 37.4 and 37.5 of both days
    THEN yesterday's three are fevers, today only 37.5, by badge, count, filter and export."""
    _policy(dt.date(2026, 1, 1), "37.3")
    _policy(TODAY, "37.5")
    _three_a_day(reading)
    judged = _judged(client, world.users.health, **BOTH_DAYS)
    assert len(judged) == 6
    assert _fevers(judged) == {
        _stamp(YESTERDAY, 9, 0, 1),
        _stamp(YESTERDAY, 9, 0, 2),
        _stamp(YESTERDAY, 9, 0, 3),
        _stamp(TODAY, 9, 0, 3),
    }


def test_a_lowered_threshold_makes_only_todays_middle_reading_a_fever(
    client, world, frozen, reading
):
    _policy(dt.date(2026, 1, 1), "37.5")
    _policy(TODAY, "37.3")
    _three_a_day(reading)
    judged = _judged(client, world.users.health, **BOTH_DAYS)
    assert _fevers(judged) == {
        _stamp(YESTERDAY, 9, 0, 3),
        _stamp(TODAY, 9, 0, 1),
        _stamp(TODAY, 9, 0, 2),
        _stamp(TODAY, 9, 0, 3),
    }


def test_the_version_changes_at_00_00_beijing_not_at_00_00_utc(client, world, frozen, reading):
    """GIVEN 37.3 °C until yesterday and 37.5 °C from today, readings of 37.4
    WHEN they are taken at 23:59:59 and 00:00:00 Beijing time (15:59:59 and 16:00:00 UTC of the
    same UTC day) and at 07:59:59 and 08:00:00 (either side of 00:00 UTC)
    THEN only the one of 23:59:59 yesterday is a fever."""
    _policy(dt.date(2026, 1, 1), "37.3")
    _policy(TODAY, "37.5")
    for at in [beijing(2026, 3, 1, 23, 59, 59), beijing(2026, 3, 2, 0, 0, 0),
               beijing(2026, 3, 2, 7, 59, 59), beijing(2026, 3, 2, 8, 0, 0)]:  # fmt: skip
        reading(at=at, temperature="37.4")
    judged = _judged(client, world.users.health, **BOTH_DAYS)
    assert len(judged) == 4
    assert _fevers(judged) == {_stamp(YESTERDAY, 23, 59, 59)}


def test_with_no_version_saved_the_default_threshold_applies_on_every_day(
    client, world, frozen, reading
):
    for day in (YESTERDAY, TODAY):
        reading(at=beijing(day.year, day.month, day.day, 9), temperature="37.2")
        reading(at=beijing(day.year, day.month, day.day, 9, 30), temperature="37.3")
    judged = _judged(client, world.users.health, **BOTH_DAYS)
    assert _fevers(judged) == {_stamp(YESTERDAY, 9, 30), _stamp(TODAY, 9, 30)}


def test_before_the_first_version_the_defaults_apply(client, world, frozen, reading):
    """GIVEN the first version (37.5 °C) in force from today
    THEN yesterday's 37.3 and 37.4 are fevers by the default 37.3 °C, today's are not."""
    _policy(TODAY, "37.5")
    _three_a_day(reading)
    judged = _judged(client, world.users.health, **BOTH_DAYS)
    assert _fevers(judged) == {
        _stamp(YESTERDAY, 9, 0, 1),
        _stamp(YESTERDAY, 9, 0, 2),
        _stamp(YESTERDAY, 9, 0, 3),
        _stamp(TODAY, 9, 0, 3),
    }


def test_a_version_from_tomorrow_does_not_judge_today(client, world, frozen, reading):
    _policy(dt.date(2026, 1, 1), "37.3")
    _policy(TODAY + dt.timedelta(days=1), "37.5")
    reading(at=beijing(2026, 3, 2, 9), temperature="37.4")
    assert _fevers(_judged(client, world.users.health)) == {_stamp(TODAY, 9)}


def test_the_page_says_fever_is_judged_by_the_readings_day_and_gives_todays_threshold(
    client, world, frozen
):
    _policy(dt.date(2026, 1, 1), "37.3")
    _policy(TODAY, "37.5")
    client.force_login(world.users.health)
    page = client.get(reverse(URL), BOTH_DAYS).content.decode()
    rule = re.search(r'data-testid="fever-rule">([^<]*)<', page)
    assert rule is not None
    assert "on the day of the reading" in rule.group(1)
    assert "today 37.5 °C" in rule.group(1)


def test_the_rule_reads_in_chinese(client, world, frozen, chinese):
    _policy(TODAY, "37.5")
    client.force_login(world.users.health)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    page = client.get(reverse(URL)).content.decode()
    assert "发热：体温≥测温当日生效的防控策略发热阈值（今日为 37.5 °C）" in page


def test_many_rows_over_two_versions_cost_the_same_fixed_number_of_queries(
    client, world, frozen, reading, django_assert_max_num_queries
):
    _policy(dt.date(2026, 1, 1), "37.3")
    _policy(TODAY, "37.5")
    temperatures = itertools.cycle(["37.3", "37.4", "37.5"])
    for i in range(30):
        reading(at=NOW - dt.timedelta(hours=i), temperature=next(temperatures))
    client.force_login(world.users.health)
    with django_assert_max_num_queries(10):
        response = client.get(reverse(URL), {**BOTH_DAYS, "fever": "true"})
    # Today 10:00 back to 00:00, 11 readings: the 3 of 37.5 are fevers; yesterday 23:00 back to
    # 05:00, 19 readings: all of them (at or above 37.3 °C).
    assert response.context["counts"]["total"] == 3 + 19
