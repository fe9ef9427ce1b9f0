"""The personal code (个人健康码) payload: a signed token the checkpoint scans.

The QR code on a worker's code page carries ``personal_code_make(person)``: the person's pk and
the time it was made, signed with the project's secret under its own salt, so a code cannot be
forged or pointed at someone else, and a screenshot kept longer than a day is refused. The
token says nothing about health: the checkpoint asks for the entry decision when it scans.
"""

from __future__ import annotations

import datetime as dt

from django.core import signing
from django.core.exceptions import ValidationError
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
    try:
        pk = signing.loads(token, salt=PERSONAL_CODE_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise ValidationError(
            {"code": _("This personal code has expired: ask for the code page to be reloaded.")}
        ) from None
    except signing.BadSignature:
        raise ValidationError({"code": _("This is not a valid personal code.")}) from None
    if not isinstance(pk, int):
        raise ValidationError({"code": _("This is not a valid personal code.")})
    return pk
