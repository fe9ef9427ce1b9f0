"""Admin for people: identifiers masked where they are read, and every unmasked view logged.

A superuser who opens a person's change form sees the full ID number and phone in the inputs
(to correct them); that is an unmasked view like the app's reveal and is written to the access
log. A staff account that may only view people reads them masked and writes nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from fugong.audit.models import PiiAction
from fugong.audit.services import pii_access_record
from fugong.core.admin import ScopedModelAdmin
from fugong.core.views import client_ip
from fugong.people.models import PERSON_PII_FIELDS, Person
from fugong.people.search import (
    may_search_by_number,
    person_search_guard,
    person_search_record,
)

# Where an access came from, in the access log's detail.
ADMIN_DETAIL = "admin"


@admin.register(Person)
class PersonAdmin(ScopedModelAdmin):
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

    def get_search_fields(self, request: HttpRequest) -> Any:
        # Exact ID-number and phone search belongs to the roles that may reveal them.
        if may_search_by_number(request.user):
            return super().get_search_fields(request)
        return ["name"]

    def get_search_results(self, request: HttpRequest, queryset: Any, search_term: str) -> Any:
        """The admin's search follows the app's rule: a search by a whole ID number or phone is
        guarded (throttled, refused to roles that may not reveal) and written to the access log."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        query = person_search_guard(actor=request.user, raw=search_term)
        person_search_record(
            actor=request.user, query=query, matches=results, ip_address=client_ip(request)
        )
        return results, may_have_duplicates

    def _masked_fields(self, fields: Any) -> list[Any]:
        masked = {"id_number": "masked_id_number", "phone": "masked_phone"}
        return [masked.get(name, name) for name in fields]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = super().get_fields(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            return self._masked_fields(fields)
        return fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not self.has_change_permission(request, obj):
            readonly += ["masked_id_number", "masked_phone"]
        return readonly

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        person = getattr(response, "context_data", {}).get("original")
        shown = getattr(response, "context_data", {}).get("adminform")
        editable = shown is not None and any(
            name in PERSON_PII_FIELDS for name in shown.form.fields
        )
        if isinstance(person, Person) and editable and response.status_code == 200:
            pii_access_record(
                user=request.user,
                action=PiiAction.VIEW,
                person=person,
                detail=ADMIN_DETAIL,
                ip_address=client_ip(request),
            )
        return response
