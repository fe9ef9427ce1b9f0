"""Checking a batch of screenings before anything is stored (DESIGN §3.3 "Screening").

Every item of a batch is checked first, and a single bad item refuses the whole batch with its
index and field, so a device never has to work out which half of a batch was kept. The checks
read the database (places, people, earlier readings) through the actor's scope, but write
nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.core.filters import local_day_start
from fugong.core.throttle import throttle_hit
from fugong.core.validators import (
    normalize_code,
    normalize_phone,
    validate_id_number,
    validate_phone,
)
from fugong.epidemic.codes import personal_code_read
from fugong.epidemic.models import IdentifiedBy, Policy, Screening, Symptom
from fugong.epidemic.selectors.id_lists import ids_in
from fugong.epidemic.selectors.policy import policy_in_force, policy_in_force_cached
from fugong.org.models import Place, PlaceKind
from fugong.people.models import Person

# A reading stamped further ahead than this by the client's clock is refused: the clock is wrong.
CLOCK_SKEW = dt.timedelta(minutes=5)


@dataclass
class ScreeningInput:
    """One reading as a page or a device sends it. Exactly one of ``person``, ``code``,
    ``id_number`` or ``visitor_name`` says who was measured; a re-measure may name none and
    inherits the first reading's identity."""

    client_uuid: uuid.UUID
    place: Place | int
    measured_at: dt.datetime
    temperature: Decimal | float | str
    symptoms: Sequence[str] = ()
    person: Person | None = None
    code: str = ""
    id_number: str = ""
    visitor_name: str = ""
    visitor_phone: str = ""
    remeasure_of: uuid.UUID | None = None


class Reading(Protocol):
    """What the checks read of an item: a ``ScreeningInput``, or the device API's parsed item
    (the same attributes), so a batch of a thousand is not copied into new objects first."""

    @property
    def client_uuid(self) -> uuid.UUID: ...
    @property
    def place(self) -> Place | int: ...
    @property
    def measured_at(self) -> dt.datetime: ...
    @property
    def temperature(self) -> Decimal | float | str: ...
    @property
    def symptoms(self) -> Sequence[str]: ...
    @property
    def person(self) -> Person | None: ...
    @property
    def code(self) -> str: ...
    @property
    def id_number(self) -> str: ...
    @property
    def visitor_name(self) -> str: ...
    @property
    def visitor_phone(self) -> str: ...
    @property
    def remeasure_of(self) -> uuid.UUID | None: ...


@dataclass(slots=True)
class Checked:
    """An item that passed the checks, with what they looked up (slots: a thousand a batch)."""

    item: Reading
    place: Place
    policy: Policy
    temperature: Decimal
    measured_at: dt.datetime
    symptoms: list[str]
    identified_by: str
    person_id: int | None = None
    visitor_name: str = ""
    visitor_phone: str = ""
    # The reading this one re-measures: its UUID and time, and the row when it is stored
    # already (None for a first reading earlier in the same batch).
    first_uuid: uuid.UUID | None = None
    first_at: dt.datetime | None = None
    first_stored: Screening | None = None
    errors: dict[str, Any] = field(default_factory=dict)


def _count_unknown_id_numbers(actor: Any, unknown: set[str]) -> None:
    """Answering "no such person" for typed ID numbers is an oracle: a sweep of guesses over the
    8 masked birth-date digits would unmask a number. Misses are counted per actor and refused
    (429, nothing stored) beyond the limit, before any answer says which ones matched."""
    if unknown:
        throttle_hit(
            bucket="checkpoint-id-miss",
            actor=actor,
            limit=settings.FUGONG_CHECKPOINT_ID_MISS_LIMIT,
            window_seconds=settings.FUGONG_SEARCH_PROBE_WINDOW,
            amount=len(unknown),
            message=_(
                "Too many ID numbers that match nobody here. Please wait a few minutes and "
                "try again, or scan the personal code."
            ),
        )


TENTH = Decimal("0.1")
SYMPTOMS = frozenset(Symptom.values)


def _temperature(raw: object, policy: Policy, errors: dict[str, Any]) -> Decimal:
    """The reading in tenths of a degree, checked whole here (the device API's schema leaves
    the number unconstrained: its digit checks cost a batch more than these)."""
    try:
        given = raw if isinstance(raw, Decimal) else Decimal(str(raw))
        if not given.is_finite():
            raise ValueError
        value = given.quantize(TENTH)
    except (InvalidOperation, ValueError):
        errors["temperature"] = _("Enter the temperature as a number such as 36.6.")
        return Decimal(0)
    if value != given:
        errors["temperature"] = _("Enter the temperature with one decimal place, such as 36.6.")
    elif not policy.temperature_min <= value <= policy.temperature_max:
        errors["temperature"] = _(
            "Measurement error: %(value)s °C is outside the plausible range %(low)s–%(high)s °C."
            " Nothing was stored; measure again."
        ) % {"value": value, "low": policy.temperature_min, "high": policy.temperature_max}
    return value


