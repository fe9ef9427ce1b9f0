"""/api/accounts: who the caller is, and what it may see."""

# No `from __future__ import annotations`: django-ninja reads the handlers' annotations.

from django.http import HttpRequest
from ninja import Router, Schema

from fugong.accounts.models import DeviceToken
from fugong.core.api import actor
from fugong.core.roles import Role
from fugong.core.selectors import scope_summary

router = Router(tags=["accounts"])


class ScopeSummary(Schema):
    enterprises: int
    places: int
    people: int


class MeOut(Schema):
    """A user or a device. Users carry a username; devices their name and places."""

    kind: str
    role: str
    role_label: str
    username: str | None = None
    display_name: str
    region_id: int | None = None
    enterprise_id: int | None = None
    enterprise_name: str | None = None
    place_ids: list[int] | None = None
    scope: ScopeSummary


@router.get("/me", response=MeOut, summary="Who am I")
def me(request: HttpRequest) -> dict[str, object]:
    who = actor(request)
    summary = scope_summary(actor=who)
    if isinstance(who, DeviceToken):
        return {
            "kind": "device",
            "role": Role.DEVICE.value,
            "role_label": str(Role.DEVICE.label),
            "display_name": who.name,
            "enterprise_id": who.enterprise_id,
            "enterprise_name": who.enterprise.name,
            "place_ids": sorted(who.scope.place_ids or ()),
            "scope": summary,
        }
    role = who.effective_role
    return {
        "kind": "user",
        "role": role,
        "role_label": str(who.get_role_display()) if who.role else role,
        "username": who.username,
        "display_name": str(who),
        "region_id": who.region_id,
        "enterprise_id": who.enterprise_id,
        "enterprise_name": who.enterprise.name if who.enterprise_id else None,
        "scope": summary,
    }
