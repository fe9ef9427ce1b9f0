"""manage.py demo_world: the demo data set, its validity, its logins and their scopes."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F
from django.test import override_settings
from django.utils import translation

from fugong.accounts.models import DeviceToken, User
from fugong.accounts.selectors import device_for_token
from fugong.core.roles import Role
from fugong.core.validators import validate_id_number, validate_phone, validate_uscc
from fugong.demo import data
from fugong.demo.world import remove_demo_reference_data, reset_world
from fugong.org.models import Enterprise, EnterpriseKind, Place, PlaceKind, Region, Shift, Team
from fugong.oversight.models import Pairing
from fugong.people.models import Person, PersonCategory, PersonStatus

pytestmark = pytest.mark.django_db

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MODELS = (Region, Enterprise, Place, Team, Shift, Person, User, Pairing, DeviceToken)


def run(*args: str) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("demo_world", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, without_world):
    """The demo world, built once for this module (the build takes a few seconds) and
    committed; each test runs in its own transaction on top of it, and it is deleted after.
    The test world, whose names it shares, is not there meanwhile."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        output = run()
    yield output
    with django_db_blocker.unblock():
        reset_world()
        remove_demo_reference_data()


def user(username: str) -> User:
    return User.objects.get(username=username)


def names(queryset) -> set[str]:
    return set(queryset.values_list("name", flat=True))


def test_it_builds_the_14_counties_of_xinzhou(demo):
    counties = Region.objects.filter(parent__code=data.XINZHOU_CODE)
    assert set(counties.values_list("code", flat=True)) == {c for c, _ in data.XINZHOU_COUNTIES}
    assert counties.count() == 14
    assert Region.objects.filter(code="140108", parent__code="140100").exists()


def test_it_builds_the_group_with_five_active_mines_among_its_members(demo):
    group = Enterprise.objects.get(name=data.GROUP_NAME, kind=EnterpriseKind.GROUP)
    mines = Enterprise.objects.filter(parent=group)
    assert mines.count() >= 6
    assert mines.filter(status="active").count() == 5
    assert mines.filter(name="宁武栖凤煤矿", status="active").exists()
    for mine in mines:
        assert mine.kind == EnterpriseKind.COAL_MINE
        capacity = mine.rated_capacity
        assert capacity is not None
        assert Decimal("90") <= capacity <= Decimal("300")  # 万吨/年
        expected = (capacity * 10_000 / Decimal(330)).quantize(Decimal("0.01"))
        assert mine.normal_daily_output == expected
        assert mine.output_unit == "t_raw_coal"
        assert 400 <= mine.normal_headcount <= 900


def test_it_builds_the_three_customers_of_the_story(demo):
    customers = {e.name: e for e in Enterprise.objects.select_related("region")}
    assert customers["忻州广宇煤电有限公司"].kind == EnterpriseKind.POWER_PLANT
    aluminium = customers["国家电投集团山西铝业有限公司"]
    assert (aluminium.kind, aluminium.industry, aluminium.region.name) == (
        "other",
        "metal_smelting",
        "原平市",
    )
    heating = customers["大唐太原第二热电厂"]
    assert (heating.kind, heating.region.code) == (EnterpriseKind.HEATING_PLANT, "140108")


def test_every_identifier_is_valid_and_unique(demo):
    for code in Enterprise.objects.values_list("credit_code", flat=True):
        validate_uscc(code)
    rows = list(Person.objects.values_list("id_number", "phone", "home_region__code"))
    for id_number, phone, home in rows:
        validate_id_number(id_number)
        validate_phone(phone)
        assert id_number[:6] == home
        assert 1965 <= int(id_number[6:10]) <= 2002
    assert len({r[0] for r in rows}) == len(rows)
    assert len({r[1] for r in rows}) == len(rows)


def test_it_builds_about_5000_people_with_a_fifth_contractors(demo):
    people = Person.objects.all()
    assert 4500 <= people.count() <= 5500
    contractors = people.filter(category=PersonCategory.CONTRACTOR).count()
    assert 0.15 <= contractors / people.count() <= 0.25
    assert people.filter(category=PersonCategory.VISITOR).exists()
    assert people.filter(status=PersonStatus.LEFT).exists()
    migrants = people.filter(category=PersonCategory.CONTRACTOR).exclude(
        home_region__code__startswith="14"
    )
    assert migrants.count() > contractors / 2
    in_group = people.filter(enterprise__parent__name=data.GROUP_NAME)
    assert in_group.count() > people.count() / 2


def test_people_fit_their_teams_dormitories_and_the_underground_rule(demo):
    people = Person.objects.all()
    assert not people.exclude(team=None).exclude(team__enterprise=F("enterprise")).exists()
    assert (
        not people.exclude(dormitory=None).exclude(dormitory__enterprise=F("enterprise")).exists()
    )
    assert (
        not people.exclude(dormitory=None)
        .exclude(dormitory__kind=PlaceKind.DORMITORY_ROOM)
        .exists()
    )
    active_contractors_in_mines = people.filter(
        category=PersonCategory.CONTRACTOR,
        status=PersonStatus.ACTIVE,
        enterprise__parent__name=data.GROUP_NAME,
    )
    assert not active_contractors_in_mines.filter(dormitory=None).exists()
    rooms = Place.objects.filter(kind=PlaceKind.DORMITORY_ROOM).annotate(n=Count("residents"))
    assert not rooms.filter(n__gt=F("capacity")).exists()
    # GB 11643: the 17th digit is even for women, who do not work underground.
    for id_number in people.filter(team__is_underground=True).values_list("id_number", flat=True):
        assert int(id_number[16]) % 2 == 1


