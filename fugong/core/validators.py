"""Validators for the identifiers fugong stores: GB 32100 credit codes, resident ID numbers
(GB 11643, ISO 7064 MOD 11-2) and mainland mobile numbers.

Each validator raises django's ValidationError with a translatable message that names the
field, so forms, the roster import and the API all report the same words.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# GB 32100-2015: the 31 characters allowed (no I, O, S, V, Z) and the weights of positions 1-17.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# GB 11643-1999: weights 2^(17-i) mod 11 and the check character for each remainder.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

# ASCII digits only: Python's \d also matches full-width and other scripts' digits.
PHONE_RE = re.compile(r"^1[3-9][0-9]{9}$")
ID_RE = re.compile(r"^[0-9]{17}[0-9X]$")


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def nfkc(value: str) -> str:
    """Full-width characters (１５０６…Ｘ, typed with a Chinese input method) become ASCII.

    NFKC folds compatibility characters only: digits of other scripts stay what they are and
    are then refused by the validators, which accept ASCII only.
    """
    return unicodedata.normalize("NFKC", value or "")


def normalize_code(value: str) -> str:
    """Codes are compared in upper case without surrounding spaces (people type a lower x),
    after NFKC, so that one identity is one code whichever keyboard typed it."""
    return nfkc(value).strip().upper()


def validate_uscc(value: str) -> None:
    code = normalize_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("Unified social credit code must be 18 characters, got %(n)d."),
            code="uscc_length",
            params={"n": len(code)},
        )
    bad = [c for c in code if c not in USCC_CHARSET]
    if bad:
        raise ValidationError(
            _("Unified social credit code contains a character that is not allowed: %(c)s."),
            code="uscc_charset",
            params={"c": bad[0]},
        )
    if not code[2:8].isdigit():
        raise ValidationError(
            _("Unified social credit code positions 3-8 must be a region code of 6 digits."),
            code="uscc_region",
        )
    if uscc_check_char(code[:17]) != code[17]:
        raise ValidationError(
            _("Unified social credit code check character is wrong (GB 32100)."),
            code="uscc_check",
        )


def id_birth_date(code: str) -> dt.date | None:
    try:
        return dt.date(int(code[6:10]), int(code[10:12]), int(code[12:14]))
    except ValueError:
        return None


def validate_id_number(value: str) -> None:
    code = normalize_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("Resident ID number must be 18 characters, got %(n)d."),
            code="id_length",
            params={"n": len(code)},
        )
    if not ID_RE.match(code):
        raise ValidationError(
            _("Resident ID number must be 17 digits followed by a digit or X."),
            code="id_format",
        )
    birth = id_birth_date(code)
    if birth is None or birth.year < 1900 or birth > timezone.localdate():
        raise ValidationError(
            _("Resident ID number contains an impossible date of birth."),
            code="id_birth",
        )
    if id_check_char(code[:17]) != code[17]:
        raise ValidationError(
            _("Resident ID number check digit is wrong (ISO 7064 MOD 11-2)."),
            code="id_check",
        )


def normalize_phone(value: str) -> str:
    """ASCII digits only, without spaces, dashes or +86 (after NFKC, see ``nfkc``)."""
    digits = re.sub(r"[\s-]", "", nfkc(value))
    if digits.startswith("+86"):
        digits = digits[3:]
    return digits


def validate_phone(value: str) -> None:
    phone = normalize_phone(value)
    if not PHONE_RE.match(phone):
        raise ValidationError(
            _("Phone number must be 11 digits starting with 13-19, got %(v)s."),
            code="phone",
            params={"v": value},
        )


def validate_region_code(value: str) -> None:
    if not re.fullmatch(r"[0-9]{6}", value or ""):
        raise ValidationError(_("Region code must be 6 digits (GB/T 2260)."), code="region_code")
