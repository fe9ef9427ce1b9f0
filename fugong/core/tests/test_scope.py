"""The scoped query path: what each role sees of enterprises, places and people."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from fugong.core.scope import get_scoped_or_404
from fugong.org.models import Enterprise, Place, Region
from fugong.oversight.models import Pairing
from fugong.people.models import Person

pytestmark = pytest.mark.django_db


def names(qs):
    return set(qs.values_list("name", flat=True))


def test_city_command_sees_every_enterprise_of_its_city_and_none_outside(world):
    seen = names(Enterprise.objects.restrict(world.users.city))
    assert seen == {"忻州神达能源集团", "宁武栖凤煤矿", "原平神达煤矿", "宁武独立煤矿"}


def test_county_officer_sees_only_its_county(world):
    assert names(Enterprise.objects.restrict(world.users.county)) == {
        "宁武栖凤煤矿",
        "宁武独立煤矿",
    }
    assert names(Person.objects.restrict(world.users.county)) == {"张三", "李四", "赵六"}


def test_group_admin_sees_the_group_and_its_members_only(world):
    seen = names(Enterprise.objects.restrict(world.users.group))
    assert seen == {"忻州神达能源集团", "宁武栖凤煤矿", "原平神达煤矿"}


def test_enterprise_roles_see_one_enterprise(world):
    for user in (world.users.manager, world.users.health, world.users.safety):
        assert names(Enterprise.objects.restrict(user)) == {"宁武栖凤煤矿"}
        assert names(Person.objects.restrict(user)) == {"张三", "李四"}


def test_worker_sees_only_themself(world):
    assert names(Person.objects.restrict(world.users.worker)) == {"张三"}
    assert not Enterprise.objects.restrict(world.users.worker).exists()
    assert not Place.objects.restrict(world.users.worker).exists()


def test_checkpoint_operator_sees_its_checkpoints_and_the_people_it_screens(world):
    assert names(Place.objects.restrict(world.users.checkpoint)) == {"栖凤矿门岗"}
    assert names(Person.objects.restrict(world.users.checkpoint)) == {"张三", "李四"}


def test_department_officer_sees_enterprises_of_its_region_but_no_people(world):
    assert "宁武栖凤煤矿" in names(Enterprise.objects.restrict(world.users.department))
    assert not Person.objects.restrict(world.users.department).exists()


def test_liaison_leader_sees_only_pairings_in_force(world, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC))
    leader = world.users.liaison
    assert names(Enterprise.objects.restrict(leader)) == {"宁武独立煤矿"}
    Pairing.objects.update(ends_on=dt.date(2026, 2, 28))
    leader = type(leader).objects.get(pk=leader.pk)  # scope is cached per user object
    assert not Enterprise.objects.restrict(leader).exists()


def test_pairing_ending_today_still_counts(world, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC))
    Pairing.objects.update(ends_on=dt.date(2026, 3, 1))
    assert names(Enterprise.objects.restrict(world.users.liaison)) == {"宁武独立煤矿"}


def test_regions_follow_the_jurisdiction(world):
    assert "太原市" not in names(Region.objects.restrict(world.users.city))
    assert names(Region.objects.restrict(world.users.county)) == {"宁武县"}


def test_out_of_scope_object_is_404_like_a_missing_one(world):
    with pytest.raises(Http404):
        get_scoped_or_404(Enterprise.objects, world.users.county, pk=world.plant.pk)
    with pytest.raises(Http404):
        get_scoped_or_404(Enterprise.objects, world.users.county, pk=999_999)
    found = get_scoped_or_404(Enterprise.objects, world.users.county, pk=world.qifeng.pk)
    assert found == world.qifeng


def test_anonymous_sees_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not Enterprise.objects.restrict(AnonymousUser()).exists()
    assert not Person.objects.restrict(None).exists()


def test_inactive_user_sees_nothing(world):
    user = world.users.city
    user.is_active = False
    assert not Enterprise.objects.restrict(user).exists()


def _lookups(q) -> set[str]:
    from django.db.models import Q

    found: set[str] = set()
    for child in q.children:
        if isinstance(child, Q):
            found |= _lookups(child)
        else:
            found.add(f"{child[0]}={child[1]}" if isinstance(child[1], str) else child[0])
    return found


def test_routed_work_is_the_departments_own_inside_its_region():
    from fugong.core.scope import Scope

    energy = Scope(role="department_officer", region_prefix="1409", department="energy")
    assert _lookups(energy.routed_q()) == {"enterprise__in", "department=energy"}
    # Any other role sees the routed work of the enterprises in its scope, whatever department.
    county = Scope(role="county_officer", region_prefix="140925")
    assert _lookups(county.routed_q()) == {"enterprise__in"}


def test_a_leaders_projects_are_paired_ones_or_those_of_paired_enterprises():
    from django.db.models import Q

    from fugong.core.scope import Scope

    leader = Scope(role="liaison_leader", enterprise_ids=frozenset({3}), project_ids=frozenset({7}))
    assert leader.project_q() == Q(enterprise_id__in=frozenset({3})) | Q(pk__in=frozenset({7}))
    assert Scope(role="superuser", everything=True).project_q() == Q()


@pytest.mark.django_db
def test_a_department_officers_scope_names_its_department(world):
    assert world.users.department.scope.department == "energy"
    assert world.users.city.scope.department is None
