"""A coal mine's acceptance (验收) after a stoppage, and the official calendar's exceptions.

The route (the mine itself, or the regulator with the head of government's signature) is
decided once, when acceptance is requested, from the stoppage length on Beijing days, its cause
and the four systems (``rules.acceptance_route``). Until the signatures of its route exist the
mine is "not accepted" and its application cannot be approved.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fugong.accounts.models import Department
from fugong.core.permissions import require
from fugong.core.roles import Role
from fugong.core.scope import get_scoped_or_404
from fugong.org.models import CalendarDay, Enterprise, EnterpriseKind
from fugong.resumption import rules
from fugong.resumption.models import AcceptanceRoute, MineAcceptance, StoppageCause

SYSTEMS = ("ventilation_running", "drainage_running", "monitoring_running", "positioning_running")


@transaction.atomic
def acceptance_request(
    *,
    actor: Any,
    enterprise: Enterprise,
    stopped_on: dt.date,
    cause: str,
    ventilation_running: bool,
    drainage_running: bool,
    monitoring_running: bool,
    positioning_running: bool,
) -> MineAcceptance:
    """Record the stoppage and the systems' state; the rule decides who must accept."""
    require(actor, MineAcceptance, "change")
    enterprise = get_scoped_or_404(Enterprise.objects, actor, "view", pk=enterprise.pk)
    if enterprise.kind != EnterpriseKind.COAL_MINE:
        raise ValidationError({"enterprise": _("Acceptance is for coal mines.")})
    today = timezone.localdate()
    if stopped_on > today:
        raise ValidationError({"stopped_on": _("The stoppage cannot start in the future.")})
    if cause not in StoppageCause.values:
        raise ValidationError({"cause": _("Choose a cause from the list.")})
    running = (ventilation_running, drainage_running, monitoring_running, positioning_running)
    route = rules.acceptance_route(
        stopped_on=stopped_on, requested_on=today, cause=cause, systems_running=all(running)
    )
    return MineAcceptance.objects.create(
        enterprise=enterprise,
        stopped_on=stopped_on,
        cause=cause,
        requested_on=today,
        route=route,
        **dict(zip(SYSTEMS, running, strict=True)),
    )


@transaction.atomic
def acceptance_self_sign(*, actor: Any, acceptance: MineAcceptance) -> MineAcceptance:
    """The mine manager signs a self-acceptance (stopped < 30 days, systems running)."""
    require(actor, MineAcceptance, "self_accept")
    acceptance = get_scoped_or_404(
        MineAcceptance.objects.select_for_update(), actor, "view", pk=acceptance.pk
    )
    if acceptance.route != AcceptanceRoute.SELF:
        raise ValidationError(
            {"__all__": _("This mine must be accepted by the regulator, not by itself.")}
        )
    if acceptance.is_accepted:
        raise ValidationError({"__all__": _("The mine is accepted already.")})
    now = timezone.now()
    acceptance.mine_signed_by, acceptance.mine_signed_at = actor, now
    acceptance.accepted_on = timezone.localdate(now)
    acceptance.save()
    return acceptance


@transaction.atomic
def acceptance_regulator_sign(
    *, actor: Any, acceptance: MineAcceptance, government_signatory: str
) -> MineAcceptance:
    """The regulator accepts and records the head of government's signature."""
    require(actor, MineAcceptance, "acceptance")
    if actor.role == Role.DEPARTMENT_OFFICER and actor.department != Department.EMERGENCY:
        raise ValidationError(
            {"__all__": _("Only emergency management or the county accepts a mine.")}
        )
    acceptance = get_scoped_or_404(
        MineAcceptance.objects.select_for_update(), actor, "view", pk=acceptance.pk
    )
    if acceptance.route != AcceptanceRoute.REGULATOR:
        raise ValidationError({"__all__": _("This mine accepts itself; the manager signs.")})
    if acceptance.is_accepted:
        raise ValidationError({"__all__": _("The mine is accepted already.")})
    signatory = (government_signatory or "").strip()
    if not signatory:
        raise ValidationError(
            {"government_signatory": _("Name the head of government who signed.")}
        )
    now = timezone.now()
    acceptance.regulator_signed_by, acceptance.regulator_signed_at = actor, now
    acceptance.government_signatory, acceptance.government_signed_at = signatory[:64], now
    acceptance.accepted_on = timezone.localdate(now)
    acceptance.save()
    return acceptance


@transaction.atomic
def calendar_day_set(
    *, actor: Any, day: dt.date, is_working_day: bool, note: str = ""
) -> CalendarDay:
    """Add or change an exception to the Monday–Friday week (a holiday, a 调休 Saturday)."""
    require(actor, CalendarDay, "change")
    entry, _created = CalendarDay.objects.update_or_create(
        day=day, defaults={"is_working_day": is_working_day, "note": note[:64]}
    )
    return entry


@transaction.atomic
def calendar_day_remove(*, actor: Any, day: CalendarDay) -> None:
    require(actor, CalendarDay, "change")
    get_scoped_or_404(CalendarDay.objects, actor, "change", pk=day.pk).delete()
