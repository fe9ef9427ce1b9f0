"""Presence sources become presence intervals (services/presence.py, api/presence.py)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from django.test import Client

from fugong.accounts.services import device_token_create
from fugong.epidemic.models import (
    DormitoryNight,
    GatheringKind,
    PositioningCard,
    PositioningEvent,
    PresenceInterval,
    PresenceSource,
)
from fugong.epidemic.services.presence import (
    dormitory_nights_assign,
    gathering_record,
    roster_save,
)
from fugong.epidemic.tests.tracing_helpers import at, person, place

pytestmark = pytest.mark.django_db


def test_a_night_shift_roster_puts_its_members_at_the_place_until_the_next_morning(world):
    a, b = person(world, "甲"), person(world, "乙")
    roster = roster_save(
        team=world.team, shift=world.night, day=dt.date(2026, 3, 9), place=world.zone,
        members=[a, b],
    )  # fmt: skip
    rows = PresenceInterval.objects.filter(source_ref=f"roster:{roster.pk}")
    assert {(r.person_id, r.start, r.end) for r in rows} == {
        (a.pk, at(9, 22), at(10, 6)),
        (b.pk, at(9, 22), at(10, 6)),
    }
    # Correcting the roster: 乙 was not there after all.
    roster_save(
        team=world.team, shift=world.night, day=dt.date(2026, 3, 9), place=world.zone,
        members=[a],
    )  # fmt: skip
    assert list(rows.values_list("person_id", flat=True)) == [a.pk]


def test_a_roster_refuses_people_of_another_enterprise(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        roster_save(
            team=world.team, shift=world.night, day=dt.date(2026, 3, 9), place=None,
            members=[world.yuanping_miner],
        )  # fmt: skip
    assert "members" in refused.value.message_dict
    assert not PresenceInterval.objects.exists()


def test_dormitory_nights_run_from_22_to_06(world):
    a = person(world, "甲")
    written = dormitory_nights_assign(
        room=world.dorm, nights=[dt.date(2026, 3, 9), dt.date(2026, 3, 10)], people=[a]
    )
    assert written == 2
    assert DormitoryNight.objects.filter(person=a).count() == 2
    spans = sorted(PresenceInterval.objects.filter(person=a).values_list("start", "end"))
    assert spans == [(at(9, 22), at(10, 6)), (at(10, 22), at(11, 6))]
    dormitory_nights_assign(room=world.dorm, nights=[dt.date(2026, 3, 9)], people=[a])
    assert PresenceInterval.objects.filter(person=a).count() == 2  # nothing twice


def test_a_meeting_with_its_participants_is_presence_for_each(world):
    a, b = person(world, "甲"), person(world, "乙")
    room = place(world, "三楼会议室")
    meeting = gathering_record(
        kind=GatheringKind.MEETING, place=room, title="复工座谈会",
        starts_at=at(9, 9), ends_at=at(9, 11), participants=[a, b],
    )  # fmt: skip
    rows = PresenceInterval.objects.filter(source_ref=f"gathering:{meeting.pk}")
    assert {r.person_id for r in rows} == {a.pk, b.pk}
    assert {r.source for r in rows} == {PresenceSource.MEETING}


@pytest.fixture
def zone_device(world):
    _, token = device_token_create(
        actor=world.users.manager, enterprise=world.qifeng, name="人员定位系统",
        places=[world.zone, world.dorm],
    )  # fmt: skip
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def event(place, kind, moment, card="C001"):
    return {
        "client_uuid": str(uuid.uuid4()),
        "place_id": place.pk,
        "card_number": card,
        "kind": kind,
        "at": moment.isoformat(),
    }


def post(client, path, body):
    return client.post(
        f"/api/epidemic/presence/{path}", json.dumps(body), content_type="application/json"
    )


def test_positioning_events_pair_into_intervals_once_however_often_sent(world, zone_device):
    """GIVEN card C001 of 甲: enter the face 08:00, exit 10:00; enter the face 11:00, then enter
    the dormitory 12:00 (exit lost) and nothing after WHEN the batch is sent twice THEN 甲 has
    08:00–10:00 and 11:00–12:00 at the face, the open dormitory enter makes no interval yet."""
    a = person(world, "甲")
    PositioningCard.objects.create(enterprise=world.qifeng, card_number="C001", person=a)
    batch = {
        "events": [
            event(world.zone, "enter", at(9, 8)),
            event(world.zone, "exit", at(9, 10)),
            event(world.zone, "enter", at(9, 11)),
            event(world.dorm, "enter", at(9, 12)),
        ]
    }
    first = post(zone_device, "positioning-events", batch)
    assert first.status_code == 200, first.content
    assert first.json() == {"stored": 4, "duplicates": 0}
    again = post(zone_device, "positioning-events", batch)
    assert again.json() == {"stored": 0, "duplicates": 4}
    spans = sorted(
        PresenceInterval.objects.filter(person=a).values_list("place_id", "start", "end")
    )
    assert spans == [(world.zone.pk, at(9, 8), at(9, 10)), (world.zone.pk, at(9, 11), at(9, 12))]
    assert PositioningEvent.objects.filter(person=a).count() == 4


def test_a_bad_item_refuses_the_whole_batch_naming_it(world, zone_device):
    good = event(world.zone, "enter", at(9, 8))
    outside = event(world.other_checkpoint, "enter", at(9, 8))
    response = post(zone_device, "positioning-events", {"events": [good, outside]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "body.events.1.place_id"
    broken = {**good, "kind": "teleport"}
    response = post(zone_device, "positioning-events", {"events": [good, broken]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"].startswith("body.events.1.kind")
    assert not PositioningEvent.objects.exists()


def test_intervals_in_bulk_check_every_item(world, zone_device):
    a = person(world, "甲")
    item = {
        "client_uuid": str(uuid.uuid4()),
        "person_id": a.pk,
        "place_id": world.zone.pk,
        "start": at(9, 8).isoformat(),
        "end": at(9, 9).isoformat(),
    }
    backwards = {**item, "client_uuid": str(uuid.uuid4()), "end": at(9, 7).isoformat()}
    response = post(zone_device, "intervals", {"intervals": [item, backwards]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "body.intervals.1.end"
    stranger = {**item, "client_uuid": str(uuid.uuid4()), "person_id": world.yuanping_miner.pk}
    response = post(zone_device, "intervals", {"intervals": [stranger]})
    assert response.json()["detail"][0]["field"] == "body.intervals.0.person_id"
    assert not PresenceInterval.objects.exists()
    assert post(zone_device, "intervals", {"intervals": [item]}).json()["stored"] == 1
    assert post(zone_device, "intervals", {"intervals": [item]}).json()["duplicates"] == 1


def test_the_health_officer_posts_a_roster_and_dormitory_nights(client, world):
    a, b = person(world, "甲"), person(world, "乙")
    client.force_login(world.users.health)
    body = {"team": world.team.pk, "shift": world.night.pk, "day": "2026-03-09",
            "place": world.zone.pk, "members": [a.pk, b.pk]}  # fmt: skip
    response = post(client, "rosters", body)
    assert response.status_code == 200, response.content
    assert response.json()["intervals"] == 2
    response = post(client, "rosters", {**body, "members": [world.yuanping_miner.pk]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "body.members"
    nights = {"room": world.dorm.pk, "first_night": "2026-03-09", "last_night": "2026-03-11",
              "people": [a.pk]}  # fmt: skip
    assert post(client, "dormitory-nights", nights).json() == {"nights": 3}
    backwards = {**nights, "last_night": "2026-03-01"}
    assert post(client, "dormitory-nights", backwards).json()["detail"][0]["field"] == (
        "body.last_night"
    )


def test_the_health_officer_records_a_meeting_with_its_participants_on_the_page(client, world):
    """GIVEN the gathering form WHEN a 座谈会 is saved with two participants THEN each has a
    presence interval; an end before the start is refused on the field, nothing saved."""
    from django.urls import reverse

    a, b = person(world, "甲"), person(world, "乙")
    room = place(world, "三楼会议室")
    client.force_login(world.users.health)
    url = reverse("epidemic:gathering_create")
    assert client.get(url).status_code == 200
    form = {"kind": "meeting", "title": "复工座谈会", "place": room.pk,
            "starts_at": "2026-03-09T09:00", "ends_at": "2026-03-09T08:00",
            "participants": [a.pk, b.pk]}  # fmt: skip
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "The end must be after the start." in refused.content.decode()
    assert not PresenceInterval.objects.exists()
    saved = client.post(url, {**form, "ends_at": "2026-03-09T11:00"})
    assert saved.status_code == 302
    assert PresenceInterval.objects.filter(source=PresenceSource.MEETING).count() == 2
    listing = client.get(reverse("epidemic:gathering_list")).content.decode()
    assert "复工座谈会" in listing


def test_rosters_and_nights_are_entered_on_their_pages(client, world):
    from django.urls import reverse

    a = person(world, "甲")
    client.force_login(world.users.manager)
    response = client.post(
        reverse("epidemic:roster_create"),
        {"team": world.team.pk, "shift": world.night.pk, "day": "2026-03-09",
         "place": world.zone.pk, "members": [a.pk]},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(
        reverse("epidemic:night_create"),
        {"room": world.dorm.pk, "first_night": "2026-03-09", "last_night": "2026-03-10",
         "people": [a.pk]},
    )  # fmt: skip
    assert response.status_code == 302
    assert DormitoryNight.objects.filter(person=a).count() == 2
    assert PresenceInterval.objects.filter(person=a).count() == 3
    assert client.get(reverse("epidemic:roster_list")).status_code == 200
    assert client.get(reverse("epidemic:night_list")).status_code == 200


def _sheet(rows):
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    sheet: Any = book.active
    sheet.append(["身份证号", "房间", "首晚", "末晚"])
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "nights.xlsx"
    return out


def test_dormitory_nights_import_all_or_nothing_with_row_errors(client, world):
    """GIVEN a file with a good row and a row with an unknown room WHEN imported THEN nothing is
    written and row 3 is named; the corrected file imports every night."""
    from django.urls import reverse

    a, b = person(world, "甲"), person(world, "乙")
    client.force_login(world.users.health)
    url = reverse("epidemic:night_import")
    bad = _sheet([[a.id_number, world.dorm.name, "2026-03-09", "2026-03-10"],
                  [b.id_number, "9号楼999", "2026-03-09", "2026-03-10"]])  # fmt: skip
    page = client.post(url, {"file": bad}).content.decode()
    assert 'data-testid="import-errors"' in page and "<td>3</td>" in page
    assert not DormitoryNight.objects.exists()
    one_night = dt.date(2026, 3, 9)
    good = _sheet(
        [
            [a.id_number, world.dorm.name, "2026-03-09", "2026-03-10"],
            [b.id_number, world.dorm.name, one_night, one_night],
        ]
    )
    assert client.post(url, {"file": good}).status_code == 302
    assert DormitoryNight.objects.count() == 3


def test_a_time_without_zone_or_outside_the_calendar_is_named(world, zone_device):
    naive = {**event(world.zone, "enter", at(9, 8)), "at": "2026-03-09T08:00:00"}
    response = post(zone_device, "positioning-events", {"events": [naive]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "body.events.0.at"
    ancient = {**event(world.zone, "enter", at(9, 8)), "at": "0001-01-01T00:00:00+08:00"}
    assert post(zone_device, "positioning-events", {"events": [ancient]}).status_code == 422
    huge = {**event(world.zone, "enter", at(9, 8)), "place_id": 2**70}
    assert post(zone_device, "positioning-events", {"events": [huge]}).status_code == 422
    assert not PositioningEvent.objects.exists()


def test_a_late_exit_corrects_the_end_guessed_from_the_next_enter(world, zone_device):
    """GIVEN enter the face 08:00 then enter the dormitory 12:00 (face 08:00–12:00 guessed)
    WHEN the lost exit from the face at 10:00 arrives later THEN the face interval ends 10:00."""
    a = person(world, "甲")
    PositioningCard.objects.create(enterprise=world.qifeng, card_number="C001", person=a)
    first = [event(world.zone, "enter", at(9, 8)), event(world.dorm, "enter", at(9, 12))]
    post(zone_device, "positioning-events", {"events": first})
    face = PresenceInterval.objects.get(person=a, place=world.zone)
    assert face.end == at(9, 12)
    post(zone_device, "positioning-events", {"events": [event(world.zone, "exit", at(9, 10))]})
    face.refresh_from_db()
    assert face.end == at(9, 10)
    assert PresenceInterval.objects.filter(person=a).count() == 1


def test_cards_are_given_to_people_and_name_them_in_later_events(client, world, zone_device):
    a, b = person(world, "甲"), person(world, "乙")
    client.force_login(world.users.health)
    body = {"cards": [{"card_number": "C009", "person_id": a.pk}]}
    assert post(client, "positioning-cards", body).json() == {"created": 1, "changed": 0}
    handed_on = {"cards": [{"card_number": "C009", "person_id": b.pk}]}
    assert post(client, "positioning-cards", handed_on).json() == {"created": 0, "changed": 1}
    stranger = {"cards": [{"card_number": "C010", "person_id": world.yuanping_miner.pk}]}
    response = post(client, "positioning-cards", stranger)
    assert response.json()["detail"][0]["field"] == "body.cards.0.person_id"
    events = [
        event(world.zone, "enter", at(9, 8), "C009"),
        event(world.zone, "exit", at(9, 9), "C009"),
    ]
    post(zone_device, "positioning-events", {"events": events})
    assert PresenceInterval.objects.get(place=world.zone).person_id == b.pk


def test_a_roster_without_chosen_members_is_the_teams_active_people(client, world):
    """The usual roster is the whole team: no member chosen means everyone of the team at work,
    not those who left and not another team's."""
    from django.urls import reverse

    from fugong.epidemic.models import ShiftRoster
    from fugong.org.models import Team
    from fugong.people.models import PersonStatus

    left = person(world, "丙")
    left.team, left.status = world.team, PersonStatus.LEFT
    left.save()
    client.force_login(world.users.manager)
    form = {"team": world.team.pk, "shift": world.night.pk, "day": "2026-03-09"}
    response = client.post(reverse("epidemic:roster_create"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    roster = ShiftRoster.objects.get()
    assert set(roster.members.all()) == {world.miner, world.colleague}
    # A team with nobody at work asks for the members instead of saving an empty roster.
    empty = Team.objects.create(enterprise=world.qifeng, name="检修三队")
    response = client.post(reverse("epidemic:roster_create"), {**form, "team": empty.pk})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "members": ["The team has no active members: choose the members."]
    }
    assert ShiftRoster.objects.count() == 1


def test_nights_without_chosen_people_are_the_rooms_people_of_its_last_night(client, world):
    """The usual entry is "the same people for the coming nights": no one chosen means the
    room's people of its last night before these, not those who left or slept elsewhere since."""
    from django.urls import reverse

    from fugong.epidemic.services.presence import dormitory_nights_assign
    from fugong.org.models import PlaceKind
    from fugong.people.models import PersonStatus

    stays, leaves, moves, other = (person(world, name) for name in ("甲", "乙", "丙", "丁"))
    other_room = place(world, "1号楼102", PlaceKind.DORMITORY_ROOM)
    dormitory_nights_assign(
        room=world.dorm, nights=[dt.date(2026, 3, 1)], people=[other]
    )  # an older night
    dormitory_nights_assign(
        room=world.dorm, nights=[dt.date(2026, 3, 3)], people=[stays, leaves, moves]
    )
    dormitory_nights_assign(room=other_room, nights=[dt.date(2026, 3, 5)], people=[moves])
    leaves.status = PersonStatus.LEFT
    leaves.save()
    client.force_login(world.users.manager)
    form = {"room": world.dorm.pk, "first_night": "2026-03-09", "last_night": "2026-03-10"}
    response = client.post(reverse("epidemic:night_create"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(
        DormitoryNight.objects.filter(night__gte=dt.date(2026, 3, 9)).values_list("person", "room")
    ) == {(stays.pk, world.dorm.pk)}
    assert DormitoryNight.objects.filter(night__gte=dt.date(2026, 3, 9)).count() == 2
    # A room nobody has slept in asks for the people and saves nothing.
    empty = place(world, "1号楼103", PlaceKind.DORMITORY_ROOM)
    response = client.post(reverse("epidemic:night_create"), {**form, "room": empty.pk})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "people": ["Nobody slept in this room before these nights: choose the people."]
    }
    assert not DormitoryNight.objects.filter(room=empty).exists()
