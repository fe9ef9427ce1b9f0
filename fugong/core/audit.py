"""Registration with django-auditlog, the same way for every audited model."""

from __future__ import annotations

from collections.abc import Iterable

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _

MASK_CALLABLE = "fugong.core.masking.mask_personal"
# Columns every TimeStampedModel has; the log entry's own timestamp already says when.
_BOOKKEEPING = frozenset({"created_at", "updated_at"})


def audit_register(
    model: type[models.Model],
    *,
    exclude: Iterable[str] = (),
    m2m: Iterable[str] = (),
    mask: Iterable[str] = (),
) -> None:
    """Audit who changed which of the model's own columns (and the listed many-to-many fields).

    Only concrete columns are tracked: auditlog would otherwise diff reverse relations (a
    person's login, an enterprise's places), which are not the object's data and cost a query
    each on every save. Columns the database computes (GeneratedField) are not the object's
    data either. The ``mask`` columns (ID numbers, phones) are stored masked (DESIGN §3.2: the
    audit trail stores personal information masked).
    """
    skipped = _BOOKKEEPING | set(exclude)
    fields = [
        f.name
        for f in model._meta.concrete_fields
        if f.name not in skipped and not isinstance(f, models.GeneratedField)
    ]
    auditlog.register(
        model,
        include_fields=fields,
        m2m_fields=set(m2m),
        mask_fields=list(mask),
        mask_callable=MASK_CALLABLE,
    )


def audited_models() -> list[type[models.Model]]:
    """Every model registered with django-auditlog (the library's own registry)."""
    return list(auditlog.get_models())


# auditlog ships no Chinese; these words go through fugong's own catalogue.
_ACTIONS = {
    LogEntry.Action.CREATE: _("created"),
    LogEntry.Action.UPDATE: _("changed"),
    LogEntry.Action.DELETE: _("deleted"),
    LogEntry.Action.ACCESS: _("accessed"),
}


def action_label(entry: LogEntry) -> str:
    """What a change-log entry did, in the user's language."""
    return str(_ACTIONS.get(entry.action, entry.get_action_display()))
