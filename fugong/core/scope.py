"""The one scoped query path (DESIGN §2, CONVENTIONS "Scope is the default").

Every scoped model's manager is built from ScopedQuerySet and answers ``restrict(actor)``.
An actor is a user or a device; ``accounts`` computes its Scope once and caches it on the
actor. A model says how it is reached from an enterprise; this module turns a Scope into the
matching filter. Views and API handlers fetch single objects with ``get_scoped_or_404`` so that
an object outside the scope is indistinguishable from one that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, Self, TypeVar

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.http import Http404

NOTHING = Q(pk__in=[])


class PeopleScope:
    ENTERPRISES = "enterprises"  # people of the enterprises in scope
    SELF = "self"  # only the actor's own person record
    NONE = "none"


@dataclass(frozen=True)
class Scope:
    """What one actor may see.

    Enterprises are given either as everything, as a GB/T 2260 code prefix (a region subtree:
    "14" a province, "1409" a city, "140925" a county) or as an explicit set of ids. Places
    follow the enterprises unless ``place_ids`` narrows them to a set (checkpoints, devices).
    """

    role: str
    everything: bool = False
    region_prefix: str | None = None
    enterprise_ids: frozenset[int] = frozenset()
    place_ids: frozenset[int] | None = None
    people: str = PeopleScope.NONE
    person_id: int | None = None

    def enterprise_q(self, path: str = "") -> Q:
        """Filter for the model reached from Enterprise through ``path`` ('' = Enterprise)."""
        if self.everything:
            return Q()
        if self.region_prefix is not None:
            if not path:
                return Q(region__code__startswith=self.region_prefix)
            # A subquery, not a join through enterprise and region: the planner can then walk
            # the model's own (enterprise, ...) index in list order and stop after one page.
            enterprise = apps.get_model("org", "Enterprise")
            in_region = enterprise.objects.filter(region__code__startswith=self.region_prefix)
            return Q(**{f"{path}__in": in_region.values("pk")})
        lookup = f"{path}_id__in" if path else "pk__in"
        return Q(**{lookup: self.enterprise_ids})

    def place_q(self, path: str = "") -> Q:
        if self.place_ids is not None and not self.everything:
            return Q(**{f"{path}_id__in" if path else "pk__in": self.place_ids})
        return self.enterprise_q(f"{path}__enterprise" if path else "enterprise")

    def person_q(self, path: str = "") -> Q:
        if self.everything:
            return Q()
        if self.people == PeopleScope.ENTERPRISES:
            return self.enterprise_q(f"{path}__enterprise" if path else "enterprise")
        if self.people == PeopleScope.SELF and self.person_id is not None:
            return Q(**{f"{path}_id" if path else "pk": self.person_id})
        return NOTHING


EMPTY_SCOPE = Scope(role="anonymous")


class Actor(Protocol):
    """A user or a device: anything that carries a computed scope."""

    @property
    def scope(self) -> Scope: ...


def scope_of(actor: Any) -> Scope:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return EMPTY_SCOPE
    return actor.scope


class ScopedQuerySet(models.QuerySet):
    """QuerySet of a model that lives inside someone's jurisdiction.

    Subclasses set ``scope_kind`` to how the model is reached: "enterprise" (the model is an
    Enterprise), "via_enterprise" (has an ``enterprise`` FK), "place", "person", or override
    ``scope_q``.
    """

    scope_kind: ClassVar[str] = "via_enterprise"
    scope_path: ClassVar[str] = ""

    def scope_q(self, scope: Scope) -> Q:
        path = self.scope_path
        if self.scope_kind == "enterprise":
            return scope.enterprise_q(path)
        if self.scope_kind == "via_enterprise":
            return scope.enterprise_q(path or "enterprise")
        if self.scope_kind == "place":
            return scope.place_q(path)
        if self.scope_kind == "person":
            return scope.person_q(path)
        raise ValueError(f"unknown scope_kind {self.scope_kind!r}")

    def restrict(self, actor: Any) -> Self:
        return self.filter(self.scope_q(scope_of(actor)))


M = TypeVar("M", bound=models.Model)


def get_scoped_or_404(
    queryset: models.QuerySet[M] | models.Manager[M], actor: Any, **lookup: Any
) -> M:
    """Fetch one object through the scope; out of scope answers 404 like a missing object."""
    restricted = queryset.restrict(actor)  # type: ignore[union-attr]
    try:
        return restricted.get(**lookup)
    except (restricted.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
