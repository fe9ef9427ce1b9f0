"""Large directory exports in the background: status, download by its owner only, cap, expiry."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from fugong.audit.models import PiiAccess
from fugong.people import roster_files
from fugong.people.roster_columns import MASKED_NOTICE
from fugong.people.tasks import roster_files_expire
from fugong.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

EXPORT = reverse("people:person_export")


@pytest.fixture(autouse=True)
def background_above_one_row(settings, huey_immediate):  # noqa: PT004
    """The manager's enterprise has 2 people: more than 1 goes to the background, which runs at
    once (Huey's immediate mode) so that the test sees the finished file."""
    settings.ROSTER_EXPORT_BACKGROUND_ROWS = 1


def request_export(client, user, *, post=False, **params):
    client.force_login(user)
    if post:
        return client.post(f"{EXPORT}?enterprise={params['enterprise']}" if params else EXPORT)
    return client.get(EXPORT, params)


def token_of(response) -> str:
    assert response.status_code == 302, response.status_code
    return response["Location"].rstrip("/").split("/")[-1]


def download(client, token):
    return client.get(reverse("people:export_download", args=[token]))


def rows_of(response) -> list[tuple]:
    content = b"".join(response.streaming_content)
    return list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))


@pytest.mark.parametrize(("threshold", "background"), [(1, True), (2, False), (3, False)])
def test_exports_above_the_threshold_run_in_the_background(
    client, world, settings, threshold, background
):
    settings.ROSTER_EXPORT_BACKGROUND_ROWS = threshold
    response = request_export(client, world.users.manager)
    assert (response.status_code == 302) is background
    if not background:
        assert response["Content-Type"].startswith("application/vnd.openxml")


def test_the_status_page_links_the_finished_file_which_its_owner_downloads(client, world):
    token = token_of(request_export(client, world.users.manager))
    status = client.get(reverse("people:export_status", args=[token]))
    body = status.content.decode()
    assert status.status_code == 200 and "no-store" in status["Cache-Control"]
    assert 'data-testid="export-download"' in body and "every 2s" not in body
    response = download(client, token)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    rows = rows_of(response)
    assert rows[0][0] == str(MASKED_NOTICE)
    assert {row[0] for row in rows[2:]} == {"张三", "李四"}
    assert rows[2][1] == world.miner.id_number_masked or rows[3][1] == world.miner.id_number_masked


def test_the_status_page_polls_every_2_seconds_while_the_file_is_written(client, world):
    token = roster_files.create(
        roster_files.EXPORTS, user=world.users.manager, state="running", total=8000, done=2000
    )
    client.force_login(world.users.manager)
    url = reverse("people:export_status", args=[token])
    partial = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial
    assert f'hx-get="{url}"' in partial and 'hx-trigger="every 2s"' in partial
    assert "2000 of 8000" in partial and 'aria-valuenow="25"' in partial
    assert download(client, token).status_code == 404  # not ready yet


@pytest.mark.parametrize("other", ["health", "group", "city"])
def test_someone_elses_export_is_404(client, world, other):
    token = token_of(request_export(client, world.users.manager))
    client.force_login(getattr(world.users, other))
    assert client.get(reverse("people:export_status", args=[token])).status_code == 404
    assert download(client, token).status_code == 404


def test_a_checkpoint_operator_gets_403_on_the_export_pages(client, world):
    token = token_of(request_export(client, world.users.manager))
    client.force_login(world.users.checkpoint)
    assert client.get(reverse("people:export_status", args=[token])).status_code == 403
    assert download(client, token).status_code == 403


def test_an_unmasked_background_export_is_logged_once_when_asked(client, world):
    token = token_of(
        request_export(client, world.users.manager, post=True, enterprise=world.qifeng.pk)
    )
    (access,) = PiiAccess.objects.all()
    assert (access.record_count, access.detail) == (2, f"enterprise={world.qifeng.pk}")
    rows = rows_of(download(client, token))
    assert {row[1] for row in rows[1:]} == {world.miner.id_number, world.colleague.id_number}
    download(client, token)
    assert PiiAccess.objects.count() == 1


@pytest.mark.parametrize(("people", "refused"), [(1, False), (2, False), (3, True)])
def test_an_export_above_the_cap_is_refused_with_a_clear_message(
    client, world, settings, people, refused
):
    settings.ROSTER_EXPORT_MAX_ROWS = 4
    PersonFactory.create_batch(people, enterprise=world.qifeng)  # 2 + people
    response = request_export(client, world.users.manager, post=True, enterprise=world.qifeng.pk)
    assert response.status_code == 302
    if refused:
        assert (
            response["Location"] == f"{reverse('people:person_list')}?enterprise={world.qifeng.pk}"
        )
        body = client.get(response["Location"]).content.decode()
        assert "5 people match: an export has at most 4" in body
        assert not PiiAccess.objects.exists()
        assert not any(roster_files.folder(roster_files.EXPORTS).iterdir())
    else:
        assert "/exports/" in response["Location"] and PiiAccess.objects.count() == 1


@pytest.mark.parametrize(("hours", "kept"), [(23, True), (25, False)])
def test_a_finished_export_expires_after_24_hours(client, world, hours, kept):
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        token = token_of(request_export(client, world.users.manager))
    with time_machine.travel(start + dt.timedelta(hours=hours), tick=False):
        assert roster_files_expire.call_local() == {"uploads": 0, "exports": 0 if kept else 1}
        assert roster_files.data_path(roster_files.EXPORTS, token).exists() is kept
        assert (download(client, token).status_code == 200) is kept


def test_a_number_search_in_a_background_export_is_logged_once(client, world, settings):
    """GIVEN an export filtered by a whole phone number, run in the background
    THEN the search is written to the access log once (by the request), not again by the worker."""
    settings.ROSTER_EXPORT_BACKGROUND_ROWS = 0
    token = token_of(request_export(client, world.users.manager, q=world.miner.phone))
    rows = rows_of(download(client, token))
    assert [row[0] for row in rows[2:]] == [world.miner.name]  # after the notice and header
    assert PiiAccess.objects.filter(action="search").count() == 1
