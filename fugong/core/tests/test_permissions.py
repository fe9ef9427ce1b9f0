"""The role half of the permission path: declarations, has_role, and restrict(actor, action)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured

from fugong.core.permissions import Permissions, has_role, may
from fugong.core.scope import ScopedQuerySet
from fugong.org.models import Enterprise, Region, Team
from fugong.people.models import Person


def test_a_declaration_must_say_who_may_view():
    with pytest.raises(ImproperlyConfigured):
        Permissions(change={"group_admin"})


def test_an_undeclared_action_is_a_configuration_error_not_a_silent_no():
    with pytest.raises(ImproperlyConfigured):
        Permissions(view={"worker"}).roles("delete")


def test_a_queryset_must_state_its_scope_kind_and_its_permissions():
    with pytest.raises(ImproperlyConfigured, match="scope_kind"):

        class NoKind(ScopedQuerySet):
            permissions = Permissions(view={"worker"})

    with pytest.raises(ImproperlyConfigured, match="permissions"):

        class NoPermissions(ScopedQuerySet):
            scope_kind = "via_enterprise"


def test_has_role_for_superusers_inactive_accounts_and_visitors():
    roles = {"city_command"}
    assert has_role(SimpleNamespace(is_authenticated=True, role="city_command"), roles)
    assert not has_role(SimpleNamespace(is_authenticated=True, role="worker"), roles)
    assert has_role(SimpleNamespace(is_authenticated=True, is_superuser=True, role=""), roles)
    inactive = SimpleNamespace(is_authenticated=True, is_active=False, role="city_command")
    assert not has_role(inactive, roles)
    assert not has_role(SimpleNamespace(is_authenticated=False, role="city_command"), roles)
    assert not has_role(None, roles)


@pytest.mark.django_db
def test_restrict_applies_the_role_before_the_jurisdiction(world):
    # The department officer's region holds 栖凤 and its people, but people are not its work.
    department = world.users.department
    assert Enterprise.objects.restrict(department).filter(pk=world.qifeng.pk).exists()
    assert not Person.objects.restrict(department).exists()
    # A checkpoint operator identifies people, but teams are not its work.
    assert Person.objects.restrict(world.users.checkpoint).filter(pk=world.miner.pk).exists()
    assert not Team.objects.restrict(world.users.checkpoint).exists()
    # A manager reads the region of its mine but the region directory is not its work.
    assert Region.objects.restrict(world.users.manager).exists()
    assert not Region.objects.restrict(world.users.manager, "directory").exists()


@pytest.mark.django_db
def test_change_is_narrower_than_view(world):
    safety = world.users.safety
    assert Person.objects.restrict(safety, "view").filter(pk=world.miner.pk).exists()
    assert not Person.objects.restrict(safety, "change").exists()
    assert may(world.users.manager, Person, "change")
    assert not may(safety, Person, "change")
