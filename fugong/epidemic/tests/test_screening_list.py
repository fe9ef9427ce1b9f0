"""The screening records page (测温记录): who may read it, its scope, the Beijing day, masking,
filters, counts, the .xlsx export and its cost."""

from __future__ import annotations

import io
import itertools
from typing import cast

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fugong.core.navigation import nav_for
from fugong.epidemic.models import Screening
from fugong.epidemic.tests.conftest import beijing
from fugong.org.models import Place, PlaceKind
from fugong.org.tests.factories import PlaceFactory
from fugong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
URL = "epidemic:screening_list"
EXPORT = "epidemic:screening_export"
NOW = beijing(2026, 3, 2, 10, 0)


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def _gate(enterprise, **fields) -> Place:
    return cast(Place, PlaceFactory(enterprise=enterprise, kind=PlaceKind.CHECKPOINT, **fields))


def _minutes(n: int):
    import datetime as dt

    return dt.timedelta(minutes=n)


def _page(client, user, **query):
    client.force_login(user)
    response = client.get(reverse(URL), query)
    assert response.status_code == 200
    return response


def _rows(response) -> list[Screening]:
    return list(response.context["page"].object_list)


def _workbook(response):
    return load_workbook(io.BytesIO(response.content)).worksheets[0]


# --- who may read it ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["manager", "group", "safety", "checkpoint", "worker", "department", "liaison"]
)
def test_roles_without_person_level_health_records_are_refused(client, world, persona):
    client.force_login(getattr(world.users, persona))
    assert client.get(reverse(URL)).status_code == 403
    assert client.get(reverse(EXPORT)).status_code == 403


def test_the_nav_offers_the_page_to_the_health_officer_and_not_to_the_gate(world):
    assert "epidemic:screening_list" in [i.url_name for i in nav_for(world.users.health)]
    assert "epidemic:screening_list" not in [i.url_name for i in nav_for(world.users.checkpoint)]


def test_the_health_officer_sees_only_the_readings_of_their_enterprise(
    client, world, frozen, reading
):
    own = reading()
    reading(place=world.other_checkpoint, person=world.yuanping_miner)
    response = _page(client, world.users.health)
    assert _rows(response) == [own]
    assert world.yuanping_miner.name not in response.content.decode()


def test_county_command_sees_its_region_and_city_command_the_city(client, world, frozen, reading):
    independent_gate = _gate(world.independent)
    qifeng = reading()
    independent = reading(place=independent_gate, person=world.independent_miner)
    yuanping = reading(place=world.other_checkpoint, person=world.yuanping_miner)
    assert set(_rows(_page(client, world.users.county))) == {qifeng, independent}
    assert set(_rows(_page(client, world.users.city))) == {qifeng, independent, yuanping}


def test_an_out_of_scope_checkpoint_in_the_filter_shows_nothing_of_it(
    client, world, frozen, reading
):
    reading()
    reading(place=world.other_checkpoint, person=world.yuanping_miner)
    response = _page(client, world.users.health, place=world.other_checkpoint.pk)
    page = response.content.decode()
    assert _rows(response) == []
    assert world.yuanping_miner.name not in page
    assert world.other_checkpoint.name not in page
    assert response.context["counts"]["total"] == 0


# --- the Beijing day ------------------------------------------------------------------------


def test_the_default_day_is_today_in_beijing_from_00_00_00(client, world, reading, time_machine):
    time_machine.move_to(beijing(2026, 3, 2, 0, 0, 30), tick=False)
    yesterday = reading(at=beijing(2026, 3, 1, 23, 59, 59))
    today = reading(at=beijing(2026, 3, 2, 0, 0, 0))
    assert _rows(_page(client, world.users.health)) == [today]
    day_before = {"day_from": "2026-03-01", "day_to": "2026-03-01"}
    assert _rows(_page(client, world.users.health, **day_before)) == [yesterday]


def test_a_day_range_keeps_both_days_whole(client, world, frozen, reading):
    early = reading(at=beijing(2026, 2, 28, 23, 59, 59))
    first = reading(at=beijing(2026, 3, 1, 0, 0, 0))
    last = reading(at=beijing(2026, 3, 2, 23, 59, 59))
    later = reading(at=beijing(2026, 3, 3, 0, 0, 0))
    rows = _rows(_page(client, world.users.health, day_from="2026-03-01", day_to="2026-03-02"))
    assert rows == [last, first]
    assert early not in rows and later not in rows


# --- what a row shows -----------------------------------------------------------------------


def test_no_full_id_number_on_the_page_or_in_the_export(client, world, frozen, reading):
    person = PersonFactory(name="孙八", enterprise=world.qifeng, id_number="14092519900101123X")
    reading(person=person)
    page = _page(client, world.users.health).content.decode()
    assert "14092519900101123X" not in page
    assert "140925********123X" in page
    sheet = _workbook(client.get(reverse(EXPORT)))
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row]
    assert "14092519900101123X" not in "".join(cells)
    assert "140925********123X" in cells


