"""The regulated fields of an enterprise (DESIGN §2): region, kind, group, credit code, status.

Changed only by the government over the enterprise (city_command, county_officer in their
region) or by a group for its member units, never to a region outside the editor's scope. A
refusal names the field and writes nothing.
"""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from fugong.core.identifiers import make_uscc
from fugong.org import services
from fugong.org.models import Enterprise, EnterpriseKind, EnterpriseStatus
from fugong.org.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

REGULATED = ["region", "kind", "parent", "credit_code", "status"]
# Who may change the regulated fields of 栖凤 (a member unit of the group, in 宁武县).
MAY_REGULATE = {"city": True, "county": True, "group": True, "manager": False}


@pytest.fixture
def sub_group(world):
    """A second group inside everyone's scope: a member of 神达, registered in 宁武县."""
    return EnterpriseFactory(
        name="神达宁武分公司",
        kind=EnterpriseKind.GROUP,
        region=world.regions.ningwu,
        parent=world.group,
    )


def new_value(world, sub_group, persona: str, field: str):
    """A value for ``field`` inside the persona's own scope."""
    if field == "region":
        # 宁武县 is the county officer's only county; the others move the mine to 原平市.
        return world.regions.ningwu if persona == "county" else world.regions.yuanping
    return {
        "kind": EnterpriseKind.OTHER,
        "parent": sub_group,
        "credit_code": make_uscc("140925", 66_001),
        "status": EnterpriseStatus.SUSPENDED,
    }[field]


def snapshot(enterprise: Enterprise) -> tuple:
    enterprise.refresh_from_db()
    return tuple(getattr(enterprise, f) for f in ("region_id", "kind", "parent_id", "credit_code"))


@pytest.mark.parametrize("field", REGULATED)
@pytest.mark.parametrize("persona", list(MAY_REGULATE))
def test_each_role_may_or_may_not_change_each_regulated_field(world, sub_group, persona, field):
    actor = getattr(world.users, persona)
    value = new_value(world, sub_group, persona, field)
    if field == "region" and persona == "county":
        value = world.regions.ningwu  # unchanged: the county has no other region to move to
    before = (snapshot(world.qifeng), world.qifeng.status, LogEntry.objects.count())
    if MAY_REGULATE[persona]:
        updated = services.enterprise_update(actor=actor, enterprise=world.qifeng, **{field: value})
        assert getattr(updated, field) == value
        return
    with pytest.raises(ValidationError) as exc:
        services.enterprise_update(actor=actor, enterprise=world.qifeng, **{field: value})
    assert set(exc.value.message_dict) == {field}
    assert "Only the government" in exc.value.message_dict[field][0]
    assert (snapshot(world.qifeng), world.qifeng.status, LogEntry.objects.count()) == before


@pytest.mark.parametrize("persona", ["manager", "group"])
def test_an_enterprise_bound_editor_cannot_change_the_regulated_fields_of_its_own(world, persona):
    actor = getattr(world.users, persona)
    target = world.qifeng if persona == "manager" else world.group
    with pytest.raises(ValidationError) as exc:
        services.enterprise_update(
            actor=actor, enterprise=target, region=world.regions.jiancaoping, kind="other"
        )
    assert set(exc.value.message_dict) >= {"region", "kind"}
    target.refresh_from_db()
    assert target.region != world.regions.jiancaoping


@pytest.mark.parametrize("persona", ["city", "county", "group"])
def test_moving_a_mine_to_a_region_outside_the_editors_scope_is_refused(world, persona):
    before = (snapshot(world.qifeng), LogEntry.objects.count())
    with pytest.raises(ValidationError) as exc:
        services.enterprise_update(
            actor=getattr(world.users, persona),
            enterprise=world.qifeng,
            region=world.regions.jiancaoping,
        )
    assert set(exc.value.message_dict) == {"region"}
    assert "within your scope" in exc.value.message_dict["region"][0]
    assert (snapshot(world.qifeng), LogEntry.objects.count()) == before


def test_a_county_cannot_move_a_mine_to_another_county_of_the_city(world):
    with pytest.raises(ValidationError) as exc:
        services.enterprise_update(
            actor=world.users.county, enterprise=world.qifeng, region=world.regions.yuanping
        )
    assert set(exc.value.message_dict) == {"region"}


@pytest.mark.parametrize("persona", ["city", "county", "group"])
def test_hanging_a_mine_under_a_group_outside_the_scope_is_refused(world, persona):
    stranger = EnterpriseFactory(kind=EnterpriseKind.GROUP, region=world.regions.jiancaoping)
    with pytest.raises(ValidationError) as exc:
        services.enterprise_update(
            actor=getattr(world.users, persona), enterprise=world.qifeng, parent=stranger
        )
    assert set(exc.value.message_dict) == {"parent"}
    world.qifeng.refresh_from_db()
    assert world.qifeng.parent == world.group