def _place_id(place: Place | int) -> int:
    if type(place) is int:  # a device's item: checked first, it is nearly always one
        return place
    return place.pk if isinstance(place, Place) else int(place)


def _policy_of_day(day: dt.date, moment: dt.datetime, today: dt.date) -> Policy:
    """The version in force on a reading's local day: today's from this process's copy (a gate
    sends its readings as they are taken), an earlier day's (a queue sent late) from the table."""
    return policy_in_force_cached(moment) if day == today else policy_in_force(moment)


def screenings_check(
    *,
    actor: Any,
    items: Sequence[Reading],
    prefix: str = "items.",
    positions: Sequence[int] | None = None,
) -> list[Checked]:
    """Check every item; raise one ValidationError keyed ``<prefix><index>.<field>`` (or by the
    field alone when ``prefix`` is empty and there is one item) if any is wrong. ``positions``
    are the items' indexes in the batch as sent, when some of it was left out (stored
    already): an error names the reading the device sent, not its place among the others."""
    place_ids = {_place_id(place) for place in {i.place for i in items}}
    places = {
        p.pk: p
        for p in Place.objects.restrict(actor, "view").filter(
            pk__in=place_ids, kind=PlaceKind.CHECKPOINT
        )
    }
    code_pks: dict[int, int] = {}
    code_errors: dict[int, ValidationError] = {}
    id_numbers: dict[int, str] = {}
    id_errors: dict[int, list[str]] = {}
    for index, item in enumerate(items):
        if item.code:
            try:
                code_pks[index] = personal_code_read(item.code)
            except ValidationError as exc:
                code_errors[index] = exc
        elif item.id_number:
            number = normalize_code(item.id_number)
            try:
                validate_id_number(number)
                id_numbers[index] = number
            except ValidationError as exc:
                id_errors[index] = exc.messages
    # Unordered: the directory's order (enterprise, pinyin) sorted a thousand rows for a set.
    people = Person.objects.restrict(actor, "view").order_by()
    # Keys only: a batch names a thousand people, and the checks need no more than who is in
    # scope (building a thousand Person instances cost more than the insert).
    by_pk = set(people.filter(pk__in=ids_in(set(code_pks.values()))).values_list("pk", flat=True))
    by_number: dict[str, int] = {}
    if id_numbers:
        by_number = dict(
            people.filter(id_number__in=set(id_numbers.values())).values_list("id_number", "pk")
        )
        _count_unknown_id_numbers(actor, set(id_numbers.values()) - set(by_number))
    given = {i.person.pk for i in items if i.person is not None}
    in_scope_given = (
        set(people.filter(pk__in=given).values_list("pk", flat=True)) if given else set()
    )
    # Re-measures name their first reading: stored already, or earlier in this batch.
    refs = {i.remeasure_of for i in items if i.remeasure_of is not None}
    firsts: dict[uuid.UUID, Screening] = {}
    if refs:
        stored_refs = refs - {i.client_uuid for i in items}
        firsts = {
            s.client_uuid: s
            for s in Screening.objects.restrict(actor, "record").filter(client_uuid__in=stored_refs)
        }
    earlier: dict[uuid.UUID, Checked] = {}
    checked: list[Checked] = []
    failures: dict[str, Any] = {}
    # Each reading's time is made UTC once, as it is stored (the insert then writes it as it
    # is), and compared in UTC with the latest allowed time and with today's local bounds (a
    # field-by-field comparison): only a reading of another day is turned into local time to
    # find its day, which picks the policy.
    zone = timezone.get_current_timezone()
    now = timezone.now()
    latest, today = now + CLOCK_SKEW, timezone.localdate(now)
    today_from = local_day_start(today).astimezone(dt.UTC)
    today_until = local_day_start(today + dt.timedelta(days=1)).astimezone(dt.UTC)
    policies: dict[dt.date, Policy] = {}
    for index, item in enumerate(items):
        errors: dict[str, Any] = {}
        measured_at = item.measured_at
        if measured_at.tzinfo is None:
            measured_at = timezone.make_aware(measured_at)
        measured_at = measured_at.astimezone(dt.UTC)
        if measured_at > latest:
            errors["measured_at"] = _("The time of measurement is in the future: check the clock.")
        if today_from <= measured_at < today_until:
            day = today
        else:
            day = measured_at.astimezone(zone).date()
        policy = policies.get(day) or policies.setdefault(
            day, _policy_of_day(day, measured_at, today)
        )
        temperature = _temperature(item.temperature, policy, errors)
        symptoms = list(dict.fromkeys(item.symptoms)) if item.symptoms else []
        if not SYMPTOMS.issuperset(symptoms):
            errors["symptoms"] = _("Unknown symptom: choose from the list.")
        place = places.get(_place_id(item.place))
        if place is None:
            errors["place"] = _("Choose one of your checkpoints.")
        row = Checked(item, place, policy, temperature, measured_at, symptoms, "", errors=errors)  # type: ignore[arg-type]
        _identify(row, index, by_pk, by_number, in_scope_given, code_pks, code_errors, id_errors)
        if item.remeasure_of is not None:
            _link_first(row, firsts, earlier, errors)
        if errors:
            at = positions[index] if positions is not None else index
            failures.update(
                {(f"{prefix}{at}.{name}" if prefix else name): m for name, m in errors.items()}
            )
        checked.append(row)
        if refs:
            earlier[item.client_uuid] = row
    if failures:
        raise ValidationError(failures)
    return checked


