"""Risk areas (风险地区): add one, end one (DESIGN §3.3 "Risk areas")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fugong.core.permissions import require
from fugong.core.validators import nfkc
from fugong.epidemic.models import RiskArea, RiskLevel
from fugong.epidemic.services.status import health_status_invalidate
from fugong.org.models import Region


def region_resolve(text: str) -> Region:
    """A region by its 6-digit GB/T 2260 code or its exact name (a ValidationError on
    ``region`` when there is none, or several of that name). Regions are reference data:
    anyone grading risk may name any region of the country."""
    value = nfkc(text).strip()
    if not value:
        raise ValidationError({"region": _("Enter a region code or name.")})
    if value.isdigit():
        region = Region.objects.filter(code=value).first()
        if region is None:
            raise ValidationError({"region": _("No region has the code %(v)s.") % {"v": value}})
        return region
    found = list(Region.objects.filter(name=value)[:2])
    if not found:
        raise ValidationError({"region": _("No region is named %(v)s.") % {"v": value}})
    if len(found) > 1:
        raise ValidationError(
            {"region": _("Several regions are named %(v)s: use the code.") % {"v": value}}
        )
    return found[0]


def riskarea_build(
    *, region: Region | str, level: str, valid_from: dt.date, valid_to: dt.date | None, note: str
) -> RiskArea:
    """A checked, unsaved risk area (shared by the form and the import)."""
    if isinstance(region, str):
        region = region_resolve(region)
    area = RiskArea(
        region=region, level=level, valid_from=valid_from, valid_to=valid_to, note=note or ""
    )
    area.full_clean()
    return area


@transaction.atomic
def riskarea_add(
    *,
    actor: Any,
    region: Region | str,
    level: RiskLevel | str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    note: str = "",
) -> RiskArea:
    require(actor, RiskArea, "change")
    area = riskarea_build(
        region=region, level=level, valid_from=valid_from, valid_to=valid_to, note=note
    )
    area.save()
    health_status_invalidate()  # anyone may have travelled there
    return area


@transaction.atomic
def riskarea_end(*, actor: Any, area: RiskArea, last_day: dt.date) -> RiskArea:
    """The area is no longer graded after ``last_day`` (an end already earlier is kept)."""
    require(actor, RiskArea, "change")
    area = RiskArea.objects.select_for_update().get(pk=area.pk)
    if last_day < area.valid_from:
        raise ValidationError({"valid_to": _("The end date is before the start date.")})
    if area.valid_to is not None and area.valid_to <= last_day:
        raise ValidationError({"valid_to": _("This risk area has already ended.")})
    area.valid_to = last_day
    area.save(update_fields=["valid_to", "updated_at"])
    health_status_invalidate()
    return area
