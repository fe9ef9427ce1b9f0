"""Risk areas: list filters, add, end, and the .xlsx import (all or nothing, preview first)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from fugong.epidemic.models import RiskArea, RiskLevel
from fugong.epidemic.services.riskarea import riskarea_add

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, tzinfo=BEIJING), tick=False)


def xlsx(rows, header=("地区代码或名称", "风险等级", "开始日期", "结束日期", "备注")):
    book = Workbook()
    sheet: Any = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("areas.xlsx", out.getvalue())


def test_the_list_filters_by_level_region_and_day(client, world):
    riskarea_add(actor=world.users.city, region="140925", level="high", valid_from=TODAY)
    riskarea_add(
        actor=world.users.city, region="太原市", level="low",
        valid_from=TODAY - dt.timedelta(days=10), valid_to=TODAY - dt.timedelta(days=1),
    )  # fmt: skip
    client.force_login(world.users.county)
    url = reverse("epidemic:riskarea_list")
    assert "宁武县" in client.get(url, {"level": "high"}).content.decode()
    assert "宁武县" not in client.get(url, {"level": "low"}).content.decode()
    assert "太原市" in client.get(url, {"region": "1401"}).content.decode()
    on_day = client.get(url, {"valid_on": TODAY.isoformat()}).content.decode()
    assert "宁武县" in on_day and "太原市" not in on_day


def test_adding_a_risk_area_names_a_bad_field(client, world):
    client.force_login(world.users.health)
    url = reverse("epidemic:riskarea_create")
    response = client.post(url, {"region": "999999", "level": "high", "valid_from": "2026-03-02"})
    assert "No region has the code 999999." in response.content.decode()
    response = client.post(
        url,
        {
            "region": "宁武县",
            "level": "medium",
            "valid_from": "2026-03-02",
            "valid_to": "2026-03-01",
        },
    )
    assert "The end date is before the start date." in response.content.decode()
    response = client.post(url, {"region": "宁武县", "level": "medium", "valid_from": "2026-03-02"})
    assert response.status_code == 302
    assert RiskArea.objects.get().level == RiskLevel.MEDIUM


def test_ending_a_risk_area_makes_today_its_last_day(client, world):
    area = riskarea_add(
        actor=world.users.city,
        region="140925",
        level="high",
        valid_from=TODAY - dt.timedelta(days=3),
    )
    client.force_login(world.users.city)
    response = client.post(reverse("epidemic:riskarea_end", args=[area.pk]))
    assert response.status_code == 302
    area.refresh_from_db()
    assert area.valid_to == TODAY


def test_an_import_with_one_bad_row_lists_it_and_adds_nothing(client, world):
    client.force_login(world.users.city)
    upload = xlsx(
        [("140925", "高", "2026-03-01", "", ""), ("没有这个县", "中", "2026-03-01", "", "")]
    )
    response = client.post(reverse("epidemic:riskarea_import"), {"file": upload})
    page = response.content.decode()
    assert 'data-testid="import-errors"' in page and "没有这个县" in page
    assert 'data-testid="confirm"' not in page
    assert not RiskArea.objects.exists()
    report = client.get(reverse("epidemic:riskarea_import"), {"report": "errors"})
    assert report.status_code == 200


def test_a_clean_import_is_previewed_then_added_once(client, world):
    client.force_login(world.users.city)
    upload = xlsx(
        [
            ("140925", "高", "2026-03-01", "2026-03-14", "通报"),
            ("太原市", "low", dt.date(2026, 3, 1), None, None),
        ]
    )
    response = client.post(reverse("epidemic:riskarea_import"), {"file": upload})
    assert not RiskArea.objects.exists()
    token = response.context["token"]
    confirm = reverse("epidemic:riskarea_import_confirm")
    assert client.post(confirm, {"token": token}).status_code == 302
    assert RiskArea.objects.count() == 2
    client.post(confirm, {"token": token})  # sent twice: nothing more
    assert RiskArea.objects.count() == 2


def test_a_file_that_is_not_a_workbook_is_refused(client, world):
    client.force_login(world.users.city)
    upload = SimpleUploadedFile("areas.xlsx", b"not a workbook")
    response = client.post(reverse("epidemic:riskarea_import"), {"file": upload})
    assert "not an Excel workbook" in response.content.decode()


def test_the_template_downloads(client, world):
    client.force_login(world.users.health)
    response = client.get(reverse("epidemic:riskarea_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
