"""Error answers: a write's body must be an object, and every error is in the OpenAPI schema."""

from __future__ import annotations

import pytest
from django.test import Client

from fugong.api import api
from fugong.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(world) -> Client:
    client = Client()
    client.force_login(world.users.manager)
    return client


@pytest.mark.parametrize("body", ["[]", "null", '"x"', "1", '[{"name": "王"}]'])
def test_a_patch_with_a_body_that_is_not_an_object_is_a_422_and_changes_nothing(
    world, manager, body
):
    before = Person.objects.get(pk=world.miner.pk)
    response = manager.patch(
        f"/api/people/{world.miner.pk}", data=body, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"field": "body", "message": "The body must be a JSON object of fields."}]
    }
    after = Person.objects.get(pk=world.miner.pk)
    assert after.updated_at == before.updated_at
    assert after.name == before.name


@pytest.mark.parametrize("body", ["[]", "null"])
def test_a_post_with_a_body_that_is_not_an_object_is_a_422(world, manager, body):
    response = manager.post("/api/people", data=body, content_type="application/json")
    assert response.status_code == 422
    assert Person.objects.count() == 5


def test_a_body_that_is_not_json_is_a_400_as_documented(world, manager):
    response = manager.patch(
        f"/api/people/{world.miner.pk}", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"detail"}


def test_a_patch_with_an_object_still_goes_through(world, manager):
    response = manager.patch(
        f"/api/people/{world.miner.pk}", data={"name": "张三丰"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert Person.objects.get(pk=world.miner.pk).name == "张三丰"


def operations():
    schema = api.get_openapi_schema()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_every_operation_documents_its_error_answers():
    schema = api.get_openapi_schema()
    for path, method, operation in operations():
        expected = {"400", "401", "403", "422"} | ({"404"} if "{" in path else set())
        documented = {str(code) for code in operation["responses"]}
        assert expected <= documented, (method, path)
        for code in expected:
            ref = operation["responses"][code]["content"]["application/json"]["schema"]["$ref"]
            name = ref.rsplit("/", 1)[-1]
            assert name in schema["components"]["schemas"]
            assert name == ("ValidationErrorOut" if code == "422" else "ErrorOut")


def test_the_people_list_documents_its_429():
    responses = api.get_openapi_schema()["paths"]["/api/people"]["get"]["responses"]
    assert "429" in responses


def test_the_error_schemas_describe_what_the_handlers_answer():
    components = api.get_openapi_schema()["components"]["schemas"]
    assert components["ErrorOut"]["required"] == ["detail"]
    detail = components["ValidationErrorOut"]["properties"]["detail"]
    assert detail["items"]["$ref"].endswith("/FieldErrorOut")
    assert set(components["FieldErrorOut"]["required"]) == {"field", "message"}
