"""The list of cluster signals: its table and filter, defined once (core.tables, core.filters)."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from fugong.core.filters import ScopedFilterSet
from fugong.core.tables import BadgeColumn, ListTable, TimeColumn, cell
from fugong.epidemic.models import Cluster, ClusterState


class ClusterTable(ListTable):
    pk = tables.LinkColumn(
        "epidemic:cluster_detail", args=[tables.A("pk")], verbose_name=_("Cluster"),
        attrs=cell("list-name"),
    )  # fmt: skip
    state = BadgeColumn(verbose_name=_("State"))
    enterprise = tables.Column(accessor="enterprise__name", verbose_name=_("Enterprise"))
    detected_at = TimeColumn(verbose_name=_("Detected at"))

    class Meta(ListTable.Meta):
        model = Cluster
        fields = ("pk", "state", "enterprise", "detected_at")
        attrs = {**ListTable.Meta.attrs, "data-testid": "results-table"}
        empty_text = _("No cluster signals.")

    def render_pk(self, value: int) -> str:
        return f"#{value}"


class ClusterFilter(ScopedFilterSet):
    state = django_filters.ChoiceFilter(choices=ClusterState.choices, label=_("State"))

    class Meta:
        model = Cluster
        fields = ["state"]
