"""core.api helpers: role first, body foreign keys through the scope, service errors as body."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from fugong.core.api import body_errors, resolve_foreign_keys, service_errors_in_body
from fugong.org.models import Enterprise, Region

pytestmark = pytest.mark.django_db


def test_unknown_and_out_of_scope_ids_get_the_same_422_on_the_body_field(world):
    choices = {"enterprise": Enterprise.objects.all()}
    messages = []
    for pk in (world.plant.pk, 999_999):
        with pytest.raises(ValidationError) as caught:
            resolve_foreign_keys(world.users.manager, {"enterprise": pk}, choices)
        assert set(caught.value.message_dict) == {"body.enterprise"}
        messages.append(caught.value.message_dict)
    assert messages[0] == messages[1]


def test_an_in_scope_id_becomes_the_object_and_null_stays_null(world):
    data = resolve_foreign_keys(
        world.users.manager,
        {"enterprise": world.qifeng.pk, "team": None, "name": "x"},
        {"enterprise": Enterprise.objects.all(), "team": Enterprise.objects.all()},
    )
    assert data == {"enterprise": world.qifeng, "team": None, "name": "x"}


def test_reference_data_may_be_named_outside_the_scope_when_opted_out(world):
    choices = {"home_region": Region.objects.all()}
    data = {"home_region": world.regions.jiancaoping.pk}
    with pytest.raises(ValidationError):
        resolve_foreign_keys(world.users.manager, data, choices)
    resolved = resolve_foreign_keys(world.users.manager, data, choices, unscoped=["home_region"])
    assert resolved["home_region"] == world.regions.jiancaoping


def test_service_errors_name_body_fields():
    exc = body_errors(ValidationError({"id_number": ["Bad."], "body.phone": ["Worse."]}))
    assert exc.message_dict == {"body.id_number": ["Bad."], "body.phone": ["Worse."]}
    with pytest.raises(ValidationError) as caught, service_errors_in_body():
        raise ValidationError({"name": ["Empty."]})
    assert caught.value.message_dict == {"body.name": ["Empty."]}


def test_the_person_api_answers_403_before_looking_at_the_body(client, world):
    client.force_login(world.users.safety)
    body = {"name": "孙八", "id_number": "x", "enterprise": world.plant.pk}
    response = client.post("/api/people", body, content_type="application/json")
    assert response.status_code == 403
    client.force_login(world.users.manager)
    response = client.post("/api/people", body, content_type="application/json")
    assert response.status_code == 422
    assert "body.enterprise" in {error["field"] for error in response.json()["detail"]}
