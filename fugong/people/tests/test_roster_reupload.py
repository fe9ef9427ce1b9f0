"""Uploading the full roster again: matched by ID number, previewed, then applied once, all or
nothing (DESIGN §3.2 "a re-uploaded roster updates people matched by ID number, after a
preview")."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from auditlog.models import LogEntry
from django.db import IntegrityError
from openpyxl import load_workbook

from fugong.people import roster, roster_files
from fugong.people.models import Person, PersonStatus
from fugong.people.roster_export import roster_export
from fugong.people.services import person_update
from fugong.people.tasks import roster_files_expire
from fugong.people.tests.test_roster_import import (
    confirm,
    new_id,
    post,
    token_of,
    upload_and_confirm,
    xlsx,
)

pytestmark = pytest.mark.django_db


def exported(world):
    """The enterprise's roster as an unmasked export: header and rows keyed by name."""
    export = roster_export(
        actor=world.users.manager, filters={"enterprise": world.qifeng.pk}, unmasked=True
    )
    rows = [
        list(row) for row in load_workbook(export.file).worksheets[0].iter_rows(values_only=True)
    ]
    return rows[0], {row[0]: row for row in rows[1:]}


def edited_roster(world):
    """李四 gets a new phone and leaves his team, 张三 is missing, 新人 is new."""
    header, rows = exported(world)
    rows["李四"][2], rows["李四"][4] = "13700000001", None
    new = ["新人", new_id(60), "", "务工人员", "综采一队", "", "宁武县", "在职", ""]
    return xlsx([rows["李四"], new], header=header)


def counts(body: str) -> dict[str, str]:
    import re

    return dict(re.findall(r'data-testid="count-(\w+)">(\d+)<', body))


def test_an_unmasked_export_goes_back_through_the_import_with_no_change(client, world):
    header, rows = exported(world)
    result = roster.roster_check(
        actor=world.users.manager, enterprise=world.qifeng, file=xlsx(rows.values(), header=header)
    )
    assert result.ok and result.plan is not None
    assert (len(result.plan.new), len(result.plan.changed), result.plan.unchanged) == (0, 0, 2)
    assert result.plan.absent == []
    entries = LogEntry.objects.count()
    upload_and_confirm(
        client, world.users.manager, world.qifeng, xlsx(rows.values(), header=header)
    )
    assert LogEntry.objects.count() == entries


def test_the_preview_counts_new_changed_unchanged_and_absent_and_writes_nothing(client, world):
    before = list(Person.objects.values_list("id", "phone", "team_id", "status"))
    body = post(client, world.users.manager, world.qifeng, edited_roster(world)).content.decode()
    assert counts(body) == {"new": "1", "changed": "1", "unchanged": "0", "absent": "1"}
    assert "张三" in body.split('data-testid="roster-absent"')[1]
    assert list(Person.objects.values_list("id", "phone", "team_id", "status")) == before


def test_the_preview_shows_each_changed_field_with_phones_masked_for_non_pii_roles(client, world):
    old_phone = world.colleague.phone
    body = post(client, world.users.group, world.qifeng, edited_roster(world)).content.decode()
    changes = body.split('data-testid="roster-changes"')[1].split("</table>")[0]
    assert "李四" in changes and "综采一队" in changes and "137****0001" in changes
    assert old_phone not in changes and "13700000001" not in changes
    assert world.colleague.id_number not in changes and world.colleague.id_number_masked in changes
    body = post(client, world.users.manager, world.qifeng, edited_roster(world)).content.decode()
    assert "13700000001" in body and old_phone in body


def test_confirming_applies_the_changes_and_audits_them(client, world):
    response = upload_and_confirm(client, world.users.manager, world.qifeng, edited_roster(world))
    assert response.status_code == 302
    world.colleague.refresh_from_db()
    assert (world.colleague.phone, world.colleague.team) == ("13700000001", None)
    assert Person.objects.get(id_number=new_id(60)).team == world.team
    world.miner.refresh_from_db()
    assert world.miner.status == PersonStatus.ACTIVE  # absent, but the box was not ticked
    entry = LogEntry.objects.get_for_object(world.colleague).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == world.users.manager and entry.additional_data == {
        "source": "roster import"
    }
    assert set(entry.changes) == {"phone", "team"}
    assert "added to 宁武栖凤煤矿" in client.get(response["Location"]).content.decode()


