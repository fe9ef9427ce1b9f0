"""Reviewers beside the world's personas: one officer of each department an application of a
coal mine in 宁武 is routed to (the world's department persona is energy)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from fugong.accounts.tests.factories import UserFactory
from fugong.core.roles import Role

# The live server and headless Chromium of the core browser test, for test_browser.py.
from fugong.core.tests.test_browser import browser, site  # noqa: F401
from fugong.resumption.acceptance import acceptance_request, acceptance_self_sign

BEIJING = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def reviewers(world) -> SimpleNamespace:
    def officer(name: str, department: str):
        return UserFactory(
            username=name,
            role=Role.DEPARTMENT_OFFICER,
            region=world.regions.ningwu,
            department=department,
        )

    return SimpleNamespace(
        county=world.users.county,
        health=officer("dept_health", "health"),
        emergency=officer("dept_emergency", "emergency"),
        energy=world.users.department,
    )


@pytest.fixture
def accepted_qifeng(world):
    """栖凤 stopped for 10 days for the epidemic, systems running: accepted by its manager."""
    from django.utils import timezone

    record = acceptance_request(
        actor=world.users.manager,
        enterprise=world.qifeng,
        stopped_on=timezone.localdate() - dt.timedelta(days=10),
        cause="epidemic",
        ventilation_running=True,
        drainage_running=True,
        monitoring_running=True,
        positioning_running=True,
    )
    return acceptance_self_sign(actor=world.users.manager, acceptance=record)
