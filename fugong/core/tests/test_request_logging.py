"""An expected 403 is one short log line; a 500 keeps its traceback."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def request_records(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "django.request"]


def test_a_403_page_is_logged_as_one_line_without_traceback(client, world, caplog):
    client.force_login(world.users.checkpoint)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("org:team_list"))
    assert response.status_code == 403
    (record,) = request_records(caplog)
    assert record.exc_info is None
    assert caplog.text.count("\n") == 1
    assert "Traceback" not in caplog.text
    assert reverse("org:team_list") in record.getMessage()


def test_a_403_from_the_api_is_one_line_too(world, caplog):
    client = Client()
    client.force_login(world.users.checkpoint)
    body = {"name": "x", "id_number": "x", "enterprise": world.qifeng.pk}
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.post("/api/people", body, content_type="application/json")
    assert response.status_code == 403
    assert all(r.exc_info is None for r in request_records(caplog))
    assert "Traceback" not in caplog.text


def test_a_404_is_one_line(client, world, caplog):
    client.force_login(world.users.county)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("people:person_detail", args=[world.plant_worker.pk]))
    assert response.status_code == 404
    assert all(r.exc_info is None for r in request_records(caplog))


def test_a_500_keeps_its_traceback(world, caplog, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("fugong.core.views.scope_summary", broken)
    client = Client(raise_request_exception=False)
    client.force_login(world.users.city)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("home"))
    assert response.status_code == 500
    (record,) = request_records(caplog)
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError
    assert "Traceback" in caplog.text
