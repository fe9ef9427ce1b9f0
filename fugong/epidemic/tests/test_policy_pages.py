"""The policy page: the version in force for everyone, new versions for city command."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.urls import reverse

from fugong.epidemic.models import Policy
from fugong.epidemic.selectors.policy import policy_in_force
from fugong.epidemic.services.policy import POLICY_FIELDS, policy_publish

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, tzinfo=BEIJING), tick=False)


def values(**changes):
    data = model_to_dict(Policy(effective_from=TODAY), fields=POLICY_FIELDS)
    data.update(changes)
    return data


def form_data(**changes):
    return {
        k: ("on" if v is True else "" if v in (False, None) else v)
        for k, v in values(**changes).items()
    }


def test_city_command_publishes_a_version_from_tomorrow(world):
    policy_publish(
        actor=world.users.city,
        **values(effective_from=TODAY + dt.timedelta(days=1), fever_threshold=Decimal("37.5")),
    )
    assert policy_in_force().pk is None  # not in force today: the defaults still apply
    assert policy_in_force(
        dt.datetime(2026, 3, 3, 0, 0, tzinfo=BEIJING)
    ).fever_threshold == Decimal("37.5")


@pytest.mark.parametrize(("days", "ok"), [(-1, False), (0, True), (1, True)])
def test_a_version_takes_effect_today_or_later(world, days, ok):
    data = values(effective_from=TODAY + dt.timedelta(days=days))
    if ok:
        assert policy_publish(actor=world.users.city, **data).pk
    else:
        with pytest.raises(ValidationError) as caught:
            policy_publish(actor=world.users.city, **data)
        assert "effective_from" in caught.value.message_dict


def test_a_version_in_force_is_never_edited_but_a_future_one_is_replaced(world):
    policy_publish(actor=world.users.city, **values(effective_from=TODAY))
    with pytest.raises(ValidationError) as caught:
        policy_publish(actor=world.users.city, **values(effective_from=TODAY, note="changed"))
    assert "never edited" in caught.value.message_dict["effective_from"][0]
    tomorrow = TODAY + dt.timedelta(days=1)
    policy_publish(actor=world.users.city, **values(effective_from=tomorrow, note="a"))
    policy_publish(actor=world.users.city, **values(effective_from=tomorrow, note="b"))
    assert Policy.objects.get(effective_from=tomorrow).note == "b"


def test_a_threshold_outside_the_plausible_range_names_the_field(world):
    with pytest.raises(ValidationError) as caught:
        policy_publish(actor=world.users.city, **values(fever_threshold=Decimal("43.5")))
    assert "fever_threshold" in caught.value.message_dict
    assert not Policy.objects.filter(effective_from=TODAY).exists()


def test_only_city_command_publishes(world):
    with pytest.raises(PermissionDenied):
        policy_publish(actor=world.users.health, **values())


def test_the_form_saves_a_version_and_shows_errors_by_field(client, world):
    client.force_login(world.users.city)
    url = reverse("epidemic:policy_create")
    response = client.post(url, form_data(temperature_min="40.0", temperature_max="39.0"))
    assert response.status_code == 200
    assert "The highest temperature must be above the lowest." in response.content.decode()
    response = client.post(url, form_data(effective_from="2026-03-05", note="新版"))
    assert response.status_code == 302
    assert Policy.objects.get(effective_from=dt.date(2026, 3, 5)).note == "新版"


def test_everyone_reads_the_policy_in_force_but_only_city_sees_the_history(client, world):
    policy_publish(actor=world.users.city, **values(note="第一版"))
    client.force_login(world.users.worker)
    page = client.get(reverse("epidemic:policy")).content.decode()
    assert "37.3" in page and 'data-testid="policy-history"' not in page
    client.force_login(world.users.city)
    page = client.get(reverse("epidemic:policy")).content.decode()
    assert "第一版" in page


def test_the_pages_speak_chinese_by_default(client, world, chinese):
    client.force_login(world.users.checkpoint)
    page = client.get(reverse("epidemic:checkpoint_screen", args=[world.checkpoint.pk]))
    assert "症状" in page.content.decode() and "复测" in page.content.decode()
    client.force_login(world.users.city)
    assert "防控策略" in client.get(reverse("epidemic:policy")).content.decode()
    assert "风险地区" in client.get(reverse("epidemic:riskarea_list")).content.decode()


def test_publishing_a_version_and_grading_an_area_are_audited_with_the_actor(client, world):
    from auditlog.models import LogEntry

    client.force_login(world.users.city)
    client.post(reverse("epidemic:policy_create"), form_data(effective_from="2026-03-06"))
    client.post(
        reverse("epidemic:riskarea_create"),
        {"region": "140925", "level": "high", "valid_from": "2026-03-02"},
    )
    for model in ("policy", "riskarea"):
        entry = LogEntry.objects.filter(content_type__model=model).latest("timestamp")
        assert entry.actor == world.users.city
