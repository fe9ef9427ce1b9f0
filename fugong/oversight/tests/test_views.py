"""The oversight pages end to end through the test client (the browser test is separate)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from fugong.oversight.models import (
    Escalation,
    EscalationLevel,
    Measure,
    Pairing,
    Ticket,
    TicketState,
    Visit,
)
from fugong.oversight.tests.helpers import raise_ticket

pytestmark = pytest.mark.django_db


def test_the_leaders_page_shows_the_paired_enterprise_with_its_open_problems(client, world):
    raise_ticket(world.users.liaison, world.independent, description="井下通风设备缺件")
    client.force_login(world.users.liaison)
    response = client.get(reverse("oversight:my"))
    page = response.content.decode()
    assert response.status_code == 200
    assert world.independent.name in page
    assert world.qifeng.name not in page
    assert "井下通风设备缺件" in page


def test_the_leaders_page_shows_each_enterprises_rates_over_the_last_seven_reported_days(
    client, world
):
    """GIVEN the paired mine due since long ago, reporting yesterday 90 of 100 staff and 300 of
    400 t and nothing the six days before WHEN the leader opens the page THEN 开工率 is 1/7,
    到岗率 90/700 and 达产率 300/2800 (a missing day counts with the enterprise's normal figures).
    """
    from fugong.dailyreport.services import report_submit

    mine = world.independent
    mine.resumption_due_on = dt.date(2020, 1, 1)
    mine.normal_headcount, mine.normal_daily_output = 100, 400
    mine.save()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    report_submit(
        actor=_admin(),
        enterprise=mine,
        day=yesterday,
        operating=True,
        normal_headcount=100,
        staff_on_duty=90,
        output=300,
        normal_output=400,
    )
    client.force_login(world.users.liaison)
    response = client.get(reverse("oversight:my"))
    rates = response.context["enterprise_rows"][0]["metrics"]
    assert rates["operating"].percent == "14.3 %"
    assert (rates["attendance"].numerator, rates["attendance"].denominator) == (90, 700)
    assert (rates["capacity"].numerator, rates["capacity"].denominator) == (300, 2800)
    assert "14.3 %" in response.content.decode()


def _admin():
    from fugong.accounts.tests.factories import UserFactory

    return UserFactory(username="metrics-admin", is_superuser=True, is_staff=True)


def test_a_leader_records_a_visit_and_the_problem_it_raised_becomes_a_linked_ticket(client, world):
    client.force_login(world.users.liaison)
    response = client.post(
        reverse("oversight:visit_create"),
        {
            "enterprise": world.independent.pk,
            "visited_on": dt.date.today().isoformat(),
            "mode": "video",
            "video_link": "https://meeting.example.cn/88",
            "participants": "县能源局、矿长",
            "findings": "复工准备基本到位",
            "problem": "缺少防疫物资",
            "problem_category": "supplies",
            "problem_sla_class": "policy",
            "problem_department": "health",
            "problem_cannot_solve": "on",
        },
    )
    assert response.status_code == 302
    visit = Visit.objects.get()
    ticket = Ticket.objects.get()
    assert ticket.visit == visit
    assert ticket.enterprise_cannot_solve
    assert ticket.raised_by == world.users.liaison
    last = client.get(reverse("oversight:my")).content.decode()
    assert visit.visited_on.strftime("%Y-%m-%d") in last


def test_a_video_visit_without_its_link_is_refused_on_the_link_field(client, world):
    client.force_login(world.users.liaison)
    response = client.post(
        reverse("oversight:visit_create"),
        {"enterprise": world.independent.pk, "visited_on": "2026-01-05", "mode": "video"},
    )
    assert response.status_code == 200
    assert "video_link" in response.context["form"].errors
    assert not Visit.objects.exists()


def test_a_problem_named_without_its_category_is_refused_and_nothing_is_saved(client, world):
    client.force_login(world.users.liaison)
    response = client.post(
        reverse("oversight:visit_create"),
        {
            "enterprise": world.independent.pk,
            "visited_on": "2026-01-05",
            "mode": "on_site",
            "problem": "道路封闭",
        },
    )
    assert response.status_code == 200
    assert "problem_category" in response.context["form"].errors
    assert not Visit.objects.exists() and not Ticket.objects.exists()


def test_a_manager_raises_a_problem_and_the_department_moves_it_on_its_page(client, world):
    client.force_login(world.users.manager)
    response = client.post(
        reverse("oversight:ticket_create"),
        {
            "enterprise": world.qifeng.pk,
            "category": "labour",
            "sla_class": "complex",
            "department": "energy",
            "description": "外省务工人员返岗受阻",
        },
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    client.force_login(world.users.department)
    move = reverse("oversight:ticket_transition", args=[ticket.pk])
    client.post(move, {"move": "accept"})
    ticket.refresh_from_db()
    assert ticket.state == TicketState.ACCEPTED
    # An illegal move is refused with a message; the state stays.
    response = client.post(move, {"move": "accept"}, follow=True)
    assert "cannot be moved" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.state == TicketState.ACCEPTED


def test_another_enterprises_ticket_answers_404(client, world):
    other = raise_ticket(world.users.liaison, world.independent)
    client.force_login(world.users.manager)
    assert client.get(reverse("oversight:ticket_detail", args=[other.pk])).status_code == 404
    response = client.post(reverse("oversight:ticket_transition", args=[other.pk]), {"move": "x"})
    assert response.status_code == 404


def test_escalations_are_shown_to_the_leader_and_to_the_city(client, world):
    ticket = raise_ticket(world.users.liaison, world.independent)
    Escalation.objects.create(
        ticket=ticket,
        level=EscalationLevel.LEADER,
        leader=world.users.liaison,
        escalated_at=ticket.due_at,
    )
    Escalation.objects.create(ticket=ticket, level=EscalationLevel.CITY, escalated_at=ticket.due_at)
    client.force_login(world.users.liaison)
    assert 'data-testid="escalations"' in client.get(reverse("oversight:my")).content.decode()
    client.force_login(world.users.city)
    page = client.get(reverse("oversight:ticket_list")).content.decode()
    assert 'data-testid="escalations"' in page


def test_an_overdue_open_measure_is_shown_in_red(client, world):
    Measure.objects.create(
        enterprise=world.independent,
        title="协调运输",
        owner="县交通局",
        deadline=dt.date(2020, 1, 1),
    )
    client.force_login(world.users.liaison)
    page = client.get(reverse("oversight:measure_list")).content.decode()
    assert 'data-testid="overdue"' in page


def test_the_enterprise_reads_its_measures_but_gets_no_edit_links(client, world):
    Measure.objects.create(
        enterprise=world.qifeng, title="储备口罩", owner="栖凤煤矿", deadline=dt.date(2030, 1, 1)
    )
    client.force_login(world.users.manager)
    page = client.get(reverse("oversight:measure_list")).content.decode()
    assert "储备口罩" in page
    assert "/edit/" not in page


def test_city_pairs_a_leader_and_ends_the_pairing(client, world):
    client.force_login(world.users.city)
    response = client.post(
        reverse("oversight:pairing_create"),
        {
            "leader": world.users.liaison.pk,
            "enterprise": world.qifeng.pk,
            "starts_on": "2026-01-01",
        },
    )
    assert response.status_code == 302
    pairing = Pairing.objects.get(enterprise=world.qifeng)
    client.post(reverse("oversight:pairing_end", args=[pairing.pk]))
    pairing.refresh_from_db()
    assert pairing.ends_on is not None


def test_a_pairing_with_a_user_who_is_not_a_leader_is_refused(client, world):
    client.force_login(world.users.city)
    response = client.post(
        reverse("oversight:pairing_create"),
        {
            "leader": world.users.manager.pk,
            "enterprise": world.qifeng.pk,
            "starts_on": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert "leader" in response.context["form"].errors


def test_the_rates_page_shows_each_department(client, world):
    raise_ticket(world.users.manager, world.qifeng)
    client.force_login(world.users.city)
    page = client.get(reverse("oversight:rates")).content.decode()
    assert "Energy" in page
