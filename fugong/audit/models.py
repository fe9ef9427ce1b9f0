"""The personal-information access log (PIPL): who saw or exported unmasked data, when.

Changes to records are audited by django-auditlog; this log is for reads, which auditlog does
not see.
"""

from __future__ import annotations

from typing import Any, Self

from auditlog.models import LogEntry, LogEntryManager
from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fugong.core.permissions import Permissions, has_role
from fugong.core.roles import ACCESS_LOG_READER_ROLES
from fugong.core.scope import Scope, ScopedQuerySet


def _accounts_in(scope: Scope) -> models.QuerySet:
    """Accounts bound to an enterprise or a region inside the scope."""
    enterprise = apps.get_model("org", "Enterprise")
    region = apps.get_model("org", "Region")
    user = apps.get_model(settings.AUTH_USER_MODEL)
    regions = region.objects.filter(region.objects.all().scope_q(scope))
    return user.objects.filter(
        Q(enterprise__in=enterprise.objects.filter(scope.enterprise_q()).values("pk"))
        | Q(region__in=regions.values("pk"))
    )


class PiiAction(models.TextChoices):
    VIEW = "view", _("Viewed unmasked")
    EXPORT = "export", _("Exported unmasked")
    # A search by a whole (or longer part of an) ID number or phone: it tells whether that
    # number belongs to someone, so it is an access like a view. The detail keeps it masked.
    SEARCH = "search", _("Searched by ID number or phone")


class PiiAccessQuerySet(ScopedQuerySet):
    """Unmasked views of people in the scope, and exports made by accounts in it."""

    scope_kind = "custom"
    permissions = Permissions(view=ACCESS_LOG_READER_ROLES)

    def scope_q(self, scope: Scope) -> Q:
        if scope.everything:
            return Q()
        person = apps.get_model("people", "Person")
        people = person.objects.filter(scope.person_q()).values("pk")
        return Q(person__in=people) | Q(
            person__isnull=True, user__in=_accounts_in(scope).values("pk")
        )


class PiiAccess(models.Model):
    """One unmasked view of a person, one unmasked export of many, or one number search."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=8, choices=PiiAction.choices)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    record_count = models.PositiveIntegerField(_("records"), default=1)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = PiiAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("personal information access")
        verbose_name_plural = _("personal information accesses")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_action_display()}"


class ChangeRecordQuerySet(ScopedQuerySet):
    """Change-log entries of the audited records that the reader can reach through their own
    scoped querysets (so a record that moved out of the scope takes its history with it)."""

    scope_kind = "custom"
    permissions = Permissions(view=ACCESS_LOG_READER_ROLES)

    def restrict(self, actor: Any, action: str = "view") -> Self:
        """Entries of records the reader may ``view`` through each model's own declaration."""
        if not has_role(actor, self.permissions.roles(action)):
            return self.none()
        from django.contrib.contenttypes.models import ContentType

        from fugong.core.audit import audited_models

        scoped_models = [m for m in audited_models() if hasattr(m._default_manager, "restrict")]
        in_scope = Q(pk__in=[])
        for model, content_type in ContentType.objects.get_for_models(*scoped_models).items():
            scoped = model._default_manager.restrict(actor, "view")  # type: ignore[attr-defined]
            in_scope |= Q(content_type=content_type, object_id__in=scoped.values("pk"))
        return self.filter(in_scope)

    def scope_q(self, scope: Scope) -> Q:
        raise NotImplementedError("change records are restricted per record model")


class ChangeRecordManager(LogEntryManager.from_queryset(ChangeRecordQuerySet)):  # type: ignore[misc]
    pass


class ChangeRecord(LogEntry):
    """An auditlog entry read through the one permission path (the change list)."""

    objects = ChangeRecordManager()

    class Meta:
        proxy = True
        verbose_name = _("change")
        verbose_name_plural = _("changes")
