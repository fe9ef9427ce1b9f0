"""Masking of personal information (PIPL): keep enough to recognise, hide enough to protect."""

from __future__ import annotations


def mask_id_number(value: str) -> str:
    """142301********1234: region code and the last four stay, the birth date is hidden."""
    if not value:
        return ""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    """138****5678."""
    if not value:
        return ""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_personal(value: str) -> str:
    """Mask an ID number or a phone, told apart by length (a phone has at most 11 characters).

    The masking callable of the audit trail, which has one callable per model; an empty value
    and auditlog's "None" (no value) stay as they are. Masking a masked value changes nothing.
    """
    if value in ("", "None"):
        return value
    if len(value) <= 11:
        return mask_phone(value)
    return mask_id_number(value)
