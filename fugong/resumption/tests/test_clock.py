"""The 3-working-day decision clock (DESIGN §3.4) on Beijing days, across a weekend and a
holiday, as stored on submission and shown in the reviewers' queue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fugong.org.models import CalendarDay
from fugong.org.workdays import WorkCalendar
from fugong.resumption import rules, services
from fugong.resumption.selectors import clock_of, review_queue
from fugong.resumption.tests.conftest import BEIJING
from fugong.resumption.tests.world import filled

pytestmark = pytest.mark.django_db


def submit_at(world, time_machine, moment):
    time_machine.move_to(moment, tick=False)
    application = services.application_create(
        actor=world.users.manager, enterprise=world.qifeng, **filled(world.qifeng)
    )
    return services.application_submit(actor=world.users.manager, application=application)


def test_submitted_on_friday_afternoon_it_is_due_on_wednesday_afternoon(world, time_machine):
    # 2026-12-04 is a Friday.
    application = submit_at(world, time_machine, dt.datetime(2026, 12, 4, 16, 0, tzinfo=BEIJING))
    assert application.due_at == dt.datetime(2026, 12, 9, 16, 0, tzinfo=BEIJING)


def test_a_holiday_in_the_three_days_moves_the_deadline_by_a_day(world, time_machine):
    CalendarDay.objects.create(day=dt.date(2026, 12, 8), is_working_day=False, note="假日")
    application = submit_at(world, time_machine, dt.datetime(2026, 12, 4, 16, 0, tzinfo=BEIJING))
    assert application.due_at == dt.datetime(2026, 12, 10, 16, 0, tzinfo=BEIJING)


def test_a_worked_saturday_counts_as_a_working_day(world, time_machine):
    CalendarDay.objects.create(day=dt.date(2026, 12, 5), is_working_day=True, note="调休")
    application = submit_at(world, time_machine, dt.datetime(2026, 12, 4, 16, 0, tzinfo=BEIJING))
    assert application.due_at == dt.datetime(2026, 12, 8, 16, 0, tzinfo=BEIJING)


def test_submitted_on_saturday_the_clock_starts_on_monday_morning(world, time_machine):
    application = submit_at(world, time_machine, dt.datetime(2026, 12, 5, 10, 0, tzinfo=BEIJING))
    assert application.due_at == dt.datetime(2026, 12, 10, 0, 0, tzinfo=BEIJING)


def test_a_minute_before_midnight_beijing_is_still_that_friday(world, time_machine):
    # 23:59 on Friday in Beijing is 15:59 UTC the same day; 00:01 Saturday is already a day off.
    friday = submit_at(world, time_machine, dt.datetime(2026, 12, 4, 23, 59, tzinfo=BEIJING))
    assert friday.due_at == dt.datetime(2026, 12, 9, 23, 59, tzinfo=BEIJING)
    saturday = dt.datetime(2026, 12, 5, 0, 1, tzinfo=BEIJING)
    assert rules.decision_due_at(saturday) == dt.datetime(2026, 12, 10, 0, 0, tzinfo=BEIJING)


@pytest.mark.parametrize(
    ("now", "overdue"),
    [
        (dt.datetime(2026, 12, 9, 15, 59, tzinfo=BEIJING), False),
        (dt.datetime(2026, 12, 9, 16, 0, tzinfo=BEIJING), False),
        (dt.datetime(2026, 12, 9, 16, 1, tzinfo=BEIJING), True),
    ],
)
def test_the_queue_shows_overdue_only_after_the_deadline(world, time_machine, now, overdue):
    submit_at(world, time_machine, dt.datetime(2026, 12, 4, 16, 0, tzinfo=BEIJING))
    time_machine.move_to(now, tick=False)
    [(step, clock)] = review_queue(actor=world.users.county)
    assert clock is not None and clock.overdue is overdue


def test_the_queue_page_marks_an_overdue_application_red(client, world, time_machine):
    submit_at(world, time_machine, dt.datetime(2026, 12, 4, 16, 0, tzinfo=BEIJING))
    time_machine.move_to(dt.datetime(2026, 12, 10, 9, 0, tzinfo=BEIJING), tick=False)
    client.force_login(world.users.county)
    page = client.get(reverse("resumption:review_queue")).content.decode()
    assert "text-danger" in page and world.qifeng.name in page


def test_a_decision_stops_the_clock(world, time_machine):
    application = submit_at(world, time_machine, dt.datetime(2026, 12, 4, 16, 0, tzinfo=BEIJING))
    application.decided_at = dt.datetime(2026, 12, 7, 16, 0, tzinfo=BEIJING)
    later = dt.datetime(2026, 12, 30, tzinfo=BEIJING)
    clock = clock_of(application, later)
    assert clock is not None and not clock.overdue


def test_working_time_skips_the_weekend():
    calendar = WorkCalendar(exceptions=[])
    friday_noon = dt.datetime(2026, 12, 4, 12, 0, tzinfo=BEIJING)
    monday_noon = dt.datetime(2026, 12, 7, 12, 0, tzinfo=BEIJING)
    assert rules.working_days_elapsed(friday_noon, monday_noon, calendar) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("decided", "on_time"),
    [
        (dt.datetime(2026, 12, 9, 15, 59, tzinfo=BEIJING), 1),
        (dt.datetime(2026, 12, 9, 16, 0, tzinfo=BEIJING), 1),
        (dt.datetime(2026, 12, 9, 16, 1, tzinfo=BEIJING), 0),
    ],
)
def test_a_decision_counts_on_time_up_to_the_deadline_itself(world, time_machine, decided, on_time):
    from fugong.resumption.selectors import application_outcomes, decision_statistics

    application = submit_at(world, time_machine, dt.datetime(2026, 12, 4, 16, 0, tzinfo=BEIJING))
    time_machine.move_to(decided, tick=False)
    services.application_decide(
        actor=world.users.county, application=application, decision="returned", note="补充"
    )
    assert application_outcomes(actor=world.users.city).on_time == on_time
    [county] = decision_statistics(actor=world.users.city)["counties"]
    assert county.on_time == on_time
    # Friday 16:00 to Wednesday ~16:00 is three working days (the weekend does not count).
    assert county.days == [pytest.approx(3.0, abs=0.01)]
