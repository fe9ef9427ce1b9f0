"""What list cells show: statuses as coloured badges, "—" when empty, "全部" in select filters."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from fugong.accounts.services import device_token_create, device_token_revoke
from fugong.org.models import EnterpriseStatus
from fugong.people.models import PersonStatus
from fugong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def html_of(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_enterprise_statuses_are_coloured_badges(client, world, chinese):
    world.independent.status = EnterpriseStatus.SUSPENDED
    world.independent.save()
    html = html_of(client, world.users.county, reverse("org:enterprise_list"))
    assert '<span class="badge text-bg-success">正常</span>' in html
    assert '<span class="badge text-bg-warning">停产</span>' in html


def test_person_statuses_are_coloured_badges(client, world, chinese):
    PersonFactory(name="孙八", enterprise=world.qifeng, status=PersonStatus.LEFT)
    html = html_of(client, world.users.manager, reverse("people:person_list"))
    assert '<span class="badge text-bg-success">在职</span>' in html
    assert '<span class="badge text-bg-secondary">离职</span>' in html


def test_device_states_are_coloured_badges(client, world):
    for name in ("门岗1号", "门岗2号"):
        device, _token = device_token_create(
            actor=world.users.manager, enterprise=world.qifeng, name=name,
            places=[world.checkpoint],
        )  # fmt: skip
    device_token_revoke(actor=world.users.manager, device=device)
    html = html_of(client, world.users.manager, reverse("accounts:device_list"))
    assert re.search(r'<span class="badge text-bg-success">[^<]+</span>', html)
    assert re.search(r'<span class="badge text-bg-secondary">[^<]+ \d{4}-\d\d-\d\d</span>', html)


def test_an_empty_cell_shows_a_dash(client, world):
    """王五 has no team: the team cell of his row reads "—", not nothing."""
    html = html_of(client, world.users.group, reverse("people:person_list") + "?q=王")
    team_cell = r'<td[^>]*data-label="Team"[^>]*><div class="list-cell">([^<]*)</div></td>'
    cells = re.findall(team_cell, html)
    assert cells == ["—"]


@pytest.mark.parametrize(
    "url_name", ["people:person_list", "org:enterprise_list", "audit:change_list"]
)
def test_the_empty_choice_of_every_select_filter_reads_all(client, world, chinese, url_name):
    html = html_of(client, world.users.city, reverse(url_name))
    form = html[html.index('id="list-filter"') :]
    form = form[: form.index("</form>")]
    selects = re.findall(r"<select[^>]*>\s*<option[^>]*>([^<]*)</option>", form)
    assert selects and set(selects) == {"全部"}, selects
    assert "---------" not in html
