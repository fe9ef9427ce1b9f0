"""The roster template as clerks want it: Chinese headers and drop-down lists."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fugong.org.tests.factories import TeamFactory
from fugong.people.roster_columns import COLUMNS

pytestmark = pytest.mark.django_db

TEMPLATE = reverse("people:roster_template")


def template(client, user, **params):
    client.force_login(user)
    response = client.get(TEMPLATE, params)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def drop_downs(workbook) -> dict[str, list[str]]:
    """Roster column header → the values its drop-down list offers."""
    sheet, lists = workbook.worksheets[0], workbook["选项"]
    found = {}
    for validation in sheet.data_validations.dataValidation:
        column = re.match(r"[A-Z]+", str(validation.sqref))
        source = re.search(r"\$([A-Z]+)\$2:\$[A-Z]+\$(\d+)", validation.formula1 or "")
        assert column and source
        header = sheet[f"{column.group(0)}1"].value
        letter, last = source.group(1), int(source.group(2))
        found[header] = [lists[f"{letter}{row}"].value for row in range(2, last + 1)]
        assert validation.type == "list" and validation.allow_blank
    return found


def test_the_headers_are_chinese_only(client, world):
    headers = [c.value for c in template(client, world.users.manager).worksheets[0][1]]
    assert headers == ["姓名", "身份证号", "手机号", "类别", "班组", "宿舍", "户籍地", "状态"]
    assert headers == [c.header for c in COLUMNS]
    assert not any(re.search("[A-Za-z]", h) for h in headers)


def test_category_status_and_the_enterprises_teams_are_drop_down_lists(client, world):
    TeamFactory(enterprise=world.qifeng, name="机电队")
    workbook = template(client, world.users.manager)  # the manager's only enterprise
    assert drop_downs(workbook) == {
        "类别": ["职工", "务工人员", "访客"],
        "状态": ["在职", "离职"],
        "班组": ["机电队", "综采一队"],
    }
    assert workbook["选项"].sheet_state == "hidden"


def test_a_group_admin_chooses_the_enterprise_whose_teams_are_listed(client, world):
    workbook = template(client, world.users.group, enterprise=world.yuanping_mine.pk)
    assert drop_downs(workbook)["班组"] == ["掘进二队"]
    # With several enterprises and none chosen, the team column stays free.
    assert "班组" not in drop_downs(template(client, world.users.group))


@pytest.mark.parametrize("enterprise", ["plant", "independent"])
def test_an_enterprise_out_of_scope_is_404(client, world, enterprise):
    client.force_login(world.users.group)
    response = client.get(TEMPLATE, {"enterprise": getattr(world, enterprise).pk})
    assert response.status_code == 404
    assert client.get(TEMPLATE, {"enterprise": "x"}).status_code == 404


def test_the_import_page_offers_the_template_per_enterprise_to_a_group(client, world):
    client.force_login(world.users.group)
    body = client.get(reverse("people:roster_import")).content.decode()
    form = body.split('data-testid="roster-template"')[1].split("</form>")[0]
    assert "原平神达煤矿" in form and "宁武栖凤煤矿" in form and "大唐" not in form
