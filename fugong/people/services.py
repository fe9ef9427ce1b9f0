"""Writes to the people directory: registering and updating a person.

The same functions serve the form, the roster import and the API, so the rules live here:
identifiers are normalised before they are checked, every foreign key must be inside the
actor's scope, and a duplicate resident ID number is refused without saying where it is.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from fugong.core.permissions import require
from fugong.core.validators import normalize_code, normalize_phone
from fugong.org.models import Enterprise, Place, Region, Team
from fugong.people.models import Person, PersonCategory, PersonStatus

DUPLICATE_ID_FIELD = "id_number"
# Fields a caller may change with person_update (id and timestamps are not among them).
EDITABLE_FIELDS = frozenset(
    {
        "name",
        "id_number",
        "phone",
        "enterprise",
        "team",
        "category",
        "home_region",
        "dormitory",
        "status",
    }
)


def _require_editor(actor: Any) -> None:
    require(actor, Person, "change")


def _require_in_scope(actor: Any, person: Person) -> None:
    """The enterprise, team and dormitory must all be things the actor may see.

    Checked with one EXISTS each against the scoped querysets, so a forged form value or API
    payload naming another enterprise's team is refused even though the model itself would
    accept it.
    """
    if not Enterprise.objects.restrict(actor).filter(pk=person.enterprise_id).exists():
        raise PermissionDenied
    if person.team_id is not None and not (
        Team.objects.restrict(actor).filter(pk=person.team_id).exists()
    ):
        raise PermissionDenied
    # Whether the place is a dormitory room is the model's rule (a field error), not scope.
    if person.dormitory_id is not None and not (
        Place.objects.restrict(actor).filter(pk=person.dormitory_id).exists()
    ):
        raise PermissionDenied


def _save_checked(person: Person) -> Person:
    # The dormitory's existence was checked with the scope, and Person.clean() says what is
    # wrong with a place that is not a room; the field's own limit_choices_to check would add
    # a second, cryptic message ("place instance with id 4 is not a valid choice").
    person.full_clean(exclude=["dormitory"])
    try:
        # A savepoint, so that a lost race on the unique ID number leaves the outer
        # transaction usable and answers like the check in full_clean().
        with transaction.atomic():
            person.save()
    except IntegrityError as exc:
        unique_message = Person._meta.get_field("id_number").error_messages["unique"]
        raise ValidationError({DUPLICATE_ID_FIELD: unique_message}) from exc
    return person


@transaction.atomic
def person_register(
    *,
    actor: Any,
    name: str,
    id_number: str,
    enterprise: Enterprise,
    phone: str = "",
    team: Team | None = None,
    category: str = PersonCategory.EMPLOYEE,
    home_region: Region | None = None,
    dormitory: Place | None = None,
    status: str = PersonStatus.ACTIVE,
) -> Person:
    """Add a person to an enterprise in the actor's scope.

    Raises PermissionDenied for a non-editor or an out-of-scope enterprise/team/dormitory, and
    ValidationError (keyed by field) for a bad ID number or phone, or a duplicate ID number.
    """
    _require_editor(actor)
    person = Person(
        name=(name or "").strip(),
        id_number=normalize_code(id_number),
        phone=normalize_phone(phone),
        enterprise=enterprise,
        team=team,
        category=category,
        home_region=home_region,
        dormitory=dormitory,
        status=status,
    )
    _require_in_scope(actor, person)
    return _save_checked(person)


@transaction.atomic
def person_update(*, actor: Any, person: Person, **changes: Any) -> Person:
    """Change the given fields of a person the actor may see (same checks as registering)."""
    _require_editor(actor)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"person_update() got unexpected fields {sorted(unknown)}")
    if not Person.objects.restrict(actor).filter(pk=person.pk).exists():
        raise PermissionDenied
    if "id_number" in changes:
        changes["id_number"] = normalize_code(changes["id_number"])
    if "phone" in changes:
        changes["phone"] = normalize_phone(changes["phone"])
    if "name" in changes:
        changes["name"] = (changes["name"] or "").strip()
    for field, value in changes.items():
        setattr(person, field, value)
    _require_in_scope(actor, person)
    return _save_checked(person)
