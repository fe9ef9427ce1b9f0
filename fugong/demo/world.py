"""The demo world: 忻州's 14 counties, the 神达 group and its mines, the customers of the story,
about 5,000 people and one login per role (DESIGN §1-§3.2).

One plain function per layer, each adding to the World built so far: build_regions,
build_enterprises, build_places_teams_shifts (fugong.demo.organisation), build_people and
build_users (fugong.demo.population), registered as steps in fugong/demo/demo_data.py; other
apps add their layers in their own demo_data.py (fugong.demo.registry). Rows are made with
bulk_create in batches: signals, and so
auditlog, are skipped on purpose, because seed data is not a change anyone made. Everything
random comes from one random.Random(seed), so a seed always builds the same world.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from auditlog.context import disable_auditlog
from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError

from fugong.accounts.models import User
from fugong.core.pinyin import PinyinNamed, fill_sort_keys
from fugong.demo import data
from fugong.demo.organisation import (
    build_enterprises,
    build_places_teams_shifts,
    build_regions,
    demo_credit_codes,
)
from fugong.demo.population import build_people, build_users
from fugong.demo.registry import demo_steps
from fugong.org.models import Enterprise, Place, Region, Shift, Team
from fugong.people.models import Person

__all__ = [
    "World",
    "build_enterprises",
    "build_people",
    "build_places_teams_shifts",
    "build_regions",
    "build_users",
    "build_world",
    "reset_world",
    "world_exists",
]

BATCH = 1000
SEED = 20200301


@dataclass
class World:
    """What has been built so far, indexed the way the next layer needs it."""

    rng: random.Random
    regions: dict[str, Region] = field(default_factory=dict)
    enterprises: dict[str, Enterprise] = field(default_factory=dict)
    group_mines: list[Enterprise] = field(default_factory=list)
    # Per enterprise id: its teams (None = no team) with their share of the people.
    teams: dict[int, list[tuple[Team | None, int]]] = field(default_factory=dict)
    dorms: dict[int, list[Place]] = field(default_factory=dict)
    places: dict[tuple[int, str], Place] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)
    miner: Person | None = None
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    total_people: int = 0
    built: Counter[type[models.Model]] = field(default_factory=Counter)
    deleted: dict[str, int] = field(default_factory=dict)

    def save(self, model: type[models.Model], rows: list[Any]) -> list[Any]:
        """bulk_create in batches and count what was made; the rows get their keys."""
        if issubclass(model, PinyinNamed):
            fill_sort_keys(rows)  # bulk_create does not call save(), which fills them
        model._default_manager.bulk_create(rows, batch_size=BATCH)
        self.built[model] += len(rows)
        return rows


def world_exists() -> bool:
    """The group's enterprise record stands for the whole world (it is built in one transaction)."""
    return Enterprise.objects.filter(credit_code=demo_credit_codes()[0]).exists()


@transaction.atomic
def build_world(*, seed: int = SEED, reset: bool = False, total_people: int | None = None) -> World:
    """Build the demo world, after deleting the previous one when ``reset``; all or nothing."""
    world = World(rng=random.Random(seed))
    if reset:
        world.deleted = reset_world()
    world.total_people = total_people or data.TOTAL_PEOPLE
    with disable_auditlog():
        # The base world's layers and every app's demo data (each app's demo_data.py).
        for step in demo_steps():
            step.build(world)
    return world


@transaction.atomic
def reset_world() -> dict[str, int]:
    """Delete the demo's logins and enterprises with everything that hangs on them.

    Regions stay: they are real GB/T 2260 reference data. Records that other apps made for the
    demo enterprises (reports, screenings, ...) go too, even where they protect their target.
    """
    codes = demo_credit_codes()
    enterprises = Enterprise.objects.filter(credit_code__in=codes)
    deleted: Counter[str] = Counter()
    with disable_auditlog():
        for queryset in (
            User.objects.filter(username__in=data.DEMO_USERNAMES),
            Person.objects.filter(enterprise__in=enterprises),
            Team.objects.filter(enterprise__in=enterprises),
            Shift.objects.filter(enterprise__in=enterprises),
            Place.objects.filter(enterprise__in=enterprises),
            # Member units first: a group is protected by its members.
            Enterprise.objects.filter(credit_code__in=codes, parent__isnull=False),
            Enterprise.objects.filter(credit_code__in=codes),
        ):
            _delete_with_dependents(queryset, deleted)
    return dict(deleted)


def remove_demo_reference_data() -> None:
    """Delete what ``reset_world`` keeps: the demo's regions, with the records other apps hung
    on them (risk areas, travel stops), and the policy version it published. Only tests do
    this, to leave an empty database for the next module: a demo policy left behind was in
    force for every later test of the same worker (and clashed with theirs on the 1st of a
    month, the day the demo's version starts)."""
    from fugong.epidemic.demo_checkpoint import DEMO_POLICY_NOTE
    from fugong.epidemic.models import Policy

    with disable_auditlog():
        for level in (data.COUNTIES, data.CITIES, data.PROVINCES):
            regions = Region.objects.filter(code__in=[code for code, _, _ in level])
            _delete_with_dependents(regions, Counter())
        Policy.objects.filter(note=DEMO_POLICY_NOTE).delete()


def _delete_with_dependents(
    queryset: models.QuerySet, deleted: Counter[str], depth: int = 0
) -> None:
    """queryset.delete(), first deleting the rows that protect (or restrict) its rows."""
    while True:
        try:
            _, per_model = queryset.delete()
        except ProtectedError as exc:
            blocking = exc.protected_objects
        except RestrictedError as exc:
            blocking = exc.restricted_objects
        else:
            deleted.update(per_model)
            return
        if depth >= 5:
            raise RuntimeError("demo reset: dependents nest deeper than expected")
        by_model: dict[type[models.Model], set[Any]] = defaultdict(set)
        for obj in blocking:
            by_model[type(obj)].add(obj.pk)
        for model, pks in by_model.items():
            _delete_with_dependents(model._base_manager.filter(pk__in=pks), deleted, depth + 1)
