"""Error answers: a write's body must be an object, and every error is in the OpenAPI schema."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from pydantic import BaseModel, Field
from pydantic import ValidationError as PydanticError

from fugong.api import api
from fugong.core.api import INVALID_CHOICE
from fugong.core.api_messages import field_message
from fugong.epidemic.models import Colour
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


# --- the words of field errors ----------------------------------------------------------------


class _Probe(BaseModel):
    text: str = Field(min_length=2, max_length=3)
    items: list[int] = Field(min_length=1, max_length=2)
    number: Decimal = Field(max_digits=4, decimal_places=1, ge=34, le=43)
    digits: Decimal = Field(max_digits=4, decimal_places=1)
    whole: int = Field(gt=0, lt=10)
    day: dt.date
    moment: dt.datetime
    key: uuid.UUID
    flag: bool
    colour: Colour


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("text", 1, "Enter a text."),
        ("text", "a", "At least 2 characters."),
        ("text", "abcd", "At most 3 characters."),
        ("items", [], "At least 1 items."),
        ("items", [1, 2, 3], "At most 2 items."),
        ("items", "x", "Enter a list."),
        ("number", "abc", "Enter a number."),
        ("digits", "1234.5", "At most 4 digits in total."),
        ("digits", "36.55", "At most 1 decimal places."),
        ("digits", "1234", "At most 3 digits before the decimal point."),
        ("number", "33.9", "Ensure this value is greater than or equal to 34."),
        ("number", "43.1", "Ensure this value is less than or equal to 43."),
        ("whole", "x", "Enter a whole number."),
        ("whole", 0, "Must be greater than 0."),
        ("whole", 10, "Must be less than 10."),
        ("day", "2026-02-30", "Enter a valid date."),
        ("moment", "yesterday", "Enter a valid date/time."),
        ("key", "not-a-uuid", "Enter a valid UUID."),
        ("flag", "perhaps", "Enter true or false."),
        ("colour", "purple", str(INVALID_CHOICE)),
    ],
)
def test_each_kind_of_bad_value_is_told_in_words_of_ours(field, value, message):
    valid = {
        "text": "ab", "items": [1], "number": "36.5", "digits": "1.5", "whole": 5,
        "day": "2026-03-02", "moment": "2026-03-02T08:00:00+08:00", "key": str(uuid.uuid4()),
        "flag": True, "colour": "green",
    }  # fmt: skip
    with pytest.raises(PydanticError) as caught:
        _Probe.model_validate({**valid, field: value})
    errors = caught.value.errors()
    assert [e["loc"] for e in errors] == [(field,)]
    assert field_message(errors[0]) == message


def test_a_missing_field_and_a_bad_value_are_told_in_chinese(world, chinese):
    client = Client()
    client.force_login(world.users.worker)

    def post(body: str) -> Any:
        return client.post("/api/epidemic/checkins", data=body, content_type="application/json")

    answer = post('{"temperature": "abc", "client_uuid": "x"}')
    assert answer.status_code == 422
    assert {e["field"]: e["message"] for e in answer.json()["detail"]} == {
        "body.temperature": "请输入数字。",
        "body.client_uuid": "请输入有效的 UUID。",
        "body.pledge": "这个字段是必填项。",
    }
    empty = post("")
    assert empty.status_code == 422
    assert empty.json() == {
        "detail": [{"field": "body", "message": "请求体必须是由字段组成的 JSON 对象。"}]
    }
    broken = post("{broken")
    assert broken.status_code == 400
    assert broken.json() == {"detail": "请求体不是有效的 JSON。"}
