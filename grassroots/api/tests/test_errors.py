"""422 answers name each bad field in the user's language, not pydantic's English."""

import pytest

from grassroots.integrations.services.tokens import api_token_create

pytestmark = pytest.mark.django_db


def _post_bad_demand(client, county, **extra):
    token = api_token_create(actor=county.admin, name="测试", user=county.dispatcher,
                             scopes=("read", "write"))[1]
    return client.post("/api/v1/demands", data={"title": 5, "latitude": "north"},
                       content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {token}", **extra)


def test_422_field_messages_are_chinese(client, county):
    response = _post_bad_demand(client, county)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["fields"]["type"] == ["必填。"]
    assert error["fields"]["title"] == ["应为文本。"]
    assert error["fields"]["latitude"] == ["应为数字。"]
    assert "title：应为文本。" in error["message"] and "type：必填。" in error["message"]
    text = response.content.decode("utf-8")
    assert "Field required" not in text and "Input should be" not in text


def test_422_field_messages_follow_the_english_switch(client, county):
    client.cookies["django_language"] = "en"
    error = _post_bad_demand(client, county).json()["error"]
    assert error["fields"]["type"] == ["Required."]
    assert error["fields"]["title"] == ["Should be text."]
