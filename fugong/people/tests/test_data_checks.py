"""The roster data check: each rule at its edges, and idempotent runs."""

from __future__ import annotations

import datetime as dt

import pytest

from fugong.core.identifiers import make_id_number
from fugong.org.models import EnterpriseStatus
from fugong.org.tests.factories import PlaceFactory, TeamFactory
from fugong.people.data_checks import VISITOR_STALE_AFTER_DAYS, data_check_run
from fugong.people.models import DataCheckFinding, FindingKind, PersonCategory, PersonStatus
from fugong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

BIRTH = dt.date(1985, 3, 2)
NOON = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)


def new_person(**kwargs):
    return PersonFactory(**kwargs)


def person(enterprise, *, name="孙八", birth=BIRTH, serial=1, **kwargs):
    return new_person(
        name=name,
        enterprise=enterprise,
        id_number=make_id_number("140925", birth, serial),
        **kwargs,
    )


def open_findings(kind=None):
    qs = DataCheckFinding.objects.filter(resolved_at__isnull=True)
    if kind:
        qs = qs.filter(kind=kind)
    return {(f.kind, f.person_id, f.other_person_id) for f in qs}


def test_it_finds_nothing_on_a_clean_roster(world):
    summary = data_check_run()
    assert summary.found == 0
    assert not DataCheckFinding.objects.exists()


# --- probable duplicates --------------------------------------------------------------------


def test_it_flags_same_name_and_birth_date_with_another_id_number(world):
    first = person(world.qifeng, serial=11)
    later = person(world.qifeng, serial=12)
    data_check_run()
    finding = DataCheckFinding.objects.get(kind=FindingKind.SAME_NAME_BIRTH_DATE)
    # The later registration is the suspect, the earliest one the record it resembles.
    assert (finding.person, finding.other_person, finding.enterprise) == (
        later,
        first,
        world.qifeng,
    )
    assert finding.detail == f"{later.id_number_masked} / {first.id_number_masked}"
    assert "19850302" not in finding.detail  # the birth date stays masked


def test_it_does_not_flag_same_name_with_another_birth_date(world):
    person(world.qifeng, serial=11)
    person(world.qifeng, birth=BIRTH + dt.timedelta(days=1), serial=12)
    data_check_run()
    assert not open_findings(FindingKind.SAME_NAME_BIRTH_DATE)


def test_it_does_not_flag_same_birth_date_with_another_name(world):
    person(world.qifeng, name="孙八", serial=11)
    person(world.qifeng, name="孙九", serial=12)
    data_check_run()
    assert not open_findings(FindingKind.SAME_NAME_BIRTH_DATE)


def test_it_checks_duplicates_per_enterprise(world):
    person(world.qifeng, serial=11)
    person(world.independent, serial=12)
    data_check_run()
    assert not open_findings(FindingKind.SAME_NAME_BIRTH_DATE)


def test_it_ignores_people_who_left(world):
    person(world.qifeng, serial=11)
    person(world.qifeng, serial=12, status=PersonStatus.LEFT)
    data_check_run()
    assert not open_findings(FindingKind.SAME_NAME_BIRTH_DATE)


def test_it_links_every_later_duplicate_to_the_earliest_record(world):
    first, second, third = (person(world.qifeng, serial=s) for s in (11, 12, 13))
    data_check_run()
    assert open_findings(FindingKind.SAME_NAME_BIRTH_DATE) == {
        (FindingKind.SAME_NAME_BIRTH_DATE, second.pk, first.pk),
        (FindingKind.SAME_NAME_BIRTH_DATE, third.pk, first.pk),
    }


def test_it_flags_two_people_sharing_a_phone(world):
    other = new_person(name="孙九", enterprise=world.qifeng, phone=world.miner.phone)
    data_check_run()
    finding = DataCheckFinding.objects.get(kind=FindingKind.SHARED_PHONE)
    assert (finding.person, finding.other_person) == (other, world.miner)
    assert finding.detail == world.miner.phone_masked


def test_it_does_not_flag_people_without_a_phone_or_in_another_enterprise(world):
    new_person(enterprise=world.qifeng, phone="")
    new_person(enterprise=world.qifeng, phone="")
    new_person(enterprise=world.independent, phone=world.miner.phone)
    data_check_run()
    assert not open_findings(FindingKind.SHARED_PHONE)


# --- stale data -----------------------------------------------------------------------------


def test_it_flags_active_people_of_a_closed_enterprise(world):
    world.independent.status = EnterpriseStatus.CLOSED
    world.independent.save()
    gone = new_person(enterprise=world.independent, status=PersonStatus.LEFT)
    data_check_run()
    assert open_findings(FindingKind.CLOSED_ENTERPRISE) == {
        (FindingKind.CLOSED_ENTERPRISE, world.independent_miner.pk, None)
    }
    assert gone.pk not in {key[1] for key in open_findings()}


def test_it_does_not_flag_a_suspended_enterprise(world):
    world.independent.status = EnterpriseStatus.SUSPENDED
    world.independent.save()
    data_check_run()
    assert not open_findings(FindingKind.CLOSED_ENTERPRISE)