def _identify(
    row: Checked,
    index: int,
    by_pk: set[int],
    by_number: dict[str, int],
    in_scope_given: set[int],
    code_pks: dict[int, int],
    code_errors: dict[int, ValidationError],
    id_errors: dict[int, list[str]],
) -> None:
    """Who was measured: a scanned code, a typed ID number, a visitor, or (re-measure) nobody."""
    item, errors = row.item, row.errors
    ways = (
        (item.person is not None) + bool(item.code) + bool(item.id_number) + bool(item.visitor_name)
    )
    if ways > 1:
        errors["code"] = _("Identify the person one way only: code, ID number or visitor.")
        return
    if item.person is not None:
        if item.person.pk not in in_scope_given:
            errors["person"] = _("This person is not among the people of your checkpoints.")
        row.person_id, row.identified_by = item.person.pk, IdentifiedBy.ID_NUMBER
    elif item.code:
        if index in code_errors:
            errors.update(code_errors[index].message_dict)
        elif code_pks[index] not in by_pk:
            errors["code"] = _("This person is not among the people of your checkpoints.")
        else:
            row.person_id, row.identified_by = code_pks[index], IdentifiedBy.CODE
    elif item.id_number:
        if index in id_errors:
            errors["id_number"] = id_errors[index]
        else:
            person = by_number.get(normalize_code(item.id_number))
            if person is None:
                errors["id_number"] = _(
                    "No one with this ID number works here: record the person as a visitor."
                )
            row.person_id, row.identified_by = person, IdentifiedBy.ID_NUMBER
    elif item.visitor_name:
        row.identified_by = IdentifiedBy.VISITOR
        row.visitor_name = item.visitor_name.strip()[:64]
        if item.visitor_phone:
            phone = normalize_phone(item.visitor_phone)
            try:
                validate_phone(phone)
                row.visitor_phone = phone
            except ValidationError as exc:
                errors["visitor_phone"] = exc.messages
    elif item.remeasure_of is None:
        errors["code"] = _("Scan the personal code, type the ID number, or record a visitor.")


def _link_first(
    row: Checked,
    firsts: dict[uuid.UUID, Screening],
    earlier: dict[uuid.UUID, Checked],
    errors: dict[str, Any],
) -> None:
    """A re-measure names the first reading; earlier than the policy's minimum it is refused."""
    ref = row.item.remeasure_of
    assert ref is not None
    first = firsts.get(ref)
    if first is None and ref in earlier:
        when = earlier[ref].measured_at
        person, visitor = earlier[ref].person_id, earlier[ref].visitor_name
        kind, phone = earlier[ref].identified_by, earlier[ref].visitor_phone
    elif first is not None:
        when, person, visitor = first.measured_at, first.person_id, first.visitor_name
        kind, phone = first.identified_by, first.visitor_phone
    else:
        errors["remeasure_of"] = _("The first reading of this re-measure is unknown here.")
        return
    if row.identified_by and (row.person_id != person):
        errors["remeasure_of"] = _("A re-measure must be of the same person as the first reading.")
        return
    if not row.identified_by:
        row.person_id, row.visitor_name, row.visitor_phone = person, visitor, phone
        row.identified_by = kind
    wait = dt.timedelta(minutes=row.policy.remeasure_after_min)
    if row.measured_at < when:
        errors["measured_at"] = _("A re-measure cannot be earlier than the first reading.")
    elif row.measured_at - when < wait:
        errors["measured_at"] = _(
            "Too early to re-measure: wait until %(time)s (%(minutes)s minutes after the first"
            " reading)."
        ) % {
            "time": timezone.localtime(when + wait).strftime("%H:%M:%S"),
            "minutes": row.policy.remeasure_after_min,
        }
    row.first_uuid, row.first_at, row.first_stored = ref, when, first
