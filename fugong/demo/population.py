"""The demo world's people and logins."""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from django.contrib.auth.hashers import make_password

from fugong.accounts.models import DeviceToken, User, hash_token
from fugong.core.roles import Role
from fugong.demo import data, generators
from fugong.org.models import Enterprise, EnterpriseKind, EnterpriseStatus, Team
from fugong.oversight.models import Pairing
from fugong.people.models import Person, PersonCategory, PersonStatus

if TYPE_CHECKING:
    from fugong.demo.world import World

GROUP_HQ_PEOPLE = 60
# Share of a group mine's normal headcount on its roster (a suspended mine keeps fewer).
ROSTER_SHARE = {EnterpriseStatus.ACTIVE: 0.8, EnterpriseStatus.SUSPENDED: 0.7}
VISITOR_SHARE = 0.01
LEFT_SHARE = 0.02
XINZHOU_COUNTIES = [code for code, _ in data.XINZHOU_COUNTIES]


def _allocation(world: World, total: int) -> dict[str, int]:
    """How many people each enterprise gets: most in the group's mines, the rest spread over
    the other enterprises in proportion to their normal headcount (largest remainders)."""
    rosters = {
        mine.name: mine.normal_headcount * ROSTER_SHARE[EnterpriseStatus(mine.status)]
        for mine in world.group_mines
    }
    # A smaller world keeps the proportions: the mines never take more than 3/4 of it.
    scale = min(1.0, total * 0.75 / sum(rosters.values()))
    counts = {name: round(roster * scale) for name, roster in rosters.items()}
    counts[data.GROUP_NAME] = min(GROUP_HQ_PEOPLE, total // 50)
    rest = [e for e in world.enterprises.values() if e.name not in counts]
    left = total - sum(counts.values())
    weight = sum(e.normal_headcount for e in rest)
    exact = {e.name: left * e.normal_headcount / weight for e in rest}
    counts.update({name: int(share) for name, share in exact.items()})
    shortfall = total - sum(counts.values())
    for name in sorted(exact, key=lambda n: exact[n] - int(exact[n]), reverse=True)[:shortfall]:
        counts[name] += 1
    return counts


def _category(rng: random.Random, enterprise: Enterprise) -> str:
    if enterprise.kind == EnterpriseKind.COAL_MINE:
        contractors = 0.24
    elif enterprise.industry == "construction":
        contractors = 0.45
    else:
        contractors = 0.08
    draw = rng.random()
    if draw < VISITOR_SHARE:
        return PersonCategory.VISITOR
    return (
        PersonCategory.CONTRACTOR if draw < VISITOR_SHARE + contractors else PersonCategory.EMPLOYEE
    )


def _home(rng: random.Random, category: str, county: str) -> str:
    """Home county: migrant workers mostly from other provinces, employees mostly local."""
    if category == PersonCategory.CONTRACTOR:
        if rng.random() < 0.65:
            return generators.weighted(rng, data.MIGRANT_HOMES)
        return rng.choice(XINZHOU_COUNTIES)
    if category == PersonCategory.VISITOR:
        return rng.choice([code for code, _, _ in data.COUNTIES])
    draw = rng.random()
    if draw < 0.70:
        return county
    return rng.choice(XINZHOU_COUNTIES) if draw < 0.97 else data.TAIYUAN_JIANCAOPING


def _people_of(world: World, enterprise: Enterprise, count: int, used: dict) -> list[Person]:
    rng = world.rng
    people = []
    for _ in range(count):
        category = _category(rng, enterprise)
        team = None
        if category != PersonCategory.VISITOR:
            team = generators.weighted(rng, world.teams[enterprise.pk])
        # Women do not work underground (law): only men in underground teams.
        share_of_men = 0.7 if enterprise.kind == EnterpriseKind.COAL_MINE else 0.75
        male = bool(team and team.is_underground) or rng.random() < share_of_men
        home = _home(rng, category, enterprise.region.code)
        gone = category != PersonCategory.VISITOR and rng.random() < LEFT_SHARE
        people.append(
            Person(
                name=generators.person_name(rng, male=male),
                id_number=generators.id_number(rng, region_code=home, male=male, used=used["id"]),
                phone=generators.phone(rng, used=used["phone"]),
                enterprise=enterprise,
                team=team,
                category=category,
                home_region=world.regions[home],
                status=PersonStatus.LEFT if gone else PersonStatus.ACTIVE,
            )
        )
    _assign_dormitories(world, enterprise, people)
    return people


def _assign_dormitories(world: World, enterprise: Enterprise, people: list[Person]) -> None:
    """Contractors first, then half of the employees from other counties, team by team, so
    that a room holds workmates; nobody is put in a full room."""
    rooms = world.dorms.get(enterprise.pk, [])
    county = enterprise.region.code
    residents = [
        p
        for p in people
        if p.status == PersonStatus.ACTIVE
        and (
            p.category == PersonCategory.CONTRACTOR
            or (
                p.category == PersonCategory.EMPLOYEE
                and p.home_region is not None
                and p.home_region.code != county
                and world.rng.random() < 0.5
            )
        )
    ]
    residents.sort(
        key=lambda p: (p.category != PersonCategory.CONTRACTOR, p.team.name if p.team else "~")
    )
    beds = [room for room in rooms for _ in range(room.capacity or data.DORM_BEDS)]
    for person, room in zip(residents, beds, strict=False):
        person.dormitory = room


def build_people(world: World, *, total: int = data.TOTAL_PEOPLE) -> None:
    """About ``total`` people with unique valid ID numbers and phones, teams and dormitories;
    each team's first active male employee leads it."""
    used: dict[str, set[str]] = {"id": set(), "phone": set()}
    people: list[Person] = []
    for name, count in _allocation(world, total).items():
        people += _people_of(world, world.enterprises[name], count, used)
    world.people = world.save(Person, people)

    leaders: dict[int, Person] = {}
    for person in people:
        team = person.team
        if (
            team is not None
            and team.pk not in leaders
            and person.category == PersonCategory.EMPLOYEE
            and person.status == PersonStatus.ACTIVE
            and int(person.id_number[16]) % 2
        ):
            leaders[team.pk] = person
    teams = [team for _, shares in world.teams.items() for team, _ in shares if team is not None]
    for team in teams:
        team.leader = leaders.get(team.pk)
    Team.objects.bulk_update(teams, ["leader"], batch_size=1000)

    qifeng = world.enterprises[data.QIFENG_NAME]
    world.miner = next(
        p
        for p in people
        if p.enterprise_id == qifeng.pk
        and p.team is not None
        and p.team.name == data.MINE_TEAMS[0][0]
        and p.status == PersonStatus.ACTIVE
        and p.category == PersonCategory.EMPLOYEE
        and leaders.get(p.team.pk) is not p
    )


def _logins(world: World) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(username, role, display name, jurisdiction) of every demo login."""
    xinzhou, ningwu = world.regions[data.XINZHOU_CODE], world.regions["140925"]
    group, qifeng = world.enterprises[data.GROUP_NAME], world.enterprises[data.QIFENG_NAME]
    miner = world.miner
    assert miner is not None
    at_qifeng = {"enterprise": qifeng}
    return [
        ("admin", "", "系统管理员", {"is_superuser": True, "is_staff": True}),
        ("city", Role.CITY_COMMAND, "市指挥部 王主任", {"region": xinzhou}),
        ("ningwu", Role.COUNTY_OFFICER, "宁武县指挥部 李科长", {"region": ningwu}),
        (
            "dept_energy",
            Role.DEPARTMENT_OFFICER,
            "市能源局 赵科长",
            {"region": xinzhou, "department": "energy"},
        ),
        # The other reviewers of a mine's application: health and emergency management (the
        # regulator that accepts a mine stopped 30 days or more).
        (
            "dept_health",
            Role.DEPARTMENT_OFFICER,
            "市卫健委 钱科长",
            {"region": xinzhou, "department": "health"},
        ),
        (
            "dept_emergency",
            Role.DEPARTMENT_OFFICER,
            "市应急管理局 冯科长",
            {"region": xinzhou, "department": "emergency"},
        ),
        ("leader", Role.LIAISON_LEADER, "包联领导 刘副市长", {}),
        ("shenda", Role.GROUP_ADMIN, "神达集团调度中心 陈主任", {"enterprise": group}),
        ("qifeng", Role.ENTERPRISE_MANAGER, "栖凤煤矿 孙矿长", at_qifeng),
        ("qifeng_health", Role.HEALTH_OFFICER, "栖凤煤矿防疫专员 周医生", at_qifeng),
        ("qifeng_safety", Role.SAFETY_OFFICER, "栖凤煤矿安监员 吴工", at_qifeng),
        ("qifeng_gate", Role.CHECKPOINT_OPERATOR, "栖凤矿门岗 郑师傅", at_qifeng),
        ("miner", Role.WORKER, f"综采一队 {miner.name}", {**at_qifeng, "person": miner}),
    ]


def build_users(world: World) -> None:
    """One login per role (password hashed once for all), the leader's pairings and the
    checkpoint terminal's token. A username that already exists is left as it is."""
    password = make_password(data.DEMO_PASSWORD)
    taken = set(
        User.objects.filter(username__in=data.DEMO_USERNAMES).values_list("username", flat=True)
    )
    users = {}
    for username, role, display_name, fields in _logins(world):
        world.logins.append((username, role or "superuser", display_name))
        if username not in taken:
            users[username] = User(
                username=username, password=password, role=role, display_name=display_name, **fields
            )
    world.save(User, list(users.values()))

    qifeng = world.enterprises[data.QIFENG_NAME]
    gate = world.places[(qifeng.pk, "矿门岗")]
    if "qifeng_gate" in users:
        users["qifeng_gate"].checkpoints.add(gate)
    if "leader" in users:
        paired = [qifeng, world.enterprises[data.CUSTOMERS[1][0]]]
        world.save(
            Pairing,
            [
                Pairing(leader=users["leader"], enterprise=e, starts_on=dt.date(2020, 1, 1))
                for e in paired
            ],
        )
    token_hash = hash_token(data.DEMO_DEVICE_TOKEN)
    # The demo token is fixed so that the README can show it; a stale copy is replaced.
    DeviceToken.objects.filter(token_hash=token_hash).delete()
    device = DeviceToken(
        name=data.DEMO_DEVICE_NAME,
        enterprise=qifeng,
        token_hash=token_hash,
        token_prefix=data.DEMO_DEVICE_TOKEN[:8],
        created_by=users.get("qifeng"),
    )
    world.save(DeviceToken, [device])
    device.places.add(gate)
