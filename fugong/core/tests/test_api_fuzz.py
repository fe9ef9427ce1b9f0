"""The API fuzzed from its own OpenAPI schema (DESIGN §5) with schemathesis.

Every operation gets generated valid and invalid parameters and bodies; none may answer 5xx,
every documented answer must match its schema, and input the schema forbids must be refused
with a 4xx. The requests go through the real WSGI stack into the test database, as an
enterprise manager (who may also write people) and as a checkpoint device. Kept small and
derandomised so CI is stable and fast.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis import checks

from fugong.accounts.services import device_token_create
from fugong.api import api

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())

CHECKS = [
    checks.not_a_server_error,
    # Every answer, errors included, is documented (fugong.core.api_errors) and matches it.
    checks.status_code_conformance,
    checks.response_schema_conformance,
    checks.content_type_conformance,
    checks.negative_data_rejection,
]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calls go straight to the WSGI app, not through Django's test client, so its
    request_finished signal would close the connection that holds the test's transaction
    (PostgreSQL then fails every later query). Do what the test client does: detach it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def manager_headers(world) -> dict[str, str]:
    """A logged-in manager's session and CSRF cookies, as a browser would send them."""
    client = Client()
    client.force_login(world.users.manager)  # makes the session without a request
    session = client.cookies["sessionid"].value
    # A CSRF secret, sent as cookie and header alike, as the browser's htmx requests do.
    csrf = _get_new_csrf_string()
    return {"Cookie": f"sessionid={session}; csrftoken={csrf}", "X-CSRFToken": csrf}


@pytest.fixture
def device_headers(world) -> dict[str, str]:
    _, raw = device_token_create(
        actor=world.users.manager,
        enterprise=world.qifeng,
        name="栖凤矿门岗测温终端",
        places=[world.checkpoint],
    )
    return {"Authorization": f"Bearer {raw}"}


FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
WSGI = get_wsgi_application()


@schema.parametrize()
@FUZZ
def test_no_operation_fails_for_a_manager_session(case, manager_headers):
    case.call_and_validate(app=WSGI, headers=manager_headers, checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_no_operation_fails_for_a_device(case, device_headers):
    case.call_and_validate(app=WSGI, headers=device_headers, checks=CHECKS)
