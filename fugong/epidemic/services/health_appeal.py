"""Appeals against a health status (申诉): the person files one, the health officer decides.

Upholding an appeal sets the colour the officer finds right (a manual status with the
decision as its reason) or ends a manual status so the computed colour applies again;
rejecting keeps the colour and tells the person why. Both are audited (Appeal is registered).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.core.permissions import require
from fugong.epidemic.models import Appeal, AppealState
from fugong.epidemic.services.health import status_override
from fugong.epidemic.services.status import health_status_refresh
from fugong.people.models import Person

TEXT_MAX = 2000


@transaction.atomic
def appeal_file(*, actor: Any, person: Person, text: str, at: dt.datetime | None = None) -> Appeal:
    """The person appeals against their current colour; one open appeal at a time."""
    require(actor, Appeal, "file")
    if getattr(actor, "person_id", None) != person.pk:
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Say why the colour is wrong.")})
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": _("At most %(n)d characters.") % {"n": TEXT_MAX}})
    if Appeal.objects.filter(person=person, state=AppealState.OPEN).exists():
        raise ValidationError({"text": _("You already have an open appeal.")})
    at = at or timezone.now()
    status = health_status_refresh(person_ids=[person.pk], at=at)[person.pk]
    return Appeal.objects.create(person=person, colour_appealed=status.colour, text=text)


@transaction.atomic
def appeal_decide(
    *,
    actor: Any,
    appeal: Appeal,
    uphold: bool,
    note: str,
    colour: str = "",
    until: dt.datetime | None = None,
    at: dt.datetime | None = None,
) -> Appeal:
    """Decide an open appeal. Uphold with ``colour``: a manual status until ``until``; uphold
    without a colour: the manual status (if any) ends. Reject: nothing changes but the appeal.
    A note is required either way (it is what the person reads)."""
    require(actor, Appeal, "decide")
    locked = (
        Appeal.objects.restrict(actor, "decide").select_for_update().filter(pk=appeal.pk).first()
    )
    if locked is None:
        raise PermissionDenied
    appeal = locked
    if appeal.state != AppealState.OPEN:
        raise ValidationError({"__all__": _("This appeal has already been decided.")})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Write the decision for the person to read.")})
    at = at or timezone.now()
    if uphold:
        status_override(
            actor=actor, person=appeal.person, colour=colour, reason=note, until=until, at=at
        )
    appeal.state = AppealState.UPHELD if uphold else AppealState.REJECTED
    appeal.decided_by = actor
    appeal.decided_at = at
    appeal.decision_note = note[:500]
    appeal.save()
    return appeal
