from __future__ import annotations

import pytest

from fugong.core.env import ConfigError, envbool, envchoice, envint, envlist, envsecret, envstr
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


@pytest.mark.parametrize(
    ("reader", "args"),
    [
        (envbool, (True,)),
        (envint, (5,)),
        (envlist, (["a"],)),
        (envchoice, ("development", {"development", "production"})),
        (envsecret, ("default",)),
        (envstr, ("default",)),
    ],
)
@pytest.mark.parametrize("blank", ["", "   "])
def test_a_set_but_empty_variable_is_refused_naming_it(monkeypatch, reader, args, blank):
    """AXES_ENABLED= used to read as False and silently turned login throttling off."""
    monkeypatch.setenv("X_BLANK", blank)
    with pytest.raises(ConfigError, match="X_BLANK is set but empty"):
        reader("X_BLANK", *args)


def test_an_unset_variable_still_gives_the_default(monkeypatch):
    monkeypatch.delenv("X_UNSET", raising=False)
    assert envbool("X_UNSET", True) is True
    assert envint("X_UNSET", 7) == 7
    assert envstr("X_UNSET", "d") == "d"
    assert envchoice("X_UNSET", "development", {"development"}) == "development"


def test_envstr_accepts_empty_only_when_asked(monkeypatch):
    monkeypatch.setenv("X_EMPTY_OK", "")
    assert envstr("X_EMPTY_OK", "d", allow_empty=True) == ""


def test_an_empty_secret_file_is_refused(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("\n")
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    with pytest.raises(ConfigError, match="X_SECRET_FILE"):
        envsecret("X_SECRET")


def test_settings_refuse_an_empty_axes_enabled():
    """The real settings module, loaded in a child process with AXES_ENABLED= set."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "AXES_ENABLED": "", "DJANGO_SETTINGS_MODULE": "fugong.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "AXES_ENABLED is set but empty" in result.stderr
