"""Reading a scanned personal code: the fast check accepts exactly what ``signing`` accepts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.test import override_settings

from fugong.epidemic.codes import (
    PERSONAL_CODE_MAX_AGE,
    PERSONAL_CODE_SALT,
    personal_code_make,
    personal_code_read,
)

T0 = dt.datetime(2026, 3, 2, 7, 30, tzinfo=dt.UTC)


def message(token: str) -> str:
    with pytest.raises(ValidationError) as caught:
        personal_code_read(token)
    return str(caught.value.message_dict["code"][0])


def test_a_fresh_code_gives_its_person(time_machine):
    time_machine.move_to(T0, tick=False)
    assert personal_code_read(personal_code_make(4711)) == 4711
    assert personal_code_read(f"  {personal_code_make(12)}\n") == 12


@pytest.mark.parametrize(
    ("age", "valid"),
    [
        (PERSONAL_CODE_MAX_AGE - dt.timedelta(seconds=1), True),
        (PERSONAL_CODE_MAX_AGE, True),
        (PERSONAL_CODE_MAX_AGE + dt.timedelta(seconds=1), False),
    ],
)
def test_a_code_expires_after_24_hours(time_machine, age, valid):
    time_machine.move_to(T0, tick=False)
    token = personal_code_make(7)
    time_machine.move_to(T0 + age, tick=False)
    if valid:
        assert personal_code_read(token) == 7
    else:
        assert "expired" in message(token)


def test_a_changed_signature_or_person_is_refused():
    token = personal_code_make(7)
    value, signature = token.rsplit(":", 1)
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    assert "not a valid" in message(f"{value}:{flipped}")
    other = personal_code_make(8).split(":")[0]
    assert "not a valid" in message(other + token[token.index(":") :])


def test_a_token_of_another_salt_or_secret_is_refused():
    assert "not a valid" in message(signing.dumps(7, salt="another"))
    assert "not a valid" in message(signing.dumps(7, salt=PERSONAL_CODE_SALT, key="x" * 50))


def test_a_code_signed_with_a_retired_secret_is_still_read():
    old = "an-old-secret-key-that-was-rotated-away-" + "x" * 20
    token = signing.dumps(7, salt=PERSONAL_CODE_SALT, key=old)
    with override_settings(SECRET_KEY_FALLBACKS=[old]):
        assert personal_code_read(token) == 7
    assert "not a valid" in message(token)


@pytest.mark.parametrize("payload", ["7", 7.5, True, [7], None])
def test_a_signed_payload_that_is_not_a_person_key_is_refused(payload):
    assert "not a valid" in message(signing.dumps(payload, salt=PERSONAL_CODE_SALT))


@pytest.mark.parametrize("token", ["", "abc", "a:b", "a:b:c", ":::", "é:é:é"])
def test_garbage_is_refused(token):
    assert "not a valid" in message(token)
