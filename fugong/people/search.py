"""What the people search may look for, and who may look for what (DESIGN §2).

A masked list shows a name, 142301********1234 and 139****5678. Searching by what it shows (a
name, the last 4 characters) is open to every role that reads people. Searching by more of an
ID number or phone (the whole number, or a suffix longer than 4) would let a masked-only role
recover the number one digit at a time, so it belongs to the roles whose work needs the full
numbers (the roles that may "reveal" a Person, and superusers); every such search is written
to the access log, and
every number search by anyone is throttled per actor (FUGONG_SEARCH_PROBE_LIMIT in
FUGONG_SEARCH_PROBE_WINDOW seconds). A 4-character tail search is not counted: it reveals
nothing the list does not show, and a checkpoint operator types many of them.

For other roles a longer number is a field error on ``q`` (422 in the API, an error above the
list on the page), not an empty list: "nobody matches" would read as "not registered".
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from fugong.audit.models import PiiAction
from fugong.audit.services import pii_access_record
from fugong.core.masking import mask_id_number, mask_phone
from fugong.core.permissions import may
from fugong.core.throttle import throttle_hit
from fugong.core.validators import nfkc, normalize_phone

TAIL_LENGTH = 4
ID_LENGTH = 18
PHONE_LENGTH = 11
_NUMBER_RE = re.compile(r"^[0-9]+X?$")


class QueryKind(enum.Enum):
    EMPTY = "empty"
    NAME = "name"  # a name prefix
    TAIL = "tail"  # the last 4 characters, as a masked list shows them
    SHORT = "short"  # 1-3 digits: matches too much and tells nothing
    NUMBER = "number"  # a whole ID number or phone, or a suffix longer than 4


@dataclass(frozen=True)
class PersonQuery:
    kind: QueryKind
    value: str

    @property
    def masked(self) -> str:
        """The searched value as the access log keeps it: never the digits searched for."""
        if len(self.value) == ID_LENGTH:
            return mask_id_number(self.value)
        if len(self.value) == PHONE_LENGTH:
            return mask_phone(self.value)
        return "*" * (len(self.value) - TAIL_LENGTH) + self.value[-TAIL_LENGTH:]


def parse_person_query(raw: str | None) -> PersonQuery:
    """Classify a search after NFKC (full-width digits are digits) and removing spaces,
    dashes and +86, as the identifiers were when they were stored."""
    text = nfkc(raw or "").strip()
    if not text:
        return PersonQuery(QueryKind.EMPTY, "")
    compact = normalize_phone(text).upper()
    if not _NUMBER_RE.match(compact):
        return PersonQuery(QueryKind.NAME, text)
    if len(compact) == TAIL_LENGTH:
        return PersonQuery(QueryKind.TAIL, compact)
    if len(compact) < TAIL_LENGTH:
        return PersonQuery(QueryKind.SHORT, compact)
    return PersonQuery(QueryKind.NUMBER, compact)


def may_search_by_number(actor: Any) -> bool:
    """Exact ID-number and phone search belongs to the roles that may reveal them (DESIGN §2)."""
    from fugong.people.models import Person  # the models module imports this one

    return may(actor, Person, "reveal")


def query_validator(actor: Any) -> Any:
    """The validator of the ``q`` field for this actor (a field error names ``q``)."""

    def validate(raw: str) -> None:
        query = parse_person_query(raw)
        if query.kind == QueryKind.SHORT:
            raise ValidationError(
                _("Enter at least the last 4 characters of an ID number or phone."),
                code="search_short",
            )
        if query.kind == QueryKind.NUMBER and not may_search_by_number(actor):
            raise ValidationError(
                _("Search by name, or by the last 4 characters of an ID number or phone."),
                code="search_number",
            )

    return validate


def filter_people(queryset: QuerySet, query: PersonQuery) -> QuerySet:
    """The people matching a query already validated for the actor."""
    value = query.value
    if query.kind == QueryKind.NAME:
        return queryset.filter(name__startswith=value)
    if query.kind == QueryKind.TAIL:  # served by the tail indexes
        return queryset.filter(Q(id_tail=value) | Q(phone_tail=value))
    if query.kind == QueryKind.NUMBER:
        if len(value) == ID_LENGTH:
            return queryset.filter(id_number=value)
        if len(value) == PHONE_LENGTH and value.isdigit():
            return queryset.filter(phone=value)
        return queryset.filter(Q(id_number__endswith=value) | Q(phone__endswith=value))
    if query.kind == QueryKind.SHORT:
        return queryset.none()
    return queryset


def person_search_guard(*, actor: Any, raw: str | None) -> PersonQuery:
    """Count a number search against the actor's limit (raises Throttled beyond it)."""
    query = parse_person_query(raw)
    if query.kind == QueryKind.NUMBER:
        throttle_hit(
            bucket="person-number-search",
            actor=actor,
            limit=settings.FUGONG_SEARCH_PROBE_LIMIT,
            window_seconds=settings.FUGONG_SEARCH_PROBE_WINDOW,
        )
    return query


def person_search_record(
    *, actor: Any, query: PersonQuery, matches: QuerySet, ip_address: str | None
) -> None:
    """Write an allowed number search to the access log: what kind, masked, how many found."""
    if query.kind != QueryKind.NUMBER or not may_search_by_number(actor):
        return
    found = list(matches.select_related(None).only("pk")[:2])
    count = len(found) if len(found) < 2 else matches.count()
    if len(query.value) == ID_LENGTH:
        what = _("Searched by ID number %(value)s")
    elif len(query.value) == PHONE_LENGTH and query.value.isdigit():
        what = _("Searched by phone %(value)s")
    else:
        what = _("Searched by the end of an ID number or phone %(value)s")
    pii_access_record(
        user=actor,
        action=PiiAction.SEARCH,
        person=found[0] if count == 1 else None,
        record_count=count,
        detail=str(what % {"value": query.masked}),
        ip_address=ip_address,
    )
