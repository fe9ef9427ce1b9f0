"""Notice numbers: 140925复工〔2026〕0001号, unique and sequential per county and year."""

from __future__ import annotations

import datetime as dt

import pytest

from fugong.org.tests.factories import EnterpriseFactory
from fugong.resumption import services
from fugong.resumption.models import Application
from fugong.resumption.tests.conftest import BEIJING
from fugong.resumption.tests.world import submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def approve(world):
    """Approve a submitted application of a non-mine enterprise (no acceptance needed)."""

    def run(application: Application) -> Application:
        from fugong.accounts.tests.factories import UserFactory

        departments = [
            UserFactory(
                username=f"city_{name}",
                role="department_officer",
                region=world.regions.xinzhou,
                department=name,
            )  # fmt: skip
            for name in ("health", "industry")
        ]
        for who in departments:
            services.application_decide(actor=who, application=application, decision="approved")
        county = application.enterprise.region.code[:6]
        officer = UserFactory(
            username=f"county{county}", role="county_officer",
            region=application.enterprise.region,
        )  # fmt: skip
        return services.application_decide(
            actor=officer, application=application, decision="approved"
        )

    return run


def other_unit(world, region):
    return EnterpriseFactory(kind="other", industry="manufacturing", region=region)


def test_numbers_are_sequential_within_a_county_and_year(world, approve, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 1, 9, tzinfo=BEIJING), tick=False)
    numbers = [
        approve(submitted_application(other_unit(world, world.regions.ningwu))).notice_number
        for _ in range(3)
    ]
    assert numbers == [
        "140925复工〔2026〕0001号",
        "140925复工〔2026〕0002号",
        "140925复工〔2026〕0003号",
    ]


def test_each_county_has_its_own_sequence(world, approve, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 1, 9, tzinfo=BEIJING), tick=False)
    approve(submitted_application(other_unit(world, world.regions.ningwu)))
    yuanping = approve(submitted_application(other_unit(world, world.regions.yuanping)))
    assert yuanping.notice_number == "140981复工〔2026〕0001号"


def test_a_new_year_on_beijing_time_starts_again_at_one(world, approve, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 31, 23, 0, tzinfo=BEIJING), tick=False)
    first = approve(submitted_application(other_unit(world, world.regions.ningwu)))
    # 2027-01-01 00:30 in Beijing is still 2026-12-31 in UTC.
    time_machine.move_to(dt.datetime(2027, 1, 1, 0, 30, tzinfo=BEIJING), tick=False)
    second = approve(submitted_application(other_unit(world, world.regions.ningwu)))
    assert first.notice_number == "140925复工〔2026〕0001号"
    assert second.notice_number == "140925复工〔2027〕0001号"


def test_notice_numbers_are_unique_in_the_database(world, approve):
    approve(submitted_application(other_unit(world, world.regions.ningwu)))
    numbers = list(Application.objects.values_list("notice_number", flat=True))
    assert len(numbers) == len(set(numbers))


def test_a_number_taken_meanwhile_is_skipped_for_the_next_one(world, approve, monkeypatch):
    """GIVEN another approval took 0001 between reading the last number and saving
    THEN this one gets 0002 instead of failing."""
    from fugong.resumption import services as module

    approve(submitted_application(other_unit(world, world.regions.ningwu)))
    real = module.next_notice_sequence
    answers = iter([1])
    monkeypatch.setattr(
        module,
        "next_notice_sequence",
        lambda county, year: next(answers, None) or real(county, year),
    )
    second = approve(submitted_application(other_unit(world, world.regions.ningwu)))
    assert second.notice_sequence == 2
