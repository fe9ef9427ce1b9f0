"""The test world built once per test database, handed to every test as fresh instances.

Building the root conftest's ``world`` takes ~100 INSERTs and their audit entries; it used to be
built again for each of the ~700 tests that use it. Now its rows are committed once per test
database (once per xdist worker), and each test, which runs in a transaction rolled back at its
end, gets the world fetched back by primary key: one query per model, and new Python objects,
so that a test that changes an object (``manager.is_active = False``) or fills a cached property
(a user's ``scope``) leaves nothing behind for the next test.

A transactional test (``live_server``, ``transactional_db``) empties every table when it ends;
the root conftest then builds the world again, before the next test starts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.db.models import ForeignKey, Model

# Where each object sits in the namespace ("users.city") -> its model and primary key.
Index = dict[str, tuple[type[Model], Any]]


def index_of(namespace: SimpleNamespace, prefix: str = "") -> Index:
    """The model instances of a (nested) namespace by their dotted path."""
    index: Index = {}
    for name, value in vars(namespace).items():
        if isinstance(value, SimpleNamespace):
            index.update(index_of(value, f"{prefix}{name}."))
        elif isinstance(value, Model):
            index[f"{prefix}{name}"] = (type(value), value.pk)
    return index


def _link(objects: dict[type[Model], dict[Any, Model]]) -> None:
    """Point each foreign key at the fetched instance it names, as the factories had done
    (``world.miner.enterprise is world.qifeng``), so a test reads them without a query."""
    for instances in objects.values():
        for instance in instances.values():
            for fk in instance._meta.concrete_fields:
                if not isinstance(fk, ForeignKey):  # OneToOneField is one too
                    continue
                target = objects.get(fk.related_model, {}).get(getattr(instance, fk.attname))
                if target is None:
                    continue
                fk.set_cached_value(instance, target)
                if fk.one_to_one:  # as the forward descriptor does on assignment
                    fk.remote_field.set_cached_value(target, instance)


def fetch(index: Index) -> SimpleNamespace:
    """New instances of the indexed objects, one query per model, in the same namespace shape."""
    wanted: dict[type[Model], set[Any]] = defaultdict(set)
    for model, pk in index.values():
        wanted[model].add(pk)
    objects = {model: model._base_manager.in_bulk(pks) for model, pks in wanted.items()}
    missing = [path for path, (model, pk) in index.items() if pk not in objects[model]]
    if missing:
        raise LookupError(f"the saved test world lost {', '.join(missing)}: was it flushed?")
    _link(objects)
    root = SimpleNamespace()
    for path, (model, pk) in index.items():
        *parents, name = path.split(".")
        node = root
        for parent in parents:
            node = vars(node).setdefault(parent, SimpleNamespace())
        setattr(node, name, objects[model][pk])
    return root


@dataclass
class SavedWorld:
    """The world's rows in this process's test database, and where to find them.

    ``unblocked`` is pytest-django's ``django_db_blocker.unblock``: the rows are written outside
    any test's transaction, so they are committed and outlive it. The root conftest calls
    ``ensure`` before a test's fixtures are set up (never inside its transaction, where the rows
    would be rolled back with it)."""

    build: Callable[[], SimpleNamespace]
    unblocked: Callable[[], AbstractContextManager[Any]]
    index: Index = field(default_factory=dict)

    def ensure(self) -> None:
        """Build the world unless its rows are there (a transactional test or ``remove``
        emptied the tables since): one query when they are."""
        with self.unblocked():
            if self.index:
                model, pk = next(iter(self.index.values()))
                if model._base_manager.filter(pk=pk).exists():
                    return
            self.index = index_of(self.build())

    def remove(self) -> None:
        """Empty every table, as a transactional test does when it ends, for tests that need
        the database without the world; ``ensure`` builds it again."""
        from django.core.management import call_command

        if not self.index:
            return  # not built since the tables were last emptied
        with self.unblocked():
            call_command("flush", interactive=False, verbosity=0)
        self.index = {}

    def instances(self) -> SimpleNamespace:
        if not self.index:
            raise LookupError("the test world was not built before the test started")
        return fetch(self.index)
