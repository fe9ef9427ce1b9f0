"""One list page for every list: filter, sort, paginate, and the htmx results partial.

A view hands over the request, the scoped queryset, its FilterSet (class, or an instance a
selector has already applied) and its table class, and gets the page, or only the results
partial when htmx asks. An invalid filter (a region outside the scope, a bad date) shows no rows
and says why, rather than everything. The sort is ``?sort=<column>`` (``-`` for descending),
kept by the filters, the pagination and the htmx links; a sorted column gets the primary key as
the last key so that pages do not overlap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import django_filters
from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from fugong.core.tables import ListTable
from fugong.core.views import querystring_without_page, render_page

RESULTS = "partials/list_results.html"


def filtered(
    request: HttpRequest,
    rows: QuerySet,
    filterset: type[django_filters.FilterSet] | django_filters.FilterSet,
    **filter_kwargs: Any,
) -> tuple[QuerySet, django_filters.FilterSet]:
    """Apply the FilterSet (built here from a class) and give the rows to show."""
    if isinstance(filterset, django_filters.FilterSet):
        return rows, filterset  # a selector has applied it already
    filter_kwargs.setdefault("actor", request.user)
    bound = filterset(request.GET, queryset=rows, **filter_kwargs)
    return (bound.qs if bound.is_valid() else rows.none()), bound


def build_table(
    request: HttpRequest, rows: QuerySet, table_class: type[ListTable], per_page: int | None = None
) -> ListTable:
    """The table sorted by ``?sort=`` and cut to the page ``?page=`` (a bad page: the nearest)."""
    table = table_class(rows, request=request)
    sort = request.GET.get(table.prefixed_order_by_field)
    if sort:
        table.order_by = sort
        queryset = table.data.data
        if isinstance(queryset, QuerySet) and table.order_by:
            # The column's own keys first, then the primary key: a stable order for paging.
            table.data.data = queryset.order_by(*queryset.query.order_by, "pk")
    size = per_page or settings.PAGE_SIZE
    try:
        table.paginate(per_page=size, page=request.GET.get(table.prefixed_page_field) or 1)
    except PageNotAnInteger:
        table.paginate(per_page=size, page=1)
    except EmptyPage:
        table.paginate(per_page=size, page=max(table.paginator.num_pages, 1))
    return table


def list_page(
    request: HttpRequest,
    *,
    rows: QuerySet,
    filterset: type[django_filters.FilterSet] | django_filters.FilterSet,
    table: type[ListTable],
    template: str,
    export_url: str = "",
    filter_kwargs: dict[str, Any] | None = None,
    describe: Callable[[list[Any]], None] | None = None,
    results: str = RESULTS,
    **context: Any,
) -> HttpResponse:
    """The full list page (``template`` includes ``partials/list_results.html``) or the partial.

    ``export_url``, when given, is shown as a link that carries the current filters.
    ``describe``, when given, is called once with the page's records before they are rendered,
    to set what rows show from a few batched queries (names through the scope, sentences).
    ``results``, when given, is the partial htmx swaps in: a template that includes
    ``partials/list_results.html`` with more around it (counts of the filtered set).
    """
    rows, bound = filtered(request, rows, filterset, **(filter_kwargs or {}))
    built = build_table(request, rows, table)
    if describe is not None:
        describe([row.record for row in built.page.object_list])
    context.update(
        {
            "filter": bound,
            "table": built,
            "sortable": [column for column in built.columns if column.orderable],
            # The page's records (not the table's rows), for templates and tests that read them.
            "page": Page(
                [row.record for row in built.page.object_list], built.page.number, built.paginator
            ),
            "querystring": querystring_without_page(request),
            "export_url": export_url,
        }
    )
    return render_page(request, template, results, context)
