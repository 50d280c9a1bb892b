"""The administrator's pages and the read-only API."""

import pytest
from django.test import Client

from grassroots.core.models import Event
from grassroots.rulesets.models import RuleSet
from grassroots.rulesets.selectors import rule_set_by_code

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_list_marks_the_sets_in_force_today_and_the_nav_offers_it(county):
    response = _client(county.admin).get("/rulesets/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "party.dev.2014" in html and "party.dev.2026" in html
    row_2014 = html.split('data-testid="rule-set-party.dev.2014"')[1].split("</tr>")[0]
    row_2026 = html.split('data-testid="rule-set-party.dev.2026"')[1].split("</tr>")[0]
    assert "施行中" in row_2014 and "施行中" not in row_2026
    from grassroots.core.dashboard import nav_items

    assert {"label": "规则库", "url": "/rulesets/", "section": "admin"} in [
        {k: str(v) for k, v in item.items()} for item in nav_items(county.admin)]
    assert not [i for i in nav_items(county.handler) if str(i["url"]) == "/rulesets/"]


def test_detail_shows_params_with_article_and_bound(county):
    rs = rule_set_by_code("party.vote.2014")
    html = _client(county.handler).get(f"/rulesets/{rs.pk}/").content.decode()
    assert "第二十条" in html and "&gt; 1/2" in html and "确认施行" not in html


def test_citizen_gets_404(county):
    assert _client(county.citizen).get("/rulesets/").status_code == 404
    assert _client(county.citizen).get("/api/v1/rule-sets").status_code == 404


def test_local_set_form_refuses_a_looser_value_next_to_its_field(county):
    base = rule_set_by_code("party.dev.2014")
    client = _client(county.admin)
    form = client.get(f"/rulesets/{base.pk}/local/new/").content.decode()
    assert 'name="v_approval.within_months"' in form and 'value="3"' in form
    before = (RuleSet.objects.count(), Event.objects.count())
    response = client.post(f"/rulesets/{base.pk}/local/new/", {
        "code": "party.dev.2014.sishui", "title": "泗水县发展党员实施细则", "scope": "county",
        "effective_from": "2020-01-01", "v_approval.within_months": "5"})
    assert response.status_code == 400
    assert ("“审批期限”（approval.within_months）只能比依据规则更严格：须不高于 3个月（自然月），"
            "不能改为 5。") in response.content.decode()
    assert (RuleSet.objects.count(), Event.objects.count()) == before


def test_local_set_created_then_confirmed_through_the_pages(county):
    base = rule_set_by_code("party.dev.2014")
    client = _client(county.admin)
    response = client.post(f"/rulesets/{base.pk}/local/new/", {
        "code": "party.dev.2014.sishui", "title": "泗水县发展党员实施细则", "scope": "county",
        "effective_from": "2020-01-01", "v_approval.within_months": "2"})
    local = RuleSet.objects.get(code="party.dev.2014.sishui")
    assert response.status_code == 302 and response["Location"] == f"/rulesets/{local.pk}/"
    assert local.params.get(key="approval.within_months").value == 2
    response = client.post(f"/rulesets/{local.pk}/confirm/", {"action": "rule_set_confirm"})
    assert response.status_code == 302
    local.refresh_from_db()
    assert local.status == "confirmed"
    response = client.post(f"/rulesets/{local.pk}/confirm/", {"action": "rule_set_confirm"},
                           follow=True)
    assert "已确认" in response.content.decode()


def test_api_lists_sets_and_gives_params_and_the_set_in_force(county):
    client = _client(county.viewer)
    listed = client.get("/api/v1/rule-sets?family=party.dev").json()
    assert [s["code"] for s in listed] == ["party.dev.2014", "party.dev.2026"]
    assert listed[1]["status"] == "draft"
    rs = rule_set_by_code("party.vote.2014")
    detail = client.get(f"/api/v1/rule-sets/{rs.pk}").json()
    quorum = next(p for p in detail["params"] if p["key"] == "quorum.present_over_should_attend")
    assert (quorum["value"], quorum["inclusive"], quorum["article"]) == ("1/2", False, "第二十条")
    in_force = client.get("/api/v1/rule-sets/in-force?family=party.dev&on=2026-06-01").json()
    assert in_force["code"] == "party.dev.2014"
    missing = client.get("/api/v1/rule-sets/in-force?family=party.dev&on=2014-01-01")
    assert missing.status_code == 400
    assert missing.json()["error"]["message"].startswith("2014-01-01 没有施行中的")
    assert client.get("/api/v1/rule-sets/999999").status_code == 404


def test_openapi_documents_the_rule_set_operations(county):
    paths = _client(county.admin).get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/rule-sets", "/api/v1/rule-sets/in-force",
            "/api/v1/rule-sets/{rule_set_id}"} <= set(paths)
