"""Every list operation documents exactly the query parameters its FilterSet reads."""

from __future__ import annotations

import inspect
import typing

import pytest
from django.core.exceptions import ImproperlyConfigured

from fugong.api import api
from fugong.core.api import QueryFilters
from fugong.core.filters import query_names
from fugong.people.filters import PersonFilter

PAGINATION = {"page", "page_size"}


def _list_operations():
    """(path, query parameter names in OpenAPI, QueryFilters class) of every paginated GET."""
    schema = api.get_openapi_schema()
    found = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                if "GET" not in operation.methods:
                    continue
                # A nested router (an app assembling its areas' routers) has a prefix such as
                # "epidemic/" and paths such as "/checkins": join the parts with one slash.
                full = "/" + "/".join(p for p in f"api/{prefix}/{path}".split("/") if p)
                documented = schema["paths"].get(full) or schema["paths"][full + "/"]
                params = {p["name"] for p in documented["get"].get("parameters", [])}
                if "page" not in params:
                    continue
                query = None
                for param in inspect.signature(operation.view_func).parameters.values():
                    args = typing.get_args(param.annotation)
                    if args and isinstance(args[0], type) and issubclass(args[0], QueryFilters):
                        query = args[0]
                found.append((full, params, query))
    return found


LIST_OPERATIONS = _list_operations()


def test_the_walk_finds_the_list_operations():
    paths = {path for path, _params, _query in LIST_OPERATIONS}
    assert {"/api/people", "/api/org/enterprises", "/api/org/teams", "/api/org/shifts"} <= paths


@pytest.mark.parametrize(
    ("path", "params", "query"), LIST_OPERATIONS, ids=[path for path, *_rest in LIST_OPERATIONS]
)
def test_a_list_documents_the_parameters_of_its_filterset(path, params, query):
    assert query is not None, f"{path} takes no QueryFilters"
    assert query.filterset is not None, f"{query.__name__} names no FilterSet"
    assert params == query_names(query.filterset) | PAGINATION


def test_a_query_schema_that_drifts_from_its_filterset_fails_at_import():
    with pytest.raises(ImproperlyConfigured, match="team"):

        class Drifted(QueryFilters):
            filterset = PersonFilter
            q: str | None = None
            enterprise: int | None = None
            category: str | None = None
            status: str | None = None