def test_it_flags_a_team_of_another_enterprise(world):
    world.colleague.team = world.other_team  # 原平's team: data drift, not possible via the form
    world.colleague.save()
    data_check_run()
    finding = DataCheckFinding.objects.get(kind=FindingKind.TEAM_ELSEWHERE)
    assert (finding.person, finding.enterprise, finding.detail) == (
        world.colleague,
        world.qifeng,
        world.other_team.name,
    )


def test_it_flags_a_dormitory_of_another_enterprise(world):
    room = PlaceFactory(enterprise=world.yuanping_mine, name="2号楼201", kind="dormitory_room")
    world.colleague.dormitory = room
    world.colleague.save()
    data_check_run()
    assert open_findings(FindingKind.DORMITORY_ELSEWHERE) == {
        (FindingKind.DORMITORY_ELSEWHERE, world.colleague.pk, None)
    }


def test_it_accepts_team_and_dormitory_of_the_own_enterprise(world):
    world.colleague.team = TeamFactory(enterprise=world.qifeng, name="掘进三队")
    world.colleague.dormitory = world.dorm
    world.colleague.save()
    data_check_run()
    assert not open_findings()


@pytest.mark.parametrize(
    ("days", "stale"),
    [
        (VISITOR_STALE_AFTER_DAYS - 1, False),
        (VISITOR_STALE_AFTER_DAYS, False),
        (VISITOR_STALE_AFTER_DAYS + 1, True),
    ],
)
def test_it_flags_a_visitor_active_more_than_30_days_after_the_last_update(
    world, time_machine, days, stale
):
    assert VISITOR_STALE_AFTER_DAYS == 30
    time_machine.move_to(NOON, tick=False)
    visitor = new_person(enterprise=world.qifeng, category=PersonCategory.VISITOR)
    employee = new_person(enterprise=world.qifeng, category=PersonCategory.EMPLOYEE)
    time_machine.move_to(NOON + dt.timedelta(days=days), tick=False)
    data_check_run()
    flagged = {key[1] for key in open_findings(FindingKind.STALE_VISITOR)}
    assert (visitor.pk in flagged) is stale
    assert employee.pk not in flagged


def test_it_counts_from_the_last_update_of_a_visitor(world, time_machine):
    time_machine.move_to(NOON, tick=False)
    visitor = new_person(enterprise=world.qifeng, category=PersonCategory.VISITOR)
    time_machine.move_to(NOON + dt.timedelta(days=20), tick=False)
    visitor.save()  # someone touched the record
    time_machine.move_to(NOON + dt.timedelta(days=31), tick=False)
    data_check_run()
    assert not open_findings(FindingKind.STALE_VISITOR)


# --- idempotence ----------------------------------------------------------------------------


def test_two_runs_keep_the_same_findings_without_duplicates(world, time_machine):
    time_machine.move_to(NOON, tick=False)
    person(world.qifeng, serial=11)
    person(world.qifeng, serial=12)
    first = data_check_run()
    time_machine.move_to(NOON + dt.timedelta(days=1), tick=False)
    second = data_check_run()
    assert (first.created, second.created, second.kept, second.resolved) == (1, 0, 1, 0)
    finding = DataCheckFinding.objects.get()
    assert finding.first_found_at == NOON
    assert finding.last_seen_at == NOON + dt.timedelta(days=1)
    assert finding.resolved_at is None


def test_a_run_resolves_a_finding_once_the_record_is_fixed(world, time_machine):
    time_machine.move_to(NOON, tick=False)
    person(world.qifeng, serial=11)
    later = person(world.qifeng, serial=12)
    data_check_run()
    later.status = PersonStatus.LEFT  # the re-registration is retired
    later.save()
    time_machine.move_to(NOON + dt.timedelta(days=1), tick=False)
    summary = data_check_run()
    assert summary.resolved == 1
    finding = DataCheckFinding.objects.get()
    assert finding.resolved_at == NOON + dt.timedelta(days=1)
    # A further run changes nothing; a recurrence opens a new finding beside the resolved one.
    assert data_check_run().resolved == 0
    later.status = PersonStatus.ACTIVE
    later.save()
    data_check_run()
    assert DataCheckFinding.objects.count() == 2
    assert len(open_findings()) == 1


def test_a_kept_finding_follows_the_person_to_another_enterprise(world):
    first = person(world.qifeng, serial=11)
    later = person(world.qifeng, serial=12, phone=first.phone)
    data_check_run()
    assert DataCheckFinding.objects.filter(enterprise=world.qifeng).count() == 2
    for moved in (first, later):
        moved.enterprise = world.independent
        moved.save()
    summary = data_check_run()
    assert (summary.created, summary.kept, summary.resolved) == (0, 2, 0)
    assert DataCheckFinding.objects.filter(enterprise=world.independent).count() == 2


def test_a_run_costs_the_same_queries_for_many_findings(world, django_assert_max_num_queries):
    for serial in range(40):
        person(world.qifeng, serial=100 + serial, phone=world.miner.phone)
    # Rules (6) + open findings (1) + writes, a handful per 500 rows, + the transaction.
    with django_assert_max_num_queries(14):
        summary = data_check_run()
    assert summary.created == 39 + 40  # 39 later duplicates of the first, 40 sharing 张三's phone
    with django_assert_max_num_queries(14):
        data_check_run()
