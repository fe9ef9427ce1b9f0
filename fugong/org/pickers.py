"""Picker endpoints of the organisation: scoped JSON for the search-as-you-type selects.

Each answers ``?q=`` with at most PICKER_RESULTS ``{"id", "label"}`` inside the actor's scope
(``restrict``), narrowed by the same parameters as the forms that use it (``kind``,
``enterprise``). An id outside the scope is simply never found.

Regions are the exception: where one is or has been is public reference data, so
``pick_regions`` searches every region for any logged-in role, unless the form's own choices are
the actor's regions (``within=scope``).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest, JsonResponse

from fugong.core.permissions import permission_required
from fugong.core.pickers import enterprise_and_name, id_param, picker_answer
from fugong.core.validators import nfkc, normalize_code
from fugong.org.forms import regions_with_parents
from fugong.org.models import (
    Enterprise,
    EnterpriseKind,
    Place,
    PlaceKind,
    Region,
    RegionLevel,
    Team,
)

# Digits of the longest GB/T 2260 code, and the words of one region search (省 市 县).
REGION_CODE_LENGTH = 6
REGION_TERMS = 3


def _by_enterprise(request: HttpRequest, queryset: QuerySet) -> QuerySet:
    enterprise = id_param(request, "enterprise")
    return queryset if enterprise is None else queryset.filter(enterprise_id=enterprise)


def _name_or_code(queryset: QuerySet, q: str) -> QuerySet:
    return queryset.filter(Q(name__icontains=q) | Q(code__iexact=q))


@permission_required(Enterprise)
def pick_enterprises(request: HttpRequest) -> JsonResponse:
    enterprises = Enterprise.objects.restrict(request.user).only("id", "name")
    kind = request.GET.get("kind", "")
    if kind in EnterpriseKind.values:
        enterprises = enterprises.filter(kind=kind)

    def search(queryset: QuerySet, q: str) -> QuerySet:
        code = normalize_code(q)
        by_code = Q(credit_code__startswith=code) if len(code) >= 4 else Q(pk__in=[])
        return queryset.filter(Q(name__icontains=q) | by_code)

    return picker_answer(
        request, enterprises, search=search, label=lambda e: e.name, order_by=("name", "pk")
    )


@permission_required(Place)
def pick_places(request: HttpRequest) -> JsonResponse:
    places = _by_enterprise(request, Place.objects.restrict(request.user)).select_related(
        "enterprise"
    )
    kind = request.GET.get("kind", "")
    if kind in PlaceKind.values:
        places = places.filter(kind=kind)
    if request.GET.get("is_active") == "true":
        places = places.filter(is_active=True)
    return picker_answer(
        request,
        places,
        search=_name_or_code,
        label=enterprise_and_name,
        order_by=("enterprise__name", "name", "pk"),
    )


@permission_required(Team)
def pick_teams(request: HttpRequest) -> JsonResponse:
    teams = _by_enterprise(request, Team.objects.restrict(request.user)).select_related(
        "enterprise"
    )
    return picker_answer(
        request,
        teams,
        search=lambda queryset, q: queryset.filter(name__icontains=q),
        label=enterprise_and_name,
        order_by=("enterprise__name", "name", "pk"),
    )


def search_regions(queryset: QuerySet[Region], q: str) -> QuerySet[Region]:
    """Every word must match: digits a GB/T 2260 code prefix (1409: the counties of 忻州市;
    full-width digits too, after NFKC), anything else the name of the region or of a parent
    (宁武, or 忻州 宁武 as the label reads)."""
    terms = nfkc(q).split()
    if not terms or len(terms) > REGION_TERMS:
        return queryset.none()
    for term in terms:
        if term.isascii() and term.isdigit():
            if len(term) > REGION_CODE_LENGTH:
                return queryset.none()
            queryset = queryset.filter(code__startswith=term)
        else:
            queryset = queryset.filter(
                Q(name__icontains=term)
                | Q(parent__name__icontains=term)
                | Q(parent__parent__name__icontains=term)
            )
    return queryset


@permission_required(Region, "pick")
def pick_regions(request: HttpRequest) -> JsonResponse:
    """Regions for a region field: ``level`` (a check-in offers counties), ``within=scope``
    (the region filter and the enterprise's region offer the actor's own regions)."""
    level = request.GET.get("level", "")
    regions = regions_with_parents(level if level in RegionLevel.values else None)
    if request.GET.get("within") == "scope":
        regions = regions.restrict(request.user)
    return picker_answer(
        request,
        regions,
        search=search_regions,
        label=lambda r: r.full_name,
        hint=lambda r: r.code,
        order_by=("code",),
    )
