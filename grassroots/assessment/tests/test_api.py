"""/api/v1/assessment beyond the routine records: schemes and versions, indicator scores, the
annual assessment's steps, quotas (slots), the excellent list's publicity and the uses of results
— each scope-filtered (another unit's ids answer 404, as a missing one) and in the OpenAPI."""

from datetime import timedelta

import pytest

from grassroots.core.scope import Role
from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.publicity import services as publicity
from grassroots.testing.factories import make_member

from ..models import AnnualAssessment, AssessmentScheme, RoutineRecord, SchemeStatus
from ..services.routine import period_open
from .test_annual import _quarter
from .test_excellent_publicity import START, at

pytestmark = pytest.mark.django_db
API = "/api/v1/assessment"


@pytest.fixture
def other(unit):
    """Another unit with its own head: none of the first unit's ids are his."""
    org = Organization.objects.create(name="金乡县司法局", short_name="司法局", code="D-JU",
                                      kind=OrganizationKind.DEPARTMENT)
    return make_member(username="o_head", organization=org, role=Role.UNIT_LEADER,
                       name="司法局长")


def _as(client, user):
    client.force_login(user)
    return client


SCHEME = {"year": 2026, "kind": "mixed", "title": "医保局平时考核方案", "effective_from": "2026-01-01",
          "items": [{"polarity": "positive", "text": "按时办结待遇审核", "points": "0.5", "cap": "5",
                     "evidence": "系统记录"},
                    {"polarity": "negative", "text": "审核差错", "points": "2",
                     "scope": "section", "section": None}],
          "indicators": [{"kind": "common", "text": "工作作风", "weight": "20",
                          "scoring_rule": "按季度评价"},
                         {"kind": "individual", "text": "审核准确率", "weight": "60",
                          "scoring_rule": "每差错一件扣2分", "target_posts": "经办"},
                         {"kind": "individual", "text": "执法案卷质量", "weight": "60",
                          "scoring_rule": "评查扣分", "target_posts": "执法"}]}


def _scheme_body(unit):
    body = {**SCHEME, "unit": unit.org.pk}
    body["items"] = [dict(i) for i in SCHEME["items"]]
    body["items"][1]["section"] = unit.section.pk
    return body


def test_schemes_create_approve_and_versions(unit, other, client):
    c = _as(client, unit.head)
    r = c.post(f"{API}/schemes", _scheme_body(unit), content_type="application/json")
    assert r.status_code == 201, r.content
    v1 = r.json()
    assert (v1["version"], v1["status"], v1["n_items"], v1["n_indicators"]) == (1, "draft", 2, 3)
    assert [(i["polarity"], i["text"], i["section"]) for i in v1["items"]] == [
        ("negative", "审核差错", "待遇保障科"), ("positive", "按时办结待遇审核", None)]
    assert [i["kind"] for i in v1["indicators"]] == ["common", "individual", "individual"]
    assert c.post(f"{API}/schemes/{v1['id']}/approve").json()["status"] == "approved"
    v2 = c.post(f"{API}/schemes", {**_scheme_body(unit), "title": "医保局平时考核方案（修订）"},
                content_type="application/json").json()
    approved = c.post(f"{API}/schemes/{v2['id']}/approve").json()
    assert [(v["version"], v["status"]) for v in approved["versions"]] == [
        (2, "approved"), (1, "superseded")]
    assert AssessmentScheme.objects.get(pk=v1["id"]).status == SchemeStatus.SUPERSEDED
    listed = c.get(f"{API}/schemes?year=2026").json()
    assert (listed["count"], [s["version"] for s in listed["items"]]) == (2, [2, 1])
    # A refusal of the service comes back with its message and field, nothing written.
    bad = c.post(f"{API}/schemes", {**_scheme_body(unit), "kind": "indicators", "indicators": []},
                 content_type="application/json")
    assert bad.status_code == 400
    assert bad.json()["error"]["message"] == "指标体系至少须有一项指标。"
    assert AssessmentScheme.objects.count() == 2

    # Another unit's head: the schemes, the unit and the section are not his — 404 as missing.
    o = _as(client, other)
    assert o.get(f"{API}/schemes").json()["count"] == 0
    assert o.get(f"{API}/schemes/{v1['id']}").status_code == 404
    assert o.get(f"{API}/schemes/999999").status_code == 404
    assert o.post(f"{API}/schemes/{v1['id']}/approve").status_code == 404
    assert o.post(f"{API}/schemes", _scheme_body(unit),
                  content_type="application/json").status_code == 404
    # A civil servant has no scheme pages: 404, as for an outsider.
    assert _as(client, unit.a).get(f"{API}/schemes").status_code == 404
    assert AssessmentScheme.objects.count() == 2


