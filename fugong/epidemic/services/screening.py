"""Recording checkpoint screenings (检测点测温), one or a batch (DESIGN §3.3 "Screening").

The decision of a reading, in this order:

1. a temperature outside the policy's plausible range (34.0–43.0 °C) is a measurement error:
   refused on ``temperature``, nothing stored (``screening_checks``);
2. an identified person whose code is red, or who is under a work prohibition, is denied with
   that reason (``entry_decision``'s rules, read when the server receives the reading);
3. a reading at or above the fever threshold (37.3 °C) asks for a re-measure after 5–10
   minutes (REMEASURE). The re-measure names the first reading (``remeasure_of``):
   - earlier than 5 minutes after it: refused with the time to wait, nothing stored;
   - from 5:00 to 10:00 minutes inclusive: a re-measure. Still at or above the threshold is
     a confirmed fever: DENY (fever), an isolation observation of the policy's fever days
     (isolation, so the work prohibition keeps the person out until the health officer
     releases them), and a fever alert to the webhook;
   - later than 10:00 minutes: too late to confirm anything, so it counts as a new first
     reading (stored without the link; at or above the threshold it asks for a re-measure
     again);
4. symptoms seen by the operator (with a normal temperature) deny entry (reason symptoms):
   the person goes to the health officer instead of the shift; no observation is opened
   automatically, because only the health officer can judge symptoms;
5. otherwise PASS.

A visitor has no code or observation: a confirmed fever of a visitor raises the alert only.
Every reading carries a client UUID; a UUID already stored is a duplicate, answered with the
stored decision and never re-evaluated.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from fugong.core.events import IngestResult, events_ingest_values
from fugong.epidemic.models import (
    AlertKind,
    DenyReason,
    HealthStatus,
    ObservationKind,
    ObservationReason,
    Screening,
    ScreeningResult,
)
from fugong.epidemic.selectors.id_lists import ids_in, uuids_in
from fugong.epidemic.selectors.screening import entry_decisions
from fugong.epidemic.services.alert import alert_raise
from fugong.epidemic.services.observation import observation_open
from fugong.epidemic.services.screening_checks import (
    Checked,
    Reading,
    ScreeningInput,
    screenings_check,
)
from fugong.org.models import Place

__all__ = ["ScreeningInput", "ScreeningOutcome", "screening_record", "screenings_ingest"]

# The kind of observation a confirmed fever opens (see the module docstring).
FEVER_OBSERVATION_KIND = ObservationKind.ISOLATION


@dataclass(slots=True)
class ScreeningOutcome:
    """What the checkpoint is told about one reading: never the medical reason.

    ``stored`` is the reading: the row read back for a duplicate, or the values just inserted
    by attname; ``screening`` makes the model instance only when a caller asks for it (a
    device's batch answers from the values and never builds a thousand instances). Not frozen:
    a frozen dataclass sets each field through ``object.__setattr__``, a thousand times a batch.
    Slots: a thousand are made a batch.
    """

    stored: Screening | dict[str, Any]
    new: bool
    client_uuid: uuid.UUID
    result: str
    deny_reason: str = ""
    colour: str = ""  # the code's colour, "" for a visitor
    remeasure_from: dt.datetime | None = None
    remeasure_until: dt.datetime | None = None
    # A re-measure sent after the window (counted as a new first reading).
    late_remeasure: bool = False

    @property
    def screening(self) -> Screening:
        """The reading as a model instance (made from the values when first asked for)."""
        if not isinstance(self.stored, Screening):
            self.stored = Screening(**self.stored)
        return self.stored

    @property
    def allowed(self) -> bool:
        return self.result == ScreeningResult.PASS


def _actor_fields(actor: Any) -> tuple[int | None, int | None]:
    """(device, operator) of the readings: a terminal's token, or the user at the page."""
    from fugong.accounts.models import DeviceToken

    if isinstance(actor, DeviceToken):
        return actor.pk, None
    return None, getattr(actor, "pk", None)


def _outcome_of_stored(screening: Screening) -> ScreeningOutcome:
    colour = ""
    if screening.person_id:
        status = HealthStatus.objects.filter(person_id=screening.person_id).first()
        colour = status.colour if status else ""
    return ScreeningOutcome(
        screening,
        new=False,
        client_uuid=screening.client_uuid,
        result=screening.result,
        deny_reason=screening.deny_reason,
        colour=colour,
        **_window(screening.result, screening.measured_at),
    )


def _window(result: str, measured_at: dt.datetime) -> dict[str, Any]:
    if result != ScreeningResult.REMEASURE:
        return {}
    from fugong.epidemic.selectors.policy import policy_in_force

    policy = policy_in_force(measured_at)
    return {
        "remeasure_from": measured_at + dt.timedelta(minutes=policy.remeasure_after_min),
        "remeasure_until": measured_at + dt.timedelta(minutes=policy.remeasure_after_max),
    }


def _decide(row: Checked, decisions: dict, results: dict[uuid.UUID, str]) -> tuple[str, str, bool]:
    """(result, deny reason, counted as a re-measure) of one checked reading."""
    policy = row.policy
    is_remeasure = False
    if row.first_uuid is not None and row.first_at is not None:
        first_result = results.get(row.first_uuid) or (
            row.first_stored.result if row.first_stored else ""
        )
        late = row.measured_at - row.first_at > dt.timedelta(minutes=policy.remeasure_after_max)
        is_remeasure = first_result == ScreeningResult.REMEASURE and not late
    if row.person_id is not None:
        decision = decisions[row.person_id]
        if not decision.allowed:
            return ScreeningResult.DENY, decision.deny_reason, is_remeasure
    if row.temperature >= policy.fever_threshold:
        if is_remeasure:
            return ScreeningResult.DENY, DenyReason.FEVER, True
        return ScreeningResult.REMEASURE, "", False
    if row.symptoms:
        return ScreeningResult.DENY, DenyReason.SYMPTOMS, is_remeasure
    return ScreeningResult.PASS, "", is_remeasure


class _Resent(Exception):
    """The insert found readings of the batch stored already: the batch is done again knowing
    which (``screenings_ingest``)."""


@transaction.atomic
def screenings_ingest(
    *, actor: Any, items: Sequence[Reading], prefix: str = "items.", keys: bool = True
) -> list[ScreeningOutcome]:
    """Check, decide and store a batch; all or nothing. One outcome per item, in order.

    ``keys=False`` (the device API, whose answer names readings by client UUID) leaves the
    new rows' primary keys unset, saving a query over the whole batch. The readings are
    handled by their position in the batch: a UUID is hashed in Python, so a dozen look-ups
    by UUID per reading cost a device's batch more than its insert.

    Nearly every batch is new, so it is first checked, decided and stored without asking which
    of its readings are stored already. A resent batch shows itself: the insert meets a stored
    client UUID and keeps nothing, or a check refuses a reading that is stored (a code that has
    expired since). Then that attempt is undone and the batch is done again with the stored
    readings looked up first, and answered with their stored decisions. A batch with typed ID
    numbers is always looked up first: its misses count towards a throttle, once.
    """
    if not any(item.id_number for item in items):
        try:
            with transaction.atomic():
                return _ingest(actor, items, prefix=prefix, keys=keys, stored=None)
        except (_Resent, ValidationError) as exc:
            stored = _stored(actor, [item.client_uuid for item in items])
            if not stored and isinstance(exc, ValidationError):
                raise  # nothing was resent: the error stands as it is
    else:
        stored = _stored(actor, [item.client_uuid for item in items])
    return _ingest(actor, items, prefix=prefix, keys=keys, stored=stored)


def _ingest(
    actor: Any,
    items: Sequence[Reading],
    *,
    prefix: str,
    keys: bool,
    stored: dict[uuid.UUID, Screening] | None,
) -> list[ScreeningOutcome]:
    """``screenings_ingest`` knowing which readings are ``stored`` already, or (None) assuming
    that none is: then a reading the insert finds stored raises ``_Resent``."""
    positions = None
    if stored:
        positions = [i for i, item in enumerate(items) if item.client_uuid not in stored]
        fresh = [items[i] for i in positions]
    else:
        fresh = list(items)
    checked = (
        screenings_check(actor=actor, items=fresh, prefix=prefix, positions=positions)
        if fresh
        else []
    )
    now = timezone.now()
    decisions = entry_decisions(person_ids=[r.person_id for r in checked if r.person_id], at=now)
    results: dict[uuid.UUID, str] = {}  # by UUID only for the re-measures to find their first
    built: list[dict[str, Any]] = []
    late: list[bool] = []
    second: list[tuple[int, uuid.UUID]] = []  # re-measures of a first reading of this batch
    device_id, operator_id = _actor_fields(actor)
    remeasures = any(row.first_uuid is not None for row in checked)
    for index, row in enumerate(checked):
        result, reason, is_remeasure = _decide(row, decisions, results)
        if remeasures:
            results[row.item.client_uuid] = result
        if is_remeasure and row.first_stored is None:
            second.append((index, row.first_uuid))  # type: ignore[arg-type]
        built.append(
            {
                "client_uuid": row.item.client_uuid,
                "place_id": row.place.pk,
                "enterprise_id": row.place.enterprise_id,
                "person_id": row.person_id,
                "identified_by": row.identified_by,
                "visitor_name": row.visitor_name,
                "visitor_phone": row.visitor_phone,
                "temperature": row.temperature,
                "symptoms": row.symptoms,
                "measured_at": row.measured_at,
                "result": result,
                "deny_reason": reason,
                "remeasure_of_id": row.first_stored.pk
                if is_remeasure and row.first_stored
                else None,
                "device_id": device_id,
                "operator_id": operator_id,
            }
        )
        late.append(row.first_uuid is not None and not is_remeasure)
    # None: every reading was stored now (assumed new, the insert stored all or raised).
    new = _store(built, second, keys=keys, assumed_new=stored is None)
    fevers = [
        _instance(values)
        for values in built
        if values["deny_reason"] == DenyReason.FEVER
        and (new is None or values["client_uuid"] in new)
    ]
    _confirmed_fevers(fevers)
    colours: dict[int, str] = {pk: decision.colour for pk, decision in decisions.items()}
    # A confirmed fever has just turned its person red.
    colours.update(_colours([s.person_id for s in fevers if s.person_id]))
    outcomes = []
    windows: dict[dt.datetime, dict[str, Any]] = {}
    position = 0
    for item in items:
        if stored and item.client_uuid in stored:
            outcomes.append(_outcome_of_stored(stored[item.client_uuid]))
            continue
        values = built[position]
        if values["result"] == ScreeningResult.REMEASURE:
            moment = values["measured_at"]
            window = windows.get(moment) or windows.setdefault(
                moment, _window(ScreeningResult.REMEASURE, moment)
            )
        else:
            window = {}
        outcomes.append(
            ScreeningOutcome(
                values,
                new=new is None or values["client_uuid"] in new,
                client_uuid=values["client_uuid"],
                result=values["result"],
                deny_reason=values["deny_reason"],
                colour=colours.get(values["person_id"] or 0, ""),
                late_remeasure=late[position],
                **window,
            )
        )
        position += 1
    return outcomes


def _stored(actor: Any, uuids: list[uuid.UUID]) -> dict[uuid.UUID, Screening]:
    """The readings of the batch stored already (a resent batch), within the actor's scope.

    Looked up by the unique client UUID first: asked together with the scope, SQLite walks
    the checkpoint's readings instead (every reading there, growing all day).
    """
    keys = list(
        Screening.objects.filter(client_uuid__in=uuids_in(uuids))
        .order_by()
        .values_list("pk", flat=True)
    )
    if not keys:
        return {}
    return {
        s.client_uuid: s
        for s in Screening.objects.restrict(actor, "record").filter(pk__in=ids_in(keys))
    }


def _instance(values: dict[str, Any]) -> Screening:
    """The model instance of inserted values, with its place (and person) for the alert."""
    screening = Screening(**values)
    screening.place = Place.objects.select_related("enterprise").get(pk=values["place_id"])
    return screening


def _store(
    built: list[dict[str, Any]],
    second: list[tuple[int, uuid.UUID]],
    *,
    keys: bool,
    assumed_new: bool,
) -> set[uuid.UUID] | None:
    """Insert first readings, then the re-measures of first readings of this same batch, which
    need their first reading's key (known once it is stored). The UUIDs stored now, or None
    when that is every one of them.

    ``assumed_new``: raise ``_Resent`` when a reading was stored already; else every reading
    is stored, and the answer is None (a set of a thousand UUIDs hashes each in Python)."""
    later = {index for index, _first in second}
    first_wave = [values for index, values in enumerate(built) if index not in later]
    inserted = _insert(first_wave, assumed_new)
    new = None if assumed_new else set(inserted.new)
    if second:
        firsts = dict(
            Screening.objects.filter(
                client_uuid__in={first for _index, first in second}
            ).values_list("client_uuid", "pk")
        )
        second_wave = []
        for index, first in second:
            values = built[index]
            values["remeasure_of_id"] = firsts[first]
            second_wave.append(values)
        inserted = _insert(second_wave, assumed_new)
        if new is not None:
            new |= set(inserted.new)
    if keys:
        # The insert answers client UUIDs only: the caller answers with the keys.
        ids = dict(
            Screening.objects.filter(
                client_uuid__in=uuids_in([values["client_uuid"] for values in built])
            ).values_list("client_uuid", "pk")
        )
        for values in built:
            values["id"] = ids.get(values["client_uuid"])
    return new


def _insert(rows: list[dict[str, Any]], assumed_new: bool) -> IngestResult:
    """Store the rows; assumed new, a row stored already is ``_Resent`` (nothing kept)."""
    if not assumed_new:
        return events_ingest_values(model=Screening, rows=rows)
    try:
        return events_ingest_values(model=Screening, rows=rows, all_new=True)
    except IntegrityError:
        raise _Resent from None


def _confirmed_fevers(screenings: list[Screening]) -> None:
    """Open the observation and raise the alert of each confirmed fever stored now."""
    for screening in screenings:
        policy_days = _fever_days(screening.measured_at)
        if screening.person is not None:
            observation_open(
                person=screening.person,
                kind=FEVER_OBSERVATION_KIND,
                reason=ObservationReason.FEVER,
                started_at=screening.measured_at,
                last_exposure_at=screening.measured_at,
                days=policy_days,
            )
        alert_raise(
            kind=AlertKind.FEVER,
            enterprise=screening.place.enterprise,
            person=screening.person,
            message=gettext("Confirmed fever (%(t)s °C) at %(place)s, %(time)s: entry denied.")
            % {
                "t": screening.temperature,
                "place": screening.place.name,
                "time": timezone.localtime(screening.measured_at).strftime("%Y-%m-%d %H:%M"),
            },
            ref=f"screening:{screening.client_uuid}",
            at=screening.measured_at,
            webhook=True,
        )


def _fever_days(at: dt.datetime) -> int:
    from fugong.epidemic.selectors.policy import policy_in_force

    return policy_in_force(at).days_fever


def _colours(person_ids: list[int]) -> dict[int, str]:
    if not person_ids:
        return {}
    return dict(
        HealthStatus.objects.filter(person_id__in=set(person_ids)).values_list(
            "person_id", "colour"
        )
    )


def screening_record(
    *,
    actor: Any,
    place: Any,
    measured_at: dt.datetime,
    temperature: Any,
    symptoms: Sequence[str] = (),
    client_uuid: uuid.UUID,
    person: Any = None,
    code: str = "",
    id_number: str = "",
    visitor_name: str = "",
    visitor_phone: str = "",
    remeasure_of: uuid.UUID | None = None,
) -> ScreeningOutcome:
    """Record one reading (errors keyed by the field alone); see the module docstring."""
    item = ScreeningInput(
        client_uuid=client_uuid,
        place=place,
        measured_at=measured_at,
        temperature=temperature,
        symptoms=symptoms,
        person=person,
        code=code,
        id_number=id_number,
        visitor_name=visitor_name,
        visitor_phone=visitor_phone,
        remeasure_of=remeasure_of,
    )
    return screenings_ingest(actor=actor, items=[item], prefix="")[0]
