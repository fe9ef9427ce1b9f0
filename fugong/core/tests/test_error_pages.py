"""The 403/404/500 answers with DEBUG off: Chinese pages for people, JSON for the API."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _debug_off(settings):
    settings.DEBUG = False


def test_an_out_of_scope_enterprise_is_a_chinese_404_page_with_a_link_home(client, world, chinese):
    client.force_login(world.users.county)
    response = client.get(reverse("org:enterprise_detail", args=[world.plant.pk]))
    html = response.content.decode()
    assert response.status_code == 404
    assert 'lang="zh-hans"' in html
    assert "未找到" in html
    assert 'data-testid="nav"' in html  # the base layout, with the user's navigation
    assert f'href="{reverse("home")}"' in html


def test_an_unknown_address_is_the_chinese_404_page_for_a_visitor(client, db, chinese):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "未找到" in response.content.decode()


def test_a_page_outside_the_role_is_a_chinese_403_page(client, world, chinese):
    client.force_login(world.users.worker)
    response = client.get(reverse("org:enterprise_list"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "无权访问" in html
    assert f'href="{reverse("home")}"' in html


def test_a_server_error_is_the_chinese_500_page_without_database_or_context(
    rf, chinese, django_assert_num_queries
):
    """GIVEN a view that raises WHEN it is requested THEN the 500 page renders from the
    template alone: no user, no navigation, no query."""
    from fugong.core import errors

    with django_assert_num_queries(0):
        response = errors.server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "服务器错误" in html
    assert 'href="/"' in html
    assert "复工复产管理平台" in html


def test_a_crashing_view_answers_the_500_page(client, world, chinese, monkeypatch):
    from fugong.core import views

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "scope_summary", broken)
    crashing = Client(raise_request_exception=False)
    crashing.force_login(world.users.city)
    response = crashing.get(reverse("home"))
    assert response.status_code == 500
    assert "服务器错误" in response.content.decode()


def test_the_api_answers_json_for_an_unknown_path(client, world):
    client.force_login(world.users.city)
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_the_api_answers_json_404_for_an_out_of_scope_object(client, world):
    client.force_login(world.users.county)
    response = client.get(f"/api/org/enterprises/{world.plant.pk}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_a_refusal_under_api_outside_an_operation_is_json(rf):
    """PermissionDenied raised before django-ninja answers (a middleware, a decorator) still
    reaches a device as JSON, not as the HTML page."""
    from fugong.core import errors

    response = errors.permission_denied(rf.get("/api/people"), None)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    page = errors.permission_denied(rf.get("/people/"), None)
    assert page["Content-Type"].startswith("text/html")
