"""The tracing rules of DESIGN §3.3, each number at, below and above (selectors/tracing.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from fugong.epidemic.models import (
    ContactRule,
    DormitoryNight,
    Observation,
    ObservationKind,
    ObservationReason,
    ShiftRoster,
)
from fugong.epidemic.selectors.tracing import trace_case
from fugong.epidemic.tests.tracing_helpers import at, case_of, person, place, stay
from fugong.org.tests.factories import ShiftFactory

pytestmark = pytest.mark.django_db

ONSET = dt.date(2026, 3, 10)  # window from 8 March 00:00
NOW = at(12, 12)


def contacts(case, now=NOW):
    return {c.person_id: c for c in trace_case(case, at=now).contacts}


@pytest.mark.parametrize(("minutes", "close"), [(14, False), (15, True), (16, True)])
def test_a_close_contact_shares_at_least_15_minutes(world, minutes, close):
    index, other = person(world, "甲"), person(world, "乙")
    room = place(world, "会议室")
    stay(index, room, at(9, 9), at(9, 11))
    stay(other, room, at(9, 10), at(9, 10, minutes))
    found = contacts(case_of(index, onset=ONSET))
    assert (other.pk in found) is close
    if close:
        assert found[other.pk].degree == 1
        assert found[other.pk].minutes == minutes
        assert found[other.pk].rules == (ContactRule.OVERLAP,)
        assert found[other.pk].last_exposure == at(9, 10, minutes)


def test_minutes_add_up_over_several_places(world):
    """GIVEN 8 minutes together in the canteen and 7 on the bus
    WHEN the index case is traced THEN the 15 minutes together make a close contact."""
    index, other = person(world, "甲"), person(world, "乙")
    canteen, bus = place(world, "食堂"), place(world, "班车")
    stay(index, canteen, at(9, 12), at(9, 13))
    stay(other, canteen, at(9, 12, 52), at(9, 14))
    stay(index, bus, at(9, 17), at(9, 18))
    stay(other, bus, at(9, 16), at(9, 17, 7))
    found = contacts(case_of(index, onset=ONSET))
    assert found[other.pk].minutes == 15
    assert set(found[other.pk].places) == {canteen.pk, bus.pk}
    assert found[other.pk].first_exposure == at(9, 12, 52)
    assert found[other.pk].last_exposure == at(9, 17, 7)


def test_the_same_minutes_recorded_twice_count_once(world):
    index, other = person(world, "甲"), person(world, "乙")
    zone = place(world, "工作面")
    stay(index, zone, at(9, 8), at(9, 9))
    stay(index, zone, at(9, 8), at(9, 9))  # roster and positioning for the same hour
    stay(other, zone, at(9, 8, 40), at(9, 9, 30))
    assert contacts(case_of(index, onset=ONSET))[other.pk].minutes == 20


def test_the_window_starts_at_midnight_two_days_before_onset(world):
    """GIVEN onset on 10 March WHEN traced THEN time together until 23:59 on 7 March is
    outside the window and time from 00:00 on 8 March inside."""
    index, before, inside = person(world, "甲"), person(world, "乙"), person(world, "丙")
    room = place(world, "宿舍外走廊")
    stay(index, room, at(7, 23, 0), at(8, 1, 0))
    stay(before, room, at(7, 23, 30), at(7, 23, 59))
    stay(before, room, at(7, 23, 0), at(7, 23, 59))
    stay(inside, room, at(8, 0, 0), at(8, 0, 15))
    found = contacts(case_of(index, onset=ONSET))
    assert before.pk not in found
    assert found[inside.pk].minutes == 15


def test_the_window_runs_from_the_earlier_of_onset_and_first_positive(world):
    index, other = person(world, "甲"), person(world, "乙")
    room = place(world, "办公室")
    stay(index, room, at(6, 9), at(6, 10))
    stay(other, room, at(6, 9), at(6, 10))
    case = case_of(index, onset=ONSET)
    assert other.pk not in contacts(case)
    case.first_positive_on = dt.date(2026, 3, 8)  # window from 6 March
    case.save()
    assert other.pk in contacts(case)


def test_only_the_part_inside_the_window_counts(world):
    """GIVEN 20 minutes together, 10 before the window and 10 inside; and 20 minutes, 10 before
    and 10 after isolation WHEN traced THEN neither is a close contact."""
    index, early, late = person(world, "甲"), person(world, "乙"), person(world, "丙")
    room = place(world, "调度室")
    stay(index, room, at(7, 23, 50), at(8, 0, 10))
    stay(early, room, at(7, 23, 50), at(8, 0, 10))
    stay(index, room, at(10, 7, 50), at(10, 8, 10))
    stay(late, room, at(10, 7, 50), at(10, 8, 10))
    found = contacts(case_of(index, onset=ONSET, isolated=at(10, 8)))
    assert early.pk not in found
    assert late.pk not in found


def test_a_night_shift_crossing_midnight_makes_the_team_close_contacts(world):
    """GIVEN the index and a team-mate on the 22:00–06:00 shift that starts on 7 March
    WHEN traced from 8 March 00:00 THEN the team-mate is a close contact, exposed until 06:00
    on 8 March (only the part after midnight is inside the window), with no minutes needed."""
    index, mate, other_team = person(world, "甲"), person(world, "乙"), person(world, "丙")
    night: Any = ShiftFactory(enterprise=world.qifeng, name="夜班X")
    roster = ShiftRoster.objects.create(team=world.team, shift=night, day=dt.date(2026, 3, 7))
    roster.members.set([index, mate])
    earlier = ShiftRoster.objects.create(team=world.team, shift=night, day=dt.date(2026, 3, 6))
    earlier.members.set([index, other_team])  # ended 06:00 on 7 March: before the window
    found = contacts(case_of(index, onset=ONSET))
    assert found[mate.pk].rules == (ContactRule.SHIFT,)
    assert found[mate.pk].first_exposure == at(8, 0)
    assert found[mate.pk].last_exposure == at(8, 6)
    assert other_team.pk not in found


def test_the_same_dormitory_room_for_a_night_is_close_contact(world):
    index, roommate, next_door = person(world, "甲"), person(world, "乙"), person(world, "丙")
    other_room = place(world, "1号楼102")
    for who, room in ((index, world.dorm), (roommate, world.dorm), (next_door, other_room)):
        DormitoryNight.objects.create(person=who, room=room, night=dt.date(2026, 3, 9))
    found = contacts(case_of(index, onset=ONSET))
    assert found[roommate.pk].rules == (ContactRule.DORMITORY,)
    assert found[roommate.pk].last_exposure == at(10, 6)
    assert next_door.pk not in found


def test_a_night_before_the_window_is_not_shared(world):
    index, roommate = person(world, "甲"), person(world, "乙")
    for who in (index, roommate):
        DormitoryNight.objects.create(person=who, room=world.dorm, night=dt.date(2026, 3, 6))
    assert roommate.pk not in contacts(case_of(index, onset=ONSET))


def test_secondary_contacts_count_only_after_the_close_contacts_first_exposure(world):
    """GIVEN C meets the index on 9 March 10:00–11:00; S1 meets C on 9 March 08:00–09:00
    (before), S2 on 9 March 14:00–14:30 (after), and S3 on 11 March after C is quarantined
    WHEN traced THEN only S2 is a secondary contact, via C; the index is not one."""
    index, c = person(world, "甲"), person(world, "乙")
    s1, s2, s3 = person(world, "丙"), person(world, "丁"), person(world, "戊")
    office, canteen = place(world, "办公室"), place(world, "食堂")
    stay(index, office, at(9, 10), at(9, 11))
    stay(c, office, at(9, 10), at(9, 11))
    stay(c, canteen, at(9, 8), at(9, 9))
    stay(s1, canteen, at(9, 8), at(9, 9))
    stay(c, canteen, at(9, 14), at(9, 14, 30))
    stay(s2, canteen, at(9, 14), at(9, 14, 30))
    stay(index, canteen, at(9, 14), at(9, 14, 5))  # the index there too: still not secondary
    Observation.objects.create(
        person=c,
        kind=ObservationKind.CENTRALISED_QUARANTINE,
        reason=ObservationReason.CLOSE_CONTACT,
        started_at=at(11, 8),
        planned_end=at(23, 23),
    )
    stay(c, canteen, at(11, 9), at(11, 10))
    stay(s3, canteen, at(11, 9), at(11, 10))
    found = contacts(case_of(index, onset=ONSET))
    assert found[c.pk].degree == 1
    assert found[s2.pk].degree == 2
    assert found[s2.pk].via_id == c.pk
    assert found[s2.pk].minutes == 30
    assert s1.pk not in found
    assert s3.pk not in found
    assert index.pk not in found


def test_a_close_contact_is_never_also_a_secondary_contact(world):
    index, a, b = person(world, "甲"), person(world, "乙"), person(world, "丙")
    room = place(world, "会议室")
    for who in (index, a, b):
        stay(who, room, at(9, 9), at(9, 10))
    found = contacts(case_of(index, onset=ONSET))
    assert {found[a.pk].degree, found[b.pk].degree} == {1}


def test_a_hand_computed_scenario(world):
    """GIVEN (onset 10 March, isolated 10 March 12:00):
      index and A in the 综采 zone 9 March 08:00–12:00 (240 min);
      index and B on the bus 9 March 07:30–07:50 (20 min);
      index and D in the canteen 9 March 12:00–12:10 (10 min, not close);
      A and E in the canteen 9 March 12:30–13:00 (30 min, after A's first exposure);
      B and F in a meeting 10 March 14:00–15:00 (after the index's isolation: B's window runs on);
    WHEN traced on 12 March THEN A and B are close, E (via A) and F (via B) secondary."""
    index, a, b, d, e, f = (person(world, n) for n in "甲乙丙丁戊己")
    zone, bus, canteen, meeting = (place(world, n) for n in ("综采面", "班车", "食堂", "会议室"))
    stay(index, zone, at(9, 8), at(9, 12))
    stay(a, zone, at(9, 8), at(9, 12))
    stay(index, bus, at(9, 7, 30), at(9, 7, 50))
    stay(b, bus, at(9, 7, 30), at(9, 7, 50))
    stay(index, canteen, at(9, 12), at(9, 12, 10))
    stay(d, canteen, at(9, 12), at(9, 12, 10))
    stay(a, canteen, at(9, 12, 30), at(9, 13))
    stay(e, canteen, at(9, 12, 30), at(9, 13))
    stay(b, meeting, at(10, 14), at(10, 15))
    stay(f, meeting, at(10, 14), at(10, 15))
    result = trace_case(case_of(index, onset=ONSET, isolated=at(10, 12)), at=NOW)
    listed = [
        (c.person_id, c.degree, c.via_id, c.minutes, c.last_exposure) for c in result.contacts
    ]
    assert sorted(listed) == sorted(
        [
            (a.pk, 1, None, 240, at(9, 12)),
            (b.pk, 1, None, 20, at(9, 7, 50)),
            (e.pk, 2, a.pk, 30, at(9, 13)),
            (f.pk, 2, b.pk, 60, at(10, 15)),
        ]
    )
    assert result.window_start == at(8, 0)
    assert result.window_end == at(10, 12)


@pytest.mark.parametrize(
    ("isolated", "shared"), [(at(9, 21, 59), False), (at(9, 22, 0), False), (at(9, 22, 1), True)]
)
def test_a_dormitory_night_counts_from_22_00(world, isolated, shared):
    """GIVEN roommates for the night of 9 March WHEN the index is isolated at 21:59, 22:00 or
    22:01 THEN only the last shares a minute of the night (22:00–06:00) inside the window."""
    index, roommate = person(world, "甲"), person(world, "乙")
    for who in (index, roommate):
        DormitoryNight.objects.create(person=who, room=world.dorm, night=dt.date(2026, 3, 9))
    found = contacts(case_of(index, onset=ONSET, isolated=isolated))
    assert (roommate.pk in found) is shared
    if shared:
        assert found[roommate.pk].last_exposure == at(9, 22, 1)
