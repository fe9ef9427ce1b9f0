"""Reads of the organisation."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from fugong.org.models import Enterprise, Place, Region, Shift, Team


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
    return Team.objects.restrict(actor).select_related("enterprise", "leader")


def shift_list(*, actor: Any) -> QuerySet[Shift]:
    return Shift.objects.restrict(actor).select_related("enterprise")


def region_list(*, actor: Any) -> QuerySet[Region]:
    return Region.objects.restrict(actor).select_related("parent")
