"""Reads of the people directory, always through the scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from fugong.core.roles import PII_ROLES
from fugong.people.filters import PersonFilter
from fugong.people.models import Person


def person_list(*, actor: Any, filters: Any = None) -> tuple[QuerySet[Person], PersonFilter]:
    """The people an actor may see, filtered by ``filters`` (a QueryDict or dict)."""
    base = Person.objects.restrict(actor).select_related("enterprise", "team")
    # Bound even without filters (an unbound FilterSet is never valid and would list nobody).
    filterset = PersonFilter(filters or {}, queryset=base, actor=actor)
    queryset = filterset.qs if filterset.is_valid() else base.none()
    return queryset.order_by("enterprise_id", "name_pinyin", "id"), filterset


def may_see_pii(*, actor: Any, person: Person | None = None) -> bool:
    """Whether the actor's work needs full ID numbers and phones (or it is their own record)."""
    if getattr(actor, "is_superuser", False):
        return True
    if person is not None and getattr(actor, "person_id", None) == person.pk:
        return True
    return getattr(actor, "role", "") in PII_ROLES