def test_a_row_shows_one_decimal_a_fever_badge_symptoms_and_the_denial(
    client, world, frozen, reading
):
    reading(temperature="38.4", symptoms=["cough", "fatigue"], result="deny", deny_reason="fever")
    reading(visitor_name="周九", temperature="36.0", operator=None)
    page = _page(client, world.users.health).content.decode()
    assert '<span class="badge text-bg-danger" data-fever>38.4</span>' in page
    assert "36.0" in page and ">36.0</span>" not in page
    assert "Cough、Fatigue" in page
    assert "Confirmed fever" in page and "Entry denied" in page
    assert "Visitor" in page and "周九" in page
    assert str(world.users.checkpoint) in page


def test_the_fever_badge_starts_at_the_policy_threshold(client, world, frozen, reading):
    reading(temperature="37.2")
    reading(temperature="37.3", result="remeasure")
    page = _page(client, world.users.health).content.decode()
    assert "data-fever>37.3<" in page
    assert "data-fever>37.2<" not in page


# --- filters and counts ---------------------------------------------------------------------


def test_fever_only_keeps_readings_at_or_above_the_threshold(client, world, frozen, reading):
    reading(temperature="37.2")
    at = reading(temperature="37.3", result="remeasure")
    above = reading(temperature="38.0", result="deny", deny_reason="fever")
    rows = _rows(_page(client, world.users.health, fever="true"))
    assert set(rows) == {at, above}


def test_the_result_and_checkpoint_filters(client, world, frozen, reading):
    second_gate = _gate(world.qifeng, name="二号门")
    denied = reading(result="deny", deny_reason="red_code")
    passed = reading(place=second_gate)
    assert _rows(_page(client, world.users.health, result="deny")) == [denied]
    assert _rows(_page(client, world.users.health, place=second_gate.pk)) == [passed]


def test_the_counts_are_those_of_the_filtered_set(client, world, frozen, reading):
    for temperature, result in [("36.5", "pass"), ("36.6", "pass"), ("37.5", "remeasure"),
                                ("38.2", "deny"), ("36.4", "deny")]:  # fmt: skip
        reading(temperature=temperature, result=result)
    reading(at=beijing(2026, 3, 1, 9), result="deny")  # another day
    counts = _page(client, world.users.health).context["counts"]
    assert counts == {"total": 5, "passed": 2, "remeasure": 1, "denied": 2, "fevers": 2}
    denied = _page(client, world.users.health, result="deny").context["counts"]
    assert denied == {"total": 2, "passed": 0, "remeasure": 0, "denied": 2, "fevers": 1}


def test_the_htmx_answer_is_the_counts_and_the_table_without_the_page(
    client, world, frozen, reading
):
    reading()
    client.force_login(world.users.health)
    response = client.get(reverse(URL), {"result": "pass"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert 'data-testid="screening-counts"' in page
    assert 'data-testid="screening-table"' in page
    assert "<html" not in page


def test_sorting_by_temperature(client, world, frozen, reading):
    low, high = reading(temperature="36.1"), reading(temperature="37.0")
    assert _rows(_page(client, world.users.health, sort="-temperature")) == [high, low]


# --- export ---------------------------------------------------------------------------------


def test_the_export_has_the_filtered_rows_in_beijing_time(client, world, frozen, reading):
    reading(at=beijing(2026, 3, 2, 7, 15, 5), temperature="38.3", symptoms=["cough"],
            result="deny", deny_reason="fever")  # fmt: skip
    reading(at=beijing(2026, 3, 2, 7, 16), temperature="36.5")
    client.force_login(world.users.health)
    response = client.get(reverse(EXPORT), {"result": "deny"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(_workbook(response).iter_rows(values_only=True))
    assert rows[0][0] == "Measured at"
    assert len(rows) == 2
    assert rows[1][:4] == ("2026-03-02 07:15:05", world.checkpoint.name, "宁武栖凤煤矿", "张三")
    assert rows[0][5:7] == ("Temperature (°C)", "Fever")
    assert rows[1][5:10] == (38.3, "Yes", "Cough", "Entry denied", "Confirmed fever")


def test_the_export_link_carries_the_filters(client, world, frozen, reading):
    reading()
    page = _page(client, world.users.health, result="pass").content.decode()
    assert reverse(EXPORT) + "?result=pass" in page


# --- cost -----------------------------------------------------------------------------------


def test_the_page_with_many_rows_costs_a_fixed_number_of_queries(
    client, world, frozen, reading, django_assert_max_num_queries
):
    people = itertools.cycle([world.miner, world.colleague, None])
    for i in range(30):
        person = next(people)
        fields = {} if person else {"visitor_name": f"访客{i}"}
        reading(at=NOW - _minutes(i + 1), person=person, temperature="37.6", **fields)
    client.force_login(world.users.health)
    with django_assert_max_num_queries(10):
        response = client.get(reverse(URL))
    assert len(_rows(response)) >= 20
