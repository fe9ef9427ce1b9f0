"""The Django admin on the one permission path: a staff account that is not a superuser sees,
in every scoped model's list, change form and foreign-key choices, exactly what
``restrict(user, action)`` gives it, as on the pages and the API."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


class ScopedModelAdmin(admin.ModelAdmin):
    """ModelAdmin whose querysets and foreign-key choices go through ``restrict``."""

    def get_queryset(self, request: HttpRequest) -> Any:
        return _restricted(super().get_queryset(request), request.user)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = _restricted(field.queryset, request.user)
        return field

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = _restricted(field.queryset, request.user)
        return field


def _restricted(queryset: Any, user: Any) -> Any:
    """The scoped rows of a model that has a scope; other models (users) as they are."""
    if hasattr(queryset, "restrict"):
        return queryset.restrict(user, "view")
    return queryset