def test_officials_edit_every_field_of_an_enterprise_in_their_region_only(world):
    updated = services.enterprise_update(
        actor=world.users.county, enterprise=world.independent, normal_headcount=410, parent=None
    )
    assert updated.normal_headcount == 410
    with pytest.raises(Exception) as exc:  # noqa: PT011  PermissionDenied (out of scope)
        services.enterprise_update(
            actor=world.users.county, enterprise=world.yuanping_mine, normal_headcount=1
        )
    assert type(exc.value).__name__ == "PermissionDenied"


def test_a_county_officer_keeps_a_mines_group_outside_its_county(world):
    """GIVEN 栖凤's group sits in 忻府区, outside 宁武县 WHEN the county edits 栖凤's headcount
    THEN the group stays and nothing is refused."""
    updated = services.enterprise_update(
        actor=world.users.county, enterprise=world.qifeng, normal_headcount=333
    )
    assert updated.parent == world.group


# --- the form ---------------------------------------------------------------------------------


def form_data(enterprise: Enterprise, **overrides) -> dict:
    data = {
        "credit_code": enterprise.credit_code,
        "name": enterprise.name,
        "kind": enterprise.kind,
        "industry": enterprise.industry,
        "region": enterprise.region_id,
        "parent": enterprise.parent_id or "",
        "normal_headcount": enterprise.normal_headcount,
        "normal_daily_output": enterprise.normal_daily_output,
        "output_unit": enterprise.output_unit,
        "rated_capacity": "",
        "status": enterprise.status,
        "address": "",
    }
    data.update(overrides)
    return data


def test_the_form_shows_the_regulated_fields_read_only_to_a_manager(client, world):
    client.force_login(world.users.manager)
    url = reverse("org:enterprise_edit", args=[world.qifeng.pk])
    response = client.get(url)
    form = response.context["form"]
    assert all(form.fields[name].disabled for name in REGULATED)
    assert not form.fields["name"].disabled
    assert "Regulated: changed by the government" in response.content.decode()
    # A posted region is ignored: the field is disabled, the stored value stays.
    data = form_data(world.qifeng, region=world.regions.jiancaoping.pk, kind="other")
    assert client.post(url, data).status_code == 302
    world.qifeng.refresh_from_db()
    assert (world.qifeng.region, world.qifeng.kind) == (world.regions.ningwu, "coal_mine")


@pytest.mark.parametrize("persona", ["city", "county"])
def test_officials_get_an_editable_form_for_an_enterprise_in_their_region(client, world, persona):
    client.force_login(getattr(world.users, persona))
    url = reverse("org:enterprise_edit", args=[world.qifeng.pk])
    form = client.get(url).context["form"]
    assert not any(form.fields[name].disabled for name in REGULATED)
    assert world.regions.jiancaoping not in form.fields["region"].queryset
    response = client.post(url, form_data(world.qifeng, kind="other"))
    assert response.status_code == 302
    world.qifeng.refresh_from_db()
    assert world.qifeng.kind == "other"


def test_a_county_sees_a_group_outside_its_county_unnamed_in_the_form(client, world):
    client.force_login(world.users.county)
    form = client.get(reverse("org:enterprise_edit", args=[world.qifeng.pk])).context["form"]
    labels = [label for _value, label in form.fields["parent"].choices]
    assert world.group.name not in labels
    assert "(outside your scope)" in labels


def test_a_region_outside_the_scope_posted_to_the_form_is_an_error_on_the_field(client, world):
    client.force_login(world.users.city)
    url = reverse("org:enterprise_edit", args=[world.qifeng.pk])
    response = client.post(url, form_data(world.qifeng, region=world.regions.jiancaoping.pk))
    assert response.status_code == 200
    assert "region" in response.context["form"].errors
    world.qifeng.refresh_from_db()
    assert world.qifeng.region == world.regions.ningwu


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("city", 200),
        ("county", 200),
        ("group", 200),
        ("manager", 200),
        ("department", 403),
        ("liaison", 403),
        ("health", 403),
        ("safety", 403),
        ("checkpoint", 403),
        ("worker", 403),
    ],
)
def test_who_opens_the_enterprise_edit_page(client, world, persona, expected):
    client.force_login(getattr(world.users, persona))
    assert client.get(reverse("org:enterprise_edit", args=[world.qifeng.pk])).status_code == (
        expected
    )
    if expected == 200 and persona in ("city", "group"):
        # Out of scope is 404, as if it did not exist.
        plant = reverse("org:enterprise_edit", args=[world.plant.pk])
        assert client.get(plant).status_code == 404
    if persona == "county":
        other = reverse("org:enterprise_edit", args=[world.yuanping_mine.pk])
        assert client.get(other).status_code == 404


@pytest.mark.parametrize("field", REGULATED)
@pytest.mark.parametrize(
    "persona", ["department", "liaison", "health", "safety", "checkpoint", "worker"]
)
def test_roles_that_do_not_edit_enterprises_change_no_regulated_field(
    world, sub_group, persona, field
):
    target = world.independent if persona == "liaison" else world.qifeng
    before = (snapshot(target), LogEntry.objects.count())
    with pytest.raises(PermissionDenied):
        services.enterprise_update(
            actor=getattr(world.users, persona),
            enterprise=target,
            **{field: new_value(world, sub_group, "city", field)},
        )
    assert (snapshot(target), LogEntry.objects.count()) == before