def test_indicator_scores_by_the_direct_leader(unit, other, client):
    c = _as(client, unit.head)
    scheme = c.post(f"{API}/schemes", _scheme_body(unit), content_type="application/json").json()
    c.post(f"{API}/schemes/{scheme['id']}/approve")
    period = period_open(actor=unit.head, unit=unit.org, year=2026, quarter=1)
    record = RoutineRecord.objects.get(period=period, person=unit.a.person)
    url = f"{API}/records/{record.pk}"
    shown = _as(client, unit.a).get(f"{url}/indicators").json()
    assert [i["text"] for i in shown["indicators"]] == ["工作作风", "审核准确率"]  # post 经办
    assert shown["suggested_score"] is None
    common, accuracy = (i["id"] for i in shown["indicators"])
    enforcement = scheme["indicators"][2]["id"]
    # Only the direct leader (丙科长) scores; the person himself is refused.
    assert client.post(f"{url}/indicator-scores", {"indicator": common, "score": "18"},
                       content_type="application/json").status_code == 403
    leader = _as(client, unit.c)
    wrong = leader.post(f"{url}/indicator-scores", {"indicator": enforcement, "score": "50"},
                        content_type="application/json")
    assert wrong.status_code == 400 and wrong.json()["error"]["message"] == (
        "该指标不适用于本记实（不在本季度考核方案中或不适用于该岗位）。")
    over = leader.post(f"{url}/indicator-scores", {"indicator": common, "score": "25"},
                       content_type="application/json")
    assert over.json()["error"]["message"] == "指标得分须在0到20.0之间。"
    leader.post(f"{url}/indicator-scores", {"indicator": common, "score": "18"},
                content_type="application/json")
    done = leader.post(f"{url}/indicator-scores",
                       {"indicator": accuracy, "score": "56", "note": "差错2件"},
                       content_type="application/json").json()
    assert [(i["score"], i["note"]) for i in done["indicators"]] == [("18.0", ""),
                                                                    ("56.0", "差错2件")]
    assert (done["indicator_points"], done["suggested_score"]) == ("74.0", "74.0")
    # Another unit's head: the record is not his.
    o = _as(client, other)
    assert o.get(f"{url}/indicators").status_code == 404
    assert o.post(f"{url}/indicator-scores", {"indicator": common, "score": "1"},
                  content_type="application/json").status_code == 404


