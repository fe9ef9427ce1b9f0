"""Synthetic but valid identifiers for demo data, benchmarks and tests."""

from __future__ import annotations

import datetime as dt

from fugong.core.validators import USCC_CHARSET, id_check_char, uscc_check_char


def make_id_number(region_code: str, birth: dt.date, serial: int) -> str:
    """An 18-character resident ID number with a correct check digit.

    ``serial`` (0-999) is the sequence code; its parity gives the sex (odd = male).
    """
    first17 = f"{region_code}{birth:%Y%m%d}{serial % 1000:03d}"
    return first17 + id_check_char(first17)


def make_uscc(region_code: str, serial: int, *, kind: str = "91") -> str:
    """A unified social credit code: authority+type, region, 9-character body, check char.

    "91" is an enterprise registered with the market regulator. The body encodes ``serial`` in
    the 31 allowed characters so that every serial gives a distinct code.
    """
    body = []
    n = serial
    for _ in range(9):
        n, r = divmod(n, len(USCC_CHARSET))
        body.append(USCC_CHARSET[r])
    first17 = f"{kind}{region_code}{''.join(reversed(body))}"
    return first17 + uscc_check_char(first17)
