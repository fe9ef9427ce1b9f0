"""What an import plan would change, as the preview page shows it (masked as the viewer needs).

Phones are shown in full only to a role that may see them; ID numbers are always masked here,
as in every list: they are the key the rows were matched by, not a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fugong.org.models import Place, Region, Team
from fugong.people.models import Person, PersonCategory, PersonStatus
from fugong.people.roster import RosterPlan
from fugong.people.roster_columns import COLUMN_BY_KEY
from fugong.people.selectors import may_see_pii

EMPTY = "—"


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class PersonChangeRow:
    name: str
    id_number: str
    fields: list[FieldChange]


class _Names:
    """Display names of the teams, rooms and regions a set of changes refers to (3 queries)."""

    def __init__(self, people: list[Person], keys: set[str]) -> None:
        def ids(attname: str) -> set[int]:
            return {getattr(p, attname) for p in people if getattr(p, attname)}

        self.names: dict[str, dict[int, str]] = {
            "team": {} if "team" not in keys else _names(Team, ids("team_id")),
            "dormitory": {} if "dormitory" not in keys else _names(Place, ids("dormitory_id")),
            "home_region": {}
            if "home_region" not in keys
            else _names(Region, ids("home_region_id")),
        }

    def show(self, person: Person, key: str, *, reveal: bool) -> str:
        if key in self.names:
            pk = getattr(person, f"{key}_id")
            return self.names[key].get(pk, EMPTY) if pk else EMPTY
        if key == "phone":
            return (person.phone if reveal else person.phone_masked) or EMPTY
        if key == "category":
            return str(PersonCategory(person.category).label)
        if key == "status":
            return str(PersonStatus(person.status).label)
        return str(getattr(person, key)) or EMPTY


def _names(model: Any, pks: set[int]) -> dict[int, str]:
    # By primary key from a plan the scoped import built: the rows were checked against the scope.
    return dict(model._base_manager.filter(pk__in=pks).values_list("pk", "name"))


def change_rows(*, plan: RosterPlan, actor: Any, limit: int) -> list[PersonChangeRow]:
    """The first ``limit`` changed people, each with the fields that change."""
    shown = plan.changed[:limit]
    keys = {key for change in shown for key in change.fields}
    people = [p for change in shown for p in (change.before, change.after)]
    names = _Names(people, keys)
    reveal = may_see_pii(actor=actor)
    return [
        PersonChangeRow(
            name=change.after.name,
            id_number=change.before.id_number_masked,
            fields=[
                FieldChange(
                    label=str(COLUMN_BY_KEY[key].label),
                    before=names.show(change.before, key, reveal=reveal),
                    after=names.show(change.after, key, reveal=reveal),
                )
                for key in change.fields
            ],
        )
        for change in shown
    ]
