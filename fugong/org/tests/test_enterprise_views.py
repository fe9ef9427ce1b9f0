"""The enterprise pages: who sees which rows, who may edit, and what the forms refuse."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fugong.accounts.tests.factories import UserFactory
from fugong.core.identifiers import make_uscc
from fugong.org.models import Enterprise, EnterpriseKind
from fugong.org.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


LIST = reverse("org:enterprise_list")
CITY_ALL = {"忻州神达能源集团", "宁武栖凤煤矿", "原平神达煤矿", "宁武独立煤矿"}
# A list page costs a fixed number of queries whatever the number of rows: session, user,
# scope, filter choices, count and one page. More than this means an N+1 crept in.
LIST_QUERY_BUDGET = 10


def listed(client, user, **params) -> set[str]:
    client.force_login(user)
    response = client.get(LIST, params)
    assert response.status_code == 200
    return {e.name for e in response.context["page"].object_list}


def new_unit_data(world, **overrides) -> dict:
    data = {
        "credit_code": make_uscc("140925", 77_001),
        "name": "宁武新建煤矿",
        "kind": EnterpriseKind.COAL_MINE,
        "industry": "coal_mining",
        "region": world.regions.ningwu.pk,
        "parent": world.group.pk,
        "normal_headcount": "120",
        "normal_daily_output": "1500",
        "output_unit": "t_raw_coal",
        "rated_capacity": "",
        "status": "active",
        "address": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("city", CITY_ALL),
        ("department", CITY_ALL),
        ("county", {"宁武栖凤煤矿", "宁武独立煤矿"}),
        ("liaison", {"宁武独立煤矿"}),
        ("group", {"忻州神达能源集团", "宁武栖凤煤矿", "原平神达煤矿"}),
        ("manager", {"宁武栖凤煤矿"}),
        ("health", {"宁武栖凤煤矿"}),
        ("safety", {"宁武栖凤煤矿"}),
        ("checkpoint", {"宁武栖凤煤矿"}),
    ],
)
def test_it_lists_exactly_the_enterprises_in_each_roles_scope(client, world, persona, expected):
    assert listed(client, getattr(world.users, persona)) == expected


def test_it_refuses_the_enterprise_list_to_a_worker(client, world):
    client.force_login(world.users.worker)
    assert client.get(LIST).status_code == 403


def test_it_sends_an_anonymous_visitor_to_the_login_page(client, world):
    response = client.get(LIST)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_it_answers_htmx_with_the_results_partial_only(client, world):
    client.force_login(world.users.city)
    response = client.get(LIST, {"q": "栖凤"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert 'data-testid="results-table"' in body
    assert "宁武栖凤煤矿" in body and "原平神达煤矿" not in body


def test_the_full_page_has_the_search_box_wired_to_htmx(client, world):
    client.force_login(world.users.city)
    body = client.get(LIST).content.decode()
    assert "<html" in body
    assert 'hx-target="#results"' in body
    assert "input changed delay:300ms, search" in body


def test_it_searches_by_name_and_by_credit_code_prefix_and_exact(client, world):
    city = world.users.city
    assert listed(client, city, q="独立") == {"宁武独立煤矿"}
    code = world.independent.credit_code
    assert listed(client, city, q=code) == {"宁武独立煤矿"}
    assert listed(client, city, q=code.lower()) == {"宁武独立煤矿"}
    # Every factory code shares its first characters: a prefix finds them all.
    assert listed(client, city, q=code[:8]) == CITY_ALL


def test_a_city_region_filter_includes_all_its_counties(client, world):
    city = world.users.city
    assert listed(client, city, region=world.regions.xinzhou.pk) == CITY_ALL
    assert listed(client, city, region=world.regions.ningwu.pk) == {"宁武栖凤煤矿", "宁武独立煤矿"}


def test_a_region_outside_the_scope_is_an_invalid_filter_that_shows_nothing(client, world):
    client.force_login(world.users.county)
    response = client.get(LIST, {"region": world.regions.jiancaoping.pk})
    assert list(response.context["page"].object_list) == []
    assert 'data-testid="filter-errors"' in response.content.decode()


def test_it_filters_by_kind_status_and_group(client, world):
    city = world.users.city
    assert listed(client, city, kind="group") == {"忻州神达能源集团"}
    assert listed(client, city, parent=world.group.pk) == {"宁武栖凤煤矿", "原平神达煤矿"}
    Enterprise.objects.filter(pk=world.independent.pk).update(status="suspended")
    assert listed(client, city, status="suspended") == {"宁武独立煤矿"}


def test_the_enterprise_list_stays_within_its_query_budget_with_30_rows(
    client, world, django_assert_max_num_queries
):
    EnterpriseFactory.create_batch(30, region=world.regions.ningwu, parent=world.group)
    client.force_login(world.users.group)
    with django_assert_max_num_queries(LIST_QUERY_BUDGET):
        response = client.get(LIST, {"page": 2})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 8  # 33 rows, 25 a page


# --- detail -------------------------------------------------------------------------------


def test_the_group_page_shows_its_member_units_and_their_count(client, world):
    client.force_login(world.users.city)
    response = client.get(reverse("org:enterprise_detail", args=[world.group.pk]))
    body = response.content.decode()
    assert [m.name for m in response.context["members"]] == ["宁武栖凤煤矿", "原平神达煤矿"]
    assert 'data-testid="member-count">2<' in body
    assert world.group.credit_code in body


def test_the_mine_page_shows_output_with_its_unit_and_linked_counts(client, world):
    client.force_login(world.users.manager)
    response = client.get(reverse("org:enterprise_detail", args=[world.qifeng.pk]))
    body = response.content.decode()
    assert "3000" in body and "tons of raw coal" in body
    counts = {str(c["label"]): c["count"] for c in response.context["counts"]}
    assert counts == {"Places": 3, "Teams": 1, "Shifts": 1}
    assert f"{reverse('org:place_list')}?enterprise={world.qifeng.pk}" in body


@pytest.mark.parametrize(
    ("persona", "other"),
    [
        ("county", "plant"),
        ("group", "independent"),
        ("manager", "yuanping_mine"),
        ("liaison", "qifeng"),
        ("checkpoint", "yuanping_mine"),
    ],
)
def test_an_enterprise_outside_the_scope_is_404(client, world, persona, other):
    client.force_login(getattr(world.users, persona))
    target = getattr(world, other)
    assert client.get(reverse("org:enterprise_detail", args=[target.pk])).status_code == 404


def test_the_edit_button_is_shown_only_to_those_who_may_edit(client, world):
    url = reverse("org:enterprise_detail", args=[world.qifeng.pk])
    cases = [("city", True), ("county", True), ("department", False), ("safety", False)]
    for persona, shown in [*cases, ("manager", True), ("group", True)]:
        client.force_login(getattr(world.users, persona))
        assert ('data-testid="edit"' in client.get(url).content.decode()) is shown, persona


def test_the_history_shows_who_changed_which_field(client, world):
    client.force_login(world.users.manager)
    url = reverse("org:enterprise_edit", args=[world.qifeng.pk])
    data = new_unit_data(world, credit_code=world.qifeng.credit_code, name="宁武栖凤煤矿")
    data.pop("parent")
    data["normal_headcount"] = "350"
    assert client.post(url, data).status_code == 302
    response = client.get(reverse("org:enterprise_detail", args=[world.qifeng.pk]))
    history = response.context["history"]
    assert history[0].actor == world.users.manager
    changed = {label: (old, new) for label, old, new in history[0].changes}
    assert changed["normal staff headcount"] == ("300", "350")


# --- create and edit ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["department", "liaison", "health", "safety", "checkpoint", "worker"]
)
def test_non_editors_get_403_on_create_and_edit(client, world, persona):
    client.force_login(getattr(world.users, persona))
    assert client.get(reverse("org:enterprise_create")).status_code == 403
    url = reverse("org:enterprise_edit", args=[world.qifeng.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "x"}).status_code == 403


def test_an_enterprise_manager_may_not_register_enterprises(client, world):
    client.force_login(world.users.manager)
    assert client.get(reverse("org:enterprise_create")).status_code == 403


def test_editing_an_enterprise_outside_the_scope_is_404(client, world):
    client.force_login(world.users.manager)
    url = reverse("org:enterprise_edit", args=[world.yuanping_mine.pk])
    assert client.get(url).status_code == 404
    client.force_login(world.users.group)
    assert client.get(reverse("org:enterprise_edit", args=[world.plant.pk])).status_code == 404


def test_a_group_admin_registers_a_member_unit(client, world):
    client.force_login(world.users.group)
    response = client.post(reverse("org:enterprise_create"), new_unit_data(world))
    created = Enterprise.objects.get(name="宁武新建煤矿")
    assert response.status_code == 302
    assert response["Location"] == reverse("org:enterprise_detail", args=[created.pk])
    assert created.parent == world.group


def test_the_group_choices_offer_only_groups_in_scope(client, world):
    EnterpriseFactory(name="别的集团", kind=EnterpriseKind.GROUP, region=world.regions.jiancaoping)
    client.force_login(world.users.group)
    form = client.get(reverse("org:enterprise_create")).context["form"]
    assert [g.name for g in form.fields["parent"].queryset] == ["忻州神达能源集团"]


@pytest.mark.parametrize("code", ["91140925MA0K", "91140925MA0KXXXXXI", "91140925MA0K00010A"])
def test_a_bad_credit_code_shows_an_error_naming_the_field_and_saves_nothing(client, world, code):
    client.force_login(world.users.group)
    before = Enterprise.objects.count()
    response = client.post(reverse("org:enterprise_create"), new_unit_data(world, credit_code=code))
    assert response.status_code == 200
    assert "credit_code" in response.context["form"].errors
    assert "Unified social credit code" in response.content.decode()
    assert Enterprise.objects.count() == before


def test_a_duplicate_credit_code_is_refused(client, world):
    client.force_login(world.users.group)
    data = new_unit_data(world, credit_code=world.qifeng.credit_code)
    response = client.post(reverse("org:enterprise_create"), data)
    assert "credit_code" in response.context["form"].errors


def test_a_manager_edits_their_enterprise_but_not_its_group(client, world):
    client.force_login(world.users.manager)
    url = reverse("org:enterprise_edit", args=[world.qifeng.pk])
    assert client.get(url).context["form"].fields["parent"].disabled
    data = new_unit_data(world, credit_code=world.qifeng.credit_code, name="栖凤煤矿（改）")
    data["parent"] = ""  # ignored: the field is disabled
    assert client.post(url, data).status_code == 302
    world.qifeng.refresh_from_db()
    assert world.qifeng.name == "栖凤煤矿（改）"
    assert world.qifeng.parent == world.group


def test_a_superuser_may_register_an_independent_enterprise(client, world):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    data = new_unit_data(world, parent="", region=world.regions.jiancaoping.pk)
    assert client.post(reverse("org:enterprise_create"), data).status_code == 302
    assert Enterprise.objects.get(name="宁武新建煤矿").parent is None


# --- regions ------------------------------------------------------------------------------

REGIONS = reverse("org:region_list")
XINZHOU_REGIONS = {"忻州市", "忻府区", "宁武县", "原平市"}


def listed_regions(client, user, **params) -> set[str]:
    client.force_login(user)
    response = client.get(REGIONS, params)
    assert response.status_code == 200
    return {r.name for r in response.context["page"].object_list}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("city", XINZHOU_REGIONS), ("department", XINZHOU_REGIONS), ("county", {"宁武县"})],
)
def test_it_lists_the_regions_of_the_jurisdiction(client, world, persona, expected):
    assert listed_regions(client, getattr(world.users, persona)) == expected


@pytest.mark.parametrize("persona", ["group", "manager", "liaison", "checkpoint", "worker"])
def test_the_region_list_is_for_government_roles_only(client, world, persona):
    client.force_login(getattr(world.users, persona))
    assert client.get(REGIONS).status_code == 403


def test_it_searches_regions_by_name_code_prefix_and_level(client, world):
    city = world.users.city
    assert listed_regions(client, city, q="宁武") == {"宁武县"}
    assert listed_regions(client, city, q="14092") == {"宁武县"}
    assert listed_regions(client, city, level="county") == {"忻府区", "宁武县", "原平市"}
    response = client.get(REGIONS, {"q": "原平"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode() and "原平市" in response.content.decode()
