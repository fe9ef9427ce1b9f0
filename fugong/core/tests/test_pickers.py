"""Pickers: scoped search endpoints, and selects that stay short for actors with many choices.

Expected role sets are written out here (DESIGN §2), not imported from the code under test.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from fugong.core import pickers
from fugong.org.forms import TeamForm
from fugong.people.filters import PersonFilter
from fugong.people.forms import PersonForm

pytestmark = pytest.mark.django_db

HUMANS = ["city", "county", "department", "liaison", "group", "manager", "health", "safety"]
HUMANS += ["checkpoint", "worker"]
ORG_PICKER_ROLES = set(HUMANS) - {"worker"}
PEOPLE_PICKER_ROLES = {"city", "county", "group", "manager", "health", "safety", "checkpoint"}
PICKERS = {
    "org:pick_enterprises": ORG_PICKER_ROLES,
    "org:pick_places": ORG_PICKER_ROLES,
    # Teams are not a checkpoint's work (the team pages answer it 403 too).
    "org:pick_teams": ORG_PICKER_ROLES - {"checkpoint"},
    "people:pick_people": PEOPLE_PICKER_ROLES,
    # The people a helper may check in for: the roles of the check-in-for page, a team leader
    # (a worker) included.
    "epidemic:health_checkin_people": {"worker", "checkpoint", "health"},
    # Where one is or has been is public reference data: the check-in (worker, checkpoint,
    # health), the person form, the enterprise form and filter, key projects: every role.
    "org:pick_regions": set(HUMANS),
}


def pick(client, world, persona, url_name, **params):
    client.force_login(getattr(world.users, persona))
    return client.get(reverse(url_name), params)


def labels(response):
    assert response.status_code == 200
    return [row["label"] for row in response.json()["results"]]


@pytest.mark.parametrize("url_name", PICKERS)
@pytest.mark.parametrize("persona", HUMANS)
def test_a_picker_answers_its_roles_and_refuses_the_rest(client, world, url_name, persona):
    expected = 200 if persona in PICKERS[url_name] else 403
    assert pick(client, world, persona, url_name).status_code == expected


@pytest.mark.parametrize("url_name", PICKERS)
def test_a_picker_sends_anonymous_visitors_to_log_in(client, url_name):
    assert client.get(reverse(url_name)).status_code == 302


def test_the_enterprise_picker_finds_only_what_the_scope_holds(client, world):
    assert set(labels(pick(client, world, "city", "org:pick_enterprises", q="煤矿"))) == {
        "宁武栖凤煤矿",
        "原平神达煤矿",
        "宁武独立煤矿",
    }
    assert labels(pick(client, world, "city", "org:pick_enterprises", q="热电")) == []
    assert labels(pick(client, world, "manager", "org:pick_enterprises")) == ["宁武栖凤煤矿"]
    assert labels(pick(client, world, "group", "org:pick_enterprises", kind="group")) == [
        "忻州神达能源集团"
    ]


def test_the_team_picker_names_the_enterprise_and_follows_the_chosen_one(client, world):
    every = labels(pick(client, world, "group", "org:pick_teams"))
    assert every == ["原平神达煤矿 · 掘进二队", "宁武栖凤煤矿 · 综采一队"]
    one = labels(pick(client, world, "group", "org:pick_teams", enterprise=world.qifeng.pk))
    assert one == ["宁武栖凤煤矿 · 综采一队"]


def test_an_enterprise_outside_the_scope_narrows_to_nothing(client, world):
    for url_name in ("org:pick_teams", "org:pick_places", "people:pick_people"):
        found = labels(pick(client, world, "manager", url_name, enterprise=world.plant.pk))
        assert found == [], url_name


def test_the_place_picker_narrows_by_kind(client, world):
    found = labels(pick(client, world, "manager", "org:pick_places", kind="dormitory_room"))
    assert found == ["宁武栖凤煤矿 · 1号楼101"]


def test_the_people_picker_shows_masked_identifiers_only(client, world):
    response = pick(client, world, "manager", "people:pick_people", q="张")
    body = response.content.decode()
    assert labels(response) == [f"张三 · {world.miner.id_number_masked}"]
    assert world.miner.id_number not in body and world.miner.phone not in body


def test_the_people_picker_does_not_search_by_id_number(client, world):
    """It must not become an oracle for guessing ID numbers: it searches names only."""
    for q in (world.miner.id_number, world.miner.id_number[-4:], world.miner.phone):
        assert labels(pick(client, world, "manager", "people:pick_people", q=q)) == []


def test_the_people_picker_keeps_to_the_person_scope(client, world):
    names = labels(pick(client, world, "city", "people:pick_people"))
    assert "钱七" not in " ".join(names)  # the 太原 plant's worker
    assert labels(pick(client, world, "checkpoint", "people:pick_people", q="王五")) == []


def test_results_are_capped(client, world, monkeypatch):
    monkeypatch.setattr(pickers, "PICKER_RESULTS", 1)
    response = pick(client, world, "city", "org:pick_enterprises", q="煤矿")
    assert len(response.json()["results"]) == 1 and response.json()["more"] is True


def test_a_short_list_is_an_ordinary_select(world):
    html = str(PersonForm(actor=world.users.manager)["enterprise"])
    assert 'data-picker-mode="select"' in html and "宁武栖凤煤矿" in html


def test_a_long_list_renders_only_the_chosen_option_and_searches(world, monkeypatch):
    monkeypatch.setattr(pickers, "PICKER_THRESHOLD", 1)
    form = PersonForm(actor=world.users.city, initial={"enterprise": world.independent.pk})
    html = str(form["enterprise"])
    assert 'data-picker-mode="search"' in html
    assert f'data-picker="{reverse("org:pick_enterprises")}"' in html
    assert "宁武独立煤矿" in html and "宁武栖凤煤矿" not in html
    # Validation still knows every choice in scope.
    assert world.qifeng in form.fields["enterprise"].queryset  # type: ignore[attr-defined]


def test_the_team_leader_is_picked_among_the_people_of_the_team_enterprise(world):
    form = TeamForm(instance=world.team, actor=world.users.manager)
    html = str(form["leader"])
    assert 'data-picker="/people/pick/?' in html
    assert f"enterprise={world.qifeng.pk}" in html and "status=active" in html
    assert f"张三 · {world.miner.id_number_masked}" in html
    assert world.miner.id_number not in html


def test_the_person_form_dormitory_searches_dormitory_rooms_of_the_chosen_enterprise(world):
    html = str(PersonForm(actor=world.users.manager)["dormitory"])
    assert "kind=dormitory_room" in html and 'data-picker-depends="enterprise"' in html


def test_the_people_filter_team_depends_on_the_enterprise(world):
    filterset = PersonFilter({}, queryset=None, actor=world.users.group)
    html = str(filterset.form["team"])
    assert 'data-picker-depends="enterprise"' in html and ">All</option>" in html


def test_the_picker_script_is_served_on_every_page(client, world):
    client.force_login(world.users.manager)
    assert "fugong/picker.js" in client.get("/").content.decode()


def test_a_field_with_a_rule_of_its_own_searches_its_own_endpoint(world, monkeypatch):
    """``picker_urls``: the check-in's person searches the people one may check in for, not
    the directory (the people one may view)."""
    from fugong.epidemic.forms.health import CheckInForm

    monkeypatch.setattr(pickers, "PICKER_THRESHOLD", 1)
    html = str(CheckInForm(actor=world.users.health, for_others=True)["person"])
    assert f'data-picker="{reverse("epidemic:health_checkin_people")}"' in html
    assert reverse("people:pick_people") not in html


def test_region_fields_search_the_region_picker_with_what_they_accept(world, monkeypatch):
    """The check-in names any county, a home region any region; the enterprise form and filter
    and the key project offer the actor's own regions (``within=scope``)."""
    from fugong.epidemic.forms.health import CheckInForm
    from fugong.org.filters import EnterpriseFilter
    from fugong.org.forms import EnterpriseForm
    from fugong.oversight.forms import KeyProjectForm

    monkeypatch.setattr(pickers, "PICKER_THRESHOLD", 1)
    url = reverse("org:pick_regions")
    checkin = CheckInForm(actor=world.users.worker)
    for name in ("location_region", "stop1_region", "stop2_region", "stop3_region"):
        html = str(checkin[name])
        assert f'data-picker="{url}?level=county"' in html and 'data-picker-mode="search"' in html
    assert f'data-picker="{url}"' in str(PersonForm(actor=world.users.manager)["home_region"])
    project = str(KeyProjectForm(actor=world.users.city)["region"])
    assert f'data-picker="{url}?within=scope"' in project
    edit = EnterpriseForm(instance=world.qifeng, actor=world.users.city)
    html = str(edit["region"])
    assert f'data-picker="{url}?within=scope"' in html
    assert f'value="{world.regions.ningwu.pk}" selected>山西省 忻州市 宁武县<' in html
    filterset = EnterpriseFilter({}, queryset=None, actor=world.users.city)
    assert f'data-picker="{url}?within=scope"' in str(filterset.form["region"])


