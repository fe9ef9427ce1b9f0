"""Admin for users (with their role and jurisdiction) and device tokens (read and revoke)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from fugong.accounts.models import DeviceToken, User
from fugong.accounts.services import device_token_revoke
from fugong.core.admin import ScopedModelAdmin


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "display_name", "role", "region", "enterprise", "is_active")
    list_filter = ("role", "is_active", "is_superuser", "department")
    search_fields = ("username", "display_name", "email")
    raw_id_fields = ("region", "enterprise", "person")
    filter_horizontal = ("checkpoints", "groups", "user_permissions")
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (
            _("Role and jurisdiction"),
            {
                "fields": (
                    "display_name",
                    "role",
                    "region",
                    "department",
                    "enterprise",
                    "checkpoints",
                    "person",
                )
            },
        ),
    )


@admin.register(DeviceToken)
class DeviceTokenAdmin(ScopedModelAdmin):
    """Tokens are made on the Devices page, which shows the secret once; here only revoke."""

    list_display = (
        "name",
        "enterprise",
        "token_prefix",
        "last_used_at",
        "expires_at",
        "revoked_at",
    )
    list_filter = ("revoked_at",)
    search_fields = ("name", "token_prefix", "enterprise__name")
    readonly_fields = (
        "name",
        "enterprise",
        "places",
        "token_prefix",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    )
    exclude = ("token_hash",)
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[DeviceToken]) -> None:
        count = 0
        for device in queryset:
            device_token_revoke(actor=request.user, device=device)
            count += 1
        self.message_user(request, _("%(n)d tokens revoked.") % {"n": count}, messages.SUCCESS)

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("enterprise")