def test_absent_people_are_marked_as_left_only_when_the_box_is_ticked(client, world):
    upload = edited_roster(world)
    response = upload_and_confirm(
        client, world.users.manager, world.qifeng, upload, mark_absent_left=True
    )
    assert response.status_code == 302
    world.miner.refresh_from_db()
    assert world.miner.status == PersonStatus.LEFT
    entry = LogEntry.objects.get_for_object(world.miner).get(action=LogEntry.Action.UPDATE)
    assert list(entry.changes) == ["status"]
    assert "1 marked as left" in client.get(response["Location"]).content.decode()


def test_a_confirmation_sent_twice_applies_once(client, world):
    token = token_of(post(client, world.users.manager, world.qifeng, edited_roster(world)))
    assert confirm(client, token).status_code == 302
    people, entries = Person.objects.count(), LogEntry.objects.count()
    again = confirm(client, token)
    assert again.status_code == 200 and 'data-testid="roster-gone"' in again.content.decode()
    assert (Person.objects.count(), LogEntry.objects.count()) == (people, entries)


def test_someone_else_cannot_confirm_an_upload(client, world):
    token = token_of(post(client, world.users.manager, world.qifeng, edited_roster(world)))
    client.force_login(world.users.health)
    people = Person.objects.count()
    assert 'data-testid="roster-gone"' in confirm(client, token).content.decode()
    assert Person.objects.count() == people
    client.force_login(world.users.manager)  # the owner still can
    assert confirm(client, token).status_code == 302


@pytest.mark.parametrize(("minutes", "kept"), [(59, True), (61, False)])
def test_an_upload_waits_an_hour_for_its_confirmation(client, world, minutes, kept):
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        token = token_of(post(client, world.users.manager, world.qifeng, edited_roster(world)))
    with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
        roster_files_expire.call_local()
        assert roster_files.data_path(roster_files.UPLOADS, token).exists() is kept
        assert (confirm(client, token).status_code == 302) is kept
    assert Person.objects.filter(id_number=new_id(60)).exists() is kept


def test_a_roster_changed_since_the_preview_is_shown_again_before_it_is_applied(client, world):
    """GIVEN a preview, WHEN 李四's phone is changed meanwhile to what the file says, THEN the
    confirmation applies nothing and shows the new plan; confirming that one applies it."""
    token = token_of(post(client, world.users.manager, world.qifeng, edited_roster(world)))
    person_update(actor=world.users.health, person=world.colleague, phone="13700000001")
    stale = confirm(client, token)
    assert 'data-testid="roster-stale"' in stale.content.decode()
    assert not Person.objects.filter(id_number=new_id(60)).exists()
    assert confirm(client, token_of(stale)).status_code == 302
    assert Person.objects.filter(id_number=new_id(60)).exists()


def test_nothing_is_written_when_any_write_of_the_plan_fails(client, world, monkeypatch):
    def refuse(**kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(roster, "audit_bulk_changed", refuse)
    people = list(Person.objects.values_list("id", "phone", "team_id", "status"))
    response = upload_and_confirm(client, world.users.manager, world.qifeng, edited_roster(world))
    assert "Nothing was imported" in response.content.decode()
    assert list(Person.objects.values_list("id", "phone", "team_id", "status")) == people


def test_a_person_registered_with_another_enterprise_is_an_error_not_a_move(world):
    rows = [("王五", world.yuanping_miner.id_number)]
    result = roster.roster_check(
        actor=world.users.group,
        enterprise=world.qifeng,
        file=xlsx(rows, header=["姓名", "身份证号"]),
    )
    (error,) = result.errors
    assert error.name == "王五" and "another enterprise" in error.reason


def test_columns_missing_from_the_file_change_nothing(world):
    rows = [("张三", world.miner.id_number), ("李四", world.colleague.id_number)]
    result = roster.roster_apply(
        actor=world.users.manager,
        enterprise=world.qifeng,
        file=xlsx(rows, header=["姓名", "身份证号"]),
    )
    assert result.applied and result.plan is not None and result.plan.unchanged == 2
    world.miner.refresh_from_db()
    assert (world.miner.team, world.miner.dormitory) == (world.team, world.dorm)
