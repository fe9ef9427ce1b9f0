"""The region picker (``org:pick_regions``): public reference data searched as one types.

A real deployment loads the whole GB/T 2260 list (~2,800 counties); a region field then renders
only its chosen option and this endpoint answers the search: by name (宁武 finds 宁武县), by
code prefix (1409: the counties of 忻州市, full-width digits too), each region named with its
parents, a bounded number of results. Any logged-in role may search (a worker's check-in has
region fields); ``within=scope`` narrows to the actor's own regions, as the enterprise forms do.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from fugong.accounts.tests.factories import UserFactory
from fugong.core import pickers
from fugong.core.pickers import PICKER_RESULTS
from fugong.org.models import RegionLevel
from fugong.org.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

PICK = "org:pick_regions"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.fixture
def datong(world):
    """大同市 with 40 counties (more than a select should list), and a second 宁武县 elsewhere."""
    city = RegionFactory(
        code="140200", name="大同市", level=RegionLevel.CITY, parent=world.regions.shanxi
    )
    counties = [
        RegionFactory(code=f"1402{n:02d}", name=f"大同{n:02d}县", parent=city) for n in range(1, 41)
    ]
    inner_mongolia = RegionFactory(code="150000", name="内蒙古自治区", level=RegionLevel.PROVINCE)
    ulanqab = RegionFactory(
        code="150900", name="乌兰察布市", level=RegionLevel.CITY, parent=inner_mongolia
    )
    RegionFactory(code="150925", name="宁武县", parent=ulanqab)  # a namesake, for the labels
    return counties


def search(client, **params):
    response = client.get(reverse(PICK), params)
    assert response.status_code == 200, response.content
    return response.json()


def labels(client, **params) -> list[str]:
    return [row["label"] for row in search(client, **params)["results"]]


@pytest.fixture
def worker(client, world):
    client.force_login(world.users.worker)
    return client


def test_a_name_finds_the_counties_named_with_their_parents(worker, datong):
    assert labels(worker, q="宁武", level="county") == [
        "山西省 忻州市 宁武县",
        "内蒙古自治区 乌兰察布市 宁武县",
    ]


def test_each_result_carries_its_code_as_the_hint(worker, world):
    [row] = search(worker, q="宁武县")["results"]
    assert row == {"id": world.regions.ningwu.pk, "label": "山西省 忻州市 宁武县", "hint": "140925"}


@pytest.mark.parametrize("q", ["1409", "１４０９", " 1409 "])
def test_a_code_prefix_finds_the_counties_of_that_city(worker, datong, q):
    assert labels(worker, q=q, level="county") == [
        "山西省 忻州市 忻府区",
        "山西省 忻州市 宁武县",
        "山西省 忻州市 原平市",
    ]


def test_a_whole_code_finds_one_region_and_without_a_level_the_city_too(worker, datong):
    assert labels(worker, q="140925") == ["山西省 忻州市 宁武县"]
    assert labels(worker, q="1409")[0] == "山西省 忻州市"


def test_a_parent_name_and_several_words_narrow_as_the_label_reads(worker, datong):
    assert labels(worker, q="忻州 宁武") == ["山西省 忻州市 宁武县"]
    assert labels(worker, q="乌兰察布", level="county") == ["内蒙古自治区 乌兰察布市 宁武县"]


def test_the_level_keeps_to_counties(worker, datong):
    assert "山西省 忻州市" not in labels(worker, q="忻州", level="county")
    assert labels(worker, q="忻州", level="city") == ["山西省 忻州市"]
    assert labels(worker, q="山西", level="province") == ["山西省"]
    # An unknown level narrows nothing rather than failing.
    assert labels(worker, q="140925", level="planet") == ["山西省 忻州市 宁武县"]


def test_results_are_capped_and_say_there_is_more(worker, datong):
    answer = search(worker, q="大同", level="county")
    assert len(answer["results"]) == PICKER_RESULTS and answer["more"] is True
    assert answer["results"][0]["label"] == "山西省 大同市 大同01县"  # in code order
    narrow = search(worker, q="大同4", level="county")
    assert [r["label"] for r in narrow["results"]] == ["山西省 大同市 大同40县"]
    assert narrow["more"] is False


def test_the_cap_follows_the_setting(worker, datong, monkeypatch):
    monkeypatch.setattr(pickers, "PICKER_RESULTS", 2)
    answer = search(worker, q="1402")
    assert len(answer["results"]) == 2 and answer["more"] is True


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        "1" * 7,  # longer than any code
        "１" * 7,
        "宁" * 5000,  # huge: cut, then simply not found
        "%",
        "_",
        "' OR 1=1 --",
        "\x00",
        "宁\x00武",
        "a b c d",  # more words than 省 市 县
        "²",  # a digit only after NFKC
        "١٤٠٩",  # Arabic-Indic digits are not a code
    ],
)
def test_odd_input_gives_an_empty_or_correct_answer_never_a_500(worker, datong, q):
    answer = search(worker, q=q, level="county")
    assert isinstance(answer["results"], list)
    found = [r["label"] for r in answer["results"]]
    if q.replace("\x00", "").strip():  # a NUL alone is an empty query: the first counties
        assert found == [] or all("宁武" in label for label in found), found


def test_an_empty_query_lists_the_first_counties(worker, datong):
    answer = search(worker, level="county")
    assert len(answer["results"]) == PICKER_RESULTS and answer["more"] is True


def test_the_whole_country_for_a_worker_whose_scope_has_no_region(worker, world):
    """The check-in names where one has been: anywhere, not only the scope's regions."""
    assert labels(worker, q="尖草坪") == ["山西省 太原市 尖草坪区"]


def test_within_the_scope_a_county_officer_finds_only_their_regions(client, world, datong):
    client.force_login(world.users.county)
    assert labels(client, q="宁武", within="scope") == ["山西省 忻州市 宁武县"]
    assert labels(client, q="尖草坪", within="scope") == []
    assert labels(client, q="尖草坪") == ["山西省 太原市 尖草坪区"]


def test_within_the_scope_a_worker_finds_nothing(worker, world):
    assert labels(worker, q="宁武", within="scope") == []


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    response = client.get(reverse(PICK), {"q": "宁武"})
    assert response.status_code == 302 and "宁武" not in response.content.decode()


def test_an_account_without_a_role_may_not_search(client, world):
    client.force_login(UserFactory(username="norole", role=""))
    assert client.get(reverse(PICK), {"q": "宁武"}).status_code == 403


@pytest.mark.parametrize("q", ["宁武", "1409", "忻州 宁武", ""])
def test_the_search_keeps_its_queries_few(worker, datong, q, django_assert_max_num_queries):
    """Session and user, then one query: the parents come in the same join."""
    with django_assert_max_num_queries(3):
        assert search(worker, q=q, level="county")["results"] is not None
