"""Every model of the project is one of: audited master data or decisions (django-auditlog's
registry), an append-only event table (fugong.core.events.EventRecord), or named here with the
reason it is neither. A new model that is none of these fails (CONVENTIONS "Events are not
master data")."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.apps import apps

from fugong.core.audit import audited_models
from fugong.core.events import EventRecord

NEITHER = {
    # Derived by the nightly data check from the roster; rebuilt, not edited by anyone.
    "people.DataCheckFinding": "derived from the roster by the nightly check",
    "people.DataCheckRun": "the nightly check's own run record",
    # Logs are the record of what happened; auditing them would audit the audit.
    "audit.PiiAccess": "the personal-information access log itself",
    "audit.ChangeRecord": "a proxy of auditlog's own entries",
    # The history of a computed value: each row is itself the record of a change.
    "epidemic.HealthStatusChange": "the health status's own change history",
    # One row per person per night, written in bulk from the room assignments of the night.
    "epidemic.DormitoryNight": "bulk nightly assignments, the raw material of tracing",
}


def project_models() -> list:
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("fugong.") and ".tests." not in model.__module__
    ]


def test_every_model_is_audited_an_event_table_or_exempted_with_a_reason():
    unclassified = [
        model._meta.label
        for model in project_models()
        if not auditlog.contains(model)
        and not issubclass(model, EventRecord)
        and model._meta.label not in NEITHER
    ]
    assert not unclassified, f"neither audited nor an event table: {unclassified}"


def test_no_event_table_is_audited_row_by_row():
    audited_events = [m._meta.label for m in audited_models() if issubclass(m, EventRecord)]
    assert not audited_events


def test_every_exemption_names_a_model_that_exists():
    labels = {model._meta.label for model in project_models()}
    assert set(NEITHER) <= labels
