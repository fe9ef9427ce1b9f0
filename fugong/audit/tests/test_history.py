"""Change history as officials read it: labels, order, names through the scope, imports."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from fugong.audit.history import object_history
from fugong.audit.services import audit_bulk_created
from fugong.core.masking import mask_phone
from fugong.org import services as org_services
from fugong.org.models import EnterpriseKind
from fugong.org.tests.factories import EnterpriseFactory
from fugong.people.models import Person
from fugong.people.services import person_update
from fugong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
OUTSIDE = "(outside your scope)"


def rows(history, n=0) -> list[tuple[str, str, str]]:
    return history[n].changes


def test_the_labels_are_verbose_names_in_form_order_without_internal_columns(world):
    person_update(
        actor=world.users.manager,
        person=world.colleague,
        status="left",
        phone="13812345678",
        name="李四四",
    )
    changes = rows(object_history(obj=world.colleague, actor=world.users.manager))
    assert [label for label, _old, _new in changes] == ["name", "phone", "status"]
    created = object_history(obj=world.colleague, actor=world.users.manager)[-1].changes
    labels = [label for label, _old, _new in created]
    assert not {"id", "id_tail", "phone_tail", "updated_at", "created_at"} & set(labels)
    assert "dormitory room" not in labels  # empty at creation: nothing to show
    assert labels[:3] == ["name", "resident ID number", "phone"]


def test_the_labels_are_chinese_for_a_chinese_reader(client, world, chinese):
    person_update(actor=world.users.manager, person=world.colleague, status="left")
    client.force_login(world.users.manager)
    html = client.get(reverse("people:person_detail", args=[world.colleague.pk])).content.decode()
    section = html[html.index('data-testid="history"') :]
    assert "状态" in section
    assert "status" not in section and "id_tail" not in section


def test_a_team_leader_who_moved_away_is_shown_out_of_scope(world):
    """GIVEN 张三 leads 综采一队 and then moves to 原平矿 WHEN 栖凤's manager reads the team's
    history THEN the leader's name is not shown, and the group (who sees both) still sees it."""
    org_services.team_update(actor=world.users.manager, team=world.team, leader=world.miner)
    person_update(
        actor=world.users.group,
        person=world.miner,
        enterprise=world.yuanping_mine,
        team=None,
        dormitory=None,
    )
    manager_view = rows(object_history(obj=world.team, actor=world.users.manager))
    assert ("team leader", "", OUTSIDE) in manager_view
    group_view = rows(object_history(obj=world.team, actor=world.users.group))
    assert ("team leader", "", "张三") in group_view


def test_a_person_moved_out_shows_the_old_enterprise_and_team_by_name_only_in_scope(world):
    person_update(
        actor=world.users.group,
        person=world.miner,
        enterprise=world.yuanping_mine,
        team=world.other_team,
        dormitory=None,
    )
    city = dict(
        (label, (old, new))
        for label, old, new in rows(object_history(obj=world.miner, actor=world.users.city))
    )
    assert city["enterprise"] == ("宁武栖凤煤矿", "原平神达煤矿")
    assert city["team"] == ("综采一队", "掘进二队")
    group = world.users.group
    assert dict((lbl, (o, n)) for lbl, o, n in rows(object_history(obj=world.miner, actor=group)))[
        "team"
    ] == ("综采一队", "掘进二队")


def test_a_group_outside_a_county_is_not_named_in_the_county_history(world):
    sub_group = EnterpriseFactory(
        name="神达宁武分公司",
        kind=EnterpriseKind.GROUP,
        region=world.regions.ningwu,
        parent=world.group,
    )
    org_services.enterprise_update(
        actor=world.users.city, enterprise=world.qifeng, parent=sub_group
    )
    county = rows(object_history(obj=world.qifeng, actor=world.users.county))
    assert ("group", OUTSIDE, "神达宁武分公司") in county
    city = rows(object_history(obj=world.qifeng, actor=world.users.city))
    assert ("group", "忻州神达能源集团", "神达宁武分公司") in city


def test_regions_are_reference_data_named_for_everyone(world):
    person_update(
        actor=world.users.manager, person=world.colleague, home_region=world.regions.jiancaoping
    )
    changes = rows(object_history(obj=world.colleague, actor=world.users.manager))
    assert ("home region", "", "尖草坪区") in changes


def test_history_masks_values_written_in_clear_before_the_masking(world):
    entry = LogEntry.objects.get_for_object(world.colleague).get()
    LogEntry.objects.filter(pk=entry.pk).update(changes={"phone": ["None", "13812345678"]})
    changes = rows(object_history(obj=world.colleague, actor=world.users.health))
    assert changes == [("phone", "", mask_phone("13812345678"))]


# --- the change list ---------------------------------------------------------------------------

URL = reverse("audit:change_list")


def imported(world, n: int, name: str = "栖凤名单.xlsx") -> list[Person]:
    people = [
        PersonFactory.build(enterprise=world.qifeng, team=None, dormitory=None) for _ in range(n)
    ]
    Person.objects.bulk_create(people)
    audit_bulk_created(
        objects=people, actor=world.users.manager, note="roster import", file_name=name
    )
    return people


def test_a_roster_import_is_one_line_with_the_file_name_and_row_count(client, world):
    people = imported(world, 3)
    client.force_login(world.users.city)
    response = client.get(URL, {"model": "person"})
    html = response.content.decode()
    assert html.count('data-testid="import-row"') == 1
    assert "Roster import 栖凤名单.xlsx: 3 people" in html
    assert all(p.name not in html for p in people[1:])
    # Each person's own history keeps the creation, naming the file.
    history = object_history(obj=people[2], actor=world.users.city)
    assert history[0].source == "栖凤名单.xlsx"


def test_each_change_links_to_its_record(client, world):
    person_update(actor=world.users.manager, person=world.colleague, status="left")
    client.force_login(world.users.city)
    page = client.get(URL, {"model": "person"}).context["page"]
    entry = next(e for e in page if e.object_id == world.colleague.pk and e.action == 1)
    assert entry.url == reverse("people:person_detail", args=[world.colleague.pk])
    assert entry.changed_fields == ["status"]


def test_the_change_list_is_in_the_navigation_of_its_readers_only(client, world):
    for persona, shown in [("city", True), ("county", False), ("manager", False)]:
        client.force_login(getattr(world.users, persona))
        html = client.get(reverse("home")).content.decode()
        assert (f'href="{URL}"' in html) is shown, persona
