"""Reads of the organisation."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from fugong.core.permissions import may
from fugong.org.models import Enterprise, EnterpriseKind, Place, Region, Shift, Team

# What a page shows instead of the name of a record the reader may not see (a team leader for a
# role that sees no people, a group in another county, a team a person has left).
OUT_OF_SCOPE = _("(outside your scope)")


def enterprise_subtree_ids(root_id: int) -> frozenset[int]:
    """The enterprise and every unit below it (a group and its members, and theirs)."""
    seen = {root_id}
    frontier = [root_id]
    while frontier:
        children = list(
            Enterprise.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=seen)
            .values_list("pk", flat=True)
        )
        seen.update(children)
        frontier = children
    return frozenset(seen)


def enterprise_list(*, actor: Any) -> QuerySet[Enterprise]:
    return (
        Enterprise.objects.restrict(actor)
        .select_related("region", "parent")
        .annotate(member_count=Count("members", distinct=True))
    )


def place_list(*, actor: Any) -> QuerySet[Place]:
    return Place.objects.restrict(actor).select_related("enterprise", "parent")


def team_list(*, actor: Any) -> QuerySet[Team]:
    """Teams in scope, with ``leader_name`` only when the leader is in the actor's person scope.

    Departments and leaders see no people, not even the names of team leaders (DESIGN §2).
    """
    from fugong.people.models import Person

    leader = Person.objects.restrict(actor).filter(pk=OuterRef("leader_id")).values("name")[:1]
    return (
        Team.objects.restrict(actor)
        .select_related("enterprise")
        .annotate(leader_name=Subquery(leader))
    )


def shift_list(*, actor: Any) -> QuerySet[Shift]:
    return Shift.objects.restrict(actor).select_related("enterprise")


def region_list(*, actor: Any, action: str = "directory") -> QuerySet[Region]:
    """The region directory (its page and API list are the regional roles' work)."""
    return Region.objects.restrict(actor, action).select_related("parent")


def enterprise_facts(*, actor: Any, enterprise: Enterprise) -> dict[str, Any]:
    """What an enterprise page shows around the record: member units, counts, the group."""
    visible = Enterprise.objects.restrict(actor)
    members: list[Enterprise] = []
    if enterprise.kind == EnterpriseKind.GROUP:
        members = list(visible.filter(parent=enterprise).select_related("region"))
    counts = []
    for model, list_name, label in (
        (Place, "org:place_list", _("Places")),
        (Team, "org:team_list", _("Teams")),
        (Shift, "org:shift_list", _("Shifts")),
    ):
        if may(actor, model):
            number = model.objects.restrict(actor).filter(enterprise=enterprise).count()  # type: ignore[attr-defined]
            counts.append({"label": label, "count": number, "url_name": list_name})
    return {
        "members": members,
        "parent_visible": enterprise.parent_id is not None
        and visible.filter(pk=enterprise.parent_id).exists(),
        "counts": counts,
    }
