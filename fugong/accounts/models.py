"""Users with a role and a jurisdiction (DESIGN §2), and device tokens for terminals."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.core.audit import audit_register
from fugong.core.permissions import Permissions
from fugong.core.roles import DEVICE_ADMIN_ROLES, ENTERPRISE_ROLES, REGIONAL_ROLES, Role
from fugong.core.scope import Scope, ScopedQuerySet
from fugong.org.models import Enterprise, Place, PlaceKind, Region


class Department(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency management")
    HEALTH = "health", _("Health commission")
    INDUSTRY = "industry", _("Industry and information technology")
    ENERGY = "energy", _("Energy")


HUMAN_ROLES = [(value, label) for value, label in Role.choices if value != Role.DEVICE]


class User(AbstractUser):
    """A person who logs in. The role says what they do; the fields below say where."""

    display_name = models.CharField(_("display name"), max_length=64, blank=True)
    role = models.CharField(_("role"), max_length=24, choices=HUMAN_ROLES, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For city, county and department staff: the region they oversee."),
    )
    department = models.CharField(
        _("department"), max_length=16, choices=Department.choices, blank=True
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    checkpoints = models.ManyToManyField(
        Place,
        verbose_name=_("checkpoints"),
        blank=True,
        related_name="operators",
        limit_choices_to={"kind": PlaceKind.CHECKPOINT},
    )
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username

    def clean(self) -> None:
        super().clean()
        if self.role in REGIONAL_ROLES and self.region_id is None:
            raise ValidationError({"region": _("This role needs a region.")})
        if self.role == Role.DEPARTMENT_OFFICER and not self.department:
            raise ValidationError({"department": _("A department officer needs a department.")})
        if self.role in ENTERPRISE_ROLES and self.enterprise_id is None:
            raise ValidationError({"enterprise": _("This role needs an enterprise.")})
        if self.role == Role.WORKER and self.person_id is None:
            raise ValidationError({"person": _("A worker account needs a person record.")})

    @cached_property
    def scope(self) -> Scope:
        from fugong.accounts.selectors import scope_for_user

        return scope_for_user(self)

    @property
    def effective_role(self) -> str:
        return "superuser" if self.is_superuser else self.role


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class DeviceTokenQuerySet(ScopedQuerySet):
    """A device is seen by whoever sees its enterprise."""

    scope_kind = "via_enterprise"
    permissions = Permissions(view=DEVICE_ADMIN_ROLES, change=DEVICE_ADMIN_ROLES)


class DeviceToken(models.Model):
    """A terminal (checkpoint thermometer, positioning system) that calls the API.

    Only the SHA-256 of the token is stored; the token itself is shown once, when made.
    """

    name = models.CharField(_("name"), max_length=64)
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="devices"
    )
    places = models.ManyToManyField(Place, verbose_name=_("places"), related_name="devices")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_prefix = models.CharField(_("token starts with"), max_length=8, editable=False)
    created_by = models.ForeignKey(
        User, verbose_name=_("created by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # Optional: a terminal lent for a campaign stops working by itself. From this instant on
    # the token authenticates nothing; empty means it works until revoked.
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    objects = DeviceTokenQuerySet.as_manager()

    class Meta:
        ordering = ["enterprise_id", "name"]
        verbose_name = _("device token")
        verbose_name_plural = _("device tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.token_prefix}…)"

    # A device is an actor like a user: it is authenticated and carries a scope.
    is_authenticated = True
    is_superuser = False
    role = Role.DEVICE
    effective_role = Role.DEVICE

    def is_expired(self, now: dt.datetime | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    @staticmethod
    def new_secret() -> str:
        return secrets.token_urlsafe(32)

    @cached_property
    def scope(self) -> Scope:
        from fugong.accounts.selectors import scope_for_device

        return scope_for_device(self)


audit_register(User, exclude=["password", "last_login"], m2m=["checkpoints"])
audit_register(DeviceToken, exclude=["token_hash", "last_used_at"], m2m=["places"])
