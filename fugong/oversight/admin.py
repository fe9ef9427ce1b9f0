from django.contrib import admin

from fugong.core.admin import ScopedModelAdmin
from fugong.oversight.models import KeyProject, Measure, Pairing, ProjectPairing, Ticket, Visit


@admin.register(Pairing)
class PairingAdmin(ScopedModelAdmin):
    list_display = ["leader", "enterprise", "starts_on", "ends_on"]
    list_filter = ["starts_on"]
    search_fields = ["leader__username", "leader__display_name", "enterprise__name"]
    raw_id_fields = ["enterprise"]


@admin.register(KeyProject)
class KeyProjectAdmin(ScopedModelAdmin):
    list_display = ["name", "enterprise", "region", "status"]
    list_filter = ["status"]
    search_fields = ["name"]
    raw_id_fields = ["enterprise"]


@admin.register(ProjectPairing)
class ProjectPairingAdmin(ScopedModelAdmin):
    list_display = ["leader", "project", "starts_on", "ends_on"]
    raw_id_fields = ["project"]


@admin.register(Visit)
class VisitAdmin(ScopedModelAdmin):
    list_display = ["enterprise", "leader", "visited_on", "mode"]
    raw_id_fields = ["enterprise"]


@admin.register(Ticket)
class TicketAdmin(ScopedModelAdmin):
    list_display = ["pk", "enterprise", "category", "department", "state", "due_at"]
    list_filter = ["state", "category", "department"]
    raw_id_fields = ["enterprise", "visit"]
    # States move only through the service (every move recorded): read-only here.
    readonly_fields = ["state", "submitted_at", "due_at", "answered_at", "confirmed_at"]


@admin.register(Measure)
class MeasureAdmin(ScopedModelAdmin):
    list_display = ["title", "enterprise", "owner", "deadline", "state"]
    list_filter = ["state"]
    raw_id_fields = ["enterprise"]
