"""The people directory under /api/people.

Lists are always masked. A detail shows the full ID number and phone only to an actor whose
work needs them (``may_see_pii``), and each such answer is written to the PII access log. Writes
go through the same services as the form; a device never writes people.
"""

# No `from __future__ import annotations`: django-ninja reads the handlers' annotations.

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import field_validator

from fugong.audit.models import PiiAction
from fugong.audit.services import pii_access_record
from fugong.core.api import (
    Pagination,
    QueryFilters,
    actor,
    filtered,
    permitted,
    resolve_foreign_keys,
    service_errors_in_body,
)
from fugong.core.api_errors import require_json_object, throttled_answer
from fugong.core.scope import get_scoped_or_404
from fugong.core.views import client_ip
from fugong.org.models import Enterprise, Place, PlaceKind, Region, Team
from fugong.people.filters import PersonFilter
from fugong.people.models import Person, PersonCategory, PersonStatus
from fugong.people.selectors import may_see_pii, person_list
from fugong.people.services import person_register, person_update

router = Router(tags=["people"])


# --- output ---------------------------------------------------------------------------------


class _PersonFields(Schema):
    id: int
    name: str
    enterprise_id: int
    enterprise_name: str
    team_id: int | None
    team_name: str | None
    category: PersonCategory
    home_region_id: int | None
    dormitory_id: int | None
    status: PersonStatus


class PersonOut(_PersonFields):
    """A person in a list: ID number and phone are always masked."""

    id_number: str = Field(description="Masked: 142301********1234")
    phone: str = Field(description="Masked: 139****5678")
    masked: bool = True

    @staticmethod
    def resolve_enterprise_name(obj: Person) -> str:
        return obj.enterprise.name

    @staticmethod
    def resolve_team_name(obj: Person) -> str | None:
        return obj.team.name if obj.team is not None else None

    @staticmethod
    def resolve_id_number(obj: Person) -> str:
        return obj.id_number_masked

    @staticmethod
    def resolve_phone(obj: Person) -> str:
        return obj.phone_masked

    @staticmethod
    def resolve_masked(obj: Person) -> bool:
        return True


class PersonDetailOut(_PersonFields):
    """One person: unmasked (and logged) only for roles whose work needs it."""

    id_number: str
    phone: str
    masked: bool

    @classmethod
    def of(cls, person: Person, *, unmasked: bool) -> "PersonDetailOut":
        data = PersonOut.from_orm(person).model_dump()
        if unmasked:
            data.update(id_number=person.id_number, phone=person.phone, masked=False)
        return cls(**data)


# --- input ----------------------------------------------------------------------------------


class PersonQuery(QueryFilters):
    filterset = PersonFilter

    q: str | None = Field(
        None,
        description=(
            "Name prefix, or the last 4 characters of an ID number or phone. A whole ID "
            "number or phone, or a longer part of one, only for enterprise managers and health "
            "officers (others: 422 on query.q); each such search is logged and counted "
            "(429 beyond FUGONG_SEARCH_PROBE_LIMIT in FUGONG_SEARCH_PROBE_WINDOW seconds)."
        ),
    )
    enterprise: int | None = None
    team: int | None = None
    category: PersonCategory | None = None
    status: PersonStatus | None = None


class _NoNullCharacters(Schema):
    @field_validator("*", mode="after")
    @classmethod
    def no_null_characters(cls, value: Any) -> Any:
        # PostgreSQL cannot store NUL in text; refuse it here as a field error.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError(_("Null characters are not allowed."))
        return value


class PersonIn(_NoNullCharacters):
    name: str = Field(min_length=1, max_length=64)
    # Wider than the stored 18/11 characters: spaces, dashes and +86 are removed first.
    id_number: str = Field(max_length=32)
    phone: str = Field("", max_length=32)
    enterprise: int
    team: int | None = None
    category: PersonCategory = PersonCategory.EMPLOYEE
    home_region: int | None = None
    dormitory: int | None = None
    status: PersonStatus = PersonStatus.ACTIVE


