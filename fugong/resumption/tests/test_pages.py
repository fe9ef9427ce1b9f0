"""The pages: filing with a file, refusals on the form, the decision form, statistics, the due
date, a mine's acceptance and the calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from fugong.org.models import CalendarDay, Enterprise
from fugong.resumption.acceptance import SYSTEMS
from fugong.resumption.models import Application, Attachment, MineAcceptance
from fugong.resumption.tests.world import READY, submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        yield


def form_data(world, **overrides):
    data = {"enterprise": world.qifeng.pk, "planned_on": "2026-12-07", "planned_headcount": 100,
            "from_outside_province": 5, "prevention_plan": "", "masks": 100, "thermometers": 2,
            "disinfectant_litres": 10, **{k: "on" for k in READY}}  # fmt: skip
    data.update(overrides)
    return data


def test_an_enterprise_files_with_a_plan_file_and_submits(client, world):
    client.force_login(world.users.manager)
    plan = SimpleUploadedFile("方案.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    response = client.post(
        reverse("resumption:application_create"), {**form_data(world), "prevention_plan_file": plan}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    application = Application.objects.get()
    assert str(application.prevention_plan_file.name).endswith(".pdf")
    client.post(reverse("resumption:application_submit", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == "submitted"


def test_a_plan_file_of_the_wrong_type_is_refused_on_its_field(client, world):
    client.force_login(world.users.manager)
    bad = SimpleUploadedFile("plan.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(
        reverse("resumption:application_create"), {**form_data(world), "prevention_plan_file": bad}
    )
    assert response.status_code == 200
    assert "prevention_plan_file" in response.context["form"].errors
    assert not Application.objects.exists()


def test_an_attachment_is_checked_for_type_and_size(client, world, monkeypatch):
    application = Application.objects.create(
        enterprise=world.qifeng, planned_on=dt.date(2026, 12, 7)
    )
    client.force_login(world.users.manager)
    url = reverse("resumption:application_attach", args=[application.pk])
    bad = SimpleUploadedFile("x.sh", b"echo", content_type="text/plain")
    assert "file" in client.post(url, {"file": bad}).context["form"].errors
    monkeypatch.setattr("fugong.resumption.rules.ATTACHMENT_MAX_BYTES", 4)
    big = SimpleUploadedFile("big.pdf", b"%PDF-", content_type="application/pdf")
    assert "file" in client.post(url, {"file": big}).context["form"].errors
    ok = SimpleUploadedFile("ok.pdf", b"%PDF", content_type="application/pdf")
    assert client.post(url, {"file": ok, "name": "营业执照"}).status_code == 302
    assert list(Attachment.objects.values_list("name", flat=True)) == ["营业执照"]


def test_submitting_an_incomplete_application_says_what_is_missing(client, world):
    application = Application.objects.create(
        enterprise=world.qifeng, planned_on=dt.date(2026, 12, 7)
    )
    client.force_login(world.users.manager)
    response = client.post(
        reverse("resumption:application_submit", args=[application.pk]), follow=True
    )
    text = response.content.decode()
    assert str(Application._meta.get_field("mechanism_ready").verbose_name) in text
    application.refresh_from_db()
    assert application.status == "draft"


def test_the_county_returns_with_reasons_on_the_decision_page(client, world):
    application = submitted_application(world.qifeng)
    client.force_login(world.users.county)
    url = reverse("resumption:application_decide", args=[application.pk])
    refused = client.post(url, {"decision": "returned", "note": ""})
    assert "note" in refused.context["form"].errors
    assert client.post(url, {"decision": "returned", "note": "补充物资"}).status_code == 302
    application.refresh_from_db()
    assert application.status == "returned"


def test_statistics_count_decisions_by_county_and_department(client, world):
    application = submitted_application(world.qifeng)
    client.force_login(world.users.county)
    client.post(
        reverse("resumption:application_decide", args=[application.pk]),
        {"decision": "returned", "note": "补充"},
    )
    client.force_login(world.users.city)
    response = client.get(reverse("resumption:statistics"))
    [county] = response.context["counties"]
    assert (county.label, county.returned, county.on_time) == ("宁武县", 1, 1)
    [applications] = response.context["applications"]
    assert (applications.returned, applications.on_time) == (1, 1)


def test_the_county_sets_the_due_date_on_its_page(client, world):
    client.force_login(world.users.county)
    url = reverse("resumption:due_edit", args=[world.independent.pk])
    assert client.post(url, {"due_on": "2026-12-09"}).status_code == 302
    assert Enterprise.objects.get(pk=world.independent.pk).resumption_due_on == dt.date(2026, 12, 9)
    assert "2026-12-09" in client.get(url).content.decode()


def test_a_mine_requests_acceptance_and_the_regulator_signs_on_the_pages(client, world):
    client.force_login(world.users.manager)
    url = reverse("resumption:acceptance", args=[world.qifeng.pk])
    running = dict.fromkeys(SYSTEMS, "on")
    response = client.post(url, {"stopped_on": "2026-01-01", "cause": "accident", **running})
    assert response.status_code == 302
    record = MineAcceptance.objects.get()
    assert record.route == "regulator"
    assert 'data-testid="not-accepted"' in client.get(url).content.decode()
    client.force_login(world.users.county)
    sign = reverse("resumption:acceptance_sign", args=[record.pk])
    assert (
        "government_signatory"
        in client.post(sign, {"government_signatory": " "}).context["form"].errors
    )
    assert client.post(sign, {"government_signatory": "王县长"}).status_code == 302
    record.refresh_from_db()
    assert record.is_accepted


def test_city_command_adds_and_removes_a_holiday(client, world):
    client.force_login(world.users.city)
    url = reverse("resumption:calendar")
    assert client.post(url, {"day": "2027-01-01", "note": "元旦"}).status_code == 302
    day = CalendarDay.objects.get()
    assert not day.is_working_day
    assert client.post(url, {"remove": day.pk}).status_code == 302
    assert not CalendarDay.objects.exists()


@pytest.mark.parametrize("url_name", ["resumption:application_list", "resumption:review_queue"])
def test_lists_take_the_same_queries_for_one_or_many_applications(
    client, world, url_name, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.users.county)
    submitted_application(world.qifeng)
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse(url_name)).status_code == 200
    for _ in range(5):
        submitted_application(world.independent)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(reverse(url_name)).status_code == 200


def test_clearing_the_plan_file_on_the_edit_form_removes_it(client, world):
    plan = SimpleUploadedFile("plan.pdf", b"%PDF", content_type="application/pdf")
    client.force_login(world.users.manager)
    client.post(
        reverse("resumption:application_create"), {**form_data(world), "prevention_plan_file": plan}
    )
    application = Application.objects.get()
    data = {**form_data(world, prevention_plan="书面方案"), "prevention_plan_file-clear": "on"}
    del data["enterprise"]
    url = reverse("resumption:application_edit", args=[application.pk])
    assert client.post(url, data).status_code == 302
    application.refresh_from_db()
    assert not application.prevention_plan_file


def test_files_are_downloaded_through_the_scope_as_attachments(client, world):
    plan = SimpleUploadedFile("方案.pdf", b"%PDF plan", content_type="application/pdf")
    client.force_login(world.users.manager)
    client.post(
        reverse("resumption:application_create"), {**form_data(world), "prevention_plan_file": plan}
    )
    application = Application.objects.get()
    attach = reverse("resumption:application_attach", args=[application.pk])
    permit = SimpleUploadedFile("permit.pdf", b"%PDF permit", content_type="application/pdf")
    client.post(attach, {"file": permit, "name": "安全生产许可证"})
    plan_url = reverse("resumption:plan_download", args=[application.pk])
    file_url = reverse("resumption:attachment_download", args=[Attachment.objects.get().pk])
    response = client.get(plan_url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF plan"
    assert client.get(file_url).status_code == 200
    # A leader not paired with 栖凤 finds no such files.
    client.force_login(world.users.liaison)  # paired with the independent mine only
    assert client.get(plan_url).status_code == 404
    assert client.get(file_url).status_code == 404
