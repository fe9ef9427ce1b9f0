"""Append-only event tables: a resent batch is stored once, and the answer says what was new."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from fugong.core.events import EventRecord, events_ingest

pytestmark = pytest.mark.django_db


class Reading(EventRecord):
    """A made-up event table for these tests (the app ``core`` has no migrations, so the test
    database gets its table directly); screenings and positioning events are the real ones."""

    value = models.DecimalField(max_digits=4, decimal_places=1)
    taken_at = models.DateTimeField()

    objects: models.Manager[Reading] = models.Manager()

    class Meta:
        app_label = "core"


AT = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)


def readings(*keys: uuid.UUID) -> list[Reading]:
    return [Reading(client_uuid=key, value=Decimal("36.5"), taken_at=AT) for key in keys]


def test_a_batch_sent_three_times_is_stored_once():
    keys = [uuid.uuid4() for _ in range(5)]
    first = events_ingest(model=Reading, events=readings(*keys))
    assert first.new == keys and first.duplicates == []
    for _ in range(2):
        again = events_ingest(model=Reading, events=readings(*keys))
        assert again.new == [] and again.duplicates == keys
    assert Reading.objects.count() == 5


def test_a_batch_that_overlaps_an_earlier_one_stores_only_the_new_events():
    old, new = uuid.uuid4(), uuid.uuid4()
    events_ingest(model=Reading, events=readings(old))
    result = events_ingest(model=Reading, events=readings(old, new))
    assert result.new == [new] and result.duplicates == [old]
    assert set(Reading.objects.values_list("client_uuid", flat=True)) == {old, new}


def test_the_same_uuid_twice_in_one_batch_counts_once():
    key = uuid.uuid4()
    result = events_ingest(model=Reading, events=readings(key, key))
    assert result.new == [key]
    assert Reading.objects.count() == 1


def test_a_batch_larger_than_one_insert_is_stored_whole():
    keys = [uuid.uuid4() for _ in range(2_500)]
    assert len(events_ingest(model=Reading, events=readings(*keys)).new) == 2_500
    assert Reading.objects.count() == 2_500


def test_an_event_writes_no_audit_entry():
    from auditlog.models import LogEntry

    before = LogEntry.objects.count()
    events_ingest(model=Reading, events=readings(uuid.uuid4()))
    assert LogEntry.objects.count() == before


def test_values_by_attname_are_stored_like_instances():
    from fugong.core.events import events_ingest_values

    key = uuid.uuid4()
    result = events_ingest_values(
        model=Reading, rows=[{"client_uuid": key, "value": Decimal("37.3"), "taken_at": AT}]
    )
    assert result.new == [key]
    stored = Reading.objects.get(client_uuid=key)
    assert (stored.value, stored.taken_at) == (Decimal("37.3"), AT)
    assert stored.received_at is not None


def test_a_value_without_a_default_is_a_programming_error():
    from fugong.core.events import events_ingest_values

    with pytest.raises(ValueError, match="taken_at"):
        events_ingest_values(model=Reading, rows=[{"client_uuid": uuid.uuid4(), "value": 1}])
    assert not Reading.objects.exists()


def statements(captured) -> list[str]:
    """The first word of each statement; an executemany is logged as "<n> times: <sql>"."""
    words = [q["sql"].split(" times: ")[-1].split()[0] for q in captured]
    return [w for w in words if w not in {"SAVEPOINT", "RELEASE"}]


def one_insert(*, some_stored: bool = False) -> list[str]:
    """The statements of one chunk.

    PostgreSQL: a COPY; when a key was stored already it fails as a whole, its savepoint is
    rolled back and one INSERT ... ON CONFLICT DO NOTHING stores the others. SQLite: the
    largest key is read, executemany inserts and, only when it stored fewer rows than it was
    given, the keys above the largest are read as the new ones.
    """
    if connection.vendor == "postgresql":
        return ["COPY", "ROLLBACK", "INSERT"] if some_stored else ["COPY"]
    return ["SELECT", "INSERT", "SELECT"] if some_stored else ["SELECT", "INSERT"]


def test_a_thousand_events_are_one_insert_that_answers_what_it_stored():
    keys = [uuid.uuid4() for _ in range(1_000)]
    events_ingest(model=Reading, events=readings(*keys[:10]))
    with CaptureQueriesContext(connection) as captured:
        result = events_ingest(model=Reading, events=readings(*keys))
    assert statements(captured) == one_insert(some_stored=True)
    assert result.new == keys[10:] and result.duplicates == keys[:10]
    assert Reading.objects.count() == 1_000


@pytest.mark.parametrize("count", [999, 1_000, 1_001])
def test_a_batch_at_and_just_above_one_insert_is_split(count):
    keys = [uuid.uuid4() for _ in range(count)]
    with CaptureQueriesContext(connection) as captured:
        assert len(events_ingest(model=Reading, events=readings(*keys)).new) == count
    assert statements(captured) == one_insert() * (1 if count <= 1_000 else 2)


def test_a_batch_assumed_new_is_one_plain_insert_and_a_stored_key_keeps_nothing():
    from django.db import IntegrityError, transaction

    from fugong.core.events import events_ingest_values

    def rows(*keys):
        return [{"client_uuid": key, "value": Decimal("36.5"), "taken_at": AT} for key in keys]

    keys = [uuid.uuid4() for _ in range(60)]
    with CaptureQueriesContext(connection) as captured:
        result = events_ingest_values(model=Reading, rows=rows(*keys[:50]), all_new=True)
    assert result.new == keys[:50] and result.duplicates == []
    # Nothing asked first, nothing skipped: the baseline's own statement (DESIGN §5 P1).
    plain = [q["sql"].split(" times: ")[-1] for q in captured]
    assert [sql.split()[0] for sql in plain if sql.split()[0] not in {"SAVEPOINT", "RELEASE"}] == [
        "COPY" if connection.vendor == "postgresql" else "INSERT"
    ]
    assert not any("ON CONFLICT" in sql for sql in plain)
    # Ten new keys after one stored: refused whole, the transaction still usable.
    with transaction.atomic(), pytest.raises(IntegrityError):
        events_ingest_values(
            model=Reading, rows=rows(*keys[50:55], keys[0], *keys[55:]), all_new=True
        )
    assert Reading.objects.count() == 50
    again = events_ingest_values(model=Reading, rows=rows(keys[0], *keys[50:]))
    assert again.new == keys[50:] and again.duplicates == [keys[0]]


@pytest.mark.parametrize("count", [1, 2, 3])
def test_values_shared_by_every_row_or_not_are_stored_as_sent(count):
    """A value all rows share is bound once (SQLite): what is read back is what was sent."""
    from fugong.core.events import events_ingest_values

    keys = [uuid.uuid4() for _ in range(count)]
    rows = [
        {"client_uuid": key, "value": Decimal("36.5"), "taken_at": AT + dt.timedelta(minutes=i)}
        for i, key in enumerate(keys)
    ]
    rows += [{"client_uuid": uuid.uuid4(), "value": Decimal("37.3"), "taken_at": AT}]
    result = events_ingest_values(model=Reading, rows=rows)
    assert result.new == [row["client_uuid"] for row in rows]
    stored = {r.client_uuid: (r.value, r.taken_at) for r in Reading.objects.all()}
    assert stored == {row["client_uuid"]: (row["value"], row["taken_at"]) for row in rows}
    # Sent again with one more: the stored ones are told apart from the new one.
    extra = {"client_uuid": uuid.uuid4(), "value": Decimal("36.5"), "taken_at": AT}
    again = events_ingest_values(model=Reading, rows=[*rows, extra])
    assert again.new == [extra["client_uuid"]]
    assert again.duplicates == [row["client_uuid"] for row in rows]
