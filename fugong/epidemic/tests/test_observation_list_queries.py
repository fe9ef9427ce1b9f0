"""The observation area's list pages take the same number of queries for 1 row as for 6."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fugong.epidemic.models import (
    Alert,
    AlertKind,
    Case,
    CaseClassification,
    Observation,
    ObservationKind,
    ObservationReason,
)
from fugong.people.models import Person
from fugong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _records(world, person: Person) -> None:
    now = timezone.now()
    Case.objects.create(person=person, classification=CaseClassification.CONFIRMED)
    Observation.objects.create(
        person=person, kind=ObservationKind.HOME_QUARANTINE,
        reason=ObservationReason.CLOSE_CONTACT, started_at=now, last_exposure_at=now,
        planned_end=now + dt.timedelta(days=3), prohibition_from=now,
        prohibition_until=now + dt.timedelta(days=3),
    )  # fmt: skip
    Alert.objects.create(kind=AlertKind.FEVER, enterprise=world.qifeng, person=person,
                         message=person.name, raised_at=now)  # fmt: skip


@pytest.mark.parametrize(
    ("url_name", "persona"),
    [
        ("epidemic:case_list", "health"),
        ("epidemic:observation_list", "county"),
        ("epidemic:prohibition_list", "manager"),
        ("epidemic:alert_list", "health"),
    ],
)
def test_a_list_page_has_no_query_per_row(client, world, url_name, persona):
    client.force_login(getattr(world.users, persona))
    url = reverse(url_name)
    _records(world, world.miner)
    client.get(url)  # warm the session and the user's scope

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        return len(captured), len(response.context["page"])

    one, rows = queries()
    assert rows == 1
    for _ in range(5):
        _records(world, PersonFactory(enterprise=world.qifeng))  # type: ignore[arg-type]
    many, rows = queries()
    assert rows == 6
    assert many == one
