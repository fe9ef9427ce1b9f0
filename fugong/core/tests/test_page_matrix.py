"""The permission matrix of the pages (DESIGN §5), generated from the URL resolver: every named
page × every role × an object inside and one outside its scope, as the page and as its htmx
partial.

A page that has no row here (nor a commented exemption) fails
``test_every_page_has_a_row``. The expected role sets are written out literally from DESIGN §2,
never imported from the code under test, so a view that forgets its permission or its scope,
or a declaration that drifts, fails here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fugong.accounts.services import device_token_create
from fugong.core.tests.personas import PERSONAS
from fugong.resumption.tests.world import add_resumption_objects

pytestmark = pytest.mark.django_db

EVERYONE = frozenset(PERSONAS)
ORG = EVERYONE - {"worker"}
TEAMS = ORG - {"checkpoint"}
PEOPLE = frozenset({"city", "county", "group", "manager", "health", "safety", "checkpoint"})
EDITORS = frozenset({"group", "manager"})
PEOPLE_EDITORS = frozenset({"group", "manager", "health"})
PII = frozenset({"manager", "health"})
# Epidemic (DESIGN §2): person-level health records, who may not work today, counts.
HEALTH_READ = frozenset({"health", "city", "county", "worker"})
HEALTH_OFFICIALS = frozenset({"health", "city", "county"})
HEALTH_EDIT = frozenset({"health"})
PROHIBITION = frozenset({"manager", "group", "safety", "health", "city", "county"})
COUNTS = frozenset({"city", "county", "department", "liaison", "group", "manager", "health",
                    "safety"})  # fmt: skip
APPLICATIONS = frozenset({"city", "county", "department", "liaison", "group", "manager"})
REVIEWERS = frozenset({"county", "department"})
REPORTS = frozenset(
    {"city", "county", "department", "liaison", "group", "manager", "health", "safety"}
)

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
    # Regions are public reference data: every role with a region field in its forms (a
    # worker's check-in included) searches them all.
    "org:pick_regions": Page(EVERYONE),
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
    # --- epidemic: observation area ---
    "epidemic:case_list": Page(HEALTH_READ),
    "epidemic:case_create": Page(HEALTH_EDIT),
    "epidemic:case_detail": Page(HEALTH_READ, ("case", "other_case"), "health"),
    "epidemic:case_edit": Page(HEALTH_EDIT, ("case", "other_case"), "health"),
    "epidemic:case_test_add": Page(HEALTH_EDIT, ("case", "other_case"), "health", "post"),
    "epidemic:case_isolate": Page(HEALTH_EDIT, ("case", "other_case"), "health", "post"),
    "epidemic:observation_list": Page(HEALTH_READ),
    "epidemic:observation_open": Page(HEALTH_EDIT),
    "epidemic:observation_detail": Page(
        HEALTH_READ, ("observation", "other_observation"), "health"
    ),
    "epidemic:follow_up_add": Page(
        HEALTH_EDIT, ("observation", "other_observation"), "health", "post"
    ),
    "epidemic:observation_release": Page(
        HEALTH_EDIT, ("observation", "other_observation"), "health", "post"
    ),
    "epidemic:prohibition_list": Page(PROHIBITION),
    "epidemic:alert_list": Page(HEALTH_OFFICIALS),
    "epidemic:alert_badge": Page(HEALTH_OFFICIALS),
    "epidemic:alert_acknowledge": Page(HEALTH_OFFICIALS, ("alert", "other_alert"), "alert", "post"),
    "epidemic:command": Page(COUNTS),
    # Resumption (DESIGN §3.4): the enterprise files, the county and departments review.
    "resumption:application_list": Page(APPLICATIONS),
    "resumption:application_create": Page(EDITORS),
    "resumption:application_detail": Page(
        APPLICATIONS, ("application", "independent_application"), "application"
    ),
    "resumption:application_edit": Page(
        EDITORS, ("application", "independent_application"), "application"
    ),
    "resumption:application_attach": Page(
        EDITORS, ("application", "independent_application"), "application"
    ),
    "resumption:application_submit": Page(
        EDITORS, ("application", "independent_application"), "application", method="post"
    ),
    "resumption:plan_download": Page(
        APPLICATIONS, ("application", "independent_application"), "application"
    ),
    "resumption:attachment_download": Page(
        APPLICATIONS, ("attachment", "independent_attachment"), "attachment"
    ),
    "resumption:application_decide": Page(
        REVIEWERS, ("application", "independent_application"), "application"
    ),
    "resumption:review_queue": Page(REVIEWERS),
    "resumption:statistics": Page(frozenset({"city", "county", "department"})),
    "resumption:due_edit": Page(
        frozenset({"city", "county"}), ("qifeng", "independent"), "enterprise"
    ),
    "resumption:acceptance": Page(
        APPLICATIONS | {"safety"}, ("qifeng", "independent"), "enterprise"
    ),
    "resumption:acceptance_sign": Page(REVIEWERS, ("acceptance",), "acceptance"),
    "resumption:acceptance_self_sign": Page(
        frozenset({"manager"}), ("acceptance",), "acceptance", method="post"
    ),
    "resumption:calendar": Page(frozenset({"city"})),
    # Oversight (DESIGN §3.5): city command pairs; the enterprise reads its visits, tickets and
    # measures; a department reads the tickets routed to it (the "ticket" only) and the rates.
    "oversight:my": Page(frozenset({"liaison"})),
    "oversight:pairing_list": Page(frozenset({"city", "county", "liaison"})),
    "oversight:pairing_create": Page(frozenset({"city"})),
    "oversight:pairing_end": Page(
        frozenset({"city"}), ("pairing", "plant_pairing"), "pairing", method="post"
    ),
    "oversight:project_list": Page(frozenset({"city", "county", "department", "liaison"})),
    "oversight:project_create": Page(frozenset({"city"})),
    "oversight:project_detail": Page(
        frozenset({"city", "county", "department", "liaison"}),
        ("project", "other_project"),
        "project",
    ),
    "oversight:project_pairing_create": Page(frozenset({"city"})),
    "oversight:project_pairing_end": Page(
        frozenset({"city"}),
        ("project_pairing", "plant_project_pairing"),
        "project_pairing",
        method="post",
    ),
    "oversight:visit_list": Page(frozenset({"city", "county", "liaison", "group", "manager"})),
    "oversight:visit_create": Page(frozenset({"city", "liaison"})),
    "oversight:visit_detail": Page(
        frozenset({"city", "county", "liaison", "group", "manager"}),
        ("visit", "other_visit"),
        "visit",
    ),
    "oversight:ticket_list": Page(
        frozenset({"city", "county", "department", "liaison", "group", "manager"})
    ),
    "oversight:ticket_create": Page(frozenset({"liaison", "group", "manager"})),
    "oversight:ticket_detail": Page(
        frozenset({"city", "county", "department", "liaison", "group", "manager"}),
        ("ticket", "other_ticket"),
        "ticket",
    ),
    "oversight:ticket_transition": Page(
        frozenset({"city", "county", "department", "liaison", "group", "manager"}),
        ("ticket", "other_ticket"),
        "ticket",
        method="post",
    ),
    "oversight:rates": Page(frozenset({"city", "county", "department"})),
    "oversight:measure_list": Page(frozenset({"city", "county", "liaison", "group", "manager"})),
    "oversight:measure_create": Page(frozenset({"city", "county", "liaison"})),
    "oversight:measure_edit": Page(
        frozenset({"city", "county", "liaison"}), ("measure", "other_measure"), "measure"
    ),
    # epidemic — health: person-level health records for the enterprise's health officer,
    # county and city command, and the person themself; check-in helpers submit for others.
    "epidemic:health_checkin": Page(frozenset({"worker", "checkpoint", "health"})),
    "epidemic:health_checkin_for": Page(frozenset({"worker", "checkpoint", "health"})),
    # The search of that page's person field answers the page's roles (within checkin_people).
    "epidemic:health_checkin_people": Page(frozenset({"worker", "checkpoint", "health"})),
    "epidemic:health_checkin_list": Page(frozenset({"city", "county", "health", "worker"})),
    "epidemic:health_checkin_missing": Page(frozenset({"city", "county", "health", "worker"})),
    "epidemic:health_travel_list": Page(frozenset({"city", "county", "health", "worker"})),
    "epidemic:health_code": Page(frozenset({"city", "county", "health", "worker"})),
    "epidemic:health_status_list": Page(frozenset({"city", "county", "health", "worker"})),
    "epidemic:health_status_detail": Page(
        frozenset({"city", "county", "health", "worker"}),
        ("miner", "yuanping_miner", "independent_miner", "plant_worker"),
        "person",
    ),
    "epidemic:health_override": Page(frozenset({"health"}), ("miner", "yuanping_miner"), "person"),
    "epidemic:health_appeal_list": Page(frozenset({"city", "county", "health", "worker"})),
    "epidemic:health_appeal_new": Page(frozenset({"worker"})),
    "epidemic:health_appeal_decide": Page(
        frozenset({"health"}), ("appeal", "other_appeal"), "appeal"
    ),
    # Epidemic, checkpoint: the operator at their assigned checkpoints, the health officer at
    # the enterprise's; the gate sees colours and decisions only.
    "epidemic:checkpoint": Page(frozenset({"checkpoint", "health"})),
    "epidemic:checkpoint_screen": Page(
        frozenset({"checkpoint", "health"}), ("checkpoint", "other_checkpoint"), "place"
    ),
    "epidemic:checkpoint_recent": Page(
        frozenset({"checkpoint", "health"}), ("checkpoint", "other_checkpoint"), "place"
    ),
    # Screening records are person-level health records: the enterprise's health officer and
    # county and city command for their region; not the gate, which sees its own decisions.
    "epidemic:screening_list": Page(frozenset({"city", "county", "health"})),
    "epidemic:screening_export": Page(frozenset({"city", "county", "health"})),
    # The policy in force is for everyone; city command publishes versions. Risk areas are
    # graded by city and county command and the enterprise's health officer.
    "epidemic:policy": Page(EVERYONE),
    "epidemic:policy_create": Page(frozenset({"city"})),
    "epidemic:riskarea_list": Page(frozenset({"city", "county", "health"})),
    "epidemic:riskarea_create": Page(frozenset({"city", "county", "health"})),
    "epidemic:riskarea_end": Page(
        frozenset({"city", "county", "health"}), method="post", missing_key="0"
    ),
    "epidemic:riskarea_import": Page(frozenset({"city", "county", "health"})),
    "epidemic:riskarea_import_confirm": Page(
        frozenset({"city", "county", "health"}), method="post"
    ),
    "epidemic:riskarea_template": Page(frozenset({"city", "county", "health"})),
    # Daily reports and metrics: every role over enterprises reads them, aggregated to its
    # scope (DESIGN §2); the enterprise (or its group) files; the group confirms.
    "dailyreport:report_list": Page(REPORTS),
    "dailyreport:report_file": Page(frozenset({"group", "manager"})),
    "dailyreport:report_detail": Page(
        REPORTS, ("qifeng_report", "yuanping_report", "independent_report"), "report"
    ),
    "dailyreport:report_confirm": Page(
        frozenset({"group"}), ("qifeng_report", "independent_report"), "report", method="post"
    ),
    "dailyreport:upload": Page(frozenset({"group", "manager"})),
    "dailyreport:upload_confirm": Page(frozenset({"group", "manager"}), method="post"),
    "dailyreport:upload_template": Page(frozenset({"group", "manager"})),
    "dailyreport:missing_list": Page(REPORTS),
    "dailyreport:metrics_overview": Page(REPORTS),
    "dailyreport:metrics_trends": Page(REPORTS),
    "dailyreport:metrics_distribution": Page(REPORTS),
    "dailyreport:metrics_rankings": Page(REPORTS),
    "dailyreport:metrics_export": Page(REPORTS),
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
    "epidemic:roster_import": Page(frozenset({"health", "manager"})),
    "epidemic:roster_import_template": Page(frozenset({"health", "manager"})),
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
    from fugong.epidemic.models import Appeal
    from fugong.epidemic.tests.observation_world import add_observation_world
    from fugong.oversight.tests.world import add_oversight_objects

    world = add_resumption_objects(world)
    world = add_oversight_objects(world)
    world = add_observation_world(world)
    # epidemic — health: an appeal inside 栖凤 and one at 原平 (decide page)
    world.appeal = Appeal.objects.create(person=world.miner, colour_appealed="yellow", text="x")
    world.other_appeal = Appeal.objects.create(
        person=world.yuanping_miner, colour_appealed="yellow", text="x"
    )
    for name in ("qifeng", "yuanping_mine", "independent"):
        setattr(world, f"{name.split('_')[0]}_report", daily_report_make(getattr(world, name)))
    # Tracing: a case at 栖凤 and one at 原平 (cases are reached through their person), and a
    # cluster signal of each enterprise.
    from fugong.epidemic.models import Case, Cluster

    world.case = Case.objects.create(person=world.miner, classification="confirmed")
    world.other_case = Case.objects.create(person=world.yuanping_miner, classification="confirmed")
    now = world.miner.created_at
    world.cluster = Cluster.objects.create(enterprise=world.qifeng, detected_at=now)
    world.other_cluster = Cluster.objects.create(enterprise=world.yuanping_mine, detected_at=now)
    return world


def daily_report_make(enterprise):
    """A current daily report of the enterprise (for the dailyreport pages)."""
    from fugong.dailyreport.models import DailyReport

    return DailyReport.objects.create(
        enterprise=enterprise, day=dt.date(2026, 3, 1), operating=True, staff_on_duty=10,
        normal_headcount=20, submitted_at=dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC),
    )  # fmt: skip


def enterprise_attr(world, obj) -> str:
    for name in ("group", "qifeng", "yuanping_mine", "independent", "plant"):
        if getattr(world, name).pk == obj.enterprise_id:
            return name
    raise AssertionError(obj)


def in_scope(world, persona: str, kind: str, attr: str) -> bool:
    obj = getattr(world, attr)
    if kind == "attachment":
        obj = obj.application  # an attachment is in scope with its application
    if kind == "project_pairing":
        obj = obj.project  # reached through its project's enterprise
    if kind == "ticket" and persona == "department":
        return obj.department == "energy"  # only what is routed to its department
    if kind == "appeal":
        obj = obj.person
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
    if kind == "health":  # a health record of a person: the worker reads only their own
        if persona == "worker":
            return obj.person_id == world.miner.pk
        return enterprise_attr(world, obj.person) in ENTERPRISES[persona]
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
