"""Writes of daily reports: filing (a resend replaces and keeps the old row), batches, confirming.

The form, the Excel upload and the API all call ``report_submit`` / ``reports_submit_batch``,
so the rules live here: the enterprise must be in the actor's scope, the day is a past local
day, numbers are checked by the model's validators (errors keyed by field), lateness is decided
against 12:00 on the day after the reported day, and a replaced report is kept, not deleted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fugong.core.permissions import require
from fugong.dailyreport.crosscheck import crosscheck
from fugong.dailyreport.deadlines import is_late, today_local
from fugong.dailyreport.models import DailyReport
from fugong.org.models import Enterprise

# The fields a report is filed with; normal figures default to the enterprise record.
REPORT_FIELDS = (
    "operating",
    "normal_headcount",
    "staff_on_duty",
    "output",
    "normal_output",
    "notes",
)


def _decimal(field: str, value: Any) -> Decimal:
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Enter a number.")}) from None


def _build(*, enterprise: Enterprise, day: dt.date, values: Mapping[str, Any]) -> DailyReport:
    normal_headcount = values.get("normal_headcount")
    normal_output = values.get("normal_output")
    report = DailyReport(
        enterprise=enterprise,
        day=day,
        operating=bool(values.get("operating")),
        normal_headcount=(
            enterprise.normal_headcount if normal_headcount in (None, "") else normal_headcount
        ),
        staff_on_duty=values.get("staff_on_duty") or 0,
        output=_decimal("output", values.get("output") or 0),
        normal_output=_decimal(
            "normal_output",
            enterprise.normal_daily_output if normal_output in (None, "") else normal_output,
        ),
        notes=(values.get("notes") or "").strip(),
    )
    return report


def _check_day(day: Any, now: dt.datetime) -> dt.date:
    if not isinstance(day, dt.date):
        raise ValidationError({"day": _("Enter a valid date.")})
    if day >= today_local(now):
        raise ValidationError(
            {"day": _("A daily report covers a past day (data as of 24:00 of that day).")}
        )
    return day


def _check_enterprise(actor: Any, enterprise: Enterprise) -> None:
    if not Enterprise.objects.restrict(actor).filter(pk=enterprise.pk).exists():
        raise PermissionDenied


def _store(report: DailyReport, *, actor: Any, now: dt.datetime) -> DailyReport:
    """Replace the current report of the day (kept, marked superseded) by ``report``."""
    previous = (
        DailyReport.objects.select_for_update()
        .current()
        .filter(enterprise_id=report.enterprise_id, day=report.day)
        .first()
    )
    if previous is not None:
        previous.superseded_at = now
        previous.save(update_fields=["superseded_at", "updated_at"])
    report.submitted_by = actor if getattr(actor, "pk", None) else None
    report.submitted_at = now
    report.late = is_late(report.day, now)
    for field, value in crosscheck(report.enterprise_id, report.day, report.staff_on_duty).items():
        setattr(report, field, value)
    report.save()
    return report


@transaction.atomic
def report_submit(
    *,
    actor: Any,
    enterprise: Enterprise,
    day: dt.date,
    now: dt.datetime | None = None,
    **values: Any,
) -> DailyReport:
    """File (or resend) an enterprise's report for ``day``; the previous one is kept.

    Raises PermissionDenied for a role that does not file reports or an enterprise outside the
    scope, ValidationError keyed by field for bad figures or a day that is not in the past.
    """
    unknown = set(values) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"report_submit() got unexpected fields {sorted(unknown)}")
    require(actor, DailyReport, "change")
    _check_enterprise(actor, enterprise)
    now = now or timezone.now()
    report = _build(enterprise=enterprise, day=_check_day(day, now), values=values)
    report.submitted_at = now
    report.full_clean(exclude=["enterprise", "submitted_by"])
    return _store(report, actor=actor, now=now)


def report_check(
    *, actor: Any, enterprise: Enterprise, day: Any, now: dt.datetime, values: Mapping[str, Any]
) -> DailyReport:
    """Every check of ``report_submit`` without storing (the upload's preview, row by row)."""
    _check_enterprise(actor, enterprise)
    report = _build(enterprise=enterprise, day=_check_day(day, now), values=values)
    report.submitted_at = now
    report.full_clean(exclude=["enterprise", "submitted_by"])
    return report


@transaction.atomic
def reports_submit_batch(
    *, actor: Any, items: Iterable[Mapping[str, Any]], now: dt.datetime | None = None
) -> list[DailyReport]:
    """File many reports at once, all or nothing.

    Each item holds ``enterprise`` (an Enterprise), ``day`` and the figures. The first bad item
    raises a ValidationError keyed ``items.<n>.<field>`` (n from 0) and nothing is stored; an
    item naming an enterprise outside the scope is reported the same way as a missing one.
    """
    require(actor, DailyReport, "change")
    now = now or timezone.now()
    saved = []
    seen: set[tuple[int, dt.date]] = set()
    for number, item in enumerate(items):
        values = {k: v for k, v in item.items() if k in REPORT_FIELDS}
        try:
            enterprise = item.get("enterprise")
            if enterprise is None:
                raise ValidationError({"enterprise": _("Not found.")})
            try:
                _check_enterprise(actor, enterprise)
            except PermissionDenied:
                raise ValidationError({"enterprise": _("Not found.")}) from None
            day = _check_day(item.get("day"), now)
            if (enterprise.pk, day) in seen:
                raise ValidationError({"day": _("This enterprise and day appear twice.")})
            seen.add((enterprise.pk, day))
            report = _build(enterprise=enterprise, day=day, values=values)
            report.submitted_at = now
            report.full_clean(exclude=["enterprise", "submitted_by"])
        except ValidationError as exc:
            raise ValidationError(
                {
                    f"items.{number}.{field}": messages
                    for field, messages in exc.message_dict.items()
                }
            ) from exc
        saved.append(_store(report, actor=actor, now=now))
    return saved


@transaction.atomic
def report_confirm(*, actor: Any, report: DailyReport, now: dt.datetime | None = None) -> None:
    """A group confirms a member unit's current report (a later resend clears it)."""
    require(actor, DailyReport, "confirm")
    current = DailyReport.objects.restrict(actor, "confirm").current().filter(pk=report.pk)
    if not current.filter(enterprise__parent__isnull=False).exists():
        raise PermissionDenied
    report.confirmed_by = actor
    report.confirmed_at = now or timezone.now()
    report.save(update_fields=["confirmed_by", "confirmed_at", "updated_at"])
