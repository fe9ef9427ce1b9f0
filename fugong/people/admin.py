"""Admin for people: identifiers masked in the list, searchable by exact ID number or phone."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from fugong.people.models import Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "masked_id_number", "masked_phone", "enterprise", "category", "status"]
    list_filter = ["category", "status"]
    list_select_related = ["enterprise"]
    # Exact matches only: a substring search over ID numbers would let the admin list probe them.
    search_fields = ["name", "=id_number", "=phone"]
    raw_id_fields = ["enterprise", "team", "home_region", "dormitory"]
    readonly_fields = ["created_at", "updated_at"]

    @admin.display(description=_("resident ID number"), ordering="id_number")
    def masked_id_number(self, obj: Person) -> str:
        return obj.id_number_masked

    @admin.display(description=_("phone"))
    def masked_phone(self, obj: Person) -> str:
        return obj.phone_masked
