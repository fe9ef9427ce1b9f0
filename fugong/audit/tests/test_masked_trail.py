"""The audit trail stores ID numbers and phones masked (DESIGN §3.2), old entries included."""

from __future__ import annotations

import importlib
import json

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.urls import reverse

from fugong.core.masking import mask_id_number, mask_personal, mask_phone
from fugong.people.models import Person
from fugong.people.services import person_update
from fugong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("fugong.audit.migrations.0005_mask_person_pii_in_changes")
NEW_PHONE = "13812345678"
NEW_ID = "140925198505050014"


def all_changes() -> str:
    return json.dumps(list(LogEntry.objects.values_list("changes", flat=True)))


def test_a_phone_change_is_stored_masked_on_both_sides(world):
    old = world.colleague.phone
    person_update(actor=world.users.manager, person=world.colleague, phone=NEW_PHONE)
    entry = LogEntry.objects.get_for_object(world.colleague).latest()
    assert entry.changes["phone"] == [mask_phone(old), mask_phone(NEW_PHONE)]
    assert NEW_PHONE not in all_changes()
    assert old not in all_changes()


def test_a_registration_stores_the_id_number_masked(world):
    PersonFactory(enterprise=world.qifeng, name="孙八")
    person = Person.objects.get(name="孙八")
    entry = LogEntry.objects.get_for_object(person).get()
    assert entry.changes["id_number"] == ["None", mask_id_number(person.id_number)]
    assert person.id_number not in all_changes()


def test_the_search_tails_are_not_audited(world):
    person_update(actor=world.users.manager, person=world.colleague, phone=NEW_PHONE)
    entry = LogEntry.objects.get_for_object(world.colleague).latest()
    assert set(entry.changes) == {"phone"}


def test_the_masking_of_the_trail_keeps_empty_values_and_is_idempotent():
    assert mask_personal("") == ""
    assert mask_personal("None") == "None"
    assert mask_personal(NEW_PHONE) == "138****5678"
    assert mask_personal(NEW_ID) == "140925********0014"
    assert mask_personal(mask_personal(NEW_ID)) == mask_personal(NEW_ID)
    assert mask_personal(mask_personal(NEW_PHONE)) == mask_personal(NEW_PHONE)


def test_the_data_migration_masks_entries_written_in_clear(world):
    entry = LogEntry.objects.get_for_object(world.miner).get()
    clear = {
        "name": ["None", "张三"],
        "id_number": ["None", NEW_ID],
        "phone": [NEW_PHONE, ""],
    }
    LogEntry.objects.filter(pk=entry.pk).update(changes=clear, changes_text=json.dumps(clear))
    enterprise_entry = LogEntry.objects.get_for_object(world.qifeng).get()
    untouched = enterprise_entry.changes
    MIGRATION.mask_person_changes(apps, None)
    entry.refresh_from_db()
    assert entry.changes == {
        "name": ["None", "张三"],
        "id_number": ["None", "140925********0014"],
        "phone": ["138****5678", ""],
    }
    assert NEW_ID not in entry.changes_text and NEW_PHONE not in entry.changes_text
    enterprise_entry.refresh_from_db()
    assert enterprise_entry.changes == untouched
    MIGRATION.mask_person_changes(apps, None)  # a second run changes nothing
    entry.refresh_from_db()
    assert entry.changes["id_number"] == ["None", "140925********0014"]


def test_the_history_of_a_revealed_person_shows_masked_values(client, world):
    old = world.colleague.phone
    person_update(actor=world.users.manager, person=world.colleague, phone=NEW_PHONE)
    client.force_login(world.users.health)
    response = client.post(reverse("people:person_reveal", args=[world.colleague.pk]))
    html = response.content.decode()
    assert NEW_PHONE in html  # the revealed identifiers themselves
    latest = response.context["history"][0]
    assert ("phone", mask_phone(old), "138****5678") in latest.changes
