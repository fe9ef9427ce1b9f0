"""The region fields of the check-in (current county, regions visited) on a miner's phone.

With the whole GB/T 2260 list (~2,800 counties) four selects of every county would make the
page several hundred KB. Beyond the picker threshold each renders only its chosen option and
searches ``org:pick_regions`` (counties only); validation still checks the posted id against
every county, so an unknown or non-county id is an error on that field and nothing is stored.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import reverse

from fugong.core.pickers import PICKER_THRESHOLD
from fugong.epidemic.models import CheckIn, TravelDeclaration
from fugong.org.models import Region, RegionLevel
from fugong.org.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

REGION_FIELDS = ("location_region", "stop1_region", "stop2_region", "stop3_region")


@pytest.fixture
def datong(world):
    """40 more counties: 45 in all, more than a select should list."""
    city = RegionFactory(
        code="140200", name="大同市", level=RegionLevel.CITY, parent=world.regions.shanxi
    )
    return [
        RegionFactory(code=f"1402{n:02d}", name=f"大同{n:02d}县", parent=city) for n in range(1, 41)
    ]


def options(html: str, name: str) -> list[str]:
    found = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert found, f"no {name} select on the page"
    return re.findall(r"<option[^>]*>[^<]*</option>", found.group(0))


def open_page(client, world, persona="worker", url_name="epidemic:health_checkin") -> str:
    client.force_login(getattr(world.users, persona))
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return response.content.decode()


def post(client, **data):
    body = {"temperature": "36.5", "pledge": "on", "client_uuid": str(uuid.uuid4())}
    return client.post(reverse("epidemic:health_checkin"), {**body, **data})


def test_few_counties_stay_ordinary_selects_named_with_their_parents(client, world):
    assert Region.objects.filter(level=RegionLevel.COUNTY).count() <= PICKER_THRESHOLD
    html = open_page(client, world)
    for name in REGION_FIELDS:
        found = options(html, name)
        assert len(found) == 1 + 4, name  # "Please choose" and the world's four counties
        assert any("山西省 忻州市 宁武县" in option for option in found)
    assert html.count('data-picker-mode="select"') >= 4


@pytest.mark.parametrize(
    ("persona", "url_name"),
    [("worker", "epidemic:health_checkin"), ("health", "epidemic:health_checkin_for")],
)
def test_many_counties_render_only_the_empty_choice_and_the_page_does_not_grow(
    client, world, datong, persona, url_name
):
    """GIVEN 45 counties WHEN the page is opened, then again with 40 more
    THEN every region select holds only "Please choose" and the page keeps its size."""
    html = open_page(client, world, persona, url_name)
    for name in REGION_FIELDS:
        assert len(options(html, name)) == 1, name
    assert "大同01县" not in html and "宁武县" not in html
    assert html.count(f'data-picker="{reverse("org:pick_regions")}?level=county"') == 4
    assert html.count('data-picker-mode="search"') >= 4
    for n in range(41, 81):
        RegionFactory(code=f"1402{n:02d}", name=f"大同{n:02d}县", parent=datong[0].parent)
    again = open_page(client, world, persona, url_name)
    assert abs(len(again.encode()) - len(html.encode())) < 64  # the CSRF token, the UUID vary
    assert len(html.encode()) < 40_000


def test_a_county_outside_the_rendered_options_is_stored(client, world, datong):
    open_page(client, world)
    response = post(client, location_region=datong[-1].pk)
    assert response.status_code == 302
    assert CheckIn.objects.get(person=world.miner).location_region == datong[-1]


def test_a_chosen_county_is_still_the_selected_option_when_the_form_comes_back(
    client, world, datong
):
    open_page(client, world)
    response = post(
        client,
        temperature="",  # refused: the form comes back
        location_region=datong[-1].pk,
        travelled="on",
        transport="train",
        stop1_region=world.regions.ningwu.pk,
        stop1_from="2026-03-01",
    )
    assert response.status_code == 200 and response.context["form"].errors["temperature"]
    html = response.content.decode()
    assert options(html, "location_region")[1:] == [
        f'<option value="{datong[-1].pk}" selected>山西省 大同市 大同40县</option>'
    ]
    assert options(html, "stop1_region")[1:] == [
        f'<option value="{world.regions.ningwu.pk}" selected>山西省 忻州市 宁武县</option>'
    ]
    assert len(options(html, "stop2_region")) == 1
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("field", ["location_region", "stop1_region"])
@pytest.mark.parametrize("value", ["city", "province", "999999", "-1", "abc", "1e3"])
def test_an_unknown_or_non_county_region_is_a_field_error_and_nothing_is_stored(
    client, world, datong, chinese, field, value
):
    known = {"city": world.regions.xinzhou.pk, "province": world.regions.shanxi.pk}
    open_page(client, world)
    data = {field: known.get(value, value), "travelled": "on", "transport": "train"}
    if field.startswith("stop"):
        data["stop1_from"] = "2026-03-01"
    response = post(client, **data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == ["请从提供的地区中选择；可按名称或代码搜索。"]
    label = "当前所在县区" if field == "location_region" else "到访地区"
    assert f"<strong>{label}</strong>" in response.content.decode()
    assert not CheckIn.objects.exists() and not TravelDeclaration.objects.exists()


def test_the_page_keeps_its_queries_few_with_many_counties(
    client, world, datong, django_assert_max_num_queries
):
    client.force_login(world.users.worker)
    with django_assert_max_num_queries(16):
        html = client.get(reverse("epidemic:health_checkin")).content.decode()
    assert html.count('data-picker-mode="search"') >= 4
