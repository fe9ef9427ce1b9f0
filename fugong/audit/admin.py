"""Admin for the audit trails: read-only, since a log that can be edited proves nothing.

auditlog's own LogEntry admin is replaced by one that masks personal fields when it shows the
changes, whatever an entry stored (entries are written masked; this also covers any written
before, and masking is idempotent).
"""

from __future__ import annotations

from typing import Any

from auditlog.admin import LogEntryAdmin as AuditlogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin
from django.http import HttpRequest

from fugong.audit.history import PII_FIELDS
from fugong.audit.models import PiiAccess
from fugong.core.admin import ScopedModelAdmin
from fugong.core.masking import mask_personal


@admin.register(PiiAccess)
class PiiAccessAdmin(ScopedModelAdmin):
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


def masked_changes(entry: LogEntry) -> LogEntry:
    """The entry with its personal fields masked (in memory only; nothing is saved)."""
    changes = entry.changes if isinstance(entry.changes, dict) else None
    if changes and PII_FIELDS & set(changes):
        entry.changes = {
            name: [mask_personal(v) if isinstance(v, str) else v for v in values]
            if name in PII_FIELDS and isinstance(values, list)
            else values
            for name, values in changes.items()
        }
    return entry


if admin.site.is_registered(LogEntry):
    admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class LogEntryAdmin(AuditlogEntryAdmin):
    # Searching the stored changes by a full ID number or phone could confirm one.
    search_fields = [f for f in AuditlogEntryAdmin.search_fields if f != "changes"]

    def msg(self, obj: LogEntry) -> Any:
        return super().msg(masked_changes(obj))
