"""The roster data check: probable duplicates and stale records, found per enterprise.

``data_check_run()`` is the service the nightly task calls; ``finding_list()`` is the selector
of the findings page. Each rule is one grouped or filtered query over the whole roster (no loop
over people), so a run stays a handful of table scans on a city of 200,000 people.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import django_filters
from django.db import transaction
from django.db.models import CharField, Count, F, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.core.filters import ScopedFilterSet
from fugong.core.masking import mask_id_number, mask_phone
from fugong.org.models import Enterprise, EnterpriseStatus
from fugong.people.models import (
    DataCheckFinding,
    DataCheckRun,
    FindingKind,
    Person,
    PersonCategory,
    PersonStatus,
)

# A visitor comes for a meeting or an inspection and leaves within days; one still active a
# month after anyone last touched the record was almost certainly never signed out. "More than"
# this many days: at exactly 30 days the record is not yet stale. FindingKind's label names it.
VISITOR_STALE_AFTER_DAYS = 30

# Rows per statement: stays under SQLite's bound-parameter limit on old builds too.
_CHUNK = 500

# (kind, person id, other person id or None) → (enterprise id, detail)
FindingKey = tuple[str, int, int | None]
Found = dict[FindingKey, tuple[int, str]]


@dataclass(frozen=True)
class RunSummary:
    """What one run did: findings that hold now, and how many were new, kept or resolved."""

    found: int
    created: int
    kept: int
    resolved: int


def _active() -> QuerySet[Person]:
    # The run checks the whole roster: it is the system's own job, not an actor's request.
    return Person.objects.filter(status=PersonStatus.ACTIVE)


def _repeated(*, kind: str, key: Any, people: QuerySet[Person], show: str) -> Found:
    """Findings for people sharing ``key`` (which starts with the enterprise, so per enterprise).

    The earliest record of each group is the reference; every later one is a finding that
    names it as ``other_person``. A group of n people gives n - 1 findings, not n², so one
    phone typed for a whole team stays readable.
    """
    keyed = people.annotate(dup_key=key)
    repeated = keyed.values("dup_key").annotate(n=Count("id")).filter(n__gt=1).values("dup_key")
    rows = (
        keyed.filter(dup_key__in=repeated)
        .order_by("dup_key", "id")
        .values_list("dup_key", "id", "enterprise_id", show)
    )
    found: Found = {}
    for _key, group in itertools.groupby(rows.iterator(chunk_size=2000), key=lambda r: r[0]):
        (_k, first_id, _e, first_shown), *later = group
        for _k2, person_id, enterprise_id, shown in later:
            if show == "id_number":
                detail = f"{mask_id_number(shown)} / {mask_id_number(first_shown)}"
            else:
                detail = mask_phone(shown)
            found[(kind, person_id, first_id)] = (enterprise_id, detail)
    return found


def _singles(kind: str, rows: Iterable[tuple[int, int, str | None]]) -> Found:
    return {
        (kind, person_id, None): (enterprise_id, detail or "")
        for person_id, enterprise_id, detail in rows
    }


def data_check_find(*, now: dt.datetime | None = None) -> Found:
    """Every finding that holds on the roster right now (reads only)."""
    now = now or timezone.now()
    active = _active()
    enterprise = Cast("enterprise_id", output_field=CharField())
    found: Found = {}
    # The birth date is characters 7-14 of a resident ID number (YYYYMMDD).
    found |= _repeated(
        kind=FindingKind.SAME_NAME_BIRTH_DATE,
        key=Concat(
            enterprise,
            Value("|"),
            "name",
            Value("|"),
            Substr("id_number", 7, 8),
            output_field=CharField(),
        ),
        people=active,
        show="id_number",
    )
    found |= _repeated(
        kind=FindingKind.SHARED_PHONE,
        key=Concat(enterprise, Value("|"), "phone", output_field=CharField()),
        people=active.exclude(phone=""),
        show="phone",
    )
    found |= _singles(
        FindingKind.CLOSED_ENTERPRISE,
        active.filter(enterprise__status=EnterpriseStatus.CLOSED).values_list(
            "id", "enterprise_id", "enterprise__name"
        ),
    )
    found |= _singles(
        FindingKind.TEAM_ELSEWHERE,
        active.filter(team__isnull=False)
        .exclude(team__enterprise_id=F("enterprise_id"))
        .values_list("id", "enterprise_id", "team__name"),
    )
    found |= _singles(
        FindingKind.DORMITORY_ELSEWHERE,
        active.filter(dormitory__isnull=False)
        .exclude(dormitory__enterprise_id=F("enterprise_id"))
        .values_list("id", "enterprise_id", "dormitory__name"),
    )
    cutoff = now - dt.timedelta(days=VISITOR_STALE_AFTER_DAYS)
    stale = active.filter(category=PersonCategory.VISITOR, updated_at__lt=cutoff)
    found |= _singles(
        FindingKind.STALE_VISITOR,
        (
            (pk, enterprise_id, timezone.localtime(updated).date().isoformat())
            for pk, enterprise_id, updated in stale.values_list("id", "enterprise_id", "updated_at")
        ),
    )
    return found


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def data_check_run(*, now: dt.datetime | None = None) -> RunSummary:
    """Run every rule and bring the stored findings in line, idempotently.

    A finding that is still open is kept (``last_seen_at`` moves on, and its enterprise and
    detail follow the roster); a new one is created; an open one that no longer holds is
    resolved. Nothing is ever duplicated: the partial unique constraints of DataCheckFinding
    guard that even against two runs at once.
    """
    now = now or timezone.now()
    # Outside the transaction, because the scans can take a while on a large roster.
    found = data_check_find(now=now)
    return _store(found=found, now=now)


@transaction.atomic
def _store(*, found: Found, now: dt.datetime) -> RunSummary:
    open_rows = DataCheckFinding.objects.filter(resolved_at__isnull=True).values_list(
        "id", "kind", "person_id", "other_person_id", "enterprise_id", "detail"
    )
    kept: list[int] = []
    changed: list[DataCheckFinding] = []
    resolved: list[int] = []
    seen: set[FindingKey] = set()
    for pk, kind, person_id, other_id, enterprise_id, detail in open_rows.iterator():
        key = (kind, person_id, other_id)
        if key not in found or key in seen:
            resolved.append(pk)
            continue
        seen.add(key)
        kept.append(pk)
        if found[key] != (enterprise_id, detail):
            new_enterprise, new_detail = found[key]
            changed.append(DataCheckFinding(pk=pk, enterprise_id=new_enterprise, detail=new_detail))
    for ids in _chunks(kept):
        DataCheckFinding.objects.filter(pk__in=ids).update(last_seen_at=now)
    for ids in _chunks(resolved):
        DataCheckFinding.objects.filter(pk__in=ids).update(resolved_at=now)
    DataCheckFinding.objects.bulk_update(changed, ["enterprise", "detail"], batch_size=_CHUNK)
    new = [
        DataCheckFinding(
            kind=kind,
            person_id=person_id,
            other_person_id=other_id,
            enterprise_id=enterprise_id,
            detail=detail[:200],
            first_found_at=now,
            last_seen_at=now,
        )
        for (kind, person_id, other_id), (enterprise_id, detail) in found.items()
        if (kind, person_id, other_id) not in seen
    ]
    DataCheckFinding.objects.bulk_create(new, batch_size=_CHUNK)
    summary = RunSummary(found=len(found), created=len(new), kept=len(kept), resolved=len(resolved))
    # In the same transaction: a run that is recorded is a run whose findings are stored.
    DataCheckRun.objects.create(
        started_at=now, finished_at=timezone.now(), **dataclasses.asdict(summary)
    )
    return summary


class FindingFilter(ScopedFilterSet):
    """Filter of the findings page; the enterprise choices are limited to the actor's scope."""

    kind = django_filters.ChoiceFilter(choices=FindingKind.choices, label=_("Kind"))
    enterprise = django_filters.ModelChoiceFilter(
        queryset=Enterprise.objects.only("id", "name").order_by("name"), label=_("Enterprise")
    )

    class Meta:
        model = DataCheckFinding
        fields = ["kind", "enterprise"]


