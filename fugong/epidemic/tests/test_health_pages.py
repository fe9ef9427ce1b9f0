"""The worker's pages (check-in, personal code) and the health officer's lists."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from fugong.epidemic.models import CheckIn, Policy
from fugong.epidemic.tests.conftest import beijing
from fugong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_worker_checks_in_and_lands_on_the_code_page_with_the_new_colour(client, world):
    client.force_login(world.users.worker)
    form = client.get(reverse("epidemic:health_checkin"))
    assert 'name="client_uuid"' in form.content.decode()
    response = client.post(
        reverse("epidemic:health_checkin"),
        {"temperature": "36.6", "pledge": "on", "client_uuid": str(uuid.uuid4())},
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("epidemic:health_code")
    assert 'data-colour="green"' in page
    assert "<svg" in page and 'data-testid="live-clock"' in page


def test_an_implausible_temperature_on_the_page_is_a_field_error(client, world):
    client.force_login(world.users.worker)
    response = client.post(
        reverse("epidemic:health_checkin"),
        {"temperature": "45.0", "pledge": "on", "client_uuid": str(uuid.uuid4())},
    )
    assert response.status_code == 200
    assert "plausible range" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_travel_ticked_without_transport_or_region_is_refused_on_the_page(client, world):
    client.force_login(world.users.worker)
    response = client.post(
        reverse("epidemic:health_checkin"),
        {"temperature": "36.6", "pledge": "on", "travelled": "on",
         "client_uuid": str(uuid.uuid4())},
    )  # fmt: skip
    assert response.status_code == 200
    assert not CheckIn.objects.exists()


def test_a_helper_checks_in_for_someone_and_the_record_says_who(client, world):
    client.force_login(world.users.checkpoint)
    response = client.post(
        reverse("epidemic:health_checkin_for"),
        {"person": world.colleague.pk, "temperature": "36.6", "pledge": "on",
         "client_uuid": str(uuid.uuid4())},
    )  # fmt: skip
    assert response.status_code == 302
    assert CheckIn.objects.get(person=world.colleague).submitted_by == world.users.checkpoint


def test_the_worker_sees_only_their_own_status(client, world):
    client.force_login(world.users.worker)
    own = client.get(reverse("epidemic:health_status_detail", args=[world.miner.pk]))
    other = client.get(reverse("epidemic:health_status_detail", args=[world.colleague.pk]))
    assert (own.status_code, other.status_code) == (200, 404)


def test_the_officer_sees_todays_check_ins_and_who_has_not_reported(
    client, world, check_in, time_machine
):
    time_machine.move_to(beijing(2026, 3, 10, 10), tick=False)
    check_in(beijing(2026, 3, 10, 8), temperature="37.5")
    client.force_login(world.users.health)
    listed = client.get(reverse("epidemic:health_checkin_list")).content.decode()
    assert world.miner.name in listed
    abnormal = client.get(reverse("epidemic:health_checkin_list") + "?abnormal=true")
    assert world.miner.name in abnormal.content.decode()
    normal = client.get(reverse("epidemic:health_checkin_list") + "?abnormal=false")
    assert world.miner.name not in normal.content.decode()
    missing = client.get(reverse("epidemic:health_checkin_missing")).content.decode()
    assert world.colleague.name in missing and world.miner.name not in missing
    assert world.yuanping_miner.name not in missing  # another enterprise


@pytest.mark.parametrize(
    ("yesterday", "today", "abnormal"),
    [("37.3", "37.5", True), ("37.5", "37.3", False)],
)
def test_a_past_day_check_in_is_judged_by_that_days_threshold(
    client, world, check_in, time_machine, yesterday, today, abnormal
):
    """Raised (or lowered) today, the threshold leaves yesterday's 37.4 as it was judged."""
    time_machine.move_to(beijing(2026, 3, 9, 8), tick=False)
    Policy.objects.create(effective_from=dt.date(2026, 3, 1), fever_threshold=Decimal(yesterday))
    check_in(beijing(2026, 3, 9, 8), temperature=Decimal("37.4"))
    Policy.objects.create(effective_from=dt.date(2026, 3, 10), fever_threshold=Decimal(today))
    time_machine.move_to(beijing(2026, 3, 10, 10), tick=False)
    client.force_login(world.users.health)
    url = reverse("epidemic:health_checkin_list") + "?day=2026-03-09&abnormal="
    kept = client.get(url + "true").content.decode()
    left = client.get(url + "false").content.decode()
    assert (world.miner.name in kept) is abnormal
    assert (world.miner.name in left) is not abnormal


def test_people_by_colour_counts_drill_down_to_masked_rows(client, world, check_in):
    check_in(beijing(2026, 3, 10, 8))
    client.force_login(world.users.health)
    page = client.get(reverse("epidemic:health_status_list") + "?colour=green").content.decode()
    assert 'data-testid="colour-counts"' in page
    assert world.miner.name in page
    assert world.miner.id_number not in page
    assert world.miner.id_number_masked in page


def test_the_officer_lists_keep_their_queries_few(
    client, world, check_in, django_assert_max_num_queries
):
    check_in(beijing(2026, 3, 10, 8))
    client.force_login(world.users.health)
    with django_assert_max_num_queries(25):
        client.get(reverse("epidemic:health_checkin_list") + "?day=2026-03-10")
    with django_assert_max_num_queries(25):
        client.get(reverse("epidemic:health_travel_list"))


def test_a_team_leader_with_a_big_team_searches_it_through_the_check_in_picker(client, world):
    """A worker reads no people directory: the search asks the check-in picker, which answers
    the members of their team."""
    world.team.leader = world.miner
    world.team.save()
    for n in range(35):  # beyond the picker threshold
        PersonFactory(name=f"队员{n}", enterprise=world.qifeng, team=world.team)
    client.force_login(world.users.worker)
    page = client.get(reverse("epidemic:health_checkin_for")).content.decode()
    assert 'data-picker-mode="search"' in page and "队员34" not in page
    assert f'data-picker="{reverse("epidemic:health_checkin_people")}"' in page
    assert reverse("people:pick_people") not in page
    found = client.get(reverse("epidemic:health_checkin_people"), {"q": "队员34"}).json()
    assert [row["label"].split(" · ")[0] for row in found["results"]] == ["队员34"]


def test_the_status_history_names_the_rules_of_each_change(client, world, check_in):
    check_in(beijing(2026, 3, 10, 8), symptoms=["cough"])
    client.force_login(world.users.health)
    page = client.get(reverse("epidemic:health_status_detail", args=[world.miner.pk]))
    assert "Symptoms or fever reported" in page.content.decode()
