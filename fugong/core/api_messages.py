"""The words of the API's field errors, in the caller's language.

pydantic (under django-ninja) says "Input should be a valid decimal" or "Field required" in
English whatever the caller reads; a terminal or an officer's script shows the message as it
comes. Each of the error types a client can cause is told here with Django's own words where
Django has them and ours otherwise (marked with ``gettext_noop`` for the catalogue, translated
when the error is answered). A type not listed keeps pydantic's message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fugong.core.api import INVALID_CHOICE


def _same(text: str) -> Callable[[dict[str, Any]], str]:
    return lambda ctx: _(text)


def _limited(text: str, name: str, key: str) -> Callable[[dict[str, Any]], str]:
    return lambda ctx: _(text) % {name: ctx.get(key)}


def _own(ctx: dict[str, Any]) -> str:
    """A validator of ours raised ValueError with a message already in the caller's language."""
    return str(ctx.get("error", ""))


_NUMBER = _same(gettext_noop("Enter a number."))
_WHOLE = _same(gettext_noop("Enter a whole number."))
_UUID = _same(gettext_noop("Enter a valid UUID."))
_DATE = _same(gettext_noop("Enter a valid date."))
_MOMENT = _same(gettext_noop("Enter a valid date/time."))
_YES_NO = _same(gettext_noop("Enter true or false."))
_CHOICE = _same(str(INVALID_CHOICE))

MESSAGES: dict[str, Callable[[dict[str, Any]], str]] = {
    "missing": _same(gettext_noop("This field is required.")),
    "string_type": _same(gettext_noop("Enter a text.")),
    "string_too_long": _limited(gettext_noop("At most %(max)d characters."), "max", "max_length"),
    "string_too_short": _limited(gettext_noop("At least %(min)d characters."), "min", "min_length"),
    "too_long": _limited(gettext_noop("At most %(max)d items."), "max", "max_length"),
    "too_short": _limited(gettext_noop("At least %(min)d items."), "min", "min_length"),
    "list_type": _same(gettext_noop("Enter a list.")),
    "int_parsing": _WHOLE,
    "int_type": _WHOLE,
    "int_from_float": _WHOLE,
    "float_parsing": _NUMBER,
    "float_type": _NUMBER,
    "decimal_parsing": _NUMBER,
    "decimal_type": _NUMBER,
    "finite_number": _NUMBER,
    "decimal_max_digits": _limited(
        gettext_noop("At most %(max)d digits in total."), "max", "max_digits"
    ),
    "decimal_max_places": _limited(
        gettext_noop("At most %(max)d decimal places."), "max", "decimal_places"
    ),
    "decimal_whole_digits": _limited(
        gettext_noop("At most %(max)d digits before the decimal point."), "max", "whole_digits"
    ),
    "greater_than_equal": _limited(
        gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
        "limit_value",
        "ge",
    ),
    "less_than_equal": _limited(
        gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
        "limit_value",
        "le",
    ),
    "greater_than": _limited(gettext_noop("Must be greater than %(limit)s."), "limit", "gt"),
    "less_than": _limited(gettext_noop("Must be less than %(limit)s."), "limit", "lt"),
    "uuid_parsing": _UUID,
    "uuid_type": _UUID,
    "uuid_version": _UUID,
    "bool_parsing": _YES_NO,
    "bool_type": _YES_NO,
    "date_parsing": _DATE,
    "date_type": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "datetime_parsing": _MOMENT,
    "datetime_type": _MOMENT,
    "datetime_from_date_parsing": _MOMENT,
    "enum": _CHOICE,
    "literal_error": _CHOICE,
    "json_invalid": _same(gettext_noop("Enter a valid JSON.")),
    "value_error": _own,
}


def field_message(error: Mapping[str, Any]) -> str:
    """The message of one pydantic error, in the active language."""
    words = MESSAGES.get(str(error.get("type", "")))
    if words is None:
        return str(error.get("msg", ""))
    return words(error.get("ctx") or {})
