"""Checkpoint screenings under /api/epidemic/screenings: batches from terminals and the page.

A batch is all or nothing: every item is checked before anything is stored, and one bad item
answers 422 naming ``body.items.<index>.<field>`` with nothing of the batch stored. Each item
carries a client UUID; sending a batch again (any number of times) stores each item once and
answers the stored decision. The answer tells the checkpoint only the colour and the entry
decision (a reason code), never a medical reason.
"""

# No `from __future__ import annotations`: django-ninja reads the handlers' annotations.

import datetime as dt
import uuid
from decimal import Decimal
from typing import ClassVar

import orjson
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import BaseModel, field_validator

from fugong.core.api import actor, permitted, service_errors_in_body
from fugong.core.api_errors import require_json_object
from fugong.core.scope import get_scoped_or_404
from fugong.epidemic.codes import personal_code_read
from fugong.epidemic.models import Colour, DenyReason, Screening, ScreeningResult, Symptom
from fugong.epidemic.selectors.status import entry_decision
from fugong.epidemic.services.screening import screenings_ingest
from fugong.people.models import Person

router = Router(tags=["epidemic: screening"])

MAX_BATCH = 1000


class ScreeningIn(BaseModel):
    """One reading. Identify the person by ``code`` (the scanned personal code), by
    ``id_number``, or as a visitor (``visitor_name``, optional ``visitor_phone``); a re-measure
    names its first reading in ``remeasure_of`` and may leave the identity out."""

    client_uuid: uuid.UUID = Field(description="Made by the client; the same UUID is stored once.")
    place: int = Field(ge=1, le=2**31 - 1, description="The checkpoint (a place id).")
    measured_at: dt.datetime = Field(description="When it was measured (local time if no zone).")
    # Checked by the service (a number with one decimal place, within the plausible range):
    # pydantic's digit checks of a thousand decimals cost a batch ~2 ms.
    temperature: Decimal = Field(description="°C with one decimal place, e.g. 36.6")
    symptoms: list[Symptom] = Field(default_factory=list, max_length=len(Symptom.values))
    code: str = Field("", max_length=500)
    id_number: str = Field("", max_length=32)
    visitor_name: str = Field("", max_length=64)
    visitor_phone: str = Field("", max_length=32)
    remeasure_of: uuid.UUID | None = None

    # The services read an item as they read a ``ScreeningInput``; a device never names a
    # Person object (only a page does), so the batch goes to them as parsed, not copied.
    person: ClassVar[None] = None

    # A plain pydantic model, not a ninja ``Schema``: ``Schema`` wraps every item in a getter for
    # reading ORM objects, which cost ~30 ms for a batch of a thousand readings.

    # The text fields only (the others are UUIDs, numbers, times and choices): a validator on
    # every field of a thousand items cost milliseconds a batch.
    @field_validator("code", "id_number", "visitor_name", "visitor_phone", mode="after")
    @classmethod
    def no_null_characters(cls, value: str) -> str:
        # PostgreSQL cannot store NUL in text; refuse it here as a field error.
        if "\x00" in value:
            raise ValueError(_("Null characters are not allowed."))
        return value


class BatchIn(BaseModel):
    # Plain pydantic too: ninja's ``Schema`` runs its getter validator over the whole batch.
    items: list[ScreeningIn] = Field(min_length=1, max_length=MAX_BATCH)


class DecisionOut(Schema):
    """What the checkpoint may know: colour (empty for a visitor) and the entry decision."""

    client_uuid: uuid.UUID
    new: bool
    result: ScreeningResult
    allowed: bool
    deny_reason: DenyReason | None
    colour: Colour | None
    remeasure_from: dt.datetime | None = None
    remeasure_until: dt.datetime | None = None
    late_remeasure: bool = False


class BatchOut(Schema):
    new: list[uuid.UUID]
    duplicates: list[uuid.UUID]
    items: list[DecisionOut]


class EntryOut(Schema):
    colour: Colour
    allowed: bool
    deny_reason: DenyReason | None


class CodeQuery(Schema):
    code: str = Field(min_length=1, max_length=500, description="The scanned personal code.")


@router.post(
    "",
    response=BatchOut,
    summary="Record a batch of screenings (all or nothing; idempotent by client UUID)",
    description=(
        f"Up to {MAX_BATCH} readings. Every item is checked before anything is stored: one bad "
        "item answers 422 naming `body.items.<index>.<field>` and **nothing of the batch is "
        "stored**. A temperature outside the policy's plausible range (34.0–43.0 °C) is a "
        "measurement error. Items whose client UUID is already stored are answered as "
        "duplicates with their stored decision; resending a batch any number of times stores "
        "each item once. A reading at or above the fever threshold answers `remeasure` with "
        "the window; the re-measure names the first reading in `remeasure_of`."
    ),
    auth=permitted(Screening, "record"),
)
def record_screenings(request: HttpRequest, payload: BatchIn) -> HttpResponse:
    require_json_object(request)
    with service_errors_in_body():
        outcomes = screenings_ingest(actor=actor(request), items=payload.items, keys=False)
    # The answer is built as plain JSON: validating a thousand decisions through the output
    # schema again would cost more than storing them. ``BatchOut`` documents its shape. orjson
    # writes the UUIDs and times itself (``str`` of a thousand UUIDs cost more than the rest).
    # UUIDs told apart by their number: a UUID hashes in Python, its number in C.
    seen: set[int] = set()
    new: list[uuid.UUID] = []
    duplicates: list[uuid.UUID] = []
    items: list[dict[str, object]] = []
    for outcome in outcomes:
        key = outcome.client_uuid
        if key.int not in seen:
            seen.add(key.int)
            (new if outcome.new else duplicates).append(key)
        items.append(
            {
                "client_uuid": key,
                "new": outcome.new,
                "result": outcome.result,
                "allowed": outcome.allowed,
                "deny_reason": outcome.deny_reason or None,
                "colour": outcome.colour or None,
                "remeasure_from": _local(outcome.remeasure_from),
                "remeasure_until": _local(outcome.remeasure_until),
                "late_remeasure": outcome.late_remeasure,
            }
        )
    answer = {"new": new, "duplicates": duplicates, "items": items}
    return HttpResponse(orjson.dumps(answer), content_type="application/json")


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    """A re-measure window's end in local time, whichever offset the reading was sent with: a
    resent reading (read back from the database) is answered exactly as when it was new."""
    return timezone.localtime(moment) if moment else None


@router.get(
    "/entry",
    response=EntryOut,
    summary="The entry decision for a scanned personal code (colour and reason code only)",
    auth=permitted(Screening, "record"),
)
def entry_for_code(request: HttpRequest, query: Query[CodeQuery]) -> EntryOut:
    try:
        pk = personal_code_read(query.code)
    except ValidationError as exc:
        raise ValidationError({"query.code": exc.message_dict["code"]}) from exc
    person = get_scoped_or_404(Person.objects.all(), actor(request), pk=pk)
    decision = entry_decision(person=person)
    return EntryOut(
        colour=decision.colour,
        allowed=decision.allowed,
        deny_reason=DenyReason(decision.deny_reason) if decision.deny_reason else None,
    )
