"""What the epidemic API's routers say alike about people: a person nested in a row (ID number
masked), a row's person name, and the 422 for an id that is unknown or outside the scope."""

# No `from __future__ import annotations`: django-ninja reads the schemas' annotations.

from typing import Any

from django.core.exceptions import ValidationError
from ninja import Field, Schema

from fugong.core.api import INVALID_CHOICE
from fugong.people.models import Person


class PersonRef(Schema):
    id: int
    name: str
    id_number: str = Field(description="Masked: 142301********1234")
    enterprise_id: int


def person_ref(person: Person) -> dict[str, Any]:
    return {
        "id": person.pk,
        "name": person.name,
        "id_number": person.id_number_masked,
        "enterprise_id": person.enterprise_id,
    }


def person_name_of(obj: Any) -> str:
    """``resolve_person_name`` of a row about a person (a check-in, a travel declaration)."""
    return obj.person.name


def invalid_choice(field: str) -> ValidationError:
    """The 422 naming ``body.<field>``: the same words for an unknown id and one out of scope."""
    return ValidationError({f"body.{field}": [str(INVALID_CHOICE)]})