def test_annual_quota_publicity_decision_and_use(unit, other, client):
    for q in (1, 2, 3, 4):
        _quarter(unit, q, {unit.a: 95, unit.b: 85, unit.c: 85})
    with at(START):
        head = _as(client, unit.head)
        assert head.post(f"{API}/annual/collect", {"unit": unit.org.pk, "year": 2026},
                         content_type="application/json").json() == {"created": 3}
        # The authority decides the slots (a unit of 3: floor(0.6) → the minimum of 1).
        assert head.post(f"{API}/quotas", {"unit": unit.org.pk, "year": 2026},
                         content_type="application/json").status_code == 403
        quota = _as(client, unit.authority).post(
            f"{API}/quotas", {"unit": unit.org.pk, "year": 2026},
            content_type="application/json").json()
        assert (quota["participants"], quota["excellent_slots"], quota["publicity"]) == (3, 1, None)
        a = AnnualAssessment.objects.get(person=unit.a.person, year=2026)
        url = f"{API}/annual/{a.pk}/actions"
        me = _as(client, unit.a).get(f"{API}/annual/{a.pk}").json()
        assert (me["routine_grades"], me["good_quarters"], me["actions"]) == (
            {"1": "good", "2": "good", "3": "good", "4": "good"}, 4, ["annual_submit_summary"])
        assert client.post(url, {"action": "annual_submit_summary", "summary": "全年完成各项工作任务。"},
                           content_type="application/json").json()["status"] == "summarised"
        assert _as(client, unit.c).post(url, {"action": "annual_recommend", "grade": "excellent"},
                                        content_type="application/json").json()[
            "recommended_grade"] == "excellent"
        reviewed = _as(client, unit.committee).post(url, {"action": "annual_review", "note": "同意"},
                                                    content_type="application/json").json()
        assert reviewed["status"] == "reviewed"
        # The head may not decide a 优秀 before the excellent list's publicity.
        detail = _as(client, unit.head).get(f"{API}/annual/{a.pk}").json()
        assert detail["excellent_gate"] == "优秀等次人选尚未公示，公示期满且无异议后才能确定等次。"
        early = client.post(url, {"action": "annual_decide"}, content_type="application/json")
        assert early.status_code == 400 and early.json()["error"]["message"] == detail[
            "excellent_gate"]
        published = client.post(f"{API}/quotas/{quota['id']}/publicity",
                                {"contact_phone": "0537-8888888"}, content_type="application/json")
        assert published.status_code == 201
        shown = published.json()
        assert shown["publicity"]["entries"] == ["甲（待遇保障科）"]
        assert shown["publicity"]["open_for_decision"] is False
        assert [(x["person"], x["status"]) for x in shown["listed"]] == [("甲", "reviewed")]
    end = AnnualAssessment.objects.get(pk=a.pk)
    with at(START + timedelta(days=30)):
        publicity.publicity_end_due()
        assert client.get(f"{API}/quotas/{quota['id']}").json()["publicity"][
            "open_for_decision"] is True
        decided = client.post(url, {"action": "annual_decide"}, content_type="application/json")
        assert decided.json()["final_grade"] == "excellent", decided.content
        client.post(url, {"action": "annual_notify"}, content_type="application/json")
        used = client.post(url, {"action": "result_use", "kind": "award",
                                 "reference": "金人社〔2027〕3号"},
                           content_type="application/json").json()
    assert [(u["kind"], u["reference"], u["final_grade"]) for u in used["uses"]] == [
        ("award", "金人社〔2027〕3号", "excellent")]
    assert client.get(f"{API}/uses?year=2026").json()["count"] == 1
    assert client.get(f"{API}/quotas?year=2026").json()["items"][0]["excellent"] == 1
    assert end.status == "reviewed"  # (read before the decision)

    # Another unit's head: the annual, quota and unit ids are not his — 404 as missing.
    o = _as(client, other)
    assert o.get(f"{API}/annual/{a.pk}").status_code == 404
    assert o.post(url, {"action": "annual_notify"}, content_type="application/json").status_code == 404
    assert o.get(f"{API}/quotas/{quota['id']}").status_code == 404
    assert o.post(f"{API}/quotas/{quota['id']}/publicity", {"contact_phone": "1"},
                  content_type="application/json").status_code == 404
    assert o.post(f"{API}/annual/collect", {"unit": unit.org.pk, "year": 2026},
                  content_type="application/json").status_code == 404
    assert (o.get(f"{API}/annual").json()["count"], o.get(f"{API}/uses").json()["count"],
            o.get(f"{API}/quotas").json()["count"]) == (0, 0, 0)
    # A colleague sees only his own annual assessment.
    assert [x["person"] for x in _as(client, unit.b).get(f"{API}/annual").json()["items"]] == ["乙"]


def test_the_operations_are_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/schemes", "/schemes/{scheme_id}", "/schemes/{scheme_id}/approve",
                 "/records/{record_id}/indicators", "/records/{record_id}/indicator-scores",
                 "/annual", "/annual/collect", "/annual/{annual_id}",
                 "/annual/{annual_id}/actions", "/uses", "/quotas", "/quotas/{quota_id}",
                 "/quotas/{quota_id}/publicity"):
        operations = paths[f"/api/v1/assessment{path}"]
        assert all(op["summary"] for op in operations.values()), path
