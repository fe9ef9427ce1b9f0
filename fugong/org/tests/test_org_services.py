"""The organisation services: who may write what, and the rules they keep whatever the caller."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from fugong.accounts.tests.factories import UserFactory
from fugong.core.identifiers import make_uscc
from fugong.org import services
from fugong.org.models import Enterprise, EnterpriseKind, Place, PlaceKind, ShiftKind
from fugong.org.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def unit(world, **overrides) -> dict:
    fields = {
        "credit_code": make_uscc("140925", 88_001),
        "name": "宁武新建煤矿",
        "kind": EnterpriseKind.COAL_MINE,
        "industry": "coal_mining",
        "region": world.regions.ningwu,
        "parent": world.group,
        "normal_headcount": 120,
        "normal_daily_output": Decimal("1500"),
        "output_unit": "t_raw_coal",
    }
    fields.update(overrides)
    return fields


def error_fields(exc: pytest.ExceptionInfo) -> set[str]:
    return set(exc.value.message_dict)


# --- enterprises --------------------------------------------------------------------------


def test_a_group_admin_registers_a_member_unit_under_its_group(world):
    created = services.enterprise_create(actor=world.users.group, **unit(world))
    assert created.parent == world.group
    group_admin = type(world.users.group).objects.get(pk=world.users.group.pk)  # fresh scope
    assert created in Enterprise.objects.restrict(group_admin)


def test_a_group_admin_cannot_register_a_unit_without_a_group(world):
    with pytest.raises(ValidationError) as exc:
        services.enterprise_create(actor=world.users.group, **unit(world, parent=None))
    assert error_fields(exc) == {"parent"}


def test_a_group_admin_cannot_hang_a_unit_under_a_group_outside_its_scope(world):
    stranger = EnterpriseFactory(kind=EnterpriseKind.GROUP, region=world.regions.jiancaoping)
    with pytest.raises(ValidationError) as exc:
        services.enterprise_create(actor=world.users.group, **unit(world, parent=stranger))
    assert "parent" in error_fields(exc)
    assert not Enterprise.objects.filter(name="宁武新建煤矿").exists()


def test_a_group_admin_cannot_register_a_unit_in_a_region_outside_its_scope(world):
    with pytest.raises(ValidationError) as exc:
        services.enterprise_create(
            actor=world.users.group, **unit(world, region=world.regions.jiancaoping)
        )
    assert error_fields(exc) == {"region"}
    assert not Enterprise.objects.filter(name="宁武新建煤矿").exists()


@pytest.mark.parametrize(
    "persona", ["city", "county", "department", "liaison", "manager", "health", "checkpoint"]
)
def test_only_a_group_or_a_superuser_registers_enterprises(world, persona):
    with pytest.raises(PermissionDenied):
        services.enterprise_create(actor=getattr(world.users, persona), **unit(world))


def test_a_bad_credit_code_is_an_error_on_that_field_and_saves_nothing(world):
    with pytest.raises(ValidationError) as exc:
        services.enterprise_create(actor=world.users.group, **unit(world, credit_code="123"))
    assert error_fields(exc) == {"credit_code"}
    assert "Unified social credit code" in exc.value.message_dict["credit_code"][0]
    assert not Enterprise.objects.filter(name="宁武新建煤矿").exists()


def test_a_credit_code_typed_in_lower_case_is_stored_in_upper_case(world):
    code = make_uscc("140925", 88_002)
    created = services.enterprise_create(
        actor=world.users.group, **unit(world, credit_code=f" {code.lower()} ")
    )
    assert created.credit_code == code


def test_a_manager_updates_its_own_enterprise_and_the_change_is_audited(world):
    updated = services.enterprise_update(
        actor=world.users.manager, enterprise=world.qifeng, normal_headcount=320
    )
    assert updated.normal_headcount == 320
    entry = LogEntry.objects.get_for_object(world.qifeng).latest()
    assert entry.changes_dict["normal_headcount"] == ["300", "320"]


def test_a_manager_cannot_move_its_enterprise_out_of_the_group(world):
    with pytest.raises(ValidationError) as exc:
        services.enterprise_update(actor=world.users.manager, enterprise=world.qifeng, parent=None)
    assert error_fields(exc) == {"parent"}
    world.qifeng.refresh_from_db()
    assert world.qifeng.parent == world.group


@pytest.mark.parametrize(("persona", "target"), [("manager", "yuanping_mine"), ("group", "plant")])
def test_updating_an_enterprise_outside_the_scope_is_denied(world, persona, target):
    with pytest.raises(PermissionDenied):
        services.enterprise_update(
            actor=getattr(world.users, persona), enterprise=getattr(world, target), name="x"
        )


@pytest.mark.parametrize("persona", ["department", "health", "safety", "liaison", "checkpoint"])
def test_readers_cannot_update_an_enterprise_in_their_scope(world, persona):
    target = world.independent if persona == "liaison" else world.qifeng
    with pytest.raises(PermissionDenied):
        services.enterprise_update(actor=getattr(world.users, persona), enterprise=target, name="x")


def test_a_group_with_member_units_stays_a_group(world):
    with pytest.raises(ValidationError) as exc:
        services.enterprise_update(
            actor=world.users.group, enterprise=world.group, kind=EnterpriseKind.COAL_MINE
        )
    assert "kind" in error_fields(exc)


def test_a_group_cannot_become_a_member_of_its_own_member(world):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    sub = services.enterprise_create(
        actor=root, **unit(world, name="神达二级集团", kind=EnterpriseKind.GROUP)
    )
    with pytest.raises(ValidationError) as exc:
        services.enterprise_update(actor=root, enterprise=world.group, parent=sub)
    assert "parent" in error_fields(exc)


def test_an_update_rejects_unknown_fields(world):
    with pytest.raises(TypeError):
        services.enterprise_update(actor=world.users.manager, enterprise=world.qifeng, pk=1)


# --- places, teams, shifts ----------------------------------------------------------------


@pytest.mark.parametrize(("limit", "ok"), [(None, False), (0, False), (1, True), (40, True)])
def test_a_working_face_needs_a_headcount_limit_of_at_least_one(world, limit, ok):
    call = {
        "actor": world.users.manager,
        "enterprise": world.qifeng,
        "name": "8103工作面",
        "kind": PlaceKind.WORKING_FACE,
        "headcount_limit": limit,
    }
    if ok:
        assert services.place_create(**call).headcount_limit == limit
    else:
        with pytest.raises(ValidationError) as exc:
            services.place_create(**call)
        assert error_fields(exc) == {"headcount_limit"}


def test_a_place_cannot_be_created_for_an_enterprise_outside_the_editors_scope(world):
    with pytest.raises(PermissionDenied):
        services.place_create(
            actor=world.users.manager,
            enterprise=world.yuanping_mine,
            name="x",
            kind=PlaceKind.OFFICE,
        )


def test_a_place_keeps_its_enterprise_and_cannot_be_inside_itself(world):
    with pytest.raises(TypeError):
        services.place_update(
            actor=world.users.group, place=world.dorm, enterprise=world.yuanping_mine
        )
    inner = services.place_create(
        actor=world.users.group,
        enterprise=world.qifeng,
        name="8101机巷",
        kind=PlaceKind.UNDERGROUND_ZONE,
        headcount_limit=10,
        parent=world.zone,
    )
    with pytest.raises(ValidationError) as exc:
        services.place_update(actor=world.users.group, place=world.zone, parent=inner)
    assert error_fields(exc) == {"parent"}
    assert Place.objects.get(pk=world.zone.pk).parent is None


def test_a_team_leader_must_be_in_scope_and_of_the_same_enterprise(world):
    with pytest.raises(ValidationError) as exc:
        services.team_update(
            actor=world.users.manager, team=world.team, leader=world.yuanping_miner
        )
    assert error_fields(exc) == {"leader"}
    team = services.team_update(actor=world.users.manager, team=world.team, leader=world.miner)
    assert team.leader == world.miner


def test_a_safety_officer_cannot_change_a_team(world):
    with pytest.raises(PermissionDenied):
        services.team_update(actor=world.users.safety, team=world.team, name="x")


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        (dt.time(22), dt.time(6), True),
        (dt.time(8), dt.time(8), False),
        (dt.time(0), dt.time(0), False),
        (dt.time(0), dt.time(23, 59), True),
    ],
)
def test_a_shift_may_cross_midnight_but_not_start_when_it_ends(world, start, end, ok):
    call = {
        "actor": world.users.manager,
        "enterprise": world.qifeng,
        "name": "新班",
        "kind": ShiftKind.NIGHT,
        "start_time": start,
        "end_time": end,
    }
    if ok:
        services.shift_create(**call)
    else:
        with pytest.raises(ValidationError) as exc:
            services.shift_create(**call)
        assert error_fields(exc) == {"end_time"}


def test_a_shift_update_by_a_group_admin_of_a_member_unit(world):
    shift = services.shift_update(
        actor=world.users.group, shift=world.night, start_time=dt.time(21), end_time=dt.time(5)
    )
    assert shift.crosses_midnight
    assert shift.occurrence(dt.date(2026, 3, 1))[1].date() == dt.date(2026, 3, 2)


def test_the_permission_predicates(world):
    users = world.users
    assert services.may_create_enterprise(users.group)
    assert not services.may_create_enterprise(users.manager)
    assert services.may_create_in_org(users.manager)
    assert not services.may_create_in_org(users.city)
    assert services.may_edit_org_of(users.group, world.yuanping_mine.pk)
    assert not services.may_edit_org_of(users.group, world.independent.pk)
    assert not services.may_edit_org_of(users.health, world.qifeng.pk)
    assert not services.may_edit_org_of(None, world.qifeng.pk)
    assert not services.may_edit_org_of(users.county, world.qifeng.pk)  # places, teams, shifts
    assert services.may_edit_enterprise(users.county, world.qifeng.pk)
    assert not services.may_edit_enterprise(users.county, world.yuanping_mine.pk)
    assert services.may_change_regulated(users.group, world.qifeng.pk)
    assert not services.may_change_regulated(users.group, world.group.pk)
    assert not services.may_change_regulated(users.manager, world.qifeng.pk)
