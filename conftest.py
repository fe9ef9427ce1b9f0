"""Shared fixtures: a small world with one named persona per role.

忻州市 (1409) with 宁武县 and 原平市; 太原市 outside it. A group 神达 with two member mines
(栖凤 in 宁武, 原平矿 in 原平), an independent mine in 宁武 paired with the liaison leader, and a
heating plant in 太原 that no 忻州 official may see.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import override_settings
from django.utils import translation

from fugong.accounts.tests.factories import UserFactory
from fugong.core.roles import Role
from fugong.core.tests.saved_world import SavedWorld
from fugong.org.models import EnterpriseKind, Industry, PlaceKind, RegionLevel
from fugong.org.tests.factories import (
    EnterpriseFactory,
    PlaceFactory,
    RegionFactory,
    ShiftFactory,
    TeamFactory,
)
from fugong.oversight.models import Pairing
from fugong.people.tests.factories import PersonFactory

PASSWORD = "fugong-test-pass"
ENGLISH_AND_FAST = {
    "LANGUAGE_CODE": "en",
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "AXES_ENABLED": False,
}


@pytest.fixture(autouse=True)
def _english_and_fast(settings):  # noqa: PT004
    """Tests read English messages; the tests of the Chinese default ask for it (`chinese`)."""
    for name, value in ENGLISH_AND_FAST.items():
        setattr(settings, name, value)
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _huey_queue_in_memory():  # noqa: PT004
    """A task a test enqueues waits in an empty in-memory queue of its own and does not run.

    The queue object was built when the settings loaded (an in-memory Huey under FUGONG_ENV=test,
    the SQLite file of VAR_DIR under a bare `pytest`): swap its storage so that nothing a test
    enqueues reaches a queue a running consumer reads, nor the next test."""
    from huey.contrib.djhuey import HUEY
    from huey.storage import MemoryStorage

    HUEY.immediate = False  # even when HUEY_IMMEDIATE is set: tests ask with `huey_immediate`
    storage, HUEY.storage = HUEY.storage, MemoryStorage(HUEY.name)
    yield
    HUEY.immediate = False
    HUEY.storage = storage


@pytest.fixture
def huey_immediate():
    """Huey's immediate mode: an enqueued task runs inside the call, as the tests of tasks and
    background exports need; yields the queue object."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True  # switches to a fresh in-memory storage of immediate mode
    yield HUEY
    # _huey_queue_in_memory puts the real storage back after this.


@pytest.fixture(autouse=True)
def _private_cache(settings):  # noqa: PT004
    """Each test starts with an empty cache of its own process (throttle counts do not leak
    between tests, nor between xdist workers as they would through the shared file cache)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fugong-tests",
        }
    }
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def chinese(settings):
    """The product default: zh-Hans pages for a browser that states no preference."""
    settings.LANGUAGE_CODE = "zh-hans"
    with translation.override("zh-hans"):
        yield


# The world's rows are written once per test database (per xdist worker) and each test gets
# fresh instances of them (fugong/core/tests/saved_world.py). The setup hook builds them again
# before a test that uses the world when a transactional test (live_server) or `without_world`
# emptied the tables since.
_saved_worlds: list[SavedWorld] = []


@pytest.fixture(scope="session")
def _saved_world(request, django_db_setup, django_db_blocker):
    def build_as_tests_do() -> SimpleNamespace:
        # The settings of the autouse fixtures, which are function-scoped (MD5 for the logins).
        private_cache = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        with (
            override_settings(**ENGLISH_AND_FAST, CACHES=private_cache),
            translation.override("en"),
        ):
            return world_build()

    saved = SavedWorld(build=build_as_tests_do, unblocked=django_db_blocker.unblock)
    saved.ensure()  # a session fixture is set up before any test's transaction begins
    _saved_worlds.append(saved)
    yield saved
    _saved_worlds.remove(saved)
    if request.config.getoption("reuse_db"):
        saved.remove()  # a kept database starts the next session empty


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    if "_saved_world" in item.fixturenames:  # type: ignore[attr-defined]  # `world` uses it
        for saved in _saved_worlds:
            saved.ensure()
    return (yield)


@pytest.fixture
def world(db, _saved_world):
    """The world as fresh Python objects over rows that every test's rollback leaves intact."""
    return _saved_world.instances()


@pytest.fixture(scope="module")
def without_world(django_db_setup):  # noqa: PT004
    """For a module whose tests need tables without the world's rows (the demo and bench data
    sets use the same names and ids): they are deleted before its first test, if this worker
    built them, and built again before the next test that uses them."""
    for saved in _saved_worlds:
        saved.remove()


