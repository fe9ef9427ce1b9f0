"""Chinese names in pinyin order (core.pinyin): the key, the stored column, the lists."""

from __future__ import annotations

import importlib
from typing import cast

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.urls import reverse

from fugong.core.pinyin import pinyin_key
from fugong.org.models import Enterprise
from fugong.org.tests.factories import EnterpriseFactory
from fugong.people.models import Person
from fugong.people.services import person_update
from fugong.people.tests.factories import PersonFactory

# Code points: 张 U+5F20 < 赵 U+8D75 < 阿 U+963F; the dictionary: a < zhang < zhao.
BY_CODE_POINT = ["张", "赵", "阿"]
BY_PINYIN = ["阿", "张", "赵"]


def test_the_key_orders_a_before_zhang_before_zhao_whatever_the_code_points():
    assert sorted(BY_CODE_POINT) == BY_CODE_POINT
    assert sorted(BY_CODE_POINT, key=pinyin_key) == BY_PINYIN


def test_the_key_compares_syllable_by_syllable_then_tone():
    assert pinyin_key("阿强") == "a1 qiang2"
    names = ["马六", "妈妈", "满意", "李四"]  # ma3, ma1, man3, li3
    assert sorted(names, key=pinyin_key) == ["李四", "妈妈", "马六", "满意"]


def test_the_key_keeps_latin_letters_and_digits_in_lower_case():
    assert pinyin_key("ABC煤矿1号") == "abc mei2 kuang4 1 hao4"


@pytest.mark.django_db
def test_saving_a_person_or_enterprise_keeps_the_key_in_step_with_the_name(world):
    person = cast(Person, PersonFactory(name="阿强", enterprise=world.qifeng))
    assert Person.objects.get(pk=person.pk).name_pinyin == "a1 qiang2"
    person_update(actor=world.users.health, person=person, name="赵强")
    assert Person.objects.get(pk=person.pk).name_pinyin == "zhao4 qiang2"
    enterprise = cast(Enterprise, EnterpriseFactory(name="阿里煤矿", region=world.regions.ningwu))
    assert Enterprise.objects.get(pk=enterprise.pk).name_pinyin.startswith("a1 li3")


@pytest.mark.django_db
def test_the_key_stays_out_of_the_change_history(world):
    person = cast(Person, PersonFactory(name="阿强", enterprise=world.qifeng))
    person_update(actor=world.users.health, person=person, name="赵强")
    entry = LogEntry.objects.get_for_object(person).order_by("-timestamp").first()
    assert "name" in entry.changes_dict
    assert "name_pinyin" not in entry.changes_dict


@pytest.mark.django_db
def test_the_people_list_is_in_pinyin_order_by_default(client, world):
    for name in BY_CODE_POINT:
        PersonFactory(name=f"{name}一", enterprise=world.independent)
    client.force_login(world.users.county)
    response = client.get(reverse("people:person_list"), {"enterprise": world.independent.pk})
    names = [p.name for p in response.context["page"]]
    assert names == ["阿一", "张一", "赵六", "赵一"]  # zhao4 liu4 < zhao4 yi1


@pytest.mark.django_db
def test_the_enterprise_list_is_in_pinyin_order_within_a_region(client, world):
    for name in BY_CODE_POINT:
        EnterpriseFactory(name=f"{name}家煤矿", region=world.regions.yuanping)
    client.force_login(world.users.city)
    response = client.get(reverse("org:enterprise_list"), {"region": world.regions.yuanping.pk})
    names = [e.name for e in response.context["page"]]
    assert names == ["阿家煤矿", "原平神达煤矿", "张家煤矿", "赵家煤矿"]


@pytest.mark.django_db
def test_the_data_migration_fills_the_keys_of_existing_rows(world):
    Person.objects.filter(pk=world.miner.pk).update(name_pinyin="")
    Enterprise.objects.filter(pk=world.qifeng.pk).update(name_pinyin="")
    for module in (
        "fugong.people.migrations.0006_fill_person_name_pinyin",
        "fugong.org.migrations.0007_fill_enterprise_name_pinyin",
    ):
        importlib.import_module(module).fill(apps, None)
    assert Person.objects.get(pk=world.miner.pk).name_pinyin == "zhang1 san1"
    assert Enterprise.objects.get(pk=world.qifeng.pk).name_pinyin.startswith("ning2 wu3")


@pytest.mark.django_db
def test_a_roster_import_writes_the_keys_of_the_people_it_creates(world):
    from fugong.people import roster
    from fugong.people.tests.test_roster_import import good_rows, xlsx

    result = roster.roster_import(
        actor=world.users.manager, enterprise=world.qifeng, file=xlsx(good_rows(world))
    )
    assert result.created == 3
    created = Person.objects.filter(enterprise=world.qifeng).exclude(
        pk__in=[world.miner.pk, world.colleague.pk]
    )
    assert all(p.name_pinyin == pinyin_key(p.name) != "" for p in created)
