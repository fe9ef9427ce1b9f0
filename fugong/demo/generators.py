"""Deterministic generators of plausible personal data: names, ID numbers, phones, plates.

Every function takes the caller's ``random.Random`` so that a seed gives the same world each
time; the ones that must be unique take the set of values already used and add to it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import TypeVar

from fugong.core.identifiers import make_id_number
from fugong.demo import data

T = TypeVar("T")

BIRTH_FIRST = dt.date(1965, 1, 1)
BIRTH_LAST = dt.date(2002, 12, 31)


def person_name(rng: random.Random, *, male: bool) -> str:
    """A surname and a one- or two-character given name (a quarter are one character)."""
    first, second = (
        (data.MALE_GIVEN_FIRST, data.MALE_GIVEN_SECOND)
        if male
        else (data.FEMALE_GIVEN_FIRST, data.FEMALE_GIVEN_SECOND)
    )
    # Frequent surnames come first in the list: weight them by rank.
    surname = data.SURNAMES[min(int(rng.expovariate(1 / 12)), len(data.SURNAMES) - 1)]
    if rng.random() < 0.25:
        return surname + rng.choice(second)
    return surname + rng.choice(first) + rng.choice(second)


def birth_date(rng: random.Random) -> dt.date:
    return BIRTH_FIRST + dt.timedelta(days=rng.randint(0, (BIRTH_LAST - BIRTH_FIRST).days))


def id_number(rng: random.Random, *, region_code: str, male: bool, used: set[str]) -> str:
    """A valid, unused resident ID number; the sequence code's parity gives the sex."""
    while True:
        serial = rng.randrange(0, 500) * 2 + (1 if male else 0)
        code = make_id_number(region_code, birth_date(rng), serial)
        if code not in used:
            used.add(code)
            return code


def phone(rng: random.Random, *, used: set[str]) -> str:
    while True:
        number = rng.choice(data.PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        if number not in used:
            used.add(number)
            return number


def plate(rng: random.Random, *, used: set[str]) -> str:
    """A licence plate of 忻州 such as 晋H·A1234."""
    while True:
        number = f"{data.PLATE_PREFIX}{rng.choice('ABCDEFGHJK')}{rng.randrange(10**4):04d}"
        if number not in used:
            used.add(number)
            return number


def weighted(rng: random.Random, choices: Sequence[tuple[T, int]]) -> T:
    """One of ``choices`` given as (value, weight) pairs."""
    values = [value for value, _ in choices]
    weights = [weight for _, weight in choices]
    return rng.choices(values, weights=weights)[0]
