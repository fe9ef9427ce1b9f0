"""The personal code (个人码): a signed, short-lived payload that a checkpoint scans.

Signed (Django's signing with its own salt) so a code cannot be forged for another person;
valid 24 hours so a screenshot kept from last week does not open a gate.
"""

from __future__ import annotations

from django.core import signing

SALT = "fugong.personal-code"
MAX_AGE_SECONDS = 24 * 60 * 60


def personal_code_make(person: object) -> str:
    """The text of ``person``'s QR code: {"p": person pk}, signed and timestamped."""
    return signing.dumps({"p": person.pk}, salt=SALT, compress=True)  # type: ignore[attr-defined]


def personal_code_read(code: str) -> int | None:
    """The person pk of a valid code, or None (bad signature, expired, malformed)."""
    try:
        data = signing.loads(code, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    pk = data.get("p") if isinstance(data, dict) else None
    return pk if isinstance(pk, int) else None
