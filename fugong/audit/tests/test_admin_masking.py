"""Django admin masks ID numbers and phones where it shows them, and logs an unmasked view."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Permission
from django.urls import reverse

from fugong.accounts.models import User
from fugong.accounts.tests.factories import UserFactory
from fugong.audit.models import PiiAccess, PiiAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client):
    user = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


def test_the_admin_person_list_shows_identifiers_masked(client, world, root):
    html = client.get(reverse("admin:people_person_changelist")).content.decode()
    assert world.miner.id_number_masked in html
    assert world.miner.id_number not in html
    assert world.miner.phone not in html
    assert not PiiAccess.objects.exists()


def test_opening_a_persons_change_form_is_logged_like_a_reveal(client, world, root):
    url = reverse("admin:people_person_change", args=[world.miner.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert world.miner.id_number in response.content.decode()  # to be corrected, if need be
    access = PiiAccess.objects.get()
    assert (access.user, access.action, access.person) == (root, PiiAction.VIEW, world.miner)
    assert access.detail == "admin"


def test_a_view_only_staff_account_reads_a_person_masked_and_writes_no_log(client, world):
    # The admin goes through the permission path: the staff account reads as its role does.
    UserFactory(
        username="auditor", is_staff=True, role="city_command", region=world.regions.xinzhou
    )
    staff = User.objects.get(username="auditor")
    staff.user_permissions.add(Permission.objects.get(codename="view_person"))
    client.force_login(staff)
    response = client.get(reverse("admin:people_person_change", args=[world.miner.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert world.miner.id_number_masked in html
    assert world.miner.id_number not in html
    assert world.miner.phone not in html
    assert not PiiAccess.objects.exists()


def test_the_logentry_admin_shows_changes_masked_even_if_stored_in_clear(client, world, root):
    entry = LogEntry.objects.get_for_object(world.miner).get()
    LogEntry.objects.filter(pk=entry.pk).update(
        changes={"id_number": ["None", world.miner.id_number], "phone": ["None", world.miner.phone]}
    )
    html = client.get(reverse("admin:auditlog_logentry_change", args=[entry.pk])).content.decode()
    assert world.miner.id_number_masked in html
    assert world.miner.id_number not in html
    assert world.miner.phone not in html
    listing = client.get(reverse("admin:auditlog_logentry_changelist")).content.decode()
    assert world.miner.id_number not in listing


def test_a_staff_account_sees_in_the_admin_only_what_its_role_and_scope_allow(client, world):
    UserFactory(username="clerk", is_staff=True, role="county_officer", region=world.regions.ningwu)
    staff = User.objects.get(username="clerk")
    staff.user_permissions.add(Permission.objects.get(codename="view_person"))
    client.force_login(staff)
    listing = client.get(reverse("admin:people_person_changelist")).content.decode()
    assert world.miner.name in listing  # 宁武栖凤煤矿, in 宁武县
    assert world.yuanping_miner.name not in listing  # 原平, outside the county
    outside = reverse("admin:people_person_change", args=[world.yuanping_miner.pk])
    assert client.get(outside).status_code in (302, 404)


def test_an_admin_search_by_a_whole_id_number_is_logged_masked(client, world, root):
    response = client.get(reverse("admin:people_person_changelist"), {"q": world.miner.id_number})
    assert response.status_code == 200
    access = PiiAccess.objects.get(action=PiiAction.SEARCH)
    assert access.person == world.miner
    assert world.miner.id_number not in access.detail


def test_a_staff_account_without_reveal_cannot_search_the_admin_by_number(client, world):
    UserFactory(
        username="clerk2", is_staff=True, role="county_officer", region=world.regions.ningwu
    )
    staff = User.objects.get(username="clerk2")
    staff.user_permissions.add(Permission.objects.get(codename="view_person"))
    client.force_login(staff)
    listing = client.get(
        reverse("admin:people_person_changelist"), {"q": world.miner.id_number}
    ).content.decode()
    assert world.miner.name not in listing
    assert not PiiAccess.objects.exists()
