"""Pages of contact tracing: the trace of a case (one click), and the cluster signals.

The case is fetched through its scope with the "trace" action (health officials), so a case
of another enterprise answers 404 and a role outside tracing 403. People are shown with masked
ID numbers only; placing contacts under observation is the service's job, which runs the trace
again and refuses people outside the officer's scope.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fugong.core.lists import list_page
from fugong.core.masking import mask_id_number
from fugong.core.permissions import may, permission_required
from fugong.core.scope import get_scoped_or_404
from fugong.core.views import render_page
from fugong.epidemic.models import (
    Case,
    Cluster,
    ClusterState,
    Contact,
    Observation,
    ObservationKind,
)
from fugong.epidemic.selectors.tracing import trace_case, trace_rows
from fugong.epidemic.services.clusters import cluster_decide
from fugong.epidemic.services.tracing import contacts_observe
from fugong.epidemic.tracing_tables import ClusterFilter, ClusterTable
from fugong.people.models import Person


def _may_observe(user: Any) -> bool:
    """Placing under observation writes contacts and observations: the health officer's."""
    return may(user, Contact, "change") and may(user, Observation, "change")


@permission_required(Case, "trace")
def case_trace(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_scoped_or_404(
        Case.objects.select_related("person", "person__enterprise"), request.user, "trace", pk=pk
    )
    if request.method == "POST":
        if not _may_observe(request.user):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        try:
            observed = contacts_observe(
                actor=request.user,
                case=case,
                person_ids=[int(v) for v in request.POST.getlist("people") if v.isdigit()],
                close_kind=request.POST.get("close_kind", ObservationKind.CENTRALISED_QUARANTINE),
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(count)s contacts placed under observation.")
                % {"count": len(observed.observed)},
            )
            if observed.skipped:
                messages.warning(
                    request,
                    _("%(count)s chosen people are outside your scope or no longer contacts.")
                    % {"count": len(observed.skipped)},
                )
        return redirect("epidemic:case_trace", pk=case.pk)
    context: dict[str, Any] = {
        "case": case,
        "id_masked": mask_id_number(case.person.id_number),
        "may_observe": _may_observe(request.user),
        "close_kinds": [
            (
                ObservationKind.CENTRALISED_QUARANTINE.value,
                ObservationKind.CENTRALISED_QUARANTINE.label,
            ),
            (ObservationKind.HOME_QUARANTINE.value, ObservationKind.HOME_QUARANTINE.label),
        ],
        "stored": Contact.objects.restrict(request.user, "view").filter(case=case).count(),
    }
    if request.GET.get("run"):
        result = trace_case(case)
        context.update(result=result, rows=trace_rows(result.contacts))
    return render_page(
        request,
        "epidemic/tracing/case_trace.html",
        "epidemic/tracing/partials/trace_results.html",
        context,
    )


@permission_required(Cluster, "view")
def cluster_list(request: HttpRequest) -> HttpResponse:
    rows = Cluster.objects.restrict(request.user, "view").select_related("enterprise")
    return list_page(
        request,
        rows=rows,
        filterset=ClusterFilter,
        table=ClusterTable,
        template="epidemic/tracing/cluster_list.html",
    )


def cluster_graph(cluster: Cluster, people: dict[int, Person]) -> dict[str, Any]:
    """ECharts graph series data: people and places as nodes; each link of the cluster is a
    person–person edge labelled with its minutes together, and each person is joined to the
    places where they met (the minutes are per link: a link may span several places)."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for pid, person in people.items():
        nodes[f"p{pid}"] = {"id": f"p{pid}", "name": person.name, "category": 0, "symbolSize": 28}
    for link in cluster.links:
        a, b = f"p{link['a']}", f"p{link['b']}"
        if a in nodes and b in nodes:
            label = {"show": True, "formatter": f"{link['minutes']}′"}
            edges.append({"source": a, "target": b, "value": link["minutes"], "label": label})
        places = zip(link.get("places", []), link.get("place_names", []), strict=False)
        for place_id, name in places:
            key = f"l{place_id}"
            nodes.setdefault(key, {"id": key, "name": name, "category": 1, "symbolSize": 18})
            for end in (a, b):
                if end in nodes and (end, key) not in seen:
                    seen.add((end, key))
                    edges.append({"source": end, "target": key, "lineStyle": {"type": "dashed"}})
    return {
        "nodes": list(nodes.values()),
        "links": edges,
        "categories": [{"name": _("Person")}, {"name": _("Place")}],
    }


@permission_required(Cluster, "view")
def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = get_scoped_or_404(
        Cluster.objects.select_related("enterprise", "decided_by"), request.user, pk=pk
    )
    may_decide = may(request.user, Cluster, "change")
    if request.method == "POST":
        if not may_decide:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        try:
            cluster_decide(
                actor=request.user,
                cluster=cluster,
                state=request.POST.get("state", ""),
                note=request.POST.get("note", ""),
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Saved."))
        return redirect("epidemic:cluster_detail", pk=cluster.pk)
    members = list(cluster.members.select_related("person", "case", "fever_screening"))
    people = {m.person_id: m.person for m in members}
    return render(
        request,
        "epidemic/tracing/cluster_detail.html",
        {
            "cluster": cluster,
            "members": [
                {"member": m, "id_masked": mask_id_number(m.person.id_number)} for m in members
            ],
            "graph": cluster_graph(cluster, people),
            "may_decide": may_decide and cluster.state == ClusterState.SIGNAL,
        },
    )
