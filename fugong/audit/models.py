"""The personal-information access log (PIPL): who saw or exported unmasked data, when.

Changes to records are audited by django-auditlog; this log is for reads, which auditlog does
not see.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PiiAction(models.TextChoices):
    VIEW = "view", _("Viewed unmasked")
    EXPORT = "export", _("Exported unmasked")
    # A search by a whole (or longer part of an) ID number or phone: it tells whether that
    # number belongs to someone, so it is an access like a view. The detail keeps it masked.
    SEARCH = "search", _("Searched by ID number or phone")


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

    class Meta:
        ordering = ["-at"]
        verbose_name = _("personal information access")
        verbose_name_plural = _("personal information accesses")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_action_display()}"
