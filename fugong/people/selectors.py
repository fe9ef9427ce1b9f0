"""Reads of the people directory, always through the scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from fugong.core.permissions import may
from fugong.people.filters import PersonFilter
from fugong.people.models import Person
from fugong.people.search import parse_person_query, person_search_guard, person_search_record


def person_list(
    *,
    actor: Any,
    filters: Any = None,
    ip_address: str | None = None,
    search_counted: bool = False,
) -> tuple[QuerySet[Person], PersonFilter]:
    """The people an actor may see, filtered by ``filters`` (a QueryDict or dict).

    A search by ID number or phone is counted against the actor's limit first (raises
    ``Throttled``) and, when the actor's role may make it, written to the access log with
    ``ip_address``: the one write of this read, because such a search is an access.
    ``search_counted``: the request that queued this read (a background export) has counted and
    logged the search already; the worker's run must not do it a second time.
    """
    filters = filters or {}
    if search_counted:
        query = parse_person_query(filters.get("q"))
    else:
        query = person_search_guard(actor=actor, raw=filters.get("q"))
    base = Person.objects.restrict(actor, "directory").select_related("enterprise", "team")
    # Bound even without filters (an unbound FilterSet is never valid and would list nobody).
    filterset = PersonFilter(filters, queryset=base, actor=actor)
    queryset = filterset.qs if filterset.is_valid() else base.none()
    if filterset.is_valid() and not search_counted:
        person_search_record(actor=actor, query=query, matches=queryset, ip_address=ip_address)
    return queryset.order_by("enterprise_id", "name_pinyin", "id"), filterset


def may_see_pii(*, actor: Any, person: Person | None = None) -> bool:
    """Whether the actor's work needs full ID numbers and phones (or it is their own record)."""
    if person is not None and getattr(actor, "person_id", None) == person.pk:
        return True
    return may(actor, Person, "reveal")