def test_a_long_list_of_several_choices_renders_only_the_chosen_ones_and_searches(
    world, monkeypatch
):
    """A meeting's participants: the people are many, so only the chosen ones are rendered,
    each still validated against the field's full, scoped choices."""
    from fugong.epidemic.presence_forms import GatheringForm

    chosen = [world.miner.pk, world.colleague.pk]
    html = str(GatheringForm({"participants": chosen}, actor=world.users.health)["participants"])
    assert "multiple" in html
    assert f'data-picker="{reverse("people:pick_people")}"' in html
    assert 'data-picker-remove="Remove"' in html
    short = str(GatheringForm(actor=world.users.health)["participants"])
    assert short.count("<option") == 2 and 'data-picker-mode="select"' in short
    assert f"张三 · {world.miner.id_number_masked}" in short  # two 张三 are told apart
    monkeypatch.setattr(pickers, "PICKER_THRESHOLD", 1)
    bound = GatheringForm(
        {"participants": chosen, "participants_unused": "x"}, actor=world.users.health
    )
    html = str(bound["participants"])
    assert 'data-picker-mode="search"' in html
    assert html.count("<option") == 2 and html.count("selected") == 2
    assert str(GatheringForm(actor=world.users.health)["participants"]).count("<option") == 0
    outsider = GatheringForm({"participants": [world.yuanping_miner.pk]}, actor=world.users.health)
    assert not outsider.is_valid() and "participants" in outsider.errors


def test_the_metrics_region_search_offers_the_actors_regions(world, monkeypatch):
    from fugong.dailyreport.forms import MetricsForm

    monkeypatch.setattr(pickers, "PICKER_THRESHOLD", 1)
    html = str(MetricsForm(actor=world.users.city)["region"])
    assert f'data-picker="{reverse("org:pick_regions")}?within=scope"' in html
    assert 'data-picker-mode="search"' in html and "multiple" in html
