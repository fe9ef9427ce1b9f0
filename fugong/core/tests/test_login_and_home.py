"""Login, throttling, language and the role-specific home page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from conftest import PASSWORD

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_with_the_right_password_opens_the_home_page(client, world):
    response = client.post(reverse("login"), {"username": "ningwu", "password": PASSWORD})
    assert response.status_code == 302
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert "宁武县" in home.content.decode()


def test_login_page_is_chinese_by_default(client, chinese):
    body = client.get(reverse("login")).content.decode()
    assert 'lang="zh-hans"' in body
    assert "登录" in body


def test_language_switch_sets_english(client, world, chinese):
    client.force_login(world.users.city)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert 'lang="en"' in client.get(reverse("home")).content.decode()


def test_login_is_throttled_after_five_failures(client, world, settings):
    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("login"), {"username": "ningwu", "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error
    # The fifth failure locks the account for this address; the right password no longer works.
    client.post(reverse("login"), {"username": "ningwu", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "ningwu", "password": PASSWORD})
    assert response.status_code == 429
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated


def test_four_failures_then_the_right_password_still_logs_in(client, world, settings):
    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("login"), {"username": "ningwu", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "ningwu", "password": PASSWORD})
    assert response.status_code == 302


def test_logout_needs_post_and_ends_the_session(client, world):
    client.force_login(world.users.city)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_home_counts_only_what_the_role_may_see(client, world):
    client.force_login(world.users.county)
    body = client.get(reverse("home")).content.decode()
    assert 'data-testid="count-enterprises">2<' in body
    assert 'data-testid="count-people">3<' in body


def test_worker_home_offers_only_their_own_record(client, world):
    client.force_login(world.users.worker)
    body = client.get(reverse("home")).content.decode()
    assert reverse("people:me") in body
    assert f'href="{reverse("org:enterprise_list")}"' not in body
    assert f'href="{reverse("people:person_list")}"' not in body


def test_a_bad_environment_value_stops_start_up_with_its_name():
    env = {**os.environ, "FUGONG_DEBUG": "maybe"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "FUGONG_DEBUG='maybe' is not a boolean" in result.stderr


def test_production_requires_a_secret_key():
    env = {**os.environ, "FUGONG_ENV": "production", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_healthz_reports_the_database(client, db):
    assert client.get(reverse("healthz")).json()["status"] == "ok"


def test_language_switch_returns_to_the_page_with_its_search(client, world):
    """The switch has no fixed `next`: the browser's current address (with an htmx-pushed
    search) comes back through the Referer."""
    client.force_login(world.users.city)
    response = client.post(
        reverse("set_language"), {"language": "en"}, HTTP_REFERER="/people/?q=%E5%BC%A0"
    )
    assert response["Location"] == "/people/?q=%E5%BC%A0"


def test_an_english_browser_still_gets_chinese_until_the_user_switches(client, world, chinese):
    client.force_login(world.users.city)
    assert 'lang="zh-hans"' in client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert 'lang="en"' in client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
