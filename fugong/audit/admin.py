"""Admin for the access log: read-only, since a log that can be edited proves nothing."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from fugong.audit.models import PiiAccess


@admin.register(PiiAccess)
class PiiAccessAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "person", "record_count", "ip_address"]
    list_filter = ["action", "at"]
    list_select_related = ["user", "person"]
    search_fields = ["user__username", "person__name", "detail"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in PiiAccess._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
