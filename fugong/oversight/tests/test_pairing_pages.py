"""Pairing pages: city command pairs leaders with key projects and ends pairings; a county
reads its region's pairings; list pages and the leader's page take a fixed number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fugong.oversight.models import KeyProject, Measure, ProjectPairing
from fugong.oversight.tests.helpers import raise_ticket

pytestmark = pytest.mark.django_db


def test_city_creates_a_key_project_pairs_a_leader_and_ends_the_pairing(client, world):
    client.force_login(world.users.city)
    response = client.post(
        reverse("oversight:project_create"),
        {"name": "宁武物流园", "region": world.regions.ningwu.pk, "status": "planned"},
    )
    project = KeyProject.objects.get()
    assert response.status_code == 302
    response = client.post(
        reverse("oversight:project_pairing_create"),
        {"leader": world.users.liaison.pk, "project": project.pk, "starts_on": "2026-01-01"},
    )
    assert response.status_code == 302
    pairing = ProjectPairing.objects.get()
    page = client.get(reverse("oversight:project_detail", args=[project.pk])).content.decode()
    assert str(world.users.liaison) in page
    client.post(reverse("oversight:project_pairing_end", args=[pairing.pk]))
    pairing.refresh_from_db()
    assert pairing.ends_on is not None


def test_a_project_needs_an_enterprise_or_a_region(client, world):
    client.force_login(world.users.city)
    response = client.post(
        reverse("oversight:project_create"), {"name": "无处安放", "status": "planned"}
    )
    assert response.status_code == 200
    assert "enterprise" in response.context["form"].errors
    assert not KeyProject.objects.exists()


def test_a_project_in_a_region_outside_the_county_is_refused(client, world):
    client.force_login(world.users.city)
    response = client.post(
        reverse("oversight:project_create"),
        {"name": "太原项目", "region": world.regions.taiyuan.pk, "status": "planned"},
    )
    assert "region" in response.context["form"].errors


def test_the_region_field_offers_and_searches_only_the_regions_city_may_choose(client, world):
    """The service refuses a region outside the editor's: the form and its search agree."""
    client.force_login(world.users.city)
    page = client.get(reverse("oversight:project_create"))
    offered = set(page.context["form"].fields["region"].queryset.values_list("pk", flat=True))
    assert world.regions.ningwu.pk in offered
    assert world.regions.taiyuan.pk not in offered
    search = reverse("org:pick_regions") + "?within=scope"
    assert f'data-picker="{search}"' in page.content.decode()
    found = client.get(search + "&q=" + world.regions.taiyuan.name).json()["results"]
    assert found == []
    everywhere = client.get(reverse("org:pick_regions"), {"q": world.regions.taiyuan.name})
    assert everywhere.json()["results"]  # the same search without the scope finds it


def test_a_county_reads_its_regions_pairings_without_the_end_buttons(client, world):
    client.force_login(world.users.county)
    response = client.get(reverse("oversight:pairing_list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert world.independent.name in page
    assert 'data-testid="end"' not in page
    assert 'data-testid="create"' not in page


def test_the_leaders_page_takes_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for _ in range(6):
        raise_ticket(world.users.liaison, world.independent)
        Measure.objects.create(
            enterprise=world.independent, title="措施", owner="县政府", deadline="2026-12-31"
        )
    client.force_login(world.users.liaison)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("oversight:my")).status_code == 200


@pytest.mark.parametrize("url_name", ["oversight:ticket_list", "oversight:measure_list"])
def test_a_list_page_takes_a_fixed_number_of_queries(
    client, world, url_name, django_assert_max_num_queries
):
    for _ in range(12):
        raise_ticket(world.users.manager, world.qifeng)
        Measure.objects.create(
            enterprise=world.qifeng, title="措施", owner="县政府", deadline="2020-01-01"
        )
    client.force_login(world.users.city)
    with django_assert_max_num_queries(20):
        assert client.get(reverse(url_name)).status_code == 200
