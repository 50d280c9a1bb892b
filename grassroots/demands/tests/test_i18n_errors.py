"""Service and API error messages follow the active language; Chinese stays the default."""

import json

import pytest
from django.utils import translation

from grassroots.core.errors import ApplicationError, TransitionNotAllowed
from grassroots.demands.models import Demand
from grassroots.demands.services import assignment_acknowledge
from grassroots.integrations.services.tokens import api_token_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, scope="module")
def compiled_catalogue():
    # CI starts from a fresh clone without .mo files (see docs/i18n.md).
    from django.core.management import call_command

    call_command("compile_translations", verbosity=0)


def test_service_error_in_english_and_in_chinese_by_default(county, make_demand):
    with translation.override("en"), pytest.raises(ApplicationError) as english:
        make_demand(title="水")
    assert english.value.message == "Enter a title for the Demand (at least 2 characters)."
    assert english.value.field == "title"

    with pytest.raises(ApplicationError) as chinese:
        make_demand(title="水")
    assert chinese.value.message == "请填写诉求标题（至少2个字）。"
    assert Demand.objects.count() == 0


def test_placeholders_are_filled_in_the_active_language(county, make_demand):
    with translation.override("en"), pytest.raises(ApplicationError) as english:
        make_demand(title="水" * 101)
    assert english.value.message == "The title cannot be longer than 100 characters; it has 101."
    with pytest.raises(ApplicationError) as chinese:
        make_demand(title="水" * 101)
    assert chinese.value.message == "标题不能超过100个字，目前101个字。"


def test_transition_error_names_state_and_action_in_english(county, dispatched):
    demand, lead, assist = dispatched
    assignment_acknowledge(actor=county.handler, assignment=lead)
    with translation.override("en"), pytest.raises(TransitionNotAllowed) as english:
        assignment_acknowledge(actor=county.handler, assignment=lead)
    assert english.value.message == (
        'The Assignment is "Acknowledged"; "Acknowledge" is not possible now. '
        "If the page is out of date, refresh it and try again.")
    with pytest.raises(TransitionNotAllowed) as chinese:
        assignment_acknowledge(actor=county.handler, assignment=lead)
    assert chinese.value.message == "工单当前状态为“已签收”，不能执行“签收”。如页面未刷新，请刷新后重试。"


def _create(client, token, **extra):
    response = client.post(
        "/api/v1/demands", data=json.dumps({"type": "help", "title": "水压低", "text": "太短"}),
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}", **extra)
    return response.status_code, response.json()


def test_api_error_in_english_with_the_language_cookie(client, county):
    token = api_token_create(actor=county.admin, name="测试", user=county.dispatcher,
                             scopes=("read", "write"))[1]
    client.cookies["django_language"] = "en"
    status, body = _create(client, token)
    assert status == 400
    assert set(body) == {"error"} and body["error"]["code"] == "invalid"
    # every field at once, each next to its field
    assert body["error"]["message"] == (
        "Describe the Demand clearly (at least 5 characters). "
        "For a phone Demand, enter the caller's mobile number.")
    assert body["error"]["fields"] == {
        "text": ["Describe the Demand clearly (at least 5 characters)."],
        "citizen_phone": ["For a phone Demand, enter the caller's mobile number."]}

    # Framework-level errors of the API follow the cookie too.
    response = client.get("/api/v1/demands/999999",
                          HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Not found."

    del client.cookies["django_language"]
    status, body = _create(client, token)
    assert status == 400
    assert body["error"]["message"] == "请把诉求内容写清楚（至少5个字）。电话受理请填写来电人手机号。"
    assert Demand.objects.count() == 0
