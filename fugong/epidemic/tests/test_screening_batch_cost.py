"""A device's batch costs a fixed number of queries and no model instance per reading (P1)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fugong.epidemic.codes import personal_code_make
from fugong.epidemic.models import HealthStatus, Screening
from fugong.epidemic.tests import test_screening_api as api
from fugong.epidemic.tests.test_screening_api import item, post

pytestmark = pytest.mark.django_db
terminal = api.terminal  # the same device fixture


def batch(world, size):
    people = [world.miner, world.colleague]
    return [
        item(world, "36.5", minutes=i % 30, code=personal_code_make(people[i % 2]))
        for i in range(size)
    ]


def queries_of(client, items):
    with CaptureQueriesContext(connection) as captured:
        response = post(client, items)
    assert response.status_code == 200, response.content
    return len(captured)


def test_a_batch_of_fifty_readings_runs_as_many_queries_as_a_batch_of_five(terminal, world):
    post(terminal, batch(world, 3))  # the statuses exist from here on
    assert queries_of(terminal, batch(world, 50)) == queries_of(terminal, batch(world, 5))


def test_a_batch_is_inserted_in_one_statement_without_reading_the_uuids_first(terminal, world):
    post(terminal, batch(world, 3))
    with CaptureQueriesContext(connection) as captured:
        assert post(terminal, batch(world, 40)).status_code == 200
    inserts = [q["sql"].split(" times: ")[-1] for q in captured if "epidemic_screening" in q["sql"]]
    # One write: PostgreSQL's COPY, SQLite's executemany (core.events._insert).
    write = "COPY" if connection.vendor == "postgresql" else "INSERT"
    assert [sql.split()[0] for sql in inserts if not sql.startswith("SELECT")] == [write]
    # Nothing read about the batch's keys: a new batch is inserted as it is, and the insert
    # refuses a resent one (core.events, all_new).
    assert not any(sql.startswith("SELECT") for sql in inserts)
    assert not any("ON CONFLICT" in sql for sql in inserts)


def test_a_fresh_batch_builds_no_screening_instance(terminal, world):
    items = batch(world, 20)
    with mock.patch.object(Screening, "__init__", side_effect=AssertionError("built")):
        response = post(terminal, items)
    assert response.status_code == 200, response.content
    assert Screening.objects.count() == 20


def test_an_unchanged_colour_is_not_rewritten_by_the_next_batch(terminal, world):
    post(terminal, batch(world, 4))
    before = dict(HealthStatus.objects.values_list("person_id", "updated_at"))
    post(terminal, batch(world, 4))
    assert dict(HealthStatus.objects.values_list("person_id", "updated_at")) == before


@pytest.mark.parametrize("name", ["code", "id_number", "visitor_name", "visitor_phone"])
def test_a_null_character_in_a_text_field_is_refused_naming_it(terminal, world, name):
    bad = item(world, visitor_name="访客") if name.startswith("visitor") else item(world)
    bad[name] = "a\x00b"
    response = post(terminal, [item(world), bad])
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == f"body.items.1.{name}"
    assert not Screening.objects.exists()
