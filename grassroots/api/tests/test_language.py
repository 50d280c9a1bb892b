"""The API speaks the client's language: Accept-Language picks English, Chinese by default.

Pages ignore the browser's language on purpose (core/tests/test_language.py); an API client
has no language switch, so the header it sends is how it asks.
"""

import pytest

from grassroots.demands.models import Category, DemandType
from grassroots.demands.services import assignment_acknowledge, demand_create, demand_dispatch
from grassroots.integrations.services.tokens import api_token_create

pytestmark = pytest.mark.django_db


def _caller(client, county, user):
    token = api_token_create(actor=county.admin, name="测试", user=user,
                             scopes=("read", "write"))[1]

    def call(method, url, language=None, **extra):
        extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        if language is not None:
            extra["HTTP_ACCEPT_LANGUAGE"] = language
        if method == "post":
            extra.setdefault("content_type", "application/json")
        return getattr(client, method)(url, **extra)

    return call


@pytest.fixture
def api(client, county):
    return _caller(client, county, county.dispatcher)


@pytest.fixture
def acknowledged(county):
    category = Category.objects.create(name="水压低", code="T010101", level=3)
    demand = demand_create(actor=county.dispatcher, channel="phone", type=DemandType.HELP,
                           title="小区水压低", text="金城社区3号楼最近一周水压很低，楼上用不上水。",
                           category=category, division=county.village_a,
                           citizen_phone="13912345678", citizen_name="赵先生")
    (lead,) = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    assignment_acknowledge(actor=county.handler, assignment=lead)
    return demand, lead


def test_422_field_errors_in_english(api):
    response = api("post", "/api/v1/demands", "en-US,en;q=0.9", data={"title": 5})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["fields"]["type"] == ["Required."]
    assert error["fields"]["title"] == ["Should be text."]
    assert response.headers["Content-Language"] == "en"
    assert "Accept-Language" in response.headers["Vary"]


def test_404_and_unknown_url_in_english(api):
    response = api("get", "/api/v1/demands/999999", "en")
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Not found."
    response = api("get", "/api/v1/no-such-thing", "en")
    assert response.status_code == 404
    assert "/api/v1/docs" in response.json()["error"]["message"]
    assert "没有" not in response.json()["error"]["message"]


def test_409_message_and_labels_in_english(api, acknowledged, client, county):
    demand, lead = acknowledged
    handler = _caller(client, county, county.handler)
    response = handler("post", f"/api/v1/assignments/{lead.pk}/acknowledge", "en")
    assert response.status_code == 409
    assert response.json()["error"]["message"] == (
        'The Assignment is "Acknowledged"; "Acknowledge" is not possible now. If the page is '
        "out of date, refresh it and try again.")
    body = api("get", f"/api/v1/demands/{demand.pk}", "en").json()
    assert body["status_label"] == "In progress"
    assert api("get", f"/api/v1/demands/{demand.pk}").json()["status_label"] == "办理中"


def test_chinese_by_default_and_for_unsupported_languages(api):
    for language in (None, "zh-CN,zh;q=0.9", "fr-FR", "*"):
        response = api("get", "/api/v1/demands/999999", language)
        assert response.json()["error"]["message"] == "未找到。", language
        assert response.headers["Content-Language"] == "zh-hans"


def test_the_language_switch_still_wins(api, client):
    client.cookies["django_language"] = "zh-hans"
    response = api("get", "/api/v1/demands/999999", "en")
    assert response.json()["error"]["message"] == "未找到。"


def test_pages_still_ignore_the_browser_language(client, county):
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.headers["Content-Language"] == "zh-hans"


def test_nul_byte_refusal_in_english(api):
    response = api("get", "/api/v1/demands", "en", data={"q": "水\x00压"})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "The request contains an invalid character (NUL). Check it and try again.")
