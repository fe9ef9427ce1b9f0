"""Every user changes their own password; a superuser resets anyone's in the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from conftest import PASSWORD
from fugong.accounts.tests.factories import UserFactory
from fugong.core.tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

CHANGE = reverse("password_change")
DONE = reverse("password_change_done")
NEW = "mei-kuang-2026-anquan"
HUMANS = list(PERSONAS)


@pytest.mark.parametrize("who", HUMANS)
def test_every_logged_in_user_may_open_the_page_and_sees_the_link(client, world, who):
    client.force_login(getattr(world.users, who))
    assert client.get(CHANGE).status_code == 200
    assert client.get(DONE).status_code == 200
    home = client.get(reverse("home")).content.decode()
    assert f'href="{CHANGE}"' in home


def test_anonymous_users_are_sent_to_login(client):
    for url in (CHANGE, DONE):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_user_changes_their_password_and_stays_logged_in(client, world):
    user = world.users.safety
    client.force_login(user)
    data = {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    response = client.post(CHANGE, data)
    assert response.status_code == 302 and response["Location"] == DONE
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert client.get(reverse("home")).status_code == 200  # the session survives the change


def test_a_wrong_old_password_changes_nothing(client, world):
    user = world.users.safety
    client.force_login(user)
    data = {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW}
    response = client.post(CHANGE, data)
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_page_is_chinese(client, world, chinese):
    client.force_login(world.users.worker)
    body = client.get(CHANGE).content.decode()
    assert "修改密码" in body and "旧密码" in body


def admin_reset(client, target, password=NEW):
    url = reverse("admin:auth_user_password_change", args=[target.pk])
    data = {"password1": password, "password2": password, "usable_password": "true"}
    return client.post(url, data)


def test_a_superuser_resets_another_users_password_in_the_admin(client, world):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    target = world.users.county
    change_page = client.get(reverse("admin:accounts_user_change", args=[target.pk]))
    assert 'href="../password/"' in change_page.content.decode()  # Django's "Reset password"
    reset_page = client.get(reverse("admin:auth_user_password_change", args=[target.pk]))
    assert reset_page.status_code == 200
    response = admin_reset(client, target)
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.check_password(NEW)


def test_a_city_command_may_not_reset_passwords(client, world):
    target = world.users.county
    client.force_login(world.users.city)
    response = admin_reset(client, target)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    # Even made staff (e.g. to read the admin), without the permission it is refused.
    city = world.users.city
    city.is_staff = True
    city.save()
    city.user_permissions.add(Permission.objects.get(codename="view_user"))
    client.force_login(city)
    assert admin_reset(client, target).status_code == 403
    target.refresh_from_db()
    assert target.check_password(PASSWORD)
