"""The permission matrix of the pages (DESIGN §5), generated from the URL resolver: every named
page × every role × an object inside and one outside its scope, as the page and as its htmx
partial.

A page that has no row here (nor a commented exemption) fails
``test_every_page_has_a_row``. The expected role sets are written out literally from DESIGN §2,
never imported from the code under test, so a view that forgets its permission or its scope,
or a declaration that drifts, fails here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fugong.accounts.services import device_token_create
from fugong.core.tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

EVERYONE = frozenset(PERSONAS)
ORG = EVERYONE - {"worker"}
TEAMS = ORG - {"checkpoint"}
PEOPLE = frozenset({"city", "county", "group", "manager", "health", "safety", "checkpoint"})
EDITORS = frozenset({"group", "manager"})
PEOPLE_EDITORS = frozenset({"group", "manager", "health"})
PII = frozenset({"manager", "health"})

# Which enterprises of the `world` fixture each persona's jurisdiction holds (DESIGN §2).
ENTERPRISES: dict[str, set[str]] = {
    "city": {"group", "qifeng", "yuanping_mine", "independent"},
    "county": {"qifeng", "independent"},
    "department": {"group", "qifeng", "yuanping_mine", "independent"},
    "liaison": {"independent"},
    "group": {"group", "qifeng", "yuanping_mine"},
    "manager": {"qifeng"},
    "health": {"qifeng"},
    "safety": {"qifeng"},
    "checkpoint": {"qifeng"},
    "worker": set(),
}


@dataclass(frozen=True)
class Page:
    """Who may open a page; for an object page, the world's objects to try and their kind."""

    allowed: frozenset[str]
    objects: tuple[str, ...] = ()
    kind: str = ""
    method: str = "get"
    # A page keyed by something other than a world object (an export's token): tried with a
    # value that does not exist, so an allowed role gets 404 and the others 403.
    missing_key: str = ""


PAGES: dict[str, Page] = {
    "home": Page(EVERYONE),
    "org:enterprise_list": Page(ORG),
    "org:enterprise_create": Page(frozenset({"group"})),
    "org:enterprise_detail": Page(ORG, ("qifeng", "independent", "group", "plant"), "enterprise"),
    # Officials keep the records of the enterprises of their region right (regulated fields too).
    "org:enterprise_edit": Page(
        EDITORS | {"city", "county"}, ("qifeng", "independent", "plant"), "enterprise"
    ),
    "org:place_list": Page(ORG),
    "org:place_create": Page(EDITORS),
    "org:place_detail": Page(ORG, ("checkpoint", "zone", "other_checkpoint"), "place"),
    "org:place_edit": Page(EDITORS, ("zone", "other_checkpoint"), "place"),
    "org:team_list": Page(TEAMS),
    "org:team_create": Page(EDITORS),
    "org:team_detail": Page(TEAMS, ("team", "other_team"), "team"),
    "org:team_edit": Page(EDITORS, ("team", "other_team"), "team"),
    "org:shift_list": Page(TEAMS),
    "org:shift_create": Page(EDITORS),
    "org:shift_detail": Page(TEAMS, ("night",), "shift"),
    "org:shift_edit": Page(EDITORS, ("night",), "shift"),
    "org:region_list": Page(frozenset({"city", "county", "department"})),
    # Search-as-you-type pickers answer within the scope, to the roles of the records' pages.
    "org:pick_enterprises": Page(ORG),
    "org:pick_places": Page(ORG),
    "org:pick_teams": Page(TEAMS),
    "people:pick_people": Page(PEOPLE),
    "people:person_list": Page(PEOPLE),
    "people:person_create": Page(PEOPLE_EDITORS),
    # A worker opens their own record; everyone else's is outside their scope (404).
    "people:person_detail": Page(
        PEOPLE | {"worker"},
        ("miner", "yuanping_miner", "independent_miner", "plant_worker"),
        "person",
    ),
    "people:person_edit": Page(
        PEOPLE_EDITORS, ("miner", "yuanping_miner", "plant_worker"), "person"
    ),
    "people:person_reveal": Page(PII, ("miner", "yuanping_miner"), "person", method="post"),
    # A checkpoint identifies people at its gate; it does not take the roster away.
    "people:person_export": Page(PEOPLE - {"checkpoint"}),
    "people:export_status": Page(PEOPLE - {"checkpoint"}, missing_key="no-such-export"),
    "people:export_download": Page(PEOPLE - {"checkpoint"}, missing_key="no-such-export"),
    "people:roster_import": Page(PEOPLE_EDITORS),
    "people:roster_confirm": Page(PEOPLE_EDITORS, method="post"),
    "people:roster_template": Page(PEOPLE_EDITORS),
    "people:finding_list": Page(PEOPLE_EDITORS | {"city", "county"}),
    "accounts:device_list": Page(EDITORS),
    "accounts:device_create": Page(EDITORS),
    "accounts:device_revoke": Page(EDITORS, ("device", "other_device"), "device", method="post"),
    "password_change": Page(EVERYONE),
    "password_change_done": Page(EVERYONE),
    "audit:pii_access_list": Page(frozenset({"city"})),
    "audit:change_list": Page(frozenset({"city"})),
    # --- epidemic: tracing (health officials trace; presence writers keep rosters, rooms) ---
    "epidemic:case_trace": Page(
        frozenset({"health", "city", "county"}), ("case", "other_case"), "case"
    ),
    "epidemic:cluster_list": Page(frozenset({"health", "city", "county"})),
    "epidemic:cluster_detail": Page(
        frozenset({"health", "city", "county"}), ("cluster", "other_cluster"), "cluster"
    ),
    "epidemic:roster_list": Page(frozenset({"health", "city", "county", "manager"})),
    "epidemic:roster_create": Page(frozenset({"health", "manager"})),
    "epidemic:night_list": Page(frozenset({"health", "city", "county", "manager"})),
    "epidemic:night_create": Page(frozenset({"health", "manager"})),
    "epidemic:night_import": Page(frozenset({"health", "manager"})),
    "epidemic:gathering_list": Page(frozenset({"health", "city", "county", "manager"})),
    "epidemic:gathering_create": Page(frozenset({"health", "manager"})),
}

