"""Resumption objects added to the root conftest's ``world`` for the permission matrices and
this app's tests: a submitted application at 栖凤 (a Shenda member in 宁武) and one at the
independent mine (宁武, paired with the leader), and an acceptance of 栖凤 waiting for the
regulator."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from fugong.org.models import Enterprise
from fugong.resumption import rules
from fugong.resumption.models import (
    AcceptanceRoute,
    Application,
    ApplicationStatus,
    Attachment,
    MineAcceptance,
    ReviewStep,
    StoppageCause,
)

READY = dict.fromkeys(Application.FIVE_THINGS, True)


def filled(enterprise: Enterprise, **overrides: Any) -> dict[str, Any]:
    """The values of a complete application (all five things in place, a plan written)."""
    values: dict[str, Any] = {
        "planned_on": dt.date(2026, 12, 7),
        "planned_headcount": 200,
        "from_outside_province": 20,
        "prevention_plan": "测温、登记、分餐、消毒",
        "masks": 5000,
        "thermometers": 20,
        "disinfectant_litres": 200,
        **READY,
    }
    values.update(overrides)
    return values


def submitted_application(enterprise: Enterprise) -> Application:
    """A submitted application made directly (no actor needed), with its review steps."""
    now = timezone.now()
    application = Application.objects.create(
        enterprise=enterprise,
        status=ApplicationStatus.SUBMITTED,
        round=1,
        submitted_at=now,
        due_at=rules.decision_due_at(now),
        **filled(enterprise),
    )
    for department in ["", *rules.departments_for(enterprise.kind)]:
        ReviewStep.objects.create(
            application=application,
            enterprise=enterprise,
            department=department,
            round=1,
            started_at=now,
        )
    return application


# One small stored file shared by every test world (saved once, never duplicated).
WORLD_FILE = "resumption/test-world/permit.pdf"


def world_file() -> str:
    if not default_storage.exists(WORLD_FILE):
        default_storage.save(WORLD_FILE, ContentFile(b"%PDF-1.4 test"))
    return WORLD_FILE


def add_resumption_objects(world: SimpleNamespace) -> SimpleNamespace:
    world.application = submitted_application(world.qifeng)
    world.independent_application = submitted_application(world.independent)
    stored = world_file()
    for application in (world.application, world.independent_application):
        application.prevention_plan_file.name = stored
        application.save(update_fields=["prevention_plan_file"])
    world.attachment = Attachment.objects.create(
        application=world.application, file=stored, name="营业执照"
    )
    world.independent_attachment = Attachment.objects.create(
        application=world.independent_application, file=stored, name="营业执照"
    )
    world.acceptance = MineAcceptance.objects.create(
        enterprise=world.qifeng,
        stopped_on=dt.date(2026, 1, 1),
        cause=StoppageCause.EPIDEMIC,
        requested_on=dt.date(2026, 3, 1),
        ventilation_running=True,
        drainage_running=True,
        monitoring_running=True,
        positioning_running=True,
        route=AcceptanceRoute.REGULATOR,
    )
    return world