def test_each_group_mine_has_its_places_teams_and_three_shifts(demo):
    for mine in Enterprise.objects.filter(parent__name=data.GROUP_NAME):
        places = Place.objects.filter(enterprise=mine)
        assert names(places.filter(kind=PlaceKind.CHECKPOINT)) == {"矿门岗", "井口检测点"}
        faces = places.filter(kind=PlaceKind.WORKING_FACE)
        assert 2 <= faces.count() <= 3
        assert not places.filter(
            kind__in=["underground_zone", "working_face"], headcount_limit=None
        )
        buses = places.filter(kind=PlaceKind.VEHICLE)
        assert buses.count() == 2
        assert all(re.fullmatch(r"晋H·[A-Z]\d{4}", b.code) for b in buses)
        for kind in ("dormitory_room", "canteen", "meeting_room", "office", "underground_zone"):
            assert places.filter(kind=kind).exists(), kind
        assert names(Team.objects.filter(enterprise=mine)) == {t for t, _, _ in data.MINE_TEAMS}
        assert Team.objects.filter(enterprise=mine, leader=None).count() == 0
        night = Shift.objects.get(enterprise=mine, name="夜班")
        assert night.crosses_midnight
        start, end = night.occurrence(dt.date(2020, 2, 29))
        assert (start.hour, end.date(), end.hour) == (23, dt.date(2020, 3, 1), 7)
        assert Shift.objects.filter(enterprise=mine).count() == 3
    others = Enterprise.objects.filter(parent=None)
    assert not others.exclude(places__kind=PlaceKind.OFFICE).exists()
    assert not others.exclude(places__kind=PlaceKind.CHECKPOINT).exists()


def test_it_makes_a_login_for_every_role_and_every_department_with_the_demo_password(demo):
    users = User.objects.all()
    assert set(users.values_list("username", flat=True)) == set(data.DEMO_USERNAMES)
    for role in Role:
        if role not in (Role.DEVICE, Role.DEPARTMENT_OFFICER):
            assert users.filter(role=role).count() == 1, role
    # One officer per department that reviews applications and answers tickets.
    departments = users.filter(role=Role.DEPARTMENT_OFFICER).values_list("department", flat=True)
    assert sorted(departments) == ["emergency", "energy", "health"]
    assert user("admin").is_superuser
    assert all(u.check_password(data.DEMO_PASSWORD) for u in users)
    device = device_for_token(data.DEMO_DEVICE_TOKEN)
    assert device is not None
    assert names(Place.objects.restrict(device)) == {"矿门岗"}
    assert "demo-checkpoint-token-qifeng" in demo


def test_each_login_sees_its_own_jurisdiction(demo):
    city = Enterprise.objects.restrict(user("city")).select_related("region")
    assert {e.region.parent.code for e in city if e.region.parent} == {data.XINZHOU_CODE}
    assert len({e.region.code for e in city}) == 14
    assert city.count() == Enterprise.objects.filter(region__code__startswith="1409").count()
    assert "大唐太原第二热电厂" not in names(city)

    ningwu = Enterprise.objects.restrict(user("ningwu"))
    assert set(ningwu.values_list("region__code", flat=True)) == {"140925"}
    assert ningwu.count() == Enterprise.objects.filter(region__code="140925").count()

    group = Enterprise.objects.get(name=data.GROUP_NAME)
    expected = {group.name} | names(group.members.all())
    assert names(Enterprise.objects.restrict(user("shenda"))) == expected

    assert names(Enterprise.objects.restrict(user("leader"))) == {
        "宁武栖凤煤矿",
        "国家电投集团山西铝业有限公司",
    }
    assert names(Place.objects.restrict(user("qifeng_gate"))) == {"矿门岗"}
    miner = user("miner")
    assert miner.person is not None
    assert list(Person.objects.restrict(miner)) == [miner.person]
    assert miner.person.enterprise.name == "宁武栖凤煤矿"


def test_running_it_again_changes_nothing(demo):
    before = counts()
    assert "already exists" in run()
    assert counts() == before


def test_reset_rebuilds_the_same_world(demo):
    before = counts()
    ids = set(Person.objects.values_list("id_number", flat=True))
    output = run("--reset")
    assert "Deleted the previous demo world" in output
    assert counts() == before
    assert set(Person.objects.values_list("id_number", flat=True)) == ids


def test_demo_world_refuses_to_run_in_production(db, settings):
    from django.core.management.base import CommandError

    def rows() -> dict[str, list[int]]:
        """Every row by id: a --reset that deleted and rebuilt would change them."""
        return {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in MODELS}

    before = rows()
    settings.PRODUCTION = True
    for args in ((), ("--reset",)):
        with pytest.raises(CommandError, match="FUGONG_ENV=production"):
            call_command("demo_world", *args, stdout=StringIO())
    assert rows() == before


def test_demo_world_exits_non_zero_in_production():
    """The real command line: FUGONG_ENV=production stops it before it touches the database."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "FUGONG_ENV": "production", "SECRET_KEY": "x" * 50}
    env["DATABASE_URL"] = "sqlite:////nonexistent-dir/never-created.sqlite3"
    result = subprocess.run(
        [sys.executable, "manage.py", "demo_world"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "FUGONG_ENV=production" in result.stderr
