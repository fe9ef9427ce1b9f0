"""Service errors on the form, and the one validate-and-save helper of create/edit pages."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from fugong.core.forms import add_service_errors, form_page
from fugong.org.forms import ShiftForm
from fugong.org.models import Shift

pytestmark = pytest.mark.django_db


def _bound_shift_form(world):
    data = {"enterprise": world.qifeng.pk, "name": "早班", "kind": "morning"}
    data |= {"start_time": "08:00", "end_time": "16:00"}
    form = ShiftForm(data, actor=world.users.manager)
    assert form.is_valid(), form.errors
    return form


def test_a_field_error_lands_on_its_field(world):
    form = _bound_shift_form(world)
    add_service_errors(form, ValidationError({"name": ["已有同名班次。"]}))
    assert form.errors["name"] == ["已有同名班次。"]
    assert not form.non_field_errors()


def test_an_error_about_a_field_the_form_lacks_goes_on_top_named_by_its_label(world):
    form = _bound_shift_form(world)
    add_service_errors(form, ValidationError({"created_at": ["Too late."]}))
    label = str(Shift._meta.get_field("created_at").verbose_name)
    assert form.non_field_errors() == [f"{label}: Too late."]
    assert "created_at" not in form.errors


def test_an_error_without_a_field_goes_on_top(world):
    form = _bound_shift_form(world)
    add_service_errors(form, ValidationError("Not now."))
    assert form.non_field_errors() == ["Not now."]


def _request(method="post", data=None):
    factory = RequestFactory()
    return factory.post("/x", data or {}) if method == "post" else factory.get("/x")


class _NameForm(forms.Form):
    name = forms.CharField()


def test_form_page_saves_a_valid_form_and_answers_done():
    saved: list[dict] = []

    def save(**data):
        saved.append(data)
        return "ok"

    response = form_page(
        _request(data={"name": "a"}),
        _NameForm({"name": "a"}),
        save=save,
        done=lambda result: HttpResponse(result),
        template="org/form.html",
    )
    assert saved == [{"name": "a"}]
    assert response.content == b"ok"


def test_form_page_shows_a_service_refusal_on_the_form_and_does_not_answer_done(rf, world):
    request = rf.post("/x", {"name": "a"})
    request.user = world.users.manager
    form = _NameForm({"name": "a"})

    def refuse(**data):
        raise ValidationError({"name": ["Taken."]})

    response = form_page(
        request,
        form,
        save=refuse,
        done=lambda result: pytest.fail("done after a refusal"),
        template="org/form.html",
        context={"title": "t", "cancel_url": "/"},
    )
    assert response.status_code == 200
    assert form.errors["name"] == ["Taken."]
    assert "Taken." in response.content.decode()


def test_form_page_does_not_save_an_invalid_form(rf, world):
    request = rf.post("/x", {})
    request.user = world.users.manager
    response = form_page(
        request,
        _NameForm({}),
        save=lambda **data: pytest.fail("saved an invalid form"),
        done=lambda result: pytest.fail("done"),
        template="org/form.html",
        context={"title": "t", "cancel_url": "/"},
    )
    assert response.status_code == 200


def test_the_org_edit_page_shows_a_service_error_on_its_field(client, world):
    """GIVEN a group with member units WHEN the city (which may change the regulated fields of
    the enterprises of its region) changes its kind to coal mine
    THEN the service refuses and the page shows the refusal on the kind field."""
    group = world.group
    data = {
        "credit_code": group.credit_code,
        "name": group.name,
        "kind": "coal_mine",
        "industry": group.industry,
        "region": group.region_id,
        "normal_headcount": 0,
        "normal_daily_output": "0",
        "output_unit": group.output_unit,
        "status": group.status,
    }
    client.force_login(world.users.city)
    response = client.post(f"/org/enterprises/{group.pk}/edit/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["kind"] == [
        "An enterprise with member units must stay a group."
    ]
    group.refresh_from_db()
    assert group.kind == "group"
