"""The tracing result of a case and the cluster signals, under /api/epidemic. Thin: the same
selectors and services as the pages; ID numbers are masked."""

# No `from __future__ import annotations`: django-ninja reads the handlers' annotations.

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from fugong.core.api import actor, permitted, service_errors_in_body
from fugong.core.api_errors import require_json_object
from fugong.core.scope import get_scoped_or_404
from fugong.epidemic.models import Case, Cluster
from fugong.epidemic.selectors.tracing import trace_case, trace_rows
from fugong.epidemic.services.clusters import cluster_decide

router = Router(tags=["epidemic: tracing"])


class PlaceRef(Schema):
    id: int
    name: str


class ContactOut(Schema):
    person_id: int
    name: str
    id_number: str = Field(description="Masked: 142301********1234")
    enterprise_id: int
    degree: int = Field(description="1 close contact, 2 secondary contact")
    via_person_id: int | None = Field(description="The close contact a secondary one came via")
    rules: list[str] = Field(description="overlap, shift, dormitory")
    places: list[PlaceRef]
    minutes: int = Field(description="Overlap minutes at shared places inside the window")
    first_exposure: dt.datetime
    last_exposure: dt.datetime


class TraceOut(Schema):
    case_id: int
    window_start: dt.datetime
    window_end: dt.datetime
    contacts: list[ContactOut]


@router.get("/cases/{case_id}/trace", response=TraceOut, auth=permitted(Case, "trace"))
def case_trace(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """Close and secondary contacts of a case by the tracing rules of DESIGN §3.3 (computed now;
    nothing is stored until a health officer places contacts under observation)."""
    case = get_scoped_or_404(Case.objects.all(), actor(request), "trace", pk=case_id)
    result = trace_case(case)
    contacts = []
    for row in trace_rows(result.contacts):
        contact = row["contact"]
        contacts.append(
            {
                "person_id": contact.person_id,
                "name": row["name"],
                "id_number": row["id_masked"],
                "enterprise_id": row["enterprise_id"],
                "degree": contact.degree,
                "via_person_id": contact.via_id,
                "rules": list(contact.rules),
                "places": [
                    {"id": pk, "name": name}
                    for pk, name in zip(row["place_ids"], row["places"], strict=True)
                ],
                "minutes": contact.minutes,
                "first_exposure": contact.first_exposure,
                "last_exposure": contact.last_exposure,
            }
        )
    return {
        "case_id": case.pk,
        "window_start": result.window_start,
        "window_end": result.window_end,
        "contacts": contacts,
    }


class ClusterMemberOut(Schema):
    person_id: int
    name: str
    case_id: int | None
    confirmed_fever: bool


class ClusterOut(Schema):
    id: int
    enterprise_id: int
    state: str = Field(description="signal, confirmed or discarded")
    detected_at: dt.datetime
    decided_at: dt.datetime | None
    note: str
    members: list[ClusterMemberOut]
    links: list[dict[str, Any]] = Field(description="Pairs of people with places and minutes")


def cluster_out(cluster: Cluster) -> dict[str, Any]:
    return {
        "id": cluster.pk,
        "enterprise_id": cluster.enterprise_id,
        "state": cluster.state,
        "detected_at": cluster.detected_at,
        "decided_at": cluster.decided_at,
        "note": cluster.note,
        "members": [
            {
                "person_id": m.person_id,
                "name": m.person.name,
                "case_id": m.case_id,
                "confirmed_fever": m.fever_screening_id is not None,
            }
            for m in cluster.members.all()
        ],
        "links": cluster.links,
    }


@router.get("/clusters", response=list[ClusterOut], auth=permitted(Cluster, "view"))
def cluster_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Cluster signals of the caller's scope, newest first, with members and links."""
    clusters = (
        Cluster.objects.restrict(actor(request), "view")
        .prefetch_related("members__person")
        .order_by("-detected_at")[:200]
    )
    return [cluster_out(c) for c in clusters]


class DecisionIn(Schema):
    state: str = Field(description="confirmed or discarded")
    note: str = Field("", max_length=500)


@router.post(
    "/clusters/{cluster_id}/decision",
    response={200: ClusterOut},
    auth=permitted(Cluster, "change"),
)
def cluster_decision(request: HttpRequest, cluster_id: int, body: DecisionIn) -> dict[str, Any]:
    """A health officer confirms or discards a signal (audited). A decided signal is final."""
    require_json_object(request)
    who = actor(request)
    cluster = get_scoped_or_404(Cluster.objects.all(), who, "change", pk=cluster_id)
    with service_errors_in_body():
        decided = cluster_decide(actor=who, cluster=cluster, state=body.state, note=body.note)
    decided = Cluster.objects.prefetch_related("members__person").get(pk=decided.pk)
    return cluster_out(decided)
