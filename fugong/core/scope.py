"""The one scoped query path (DESIGN §2, CONVENTIONS "Scope is the default").

Every scoped model's manager is built from ScopedQuerySet and answers
``restrict(actor, action)``: the role half (which roles may ``action`` this kind of record, the
``permissions`` declared on the queryset class, see ``fugong.core.permissions``) and the
jurisdiction half (which records) together. An actor is a user or a device; ``accounts``
computes its Scope once and caches it on the actor. A queryset class states how its model is
reached (``scope_kind``); this module turns a Scope into the matching filter. Views and API
handlers fetch single objects with ``get_scoped_or_404`` so that an object outside the scope
is indistinguishable from one that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, Self, TypeVar

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q
from django.http import Http404

from fugong.core.permissions import Permissions, has_role

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
    # A department officer's work routed to the department (tickets, approvals), in its region.
    department: str | None = None
    # A liaison leader's paired key projects (包联项目), beside the paired enterprises.
    project_ids: frozenset[int] = frozenset()

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

    def routed_q(self, path: str = "") -> Q:
        """Work routed to a department (``<path>department``), inside the enterprises in scope.

        A department officer sees what is routed to its department; every other role sees the
        routed work of the enterprises in its scope, whichever department it went to.
        """
        in_scope = self.enterprise_q(f"{path}enterprise")
        if self.everything or self.department is None:
            return in_scope
        return in_scope & Q(**{f"{path}department": self.department})

    def project_q(self, path: str = "") -> Q:
        """A key project (reached through ``path``), by its enterprise or by a leader's pairing."""
        if self.everything:
            return Q()
        by_enterprise = self.enterprise_q(f"{path}__enterprise" if path else "enterprise")
        if not self.project_ids:
            return by_enterprise
        return by_enterprise | Q(**{f"{path}_id__in" if path else "pk__in": self.project_ids})


EMPTY_SCOPE = Scope(role="anonymous")


class Actor(Protocol):
    """A user or a device: anything that carries a computed scope."""

    @property
    def scope(self) -> Scope: ...


def scope_of(actor: Any) -> Scope:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return EMPTY_SCOPE
    return actor.scope


SCOPE_KINDS = ("enterprise", "via_enterprise", "place", "person", "routed", "project", "custom")


class ScopedQuerySet(models.QuerySet):
    """QuerySet of a model that lives inside someone's jurisdiction.

    Every subclass states ``scope_kind`` (there is no default): "enterprise" (the model is an
    Enterprise), "via_enterprise" (has an ``enterprise`` FK), "place", "person", "routed" (work
    routed to a department: ``enterprise`` and ``department`` fields), "project" (a key
    project), or "custom" with its own ``scope_q``. ``permissions`` names the roles per action.
    """

    scope_kind: ClassVar[str]
    scope_path: ClassVar[str] = ""
    permissions: ClassVar[Permissions]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        kind = cls.__dict__.get("scope_kind")
        if kind not in SCOPE_KINDS:
            raise ImproperlyConfigured(f"{cls.__name__} must state a scope_kind from {SCOPE_KINDS}")
        if not isinstance(getattr(cls, "permissions", None), Permissions):
            raise ImproperlyConfigured(f"{cls.__name__} must declare its permissions")

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
        if self.scope_kind == "routed":
            return scope.routed_q(path)
        if self.scope_kind == "project":
            return scope.project_q(path)
        raise ImproperlyConfigured(f"{type(self).__name__} must override scope_q")

    def restrict(self, actor: Any, action: str = "view") -> Self:
        """The records ``actor`` may ``action``: none unless the role may, then the scope's."""
        if not has_role(actor, self.permissions.roles(action)):
            return self.filter(NOTHING)
        return self.filter(self.scope_q(scope_of(actor)))


M = TypeVar("M", bound=models.Model)


def get_scoped_or_404(
    queryset: models.QuerySet[M] | models.Manager[M],
    actor: Any,
    action: str = "view",
    **lookup: Any,
) -> M:
    """Fetch one object through the scope; out of scope answers 404 like a missing object.

    The page or handler has already answered 403 to a role that may not ``action`` the model at
    all (``fugong.core.permissions.require``), so a 404 here means "not in your jurisdiction".
    """
    restricted = queryset.restrict(actor, action)  # type: ignore[union-attr]
    try:
        return restricted.get(**lookup)
    except (restricted.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
