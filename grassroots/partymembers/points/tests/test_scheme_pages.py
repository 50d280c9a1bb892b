"""The scheme's pages: the county drafts a year's scheme (default items marked 推定), edits its
numbers and items while a draft, publishes it (then nothing is editable) and closes it; every
refusal is the service's with nothing written; branch staff read it; outsiders get 404."""

from decimal import Decimal

import pytest
from django.test import Client

from grassroots.core.events import events_for

from ..models import PointsScheme, SchemeStatus, ScoringItem


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _draft(tree, year=2031):
    client = client_for(tree.org_dept)
    response = client.post("/party/points/schemes/new/", {"year": str(year)})
    scheme = PointsScheme.objects.get(year=year)
    assert response.status_code == 302 and response["Location"] == f"/party/points/schemes/{scheme.pk}/"
    return client, scheme


SETTINGS = {"op": "settings", "title": "2031年度党员积分方案", "weight_daily": "0.6",
            "weight_peer": "0.2", "weight_organisation": "0.2", "band_excellent": "92",
            "band_qualified": "76", "band_basic": "61", "daily_max": "100",
            "cap_basic_obligation": "30", "cap_daily_conduct": "20", "cap_org_task": "20",
            "cap_duty": "20", "cap_volunteering": "10", "excellent_cap_pct": "30",
            "posting_cycle": "monthly"}


@pytest.mark.django_db
def test_the_county_drafts_edits_publishes_and_closes_a_scheme(tree):
    client, scheme = _draft(tree)
    url = f"/party/points/schemes/{scheme.pk}/"
    page = client.get(url).content.decode()
    assert "推定" in page and 'data-testid="publish"' in page
    assert client.post(url + "act/", SETTINGS).status_code == 302
    scheme.refresh_from_db()
    assert scheme.weights == {"daily": 0.6, "peer": 0.2, "organisation": 0.2}
    assert scheme.grade_bands == [[92.0, "excellent"], [76.0, "qualified"], [61.0, "basic"]]
    assert (scheme.excellent_cap_pct, scheme.posting_cycle) == (30, "monthly")
    item = scheme.items.get(code="BO-06")
    assert client.post(url + "act/", {"op": "item", "item": item.pk, "points": "5",
                                      "cap_per_period": "", "evidence_rule": "培训证书",
                                      "recorder_role": "secretary"}).status_code == 302
    item.refresh_from_db()
    assert (item.points, item.cap_per_period, item.evidence_rule, item.recorder_role,
            item.is_default) == (Decimal("5"), None, "培训证书", "secretary", False)
    assert client.post(url + "act/", {
        "op": "add", "code": "OT-09", "label": "参加村级换届工作", "aspect": "org_task",
        "kind": "add", "points": "3", "period": "year", "fields": ["rural"],
        "recorder_role": "organiser"}).status_code == 302
    added = scheme.items.get(code="OT-09")
    assert (added.fields, added.auto_source, added.points) == (["rural"], "manual", Decimal("3"))
    assert client.post(url + "act/", {"op": "points_scheme_publish"}).status_code == 302
    scheme.refresh_from_db()
    assert scheme.status == SchemeStatus.PUBLISHED
    page = client.get(url).content.decode()
    assert 'data-testid="publish"' not in page and 'name="op" value="item"' not in page
    # Published: nothing editable, the refusal shown, nothing written.
    refused = client.post(url + "act/", {**SETTINGS, "weight_daily": "0.7",
                                         "weight_peer": "0.15", "weight_organisation": "0.15"})
    assert refused.status_code == 400 and "已发布" in refused.content.decode()
    scheme.refresh_from_db()
    assert scheme.weights["daily"] == 0.6
    assert client.post(url + "act/", {"op": "points_scheme_close"}).status_code == 302
    scheme.refresh_from_db()
    assert scheme.status == SchemeStatus.CLOSED
    actions = [e.action for e in events_for(scheme)]
    for code in ("points_scheme_create", "points_scheme_set", "points_item_set",
                 "points_item_add", "points_scheme_publish", "points_scheme_close"):
        assert code in actions


@pytest.mark.django_db
@pytest.mark.parametrize("change, message", [
    ({"weight_daily": "0.7"}, "权重之和应为1"),
    ({"band_qualified": "95"}, "优秀＞合格＞基本合格"),
    ({"cap_duty": "25"}, "各方面上限之和"),
    ({"excellent_cap_pct": "0"}, "优秀比例上限"),
    ({"posting_cycle": "weekly"}, "公示周期"),
])
def test_bad_numbers_are_refused_and_nothing_is_written(tree, change, message):
    client, scheme = _draft(tree)
    before = (scheme.weights, scheme.grade_bands, scheme.aspect_caps, scheme.posting_cycle)
    response = client.post(f"/party/points/schemes/{scheme.pk}/act/", {**SETTINGS, **change})
    assert response.status_code == 400 and message in response.content.decode()
    scheme.refresh_from_db()
    assert (scheme.weights, scheme.grade_bands, scheme.aspect_caps,
            scheme.posting_cycle) == before


@pytest.mark.django_db
def test_items_refuse_duplicates_and_system_recorders_for_manual_items(tree):
    client, scheme = _draft(tree)
    url = f"/party/points/schemes/{scheme.pk}/act/"
    duplicate = client.post(url, {"op": "add", "code": "BO-01", "label": "重复", "aspect":
                                  "org_task", "kind": "add", "points": "1", "period": "month",
                                  "recorder_role": "organiser"})
    assert duplicate.status_code == 400 and "BO-01" in duplicate.content.decode()
    manual = scheme.items.get(code="DC-01")
    refused = client.post(url, {"op": "item", "item": manual.pk, "points": "3",
                                "recorder_role": "system"})
    assert refused.status_code == 400
    assert ScoringItem.objects.get(pk=manual.pk).recorder_role == "organiser"
    assert client.post(url, {"op": "remove", "item": manual.pk}).status_code == 302
    assert not scheme.items.filter(code="DC-01").exists()


@pytest.mark.django_db
def test_branch_staff_read_the_scheme_outsiders_get_404(tree):
    _client, scheme = _draft(tree)
    url = f"/party/points/schemes/{scheme.pk}/"
    secretary = client_for(tree.branch_secretary)
    page = secretary.get(url)
    assert page.status_code == 200 and 'name="op"' not in page.content.decode()
    refused = secretary.post(url + "act/", {"op": "points_scheme_publish"})
    assert refused.status_code == 403
    scheme.refresh_from_db()
    assert scheme.status == SchemeStatus.DRAFT
    assert secretary.post("/party/points/schemes/new/", {"year": "2032"}).status_code == 403
    member = client_for(tree.member)
    assert member.get(url).status_code == 404
    assert member.get("/party/points/schemes/").status_code == 404
    assert member.post(url + "act/", {"op": "points_scheme_publish"}).status_code == 404