class PersonPatch(_NoNullCharacters):
    """Only the fields sent are changed; ``null`` clears team, home region or dormitory.

    The other fields default to None only to tell "not sent" (they are left out with
    ``exclude_unset``); an explicit null for them fails validation, hence the ignores.
    """

    name: str = Field(None, min_length=1, max_length=64)  # type: ignore[assignment]
    id_number: str = Field(None, max_length=32)  # type: ignore[assignment]
    phone: str = Field(None, max_length=32)  # type: ignore[assignment]
    enterprise: int = Field(None)  # type: ignore[assignment]
    team: int | None = None
    category: PersonCategory = Field(None)  # type: ignore[assignment]
    home_region: int | None = None
    dormitory: int | None = None
    status: PersonStatus = Field(None)  # type: ignore[assignment]


def _body_choices() -> dict[str, QuerySet]:
    """Where each foreign key of the body may point; ``resolve_foreign_keys`` adds the scope."""
    return {
        "enterprise": Enterprise.objects.all(),
        "team": Team.objects.all(),
        "dormitory": Place.objects.filter(kind=PlaceKind.DORMITORY_ROOM),
        "home_region": Region.objects.all(),
    }


# A home region is where a worker comes from, anywhere in the country: public reference data,
# so every region may be named (as on the form).
UNSCOPED = ("home_region",)


# --- handlers -------------------------------------------------------------------------------


@router.get(
    "",
    response=list[PersonOut],
    summary="People in scope (masked)",
    auth=permitted(Person, "directory"),
    openapi_extra=throttled_answer(),
)
@paginate(Pagination)
def list_people(request: HttpRequest, filters: Query[PersonQuery]) -> QuerySet:
    # ``filters`` documents and type-checks the parameters; the FilterSet reads them as the
    # HTML page does.
    queryset, filterset = person_list(
        actor=actor(request), filters=request.GET, ip_address=client_ip(request)
    )
    filtered(filterset)  # a wrong filter is a 422, not an empty list
    return queryset


@router.get("/{person_id}", response=PersonDetailOut, summary="One person", auth=permitted(Person))
def get_person(request: HttpRequest, person_id: int) -> PersonDetailOut:
    who = actor(request)
    person = get_scoped_or_404(
        Person.objects.select_related("enterprise", "team"), who, pk=person_id
    )
    unmasked = may_see_pii(actor=who, person=person)
    if unmasked:
        pii_access_record(
            user=who,
            action=PiiAction.VIEW,
            person=person,
            detail=request.path,
            ip_address=client_ip(request),
        )
    return PersonDetailOut.of(person, unmasked=unmasked)


@router.post(
    "",
    response={201: PersonDetailOut},
    summary="Register a person (editors)",
    auth=permitted(Person, "change"),
)
def create_person(request: HttpRequest, payload: PersonIn) -> Status:
    who = actor(request)
    require_json_object(request)
    data = resolve_foreign_keys(who, payload.model_dump(), _body_choices(), unscoped=UNSCOPED)
    with service_errors_in_body():
        person = person_register(actor=who, **data)
    # The caller just sent these values: the answer does not show them again.
    return Status(201, PersonDetailOut.of(person, unmasked=False))


@router.patch(
    "/{person_id}",
    response=PersonDetailOut,
    summary="Change a person (editors)",
    auth=permitted(Person, "change"),
)
def update_person(request: HttpRequest, person_id: int, payload: PersonPatch) -> PersonDetailOut:
    who = actor(request)
    require_json_object(request)
    person = get_scoped_or_404(
        Person.objects.select_related("enterprise", "team"), who, pk=person_id
    )
    data = resolve_foreign_keys(
        who, payload.model_dump(exclude_unset=True), _body_choices(), unscoped=UNSCOPED
    )
    with service_errors_in_body():
        person = person_update(actor=who, person=person, **data)
    return PersonDetailOut.of(person, unmasked=False)
