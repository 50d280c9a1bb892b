"""The demands REST API: list/filters, create, detail, every action, errors in one shape."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from grassroots.demands.models import AssignmentStatus, Demand, DemandStatus
from grassroots.demands.services import assignment_acknowledge, assignment_reply
from grassroots.integrations.services.tokens import api_token_create

pytestmark = pytest.mark.django_db


def token_for(county, user, scopes=("read", "write")):
    return api_token_create(actor=county.admin, name="测试", user=user, scopes=scopes)[1]


def call(client, method, url, token=None, data=None, **extra):
    if token:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    if data is not None and "content_type" not in extra:
        extra["content_type"] = "application/json"
        data = json.dumps(data)
    response = getattr(client, method)(url, data=data, **extra) if data is not None \
        else getattr(client, method)(url, **extra)
    return response.status_code, response.json()


def assert_error_shape(body, code):
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["fields"], dict)


# --- list and filters -----------------------------------------------------------------------


def test_list_is_scope_filtered_and_paginated(client, county, make_demand, dispatched):
    demand, lead, assist = dispatched
    make_demand(title="另一件诉求")  # received, not dispatched: not the water bureau's
    status, body = call(client, "get", "/api/v1/demands", token_for(county, county.handler))
    assert status == 200
    assert body["count"] == 1 and body["items"][0]["number"] == demand.number
    status, body = call(client, "get", "/api/v1/demands?page_size=1",
                        token_for(county, county.dispatcher))
    assert body["count"] == 2 and len(body["items"]) == 1
    status, body = call(client, "get", "/api/v1/demands", token_for(county, county.outsider))
    # The housing bureau assists on the dispatched demand, so it sees exactly that one.
    assert [d["id"] for d in body["items"]] == [demand.pk]


def test_list_filters_like_the_page_and_422_on_bad_filter(client, county, make_demand,
                                                          dispatched):
    token = token_for(county, county.dispatcher)
    status, body = call(client, "get", "/api/v1/demands?status=received", token)
    assert status == 200 and body["count"] == 0
    status, body = call(client, "get", "/api/v1/demands?status=nonsense&date_from=2025-13-01",
                        token)
    assert status == 422
    assert_error_shape(body, "validation_error")
    assert body["error"]["fields"] == {"status": ["未知的状态。"],
                                       "date_from": ["日期格式应为 YYYY-MM-DD。"]}


def test_page_size_is_capped(client, county, dispatched):
    status, body = call(client, "get", "/api/v1/demands?page_size=100000",
                        token_for(county, county.dispatcher))
    assert status == 200 and body["count"] == 1


# --- create -----------------------------------------------------------------------------------


def test_create_by_staff_is_a_phone_demand(client, county, categories):
    status, body = call(client, "post", "/api/v1/demands", token_for(county, county.dispatcher),
                        {"type": "help", "title": "路灯不亮", "text": "胡集村东头路灯坏了一个月。",
                         "category": categories["pressure"].pk, "division": county.village_b.pk,
                         "citizen_phone": "13800001111", "citizen_name": "孙先生"})
    assert status == 201, body
    demand = Demand.objects.get(pk=body["id"])
    assert demand.channel == "phone" and demand.created_by == county.dispatcher
    assert body["citizen_phone_masked"].startswith("138") and "1111" in body["citizen_phone_masked"]
    assert "00001111" not in json.dumps(body)


def test_create_answer_is_complete_without_extra_reads(client, county, categories,
                                                      django_assert_max_num_queries):
    token = token_for(county, county.dispatcher)
    payload = {"type": "help", "title": "水压低", "text": "胡集村三组自来水水压很低。",
               "category": categories["pressure"].pk, "division": county.village_b.pk,
               "citizen_phone": "13800002222"}
    call(client, "post", "/api/v1/demands", token, payload)  # warm: settings, content types
    # token (+user, person), category (+parents), memberships, team seats, party posts, place
    # (+town), citizen, demand, 2 matching reads, duplicate rows, events, number (+ savepoints
    # on SQLite); and one scope query per system that adds roles (talent, assessment, two-new:
    # each provider answers in one query)
    with django_assert_max_num_queries(20):
        status, body = call(client, "post", "/api/v1/demands", token, payload)
    assert status == 201, body
    demand = Demand.objects.get(pk=body["id"])
    assert body["number"] == demand.number and not demand.number.startswith("TMP-")
    assert body["town_name"] == county.village_b.town.name
    assert body["category_path"] == categories["pressure"].path
    assert body["status"] == DemandStatus.RECEIVED


def test_create_by_citizen_session(client, county):
    client.force_login(county.citizen)
    status, body = call(client, "post", "/api/v1/demands", None,
                        {"type": "suggestion", "title": "建议增设公交站",
                         "text": "希望在胡集村口增设一个公交站点。"})
    assert status == 201
    assert Demand.objects.get(pk=body["id"]).channel == "citizen"


def test_create_field_errors_are_400_and_nothing_written(client, county):
    token = token_for(county, county.dispatcher)
    status, body = call(client, "post", "/api/v1/demands", token,
                        {"type": "help", "title": "水压低", "text": "太短"})
    assert status == 400  # every field refused at once, each under its own name
    assert body["error"]["fields"] == {"text": ["请把诉求内容写清楚（至少5个字）。"],
                                       "citizen_phone": ["电话受理请填写来电人手机号。"]}
    status, body = call(client, "post", "/api/v1/demands", token, {"title": "缺少类型"})
    assert status == 422 and "type" in body["error"]["fields"] and "text" in body["error"]["fields"]
    assert Demand.objects.count() == 0


# --- detail, 404 and 403 --------------------------------------------------------------------


def test_detail_has_assignments_and_timeline(client, county, dispatched):
    demand, lead, assist = dispatched
    status, body = call(client, "get", f"/api/v1/demands/{demand.pk}",
                        token_for(county, county.handler))
    assert status == 200
    assert [a["role"] for a in body["assignments"]] == ["lead", "assist"]
    assert body["assignments"][0]["actions"] == ["acknowledge", "return"]
    assert [e["action"] for e in body["timeline"]][:2] == ["create", "dispatch"]
    assert body["timeline"][0]["actor"] == "派单员"


def test_outsider_gets_404_same_as_missing(client, county, make_demand):
    demand = make_demand()
    token = token_for(county, county.outsider)
    missing = call(client, "get", "/api/v1/demands/999999", token)
    not_yours = call(client, "get", f"/api/v1/demands/{demand.pk}", token)
    assert missing == not_yours
    assert missing[0] == 404
    assert_error_shape(missing[1], "not_found")


def test_read_only_colleague_gets_403_on_acknowledge(client, county, dispatched):
    demand, lead, assist = dispatched
    status, body = call(client, "post", f"/api/v1/assignments/{lead.pk}/acknowledge",
                        token_for(county, county.viewer))
    assert status == 403
    assert_error_shape(body, "forbidden")
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.DISPATCHED


def test_outsider_gets_404_on_other_units_assignment(client, county, dispatched):
    demand, lead, assist = dispatched
    other = call(client, "post", f"/api/v1/assignments/{lead.pk}/acknowledge",
                 token_for(county, county.town_staff))
    # Town staff see demands of their town (view) but not this unit's assignment to change.
    assert other[0] in (403, 404)
    status, body = call(client, "post", "/api/v1/assignments/999999/acknowledge",
                        token_for(county, county.handler))
    assert status == 404


def test_unauthenticated_is_401(client, county):
    status, body = call(client, "get", "/api/v1/demands")
    assert status == 401
    assert_error_shape(body, "unauthenticated")


# --- the lifecycle through the API ----------------------------------------------------------


def test_dispatch_classifies_an_unclassified_demand(client, county, make_demand, categories):
    demand = make_demand(category=None)
    dispatcher = token_for(county, county.dispatcher)
    url = f"/api/v1/demands/{demand.pk}/dispatch"
    status, body = call(client, "post", url, dispatcher,
                        {"lead_unit": county.water.pk, "category": 999999})
    assert status == 400 and "category" in body["error"]["fields"]
    demand.refresh_from_db()
    assert demand.status == DemandStatus.RECEIVED and demand.category_id is None
    status, body = call(client, "post", url, dispatcher,
                        {"lead_unit": county.water.pk, "category": categories["pressure"].pk})
    assert status == 200, body
    demand.refresh_from_db()
    assert demand.category_id == categories["pressure"].pk
    assert "categorized" in [e["action"] for e in body["timeline"]]


def test_full_cycle_through_the_api(client, county, make_demand):
    demand = make_demand()
    dispatcher = token_for(county, county.dispatcher)
    handler = token_for(county, county.handler)
    status, body = call(client, "post", f"/api/v1/demands/{demand.pk}/dispatch", dispatcher,
                        {"lead_unit": county.water.pk, "assisting_units": [county.housing.pk],
                         "note": "请尽快处理"})
    assert status == 200, body
    lead_id = body["assignments"][0]["id"]
    status, body = call(client, "post", f"/api/v1/assignments/{lead_id}/acknowledge", handler)
    assert status == 200 and body["status"] == "acknowledged"
    response = client.post(f"/api/v1/assignments/{lead_id}/notes",
                           {"kind": "verification", "text": "已到现场核实，确为水泵故障。"},
                           HTTP_AUTHORIZATION=f"Bearer {handler}")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "handling"
    status, body = call(client, "post", f"/api/v1/assignments/{lead_id}/reply", handler,
                        {"outcome": "resolved", "text": "已更换加压泵，水压恢复正常，感谢反映。"})
    assert status == 400  # the assisting unit has not replied: the lead says why
    assert body["error"]["fields"] == {"unconsolidated_reason": [
        "协办单位尚未答复：住建局。请汇总协办单位的答复后再答复，或写明未汇总的原因（至少5个字）。"]}
    status, body = call(client, "post", f"/api/v1/assignments/{lead_id}/reply", handler,
                        {"outcome": "resolved", "text": "已更换加压泵，水压恢复正常，感谢反映。",
                         "unconsolidated_reason": "住建局电话告知楼内管道无问题，无需其处置。"})
    assert status == 200 and body["status"] == "replied"
    status, body = call(client, "post", f"/api/v1/demands/{demand.pk}/follow-up", dispatcher,
                        {"satisfaction": "satisfied"})
    assert status == 200 and body["status"] == "closed"
    status, body = call(client, "post", f"/api/v1/demands/{demand.pk}/follow-up", dispatcher,
                        {"satisfaction": "satisfied"})
    assert status == 409
    assert_error_shape(body, "conflict")


def test_forbidden_transition_is_409_with_reason(client, county, dispatched):
    demand, lead, assist = dispatched
    handler = token_for(county, county.handler)
    status, body = call(client, "post", f"/api/v1/assignments/{lead.pk}/reply", handler,
                        {"outcome": "resolved", "text": "已经处理完毕，水压恢复正常了。"})
    assert status == 409
    assert body["error"]["message"].startswith("工单当前状态为“待签收”，不能执行“答复”")
    assert body["error"]["detail"] == {"state": "dispatched", "action": "reply"}


def test_return_ruling_and_extension(client, county, dispatched):
    from datetime import timedelta

    demand, lead, assist = dispatched
    handler = token_for(county, county.handler)
    dispatcher = token_for(county, county.dispatcher)
    status, body = call(client, "post", f"/api/v1/assignments/{lead.pk}/return", handler,
                        {"reason": "该管网属于住建部门管理"})
    assert status == 200 and body["status"] == "ret_requested"
    # The handler cannot rule on its own return.
    status, _ = call(client, "post", f"/api/v1/assignments/{lead.pk}/ruling", handler,
                     {"approve": True})
    assert status == 403
    status, body = call(client, "post", f"/api/v1/assignments/{lead.pk}/ruling", dispatcher,
                        {"approve": False, "note": "经核实属于水务局职责"})
    assert status == 200 and body["status"] == "acknowledged"
    lead.refresh_from_db()
    until = (lead.reply_due_at + timedelta(days=5)).isoformat()
    status, body = call(client, "post", f"/api/v1/assignments/{lead.pk}/extension", handler,
                        {"reason": "需要等待配件到货", "until": until})
    assert status == 200 and body["status"] == "ext_requested" and body["is_paused"]
    status, body = call(client, "post", f"/api/v1/assignments/{lead.pk}/extension-decision",
                        dispatcher, {"approve": True, "note": "同意"})
    assert status == 200 and body["status"] == "handling"


def test_merge(client, county, make_demand):
    a, b = make_demand(), make_demand(title="同一小区水压低")
    status, body = call(client, "post", f"/api/v1/demands/{b.pk}/merge",
                        token_for(county, county.dispatcher), {"into": a.pk})
    assert status == 200 and body["status"] == "merged" and body["merged_into_id"] == a.pk


def test_oversized_upload_is_413(client, county, dispatched):
    demand, lead, assist = dispatched
    assignment_acknowledge(actor=county.handler, assignment=lead)
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * (10 * 1024 * 1024),
                             content_type="image/jpeg")
    response = client.post(f"/api/v1/assignments/{lead.pk}/notes",
                           {"kind": "disposal", "text": "现场照片", "photos": [big]},
                           HTTP_AUTHORIZATION=f"Bearer {token_for(county, county.handler)}")
    assert response.status_code == 413
    assert_error_shape(response.json(), "too_large")
    assert response.json()["error"]["fields"] == {"photos": ["照片“big.jpg”超过10MB，请压缩后再上传。"]}


def test_follow_up_by_citizen_session_needs_csrf(county, dispatched):
    from django.test import Client

    demand, lead, assist = dispatched
    assignment_acknowledge(actor=county.handler, assignment=lead)
    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved",
                     text="已更换加压泵，水压恢复正常，感谢反映。", unconsolidated_reason="协办单位已电话告知无需其处置。")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(county.citizen)
    response = strict.post(f"/api/v1/demands/{demand.pk}/follow-up",
                           json.dumps({"satisfaction": "satisfied"}),
                           content_type="application/json")
    assert response.status_code == 403
    assert Demand.objects.get(pk=demand.pk).status == DemandStatus.REPLIED


# --- reference data -------------------------------------------------------------------------


def test_reference_lists(client, county, categories):
    token = token_for(county, county.handler)
    status, body = call(client, "get",
                        f"/api/v1/categories?level=3&parent={categories['water'].pk}", token)
    assert status == 200
    assert [c["code"] for c in body["items"]] == [categories["pressure"].code]
    assert body["items"][0]["path"] == categories["pressure"].path
    status, body = call(client, "get", "/api/v1/units?handling=true", token)
    assert {u["code"] for u in body["items"]} == {"D-WATER", "D-HOUSING", "T-001"}
    status, body = call(client, "get", f"/api/v1/divisions?parent={county.town_a.pk}", token)
    assert [d["name"] for d in body["items"]] == ["金城社区"]
    status, body = call(client, "get", "/api/v1/grids", token_for(county, county.secretary))
    assert [g["code"] for g in body["items"]] == ["G-A-01"]
    for query in ("page=0", "page=-1", "page_size=0"):  # was a 500 (negative indexing)
        status, body = call(client, "get", f"/api/v1/divisions?{query}", token)
        assert status == 422, query


# --- errors everywhere ----------------------------------------------------------------------


def test_unknown_api_url_is_json_404(client, county):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert_error_shape(response.json(), "not_found")


def test_wrong_method_is_json_405(client, county):
    response = client.delete("/api/v1/demands", HTTP_AUTHORIZATION=f"Bearer "
                             f"{token_for(county, county.dispatcher)}")
    assert response.status_code == 405
    assert_error_shape(response.json(), "method_not_allowed")


def test_unexpected_error_is_500_without_internals(client, county, monkeypatch):
    from grassroots.demands import selectors

    def boom(*args, **kwargs):
        raise RuntimeError("secret database detail")

    monkeypatch.setattr(selectors, "demand_list", boom)
    response = client.get("/api/v1/demands",
                          HTTP_AUTHORIZATION=f"Bearer {token_for(county, county.dispatcher)}")
    assert response.status_code == 500
    assert_error_shape(response.json(), "server_error")
    assert "secret" not in response.content.decode()


def test_rate_limit_is_429(client, county, settings):
    from django.core.cache import cache

    cache.clear()
    settings.GRASSROOTS_API_RATE_LIMIT = "3/min"
    token = token_for(county, county.handler)
    codes = [call(client, "get", "/api/v1/categories", token)[0] for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = client.get("/api/v1/categories", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert_error_shape(response.json(), "rate_limited")
    assert int(response["Retry-After"]) >= 1
    cache.clear()


def test_openapi_and_local_docs(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/demands" in paths and "/api/v1/assignments/{assignment_id}/reply" in paths
    page = client.get("/api/v1/docs")
    html = page.content.decode()
    assert page.status_code == 200 and "cdn" not in html.lower()
    asset = client.get("/api/v1/docs/assets/swagger-ui-bundle.js")
    assert asset.status_code == 200 and b"SwaggerUIBundle" in b"".join(asset.streaming_content)


def test_an_unreadable_overdue_filter_is_a_422(client, county):
    status, body = call(client, "get", "/api/v1/demands?overdue=maybe",
                        token_for(county, county.dispatcher))
    assert status in (400, 422) and "overdue" in body["error"]["fields"]


# --- Idempotency-Key on create ----------------------------------------------------------------


def _create_with_key(client, token, key, payload):
    return client.post("/api/v1/demands", data=json.dumps(payload), content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_IDEMPOTENCY_KEY=key)


def test_a_retry_with_the_same_key_returns_the_first_answer(client, county, categories):
    token = token_for(county, county.dispatcher)
    payload = {"type": "help", "title": "水压低", "text": "胡集村三组自来水水压很低。",
               "category": categories["pressure"].pk, "division": county.village_b.pk,
               "citizen_phone": "13800002222"}
    first = _create_with_key(client, token, "retry-key-0001", payload)
    second = _create_with_key(client, token, "retry-key-0001", payload)
    assert first.status_code == second.status_code == 201
    assert first.content == second.content
    assert second["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert Demand.objects.count() == 1
    assert first.json()["id"] == Demand.objects.get().pk
    # Another key is another demand.
    assert _create_with_key(client, token, "retry-key-0002", payload).status_code == 201
    assert Demand.objects.count() == 2


def test_the_same_key_with_another_body_is_refused(client, county, categories):
    token = token_for(county, county.dispatcher)
    payload = {"type": "help", "title": "水压低", "text": "胡集村三组自来水水压很低。",
               "division": county.village_b.pk, "citizen_phone": "13800002222"}
    assert _create_with_key(client, token, "retry-key-0003", payload).status_code == 201
    response = _create_with_key(client, token, "retry-key-0003", {**payload, "title": "水压很低"})
    assert response.status_code == 422
    body = response.json()
    assert_error_shape(body, "validation_error")
    assert body["error"]["message"] == (
        "此 Idempotency-Key 已用于另一个请求；重试请发送相同的内容，新的请求请使用新的键。")
    assert Demand.objects.count() == 1


def test_a_malformed_key_is_a_400_and_nothing_is_written(client, county):
    token = token_for(county, county.dispatcher)
    response = _create_with_key(client, token, "短", {"type": "help", "title": "水压低",
                                                      "text": "胡集村三组自来水水压很低。",
                                                      "citizen_phone": "13800002222"})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Idempotency-Key 应为8至64位字母、数字、“-”或“_”。"
    assert not Demand.objects.exists()


def test_a_refused_create_leaves_the_key_free(client, county):
    token = token_for(county, county.dispatcher)
    bad = {"type": "help", "title": "水压低", "text": "太短"}
    assert _create_with_key(client, token, "retry-key-0004", bad).status_code == 400
    good = {"type": "help", "title": "水压低", "text": "胡集村三组自来水水压很低。",
            "division": county.village_b.pk, "citizen_phone": "13800002222"}
    assert _create_with_key(client, token, "retry-key-0004", good).status_code == 201
