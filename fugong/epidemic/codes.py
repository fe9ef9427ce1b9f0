"""The personal code (个人健康码) payload: a signed token the checkpoint scans.

The QR code on a worker's code page carries ``personal_code_make(person)``: the person's pk and
the time it was made, signed with the project's secret under its own salt, so a code cannot be
forged or pointed at someone else, and a screenshot kept longer than a day is refused. The
token says nothing about health: the checkpoint asks for the entry decision when it scans.
"""

from __future__ import annotations

import binascii
import datetime as dt
import hashlib
import hmac
import json
import time
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

PERSONAL_CODE_SALT = "fugong.personal-code"
# A code page refreshes its QR code; a token older than this is a stale screenshot.
PERSONAL_CODE_MAX_AGE = dt.timedelta(hours=24)


def personal_code_make(person: object) -> str:
    """The token to draw as a QR code for ``person`` (a Person or its pk)."""
    pk = getattr(person, "pk", person)
    return signing.dumps(int(pk), salt=PERSONAL_CODE_SALT)  # type: ignore[call-overload]


def personal_code_read(token: str, *, max_age: dt.timedelta = PERSONAL_CODE_MAX_AGE) -> int:
    """The person's pk in a scanned token; a ValidationError on ``code`` when it is not one.

    Whether that person may be identified by this actor is the caller's question (the scope).
    """
    token = (token or "").strip()
    pk = _verified_pk(token, max_age)
    if pk is not None:
        return pk
    try:
        pk = signing.loads(token, salt=PERSONAL_CODE_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise ValidationError(
            {"code": _("This personal code has expired: ask for the code page to be reloaded.")}
        ) from None
    except signing.BadSignature:
        raise ValidationError({"code": _("This is not a valid personal code.")}) from None
    if not isinstance(pk, int) or isinstance(pk, bool):
        raise ValidationError({"code": _("This is not a valid personal code.")})
    return pk


_MACS: tuple[hmac.HMAC, ...] = ()


def _macs() -> tuple[hmac.HMAC, ...]:
    """One keyed HMAC per secret, the key derived the way ``signing.Signer`` derives it (sha256
    of salt + "signer" + secret), made once instead of once per scanned code (reading the
    settings twice a code cost more than the HMAC). A code is checked on a copy: copying the
    keyed state costs a third less than keying the HMAC again."""
    global _MACS
    if not _MACS:
        salt = (PERSONAL_CODE_SALT + "signer").encode()
        secrets = (settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ()))
        _MACS = tuple(
            hmac.new(hashlib.sha256(salt + secret.encode()).digest(), digestmod=hashlib.sha256)
            for secret in secrets
        )
    return _MACS


# base64 to its URL-safe alphabet, as ``signing`` writes signatures.
_URLSAFE = bytes.maketrans(b"+/", b"-_")
_FROM_URLSAFE = bytes.maketrans(b"-_", b"+/")

# The digits of ``signing.b62_encode``, by value: its decoder looks each one up in a string.
_BASE62 = {digit: value for value, digit in enumerate(signing.BASE62_ALPHABET)}


@receiver(setting_changed, dispatch_uid="epidemic-personal-code-keys")
def _forget_keys(*, setting: str, **kwargs: Any) -> None:
    """A test (or a key rotation through settings) changed the secrets: derive them again."""
    global _MACS
    if setting in {"SECRET_KEY", "SECRET_KEY_FALLBACKS"}:
        _MACS = ()


def _verified_pk(token: str, max_age: dt.timedelta) -> int | None:
    """The pk of a token that is signed with one of our keys, in date and plain JSON; None for
    anything else, which ``signing.loads`` then reads again to raise its exact error.

    A device sends a thousand codes a batch: ``signing.loads`` builds a signer and derives its
    key for each, which cost more than storing the readings. Only the success path is fast;
    every refusal is still ``signing``'s own.
    """
    value, sep, signature = token.rpartition(":")
    payload, sep2, stamp = value.rpartition(":")
    if not sep or not sep2 or payload.startswith("."):
        return None
    message, given = value.encode(), signature.encode()
    for keyed in _macs():
        mac = keyed.copy()
        mac.update(message)
        expected = binascii.b2a_base64(mac.digest(), newline=False).translate(_URLSAFE)
        if hmac.compare_digest(expected.rstrip(b"="), given):
            break
    else:
        return None
    try:
        made = 0
        for digit in stamp:
            made = made * 62 + _BASE62[digit]
        if time.time() - made > max_age.total_seconds():
            return None
        # ``urlsafe_b64decode`` without its checks of a str argument (the signature is ours).
        text = binascii.a2b_base64(payload.encode().translate(_FROM_URLSAFE) + b"==").decode(
            "latin-1"
        )
        # Our tokens carry a plain decimal pk: read without the JSON parser (a thousand a batch).
        plain = text.isascii() and text.isdigit() and (text == "0" or text[0] != "0")
        pk = int(text) if plain else json.loads(text)
    except (KeyError, ValueError):
        return None
    return pk if isinstance(pk, int) and not isinstance(pk, bool) else None