def world_build() -> SimpleNamespace:
    """The rows of the world (see the module docstring), and the objects by name."""
    shanxi = RegionFactory(code="140000", name="山西省", level=RegionLevel.PROVINCE)
    xinzhou = RegionFactory(code="140900", name="忻州市", level=RegionLevel.CITY, parent=shanxi)
    xinfu = RegionFactory(code="140902", name="忻府区", level=RegionLevel.COUNTY, parent=xinzhou)
    ningwu = RegionFactory(code="140925", name="宁武县", level=RegionLevel.COUNTY, parent=xinzhou)
    yuanping = RegionFactory(code="140981", name="原平市", level=RegionLevel.COUNTY, parent=xinzhou)
    taiyuan = RegionFactory(code="140100", name="太原市", level=RegionLevel.CITY, parent=shanxi)
    jiancaoping = RegionFactory(
        code="140108", name="尖草坪区", level=RegionLevel.COUNTY, parent=taiyuan
    )

    group = EnterpriseFactory(
        name="忻州神达能源集团", kind=EnterpriseKind.GROUP, region=xinfu, normal_headcount=0
    )
    qifeng = EnterpriseFactory(name="宁武栖凤煤矿", region=ningwu, parent=group)
    yuanping_mine = EnterpriseFactory(name="原平神达煤矿", region=yuanping, parent=group)
    independent = EnterpriseFactory(name="宁武独立煤矿", region=ningwu)
    plant = EnterpriseFactory(
        name="大唐太原第二热电厂",
        kind=EnterpriseKind.HEATING_PLANT,
        industry=Industry.POWER_HEAT,
        region=jiancaoping,
    )

    checkpoint = PlaceFactory(enterprise=qifeng, name="栖凤矿门岗", kind=PlaceKind.CHECKPOINT)
    other_checkpoint = PlaceFactory(
        enterprise=yuanping_mine, name="原平矿门岗", kind=PlaceKind.CHECKPOINT
    )
    dorm = PlaceFactory(enterprise=qifeng, name="1号楼101", kind=PlaceKind.DORMITORY_ROOM)
    zone = PlaceFactory(
        enterprise=qifeng, name="8101综采工作面", kind=PlaceKind.WORKING_FACE, headcount_limit=40
    )
    team = TeamFactory(enterprise=qifeng, name="综采一队")
    night = ShiftFactory(enterprise=qifeng, name="夜班")
    other_team = TeamFactory(enterprise=yuanping_mine, name="掘进二队")

    miner = PersonFactory(name="张三", enterprise=qifeng, team=team, dormitory=dorm)
    colleague = PersonFactory(name="李四", enterprise=qifeng, team=team)
    yuanping_miner = PersonFactory(name="王五", enterprise=yuanping_mine)
    independent_miner = PersonFactory(name="赵六", enterprise=independent)
    plant_worker = PersonFactory(name="钱七", enterprise=plant)

    def user(username: str, role: str, **kwargs):
        return UserFactory(username=username, role=role, **kwargs)

    users = SimpleNamespace(
        city=user("city", Role.CITY_COMMAND, region=xinzhou),
        county=user("ningwu", Role.COUNTY_OFFICER, region=ningwu),
        department=user("dept", Role.DEPARTMENT_OFFICER, region=xinzhou, department="energy"),
        liaison=user("leader", Role.LIAISON_LEADER),
        group=user("group", Role.GROUP_ADMIN, enterprise=group),
        manager=user("manager", Role.ENTERPRISE_MANAGER, enterprise=qifeng),
        health=user("health", Role.HEALTH_OFFICER, enterprise=qifeng),
        safety=user("safety", Role.SAFETY_OFFICER, enterprise=qifeng),
        checkpoint=user("gate", Role.CHECKPOINT_OPERATOR, checkpoints=[checkpoint]),
        worker=user("miner", Role.WORKER, person=miner),
    )
    Pairing.objects.create(
        leader=users.liaison,
        enterprise=independent,  # type: ignore[misc]  # a factory call returns the model
        starts_on=dt.date(2020, 1, 1),
    )
    return SimpleNamespace(
        regions=SimpleNamespace(
            shanxi=shanxi,
            xinzhou=xinzhou,
            xinfu=xinfu,
            ningwu=ningwu,
            yuanping=yuanping,
            taiyuan=taiyuan,
            jiancaoping=jiancaoping,
        ),
        group=group,
        qifeng=qifeng,
        yuanping_mine=yuanping_mine,
        independent=independent,
        plant=plant,
        checkpoint=checkpoint,
        other_checkpoint=other_checkpoint,
        dorm=dorm,
        zone=zone,
        team=team,
        other_team=other_team,
        night=night,
        miner=miner,
        colleague=colleague,
        yuanping_miner=yuanping_miner,
        independent_miner=independent_miner,
        plant_worker=plant_worker,
        users=users,
    )
