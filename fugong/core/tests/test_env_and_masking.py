from __future__ import annotations

import pytest

from fugong.core.env import ConfigError, envbool, envchoice, envint, envlist, envsecret
from fugong.core.masking import mask_id_number, mask_phone


def test_id_numbers_keep_region_and_last_four():
    assert mask_id_number("14230119850301123X") == "142301********123X"


def test_phones_keep_prefix_and_last_four():
    assert mask_phone("13912345678") == "139****5678"


def test_masking_empty_and_short_values():
    assert mask_id_number("") == ""
    assert mask_phone("123") == "***"


def test_envbool_reads_true_false_and_refuses_garbage(monkeypatch):
    monkeypatch.setenv("X_FLAG", "yes")
    assert envbool("X_FLAG") is True
    monkeypatch.setenv("X_FLAG", "off")
    assert envbool("X_FLAG", True) is False
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ConfigError, match="X_FLAG"):
        envbool("X_FLAG")


def test_envint_refuses_words_and_values_below_minimum(monkeypatch):
    monkeypatch.setenv("X_NUM", "12")
    assert envint("X_NUM", 1) == 12
    monkeypatch.setenv("X_NUM", "twelve")
    with pytest.raises(ConfigError, match="X_NUM"):
        envint("X_NUM", 1)
    monkeypatch.setenv("X_NUM", "0")
    with pytest.raises(ConfigError, match="at least 1"):
        envint("X_NUM", 5, minimum=1)


def test_envsecret_reads_the_file_variant(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n")
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    assert envsecret("X_SECRET") == "s3cret"
    monkeypatch.setenv("X_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ConfigError, match="X_SECRET_FILE"):
        envsecret("X_SECRET")


def test_envlist_and_envchoice(monkeypatch):
    monkeypatch.setenv("X_LIST", "a, b,,c")
    assert envlist("X_LIST") == ["a", "b", "c"]
    monkeypatch.setenv("X_CHOICE", "staging")
    with pytest.raises(ConfigError, match="X_CHOICE"):
        envchoice("X_CHOICE", "development", {"development", "production"})


@pytest.mark.django_db
def test_applying_migrations_refreshes_planner_statistics():
    from django.db import connection

    from fugong.core.apps import refresh_planner_statistics
    from fugong.people.tests.factories import PersonFactory

    if connection.vendor != "sqlite":
        pytest.skip("reads SQLite's statistics table")
    PersonFactory.create_batch(3)

    def stats() -> int:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE sqlite_schema")  # makes sure sqlite_stat1 exists
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'people_person'")
            return cursor.fetchone()[0]

    def drop_stats() -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'people_person'")

    drop_stats()
    refresh_planner_statistics(using="default", plan=[])  # nothing migrated: nothing to do
    assert stats() == 0
    refresh_planner_statistics(using="default", plan=[("a migration", False)])
    assert stats() > 0
