"""户籍地 by name or code; errors in Chinese, each naming the person (row, column, name, reason)."""

from __future__ import annotations

import re

import pytest

from fugong.org.models import RegionLevel
from fugong.org.tests.factories import RegionFactory
from fugong.people.models import Person
from fugong.people.tests.test_roster_import import bad_check_digit, new_id, run

pytestmark = pytest.mark.django_db

HEADER = ["姓名", "身份证号", "户籍地"]


@pytest.mark.parametrize(
    "text", ["宁武县", "忻州市宁武县", "山西省忻州市宁武县", "140925", " 宁武县 "]
)
def test_the_home_region_is_read_by_name_or_code(world, text):
    result = run(world, [("户籍人", new_id(70), text)], header=HEADER)
    assert result.created == 1, result.errors
    assert Person.objects.get(name="户籍人").home_region == world.regions.ningwu


@pytest.fixture
def two_chengqu(world):
    datong = RegionFactory(code="140200", name="大同市", level=RegionLevel.CITY)
    RegionFactory(code="140212", name="城区", level=RegionLevel.COUNTY, parent=datong)
    RegionFactory(
        code="140402", name="城区", level=RegionLevel.COUNTY, parent=world.regions.taiyuan
    )


def test_an_ambiguous_name_is_an_error_naming_the_candidates(world, two_chengqu):
    (error,) = run(world, [("两可", new_id(71), "城区")], header=HEADER).errors
    assert (error.row, error.column, error.label, error.name) == (2, "C", "Home region", "两可")
    assert "大同市城区" in error.reason and "山西省太原市城区" in error.reason
    assert run(world, [("一可", new_id(72), "大同市城区")], header=HEADER).created == 1


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("宁武", "No region is named “宁武”"),
        ("999999", "No region has code 999999"),
        ("14092", "6 digits"),
    ],
)
def test_an_unknown_region_is_an_error(world, text, reason):
    (error,) = run(world, [("无处", new_id(73), text)], header=HEADER).errors
    assert reason in error.reason and error.name == "无处"


def test_errors_read_in_chinese_with_no_english(world, chinese):
    rows = [
        ("", "", "12345", "老板", "无此班组", "无此宿舍", "无此地", "睡觉"),
        ("甲", bad_check_digit(new_id(74)), "", "", "", "", "999999", ""),
        ("乙", world.plant_worker.id_number, "", "", "", "", "城", ""),
        ("丙" * 65, "1409251985", "", "", "", "", "", ""),
    ]
    header = ["姓名", "身份证号", "手机号", "类别", "班组", "宿舍", "户籍地", "状态"]
    result = run(world, rows, header=header)
    assert len(result.errors) == 14
    for error in result.errors:
        # The names of standards (GB/T 2260, ISO 7064) are not English.
        text = f"{error.label} {error.reason}".replace("GB/T", "").replace("ISO 7064 MOD", "")
        assert not re.search("[A-Za-z]", text), text
    assert result.errors[-1].name == "丙" * 65


def test_a_masked_file_is_refused_in_chinese(world, chinese):
    result = run(world, [("张三", "142301********1234")], header=["姓名", "身份证号"])
    assert "不能导入" in result.problem
