"""The place pages: scope per role, the headcount limit underground, editors only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fugong.org.models import Place, PlaceKind
from fugong.org.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


LIST = reverse("org:place_list")
CREATE = reverse("org:place_create")
QIFENG_PLACES = {"栖凤矿门岗", "1号楼101", "8101综采工作面"}
LIST_QUERY_BUDGET = 10


def listed(client, user, **params) -> set[str]:
    client.force_login(user)
    response = client.get(LIST, params)
    assert response.status_code == 200
    return {p.name for p in response.context["page"].object_list}


def zone_data(world, **overrides) -> dict:
    data = {
        "enterprise": world.qifeng.pk,
        "name": "8102回风巷",
        "kind": PlaceKind.UNDERGROUND_ZONE,
        "code": "Z-8102",
        "parent": "",
        "headcount_limit": "30",
        "capacity": "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("city", QIFENG_PLACES | {"原平矿门岗"}),
        ("county", QIFENG_PLACES),
        ("group", QIFENG_PLACES | {"原平矿门岗"}),
        ("manager", QIFENG_PLACES),
        ("safety", QIFENG_PLACES),
        ("liaison", set()),
        ("checkpoint", {"栖凤矿门岗"}),
    ],
)
def test_it_lists_exactly_the_places_in_each_roles_scope(client, world, persona, expected):
    assert listed(client, getattr(world.users, persona)) == expected


def test_it_refuses_the_place_list_to_a_worker(client, world):
    client.force_login(world.users.worker)
    assert client.get(LIST).status_code == 403


def test_it_filters_places_by_kind_enterprise_use_and_search(client, world):
    city = world.users.city
    assert listed(client, city, kind="checkpoint") == {"栖凤矿门岗", "原平矿门岗"}
    assert listed(client, city, enterprise=world.yuanping_mine.pk) == {"原平矿门岗"}
    assert listed(client, city, q="综采") == {"8101综采工作面"}
    Place.objects.filter(pk=world.dorm.pk).update(is_active=False)
    assert listed(client, city, is_active="false") == {"1号楼101"}


def test_it_answers_htmx_with_the_results_partial_only(client, world):
    client.force_login(world.users.manager)
    response = client.get(LIST, {"kind": "working_face"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert "8101综采工作面" in body and "栖凤矿门岗" not in body


def test_the_place_list_stays_within_its_query_budget_with_30_rows(
    client, world, django_assert_max_num_queries
):
    for n in range(30):
        PlaceFactory(enterprise=world.qifeng, parent=world.zone, name=f"硐室{n}")
    client.force_login(world.users.group)
    with django_assert_max_num_queries(LIST_QUERY_BUDGET):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == 25


def test_the_place_page_shows_kind_limit_parent_and_enterprise(client, world):
    inner = PlaceFactory.create(enterprise=world.qifeng, parent=world.zone, name="8101机巷")
    client.force_login(world.users.safety)
    body = client.get(reverse("org:place_detail", args=[inner.pk])).content.decode()
    assert "8101综采工作面" in body and "宁武栖凤煤矿" in body
    body = client.get(reverse("org:place_detail", args=[world.zone.pk])).content.decode()
    assert "Working face" in body and ">40<" in body and "8101机巷" in body


@pytest.mark.parametrize(
    ("persona", "other"),
    [("county", "other_checkpoint"), ("manager", "other_checkpoint"), ("checkpoint", "dorm")],
)
def test_a_place_outside_the_scope_is_404(client, world, persona, other):
    client.force_login(getattr(world.users, persona))
    pk = getattr(world, other).pk
    assert client.get(reverse("org:place_detail", args=[pk])).status_code == 404


@pytest.mark.parametrize("persona", ["city", "county", "health", "safety", "checkpoint", "liaison"])
def test_non_editors_get_403_on_place_create_and_edit(client, world, persona):
    client.force_login(getattr(world.users, persona))
    assert client.get(CREATE).status_code == 403
    assert client.get(reverse("org:place_edit", args=[world.zone.pk])).status_code == 403


def test_editing_a_place_of_another_enterprise_is_404(client, world):
    client.force_login(world.users.manager)
    url = reverse("org:place_edit", args=[world.other_checkpoint.pk])
    assert client.get(url).status_code == 404


def test_a_manager_adds_an_underground_zone_with_its_limit(client, world):
    client.force_login(world.users.manager)
    response = client.post(CREATE, zone_data(world))
    zone = Place.objects.get(name="8102回风巷")
    assert response.status_code == 302
    assert zone.headcount_limit == 30 and zone.enterprise == world.qifeng


@pytest.mark.parametrize("kind", [PlaceKind.UNDERGROUND_ZONE, PlaceKind.WORKING_FACE])
def test_an_underground_place_without_a_headcount_limit_is_refused(client, world, kind):
    client.force_login(world.users.manager)
    response = client.post(CREATE, zone_data(world, kind=kind, headcount_limit=""))
    assert response.status_code == 200
    assert "headcount_limit" in response.context["form"].errors
    assert "Headcount limit" in response.content.decode()
    assert not Place.objects.filter(name="8102回风巷").exists()


@pytest.mark.parametrize(("limit", "saved"), [("0", False), ("1", True), ("2", True)])
def test_the_headcount_limit_is_at_least_one(client, world, limit, saved):
    client.force_login(world.users.manager)
    client.post(CREATE, zone_data(world, headcount_limit=limit))
    assert Place.objects.filter(name="8102回风巷").exists() is saved


def test_a_place_above_ground_needs_no_headcount_limit(client, world):
    client.force_login(world.users.manager)
    data = zone_data(world, kind=PlaceKind.CANTEEN, name="职工食堂", headcount_limit="")
    assert client.post(CREATE, data).status_code == 302


def test_the_enterprise_choices_are_only_those_the_editor_may_edit(client, world):
    client.force_login(world.users.manager)
    form = client.get(CREATE).context["form"]
    assert list(form.fields["enterprise"].queryset) == [world.qifeng]
    response = client.post(CREATE, zone_data(world, enterprise=world.plant.pk))
    assert "enterprise" in response.context["form"].errors


def test_a_place_cannot_be_inside_a_place_of_another_enterprise(client, world):
    client.force_login(world.users.group)
    data = zone_data(world, parent=world.other_checkpoint.pk)
    response = client.post(CREATE, data)
    assert "parent" in response.context["form"].errors
    assert not Place.objects.filter(name="8102回风巷").exists()


def test_the_group_admin_edits_a_member_units_place_and_keeps_its_enterprise(client, world):
    client.force_login(world.users.group)
    url = reverse("org:place_edit", args=[world.zone.pk])
    assert "enterprise" not in client.get(url).context["form"].fields
    data = zone_data(
        world, name="8101综采工作面", kind=PlaceKind.WORKING_FACE, headcount_limit="45"
    )
    data["enterprise"] = world.yuanping_mine.pk  # not on the form: ignored
    assert client.post(url, data).status_code == 302
    world.zone.refresh_from_db()
    assert world.zone.headcount_limit == 45 and world.zone.enterprise == world.qifeng


def test_a_duplicate_place_name_is_an_error_on_the_form_not_a_500(client, world):
    client.force_login(world.users.manager)
    PlaceFactory(enterprise=world.qifeng, kind=PlaceKind.CANTEEN, name="食堂")
    other = PlaceFactory.create(enterprise=world.qifeng, kind=PlaceKind.CANTEEN, name="二食堂")
    data = zone_data(world, kind=PlaceKind.CANTEEN, name="食堂", headcount_limit="")
    response = client.post(reverse("org:place_edit", args=[other.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    other.refresh_from_db()
    assert other.name == "二食堂"
