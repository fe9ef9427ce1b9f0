"""The organisation in Django admin, for superusers who repair data by hand."""

from __future__ import annotations

from django.contrib import admin

from fugong.core.admin import ScopedModelAdmin
from fugong.org.models import Enterprise, Place, Region, Shift, Team


@admin.register(Region)
class RegionAdmin(ScopedModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(Enterprise)
class EnterpriseAdmin(ScopedModelAdmin):
    list_display = ["name", "credit_code", "kind", "industry", "region", "parent", "status"]
    list_filter = ["kind", "industry", "status"]
    search_fields = ["name", "credit_code"]
    raw_id_fields = ["region", "parent"]
    list_select_related = ["region", "parent"]


@admin.register(Place)
class PlaceAdmin(ScopedModelAdmin):
    list_display = ["name", "kind", "enterprise", "code", "headcount_limit", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code", "enterprise__name"]
    raw_id_fields = ["enterprise", "parent"]
    list_select_related = ["enterprise"]


@admin.register(Team)
class TeamAdmin(ScopedModelAdmin):
    list_display = ["name", "enterprise", "leader", "is_underground"]
    list_filter = ["is_underground"]
    search_fields = ["name", "enterprise__name"]
    raw_id_fields = ["enterprise", "leader"]
    list_select_related = ["enterprise", "leader"]


@admin.register(Shift)
class ShiftAdmin(ScopedModelAdmin):
    list_display = ["name", "kind", "enterprise", "start_time", "end_time"]
    list_filter = ["kind"]
    search_fields = ["name", "enterprise__name"]
    raw_id_fields = ["enterprise"]
    list_select_related = ["enterprise"]
