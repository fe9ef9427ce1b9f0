"""Who sees which applications: a department only what is routed to it (in its region), an
enterprise its own (another's answers 404), people-facing roles nothing (403)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fugong.org.tests.factories import EnterpriseFactory
from fugong.resumption.models import Application
from fugong.resumption.tests.world import submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def factory_application(world):
    """A manufacturer in 宁武: routed to health and industry, not to energy."""
    unit = EnterpriseFactory(kind="other", industry="manufacturing", region=world.regions.ningwu)
    return submitted_application(unit)  # type: ignore[arg-type]  # a factory makes the model


def test_a_department_sees_only_the_applications_routed_to_it(world, factory_application):
    mine = submitted_application(world.qifeng)
    seen = set(Application.objects.restrict(world.users.department).values_list("pk", flat=True))
    assert mine.pk in seen and factory_application.pk not in seen


def test_a_department_gets_404_for_an_application_not_routed_to_it(
    client, world, factory_application
):
    client.force_login(world.users.department)
    url = reverse("resumption:application_detail", args=[factory_application.pk])
    assert client.get(url).status_code == 404


def test_the_county_sees_every_application_of_its_county(world, factory_application):
    mine = submitted_application(world.qifeng)
    other = submitted_application(world.yuanping_mine)
    seen = set(Application.objects.restrict(world.users.county).values_list("pk", flat=True))
    assert {mine.pk, factory_application.pk} <= seen and other.pk not in seen


def test_an_enterprise_gets_404_for_another_enterprises_application(client, world):
    other = submitted_application(world.independent)
    client.force_login(world.users.manager)
    assert client.get(reverse("resumption:application_detail", args=[other.pk])).status_code == 404


def test_a_group_sees_its_member_units_applications(world):
    member = submitted_application(world.yuanping_mine)
    outsider = submitted_application(world.independent)
    seen = set(Application.objects.restrict(world.users.group).values_list("pk", flat=True))
    assert member.pk in seen and outsider.pk not in seen


@pytest.mark.parametrize("persona", ["worker", "checkpoint", "health", "safety"])
def test_people_facing_roles_are_refused_the_application_pages(client, world, persona):
    application = submitted_application(world.qifeng)
    client.force_login(getattr(world.users, persona))
    assert client.get(reverse("resumption:application_list")).status_code == 403
    url = reverse("resumption:application_detail", args=[application.pk])
    assert client.get(url).status_code == 403


def test_a_department_queue_lists_only_its_own_steps(client, world, factory_application):
    submitted_application(world.qifeng)
    client.force_login(world.users.department)
    page = client.get(reverse("resumption:review_queue")).content.decode()
    assert world.qifeng.name in page and factory_application.enterprise.name not in page