# Named pages outside the matrix, each with the reason.
EXEMPT = {
    "login": "public: the login form",
    "logout": "ends any session; nothing to protect",
    "favicon": "public: redirects to the static icon",
    "healthz": "public liveness probe for the load balancer; says only 'ok' and the database kind",
    "set_language": "Django's language switch; stores a preference in the session",
    # Own-record page: reached through the user's own link, not a scope; tested below.
    "people:me": "own record or a no-record page; tested below",
}
# Namespaces with their own matrices or their own access rules.
EXEMPT_NAMESPACES = {
    "api": "the API has its matrix from the OpenAPI schema (test_api_matrix.py)",
    "admin": "Django admin: superusers only (is_staff), tested in accounts/tests",
}


def named_patterns(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace
            if namespace in EXEMPT_NAMESPACES:
                continue
            names |= named_patterns(entry, f"{prefix}{namespace}:" if namespace else prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{prefix}{entry.name}")
    return names


def test_every_page_has_a_row():
    names = named_patterns()
    missing = sorted(names - set(PAGES) - set(EXEMPT))
    stale = sorted((set(PAGES) | set(EXEMPT)) - names)
    assert not missing, f"pages without a row in the permission matrix: {missing}"
    assert not stale, f"rows for pages that no longer exist: {stale}"


@pytest.fixture
def matrix_world(world):
    """The world plus a device at 栖凤 and one at 原平 (for revoke)."""
    world.device, _ = device_token_create(
        actor=world.users.manager,
        enterprise=world.qifeng,
        name="栖凤门岗终端",
        places=[world.checkpoint],
    )
    world.other_device, _ = device_token_create(
        actor=world.users.group,
        enterprise=world.yuanping_mine,
        name="原平门岗终端",
        places=[world.other_checkpoint],
    )
    # Tracing: a case at 栖凤 and one at 原平 (cases are reached through their person), and a
    # cluster signal of each enterprise.
    from fugong.epidemic.models import Case, Cluster

    world.case = Case.objects.create(person=world.miner, classification="confirmed")
    world.other_case = Case.objects.create(person=world.yuanping_miner, classification="confirmed")
    now = world.miner.created_at
    world.cluster = Cluster.objects.create(enterprise=world.qifeng, detected_at=now)
    world.other_cluster = Cluster.objects.create(enterprise=world.yuanping_mine, detected_at=now)
    return world


def enterprise_attr(world, obj) -> str:
    for name in ("group", "qifeng", "yuanping_mine", "independent", "plant"):
        if getattr(world, name).pk == obj.enterprise_id:
            return name
    raise AssertionError(obj)


def in_scope(world, persona: str, kind: str, attr: str) -> bool:
    obj = getattr(world, attr)
    if kind == "enterprise":
        return attr in ENTERPRISES[persona]
    if kind == "place" and persona == "checkpoint":
        return attr == "checkpoint"  # an operator sees only the checkpoints assigned to them
    if kind == "case":
        obj = obj.person
    if kind in ("person", "case"):
        if persona == "worker":
            return attr == "miner"
        if persona in {"department", "liaison"}:
            return False
    return enterprise_attr(world, obj) in ENTERPRISES[persona]


def expected_status(world, persona: str, page: Page, attr: str | None) -> int:
    if persona not in page.allowed:
        return 403
    if page.missing_key:
        return 404
    if attr is None:
        return 200
    return 200 if in_scope(world, persona, page.kind, attr) else 404


def answer(client, page: Page, url: str, **headers) -> int:
    response = getattr(client, page.method)(url, **headers)
    # A successful POST may redirect back (device revoke): that is its 200.
    return 200 if page.method == "post" and response.status_code == 302 else response.status_code


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_answers_its_roles_and_scope(client, matrix_world, persona):
    client.force_login(getattr(matrix_world.users, persona))
    failures = []
    for url_name, page in PAGES.items():
        targets = page.objects or (None,)
        for attr in targets:
            args = [getattr(matrix_world, attr).pk] if attr else []
            url = reverse(url_name, args=[page.missing_key] if page.missing_key else args)
            expected = expected_status(matrix_world, persona, page, attr)
            status = answer(client, page, url)
            if status != expected:
                failures.append(f"{url_name}({attr or ''}): {status}, expected {expected}")
            if page.method == "get" and not attr and not page.missing_key:
                # The htmx partial of the same page answers the same.
                partial = answer(client, page, url, HTTP_HX_REQUEST="true")
                if partial != expected:
                    failures.append(f"{url_name} (htmx): {partial}, expected {expected}")
    assert not failures, failures


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_navigation_offers_exactly_the_pages_the_role_may_open(client, world, persona):
    from fugong.core.navigation import nav_for

    user = getattr(world.users, persona)
    offered = {item.url_name for item in nav_for(user)}
    for url_name in offered - {"home", "people:me"}:
        assert persona in PAGES[url_name].allowed, url_name
    listed = {name for name, page in PAGES.items() if name.endswith("_list")}
    for url_name in listed:
        if persona in PAGES[url_name].allowed:
            assert url_name in offered, url_name


def test_my_record_is_the_workers_own_and_a_no_record_page_for_others(client, world):
    client.force_login(world.users.worker)
    response = client.get(reverse("people:me"))
    assert response.status_code == 200
    assert world.miner.name in response.content.decode()
    client.force_login(world.users.city)
    response = client.get(reverse("people:me"))
    assert response.status_code == 200
    assert 'data-testid="person-me-none"' in response.content.decode()


def test_anonymous_visitors_are_sent_to_login_from_every_page(client, matrix_world):
    for url_name, page in PAGES.items():
        args = [getattr(matrix_world, page.objects[0]).pk] if page.objects else []
        args = [page.missing_key] if page.missing_key else args
        response = getattr(client, page.method)(reverse(url_name, args=args))
        assert response.status_code == 302, url_name
        assert response["Location"].startswith(reverse("login")), url_name


def test_an_inactive_account_opens_nothing(client, world):
    manager = world.users.manager
    manager.is_active = False
    manager.save()
    client.force_login(manager)
    assert client.get(reverse("org:enterprise_list")).status_code in (302, 403)
