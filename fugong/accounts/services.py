"""Writes about accounts: device tokens for checkpoint terminals and positioning systems."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fugong.accounts.models import DeviceToken, User, hash_token
from fugong.core.permissions import require
from fugong.org.models import Enterprise, Place

# Digits of the token kept in clear so an administrator can tell two terminals apart.
TOKEN_PREFIX_LENGTH = 8
NAME_MAX_LENGTH = DeviceToken._meta.get_field("name").max_length or 64


def _require_device_admin(actor: Any) -> None:
    require(actor, DeviceToken, "change")


@transaction.atomic
def device_token_create(
    *,
    actor: Any,
    enterprise: Enterprise,
    name: str,
    places: Iterable[Place],
    expires_at: dt.datetime | None = None,
) -> tuple[DeviceToken, str]:
    """Register a terminal of ``enterprise`` for ``places`` and return it with its raw token.

    Only the SHA-256 of the token is stored, so the raw token returned here is the only copy:
    the caller shows it once. The enterprise must be in the actor's scope (else
    PermissionDenied); every place must be in scope and belong to that enterprise, and there
    must be at least one (else ValidationError on ``places``), because a device sees exactly
    its places and the people of their enterprise. An expiry, if given, must lie in the future
    (else ValidationError on ``expires_at``).
    """
    _require_device_admin(actor)
    if not Enterprise.objects.restrict(actor).filter(pk=enterprise.pk).exists():
        raise PermissionDenied
    errors: dict[str, str] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("Give the device a name.")
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = _("At most %(n)d characters.") % {"n": NAME_MAX_LENGTH}
    place_ids = {place.pk for place in places}
    allowed = set(
        Place.objects.restrict(actor)
        .filter(pk__in=place_ids, enterprise=enterprise)
        .values_list("pk", flat=True)
    )
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = _("The expiry must lie in the future.")
    if not place_ids:
        errors["places"] = _("Choose at least one place.")
    elif allowed != place_ids:
        errors["places"] = _("Every place must belong to the device's enterprise.")
    if errors:
        raise ValidationError(errors)

    raw = DeviceToken.new_secret()
    device = DeviceToken.objects.create(
        name=name,
        enterprise=enterprise,
        token_hash=hash_token(raw),
        token_prefix=raw[:TOKEN_PREFIX_LENGTH],
        created_by=actor if isinstance(actor, User) else None,
        expires_at=expires_at,
    )
    device.places.set(sorted(place_ids))
    return device, raw


def device_token_revoke(*, actor: Any, device: DeviceToken) -> DeviceToken:
    """Stop a token from working, at once and for good. Revoking twice changes nothing."""
    _require_device_admin(actor)
    if not DeviceToken.objects.restrict(actor).filter(pk=device.pk).exists():
        raise PermissionDenied
    if device.revoked_at is None:
        device.revoked_at = timezone.now()
        device.save(update_fields=["revoked_at"])
    return device
