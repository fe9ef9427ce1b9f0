"""The observation area's API fuzzed as the health officer (who may write it) with
schemathesis, as core's fuzz test does for a manager: no 5xx, answers as documented, input
the schema forbids refused with a 4xx."""

from __future__ import annotations

import pytest
from django.test import Client

from fugong.core.tests.test_api_fuzz import CHECKS, FUZZ, WSGI, _keep_the_test_connection, schema

pytestmark = pytest.mark.django_db

__all__ = ["_keep_the_test_connection"]  # the autouse fixture, imported to apply here too

OBSERVATION_API = schema.include(path_regex=r"^/api/epidemic/")


@pytest.fixture
def health_headers(world) -> dict[str, str]:
    from django.middleware.csrf import _get_new_csrf_string

    client = Client()
    client.force_login(world.users.health)
    csrf = _get_new_csrf_string()
    session = client.cookies["sessionid"].value
    return {"Cookie": f"sessionid={session}; csrftoken={csrf}", "X-CSRFToken": csrf}


@OBSERVATION_API.parametrize()
@FUZZ
def test_no_observation_operation_fails_for_the_health_officer(case, health_headers):
    case.call_and_validate(app=WSGI, headers=health_headers, checks=CHECKS)