def finding_list(
    *, actor: Any, filters: Any = None
) -> tuple[QuerySet[DataCheckFinding], FindingFilter]:
    """The open findings an actor may see, filtered by ``filters`` (a QueryDict or dict)."""
    base = (
        DataCheckFinding.objects.restrict(actor)
        .filter(resolved_at__isnull=True)
        .select_related("enterprise", "person", "other_person")
    )
    # Always bound (an empty filter is valid): an unbound FilterSet is never "valid".
    filterset = FindingFilter(filters or {}, queryset=base, actor=actor)
    queryset = filterset.qs if filterset.is_valid() else base.none()
    return queryset.order_by("enterprise_id", "kind", "person_id", "id"), filterset


@dataclass(frozen=True)
class LastRun:
    """When the check last ran, and what that run found within one reader's scope."""

    started_at: dt.datetime
    finished_at: dt.datetime
    found: int
    created: int
    resolved: int


def last_run(*, actor: Any) -> LastRun | None:
    """The latest run with its counts in the actor's scope, or None when it never ran."""
    run = DataCheckRun.objects.order_by("-started_at", "-id").first()
    if run is None:
        return None
    at = run.started_at
    counts = DataCheckFinding.objects.restrict(actor).aggregate(
        found=Count("id", filter=Q(last_seen_at=at, resolved_at__isnull=True)),
        created=Count("id", filter=Q(first_found_at=at)),
        resolved=Count("id", filter=Q(resolved_at=at)),
    )
    return LastRun(started_at=at, finished_at=run.finished_at, **counts)
