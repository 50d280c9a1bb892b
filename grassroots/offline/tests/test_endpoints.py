"""The idempotent create endpoints the phone's outbox submits to (docs/offline.md)."""

import json
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from grassroots.core import clock
from grassroots.core.models import Event
from grassroots.demands.models import Demand
from grassroots.gridwork import months
from grassroots.gridwork.models import Visit, VisitPhoto
from grassroots.gridwork.timeline import visit_timeline

pytestmark = pytest.mark.django_db

URL = "/api/v1/offline/visits"


def visit_data(county, **extra):
    data = {"grid": county.grid_a.pk, "date": months.today().isoformat(), "form": "field",
            "households_met": "3", "people_met": "7", "notes": "田间走访",
            "demand-1-type": "help", "demand-1-title": "路灯不亮",
            "demand-1-text": "村东头路灯坏了三天。", "demand-1-solved_on_spot": "on",
            "demand-1-on_spot_note": "现场联系电工修好了。",
            "demand-2-type": "help", "demand-2-title": "道路破损",
            "demand-2-text": "村南主路有大坑，下雨积水严重。"}
    data.update(extra)
    return data


def post(client, data, key="key-0001-abcdef", **headers):
    return client.post(URL, data, HTTP_IDEMPOTENCY_KEY=key, **headers)


def test_visit_with_demands_photo_and_recorded_at(gw, client, jpeg):
    client.force_login(gw.secretary)
    at = clock.now() - timedelta(hours=3)
    resp = post(client, {**visit_data(gw, recorded_at=at.isoformat()), "photos": jpeg()})
    assert resp.status_code == 201, resp.content
    body = resp.json()
    visit = Visit.objects.get()
    assert body["id"] == visit.pk and body["kind"] == "visit"
    numbers = list(visit.demands.order_by("id").values_list("number", flat=True))
    assert [d["number"] for d in body["demands"]] == numbers and len(numbers) == 2
    # the phone's time kept beside the server's: the demands were received when typed
    assert all(abs((d.received_at - at).total_seconds()) < 1 for d in visit.demands.all())
    assert VisitPhoto.objects.filter(visit=visit).count() == 1
    event = Event.objects.get(action="visit_recorded", object_id=visit.pk)
    local = timezone.localtime(at)
    assert event.extra["recorded_at"] == local.isoformat()
    assert f"本机记录于{local:%Y-%m-%d %H:%M}" in visit_timeline(visit)[0]["note"]
    # the API's times: the county's offset, milliseconds (grassroots/api/renderers.py)
    assert body["recorded_at"] == local.isoformat(timespec="milliseconds")


def test_same_key_twice_same_answer_nothing_doubled(gw, client, jpeg):
    client.force_login(gw.secretary)
    data = visit_data(gw)
    first = post(client, {**data, "photos": jpeg()})
    again = post(client, {**data, "photos": jpeg()})
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true"
    assert Visit.objects.count() == 1 and Demand.objects.count() == 2
    assert VisitPhoto.objects.count() == 1


def test_same_key_different_body_is_409(gw, client):
    client.force_login(gw.secretary)
    assert post(client, visit_data(gw)).status_code == 201
    resp = post(client, visit_data(gw, notes="另一次走访"))
    assert resp.status_code == 409
    assert resp.json()["error"] == {
        "code": "conflict", "fields": {"Idempotency-Key": [
            "此 Idempotency-Key 已用于另一个请求；重试请发送相同的内容，新的请求请使用新的键。"]},
        "message": "此 Idempotency-Key 已用于另一个请求；重试请发送相同的内容，新的请求请使用新的键。"}
    assert Visit.objects.count() == 1


def test_another_users_key_is_their_own(gw, client):
    """Keys are per user: the same key from another secretary is a new record."""
    client.force_login(gw.secretary)
    assert post(client, visit_data(gw)).status_code == 201
    client.force_login(gw.secretary_b)
    assert post(client, visit_data(gw, grid=gw.grid_b.pk)).status_code == 201
    assert Visit.objects.count() == 2


def test_key_required(gw, client):
    client.force_login(gw.secretary)
    resp = client.post(URL, visit_data(gw))
    assert resp.status_code == 400
    assert resp.json()["error"]["message"] == "离线提交须带 Idempotency-Key。"
    assert not Visit.objects.exists()


def test_field_errors_keep_no_key_so_the_fixed_item_goes_in(gw, client):
    client.force_login(gw.secretary)
    resp = post(client, visit_data(gw, **{"demand-1-on_spot_note": ""}))
    assert resp.status_code == 400
    error = resp.json()["error"]
    assert error["code"] == "invalid"
    assert any(k.startswith("demand-1-") for k in error["fields"]), error
    assert "第1条诉求：" in error["message"]
    assert not Visit.objects.exists() and not Demand.objects.exists()
    # the person fixes the row on the phone; the same item (same key) goes in
    assert post(client, visit_data(gw)).status_code == 201
    assert Visit.objects.count() == 1 and Demand.objects.count() == 2


@pytest.mark.parametrize("delta,message", [
    (timedelta(days=8), "已超过7天，不能再离线补交；请核实后在页面上重新登记。"),
    (-timedelta(hours=1), "晚于服务器时间，请检查手机的日期和时间后再提交。"),
])
def test_recorded_at_too_old_or_in_the_future(gw, client, delta, message):
    client.force_login(gw.secretary)
    at = clock.now() - delta
    resp = post(client, visit_data(gw, recorded_at=at.isoformat()))
    assert resp.status_code == 400
    error = resp.json()["error"]
    assert message in error["message"] and "recorded_at" in error["fields"]
    assert not Visit.objects.exists() and not Demand.objects.exists()


def test_max_age_is_rule_set_data(gw, client):
    """The shipped set says 7 days; the county's stricter local set (3 days), made and confirmed
    in the rule library, is read at once."""
    from datetime import date

    from grassroots.offline.rules import MAX_AGE_KEY, max_age_days
    from grassroots.rulesets.selectors import rule_set_by_code
    from grassroots.rulesets.services import rule_set_confirm, rule_set_create_local

    assert max_age_days() == 7  # shipped by the migration
    client.force_login(gw.secretary)
    at = clock.now() - timedelta(days=4)
    assert post(client, visit_data(gw, recorded_at=at.isoformat()),
                key="key-age-0001").status_code == 201
    local = rule_set_create_local(
        actor=gw.admin, base=rule_set_by_code("offline.outbox.2026"), code="offline.outbox.jx",
        title="本县离线补交时限", scope="county", effective_from=date(2021, 1, 1),
        values={MAX_AGE_KEY: "3"})
    rule_set_confirm(actor=gw.admin, rule_set=local)
    assert max_age_days() == 3
    resp = post(client, visit_data(gw, recorded_at=at.isoformat(), notes="另一次"),
                key="key-age-0002")
    assert resp.status_code == 400
    assert "已超过3天" in resp.json()["error"]["message"]
    assert Visit.objects.count() == 1


def test_no_rule_set_in_force_falls_back_to_seven_days(db):
    from grassroots.offline.rules import FAMILY, max_age_days
    from grassroots.rulesets.models import RuleSet

    RuleSet.objects.filter(family=FAMILY).delete()
    assert max_age_days() == 7


def test_out_of_scope_grid_is_refused_with_its_reason(gw, client):
    client.force_login(gw.secretary)
    for grid in (gw.grid_b.pk, 999999):  # another's grid and a missing one: the same answer
        resp = post(client, visit_data(gw, grid=grid), key=f"key-scope-{grid}")
        assert resp.status_code == 403
        assert resp.json()["error"]["message"] == "只能为自己负责的网格登记走访。"
    assert not Visit.objects.exists() and not Demand.objects.exists()


def test_expired_session_is_401_json(gw, client):
    client.force_login(gw.secretary)
    Session.objects.all().delete()
    resp = post(client, visit_data(gw))
    assert resp.status_code == 401
    assert resp.json()["error"]["code"] == "unauthenticated"
    assert not Visit.objects.exists()


def test_get_is_not_allowed(gw, client):
    client.force_login(gw.secretary)
    resp = client.get(URL)
    assert resp.status_code == 405 and resp.json()["error"]["code"] == "method_not_allowed"


def test_old_addresses_redirect_with_the_method_kept(gw, client, party, today_day):
    client.force_login(gw.secretary)
    resp = client.post("/offline/api/visits", visit_data(gw), HTTP_IDEMPOTENCY_KEY="key-old-0001")
    assert resp.status_code == 308 and resp["Location"] == URL
    resp = client.post(f"/offline/api/themedays/{today_day.pk}/record", {})
    assert resp.status_code == 308
    assert resp["Location"] == f"/api/v1/offline/themedays/{today_day.pk}/record"
    assert not Visit.objects.exists()


def test_endpoints_are_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/offline/visits", "/api/v1/offline/themedays/{day_id}/record"):
        op = schema["paths"][path]["post"]
        key = [p for p in op["parameters"] if p["name"] == "Idempotency-Key"]
        assert key and key[0]["required"] is True and key[0]["in"] == "header"
        assert "multipart/form-data" in op["requestBody"]["content"]
        assert {"201", "400", "401", "403", "404", "409"} <= set(map(str, op["responses"]))
    body = schema["paths"]["/api/v1/offline/visits"]["post"]["requestBody"]
    assert {"grid", "date", "form", "recorded_at", "photos"} <= set(
        body["content"]["multipart/form-data"]["schema"]["properties"])


def test_a_read_token_may_not_record(gw, client):
    """Tokens work as on every API endpoint; a read-only one is refused before anything runs."""
    from grassroots.integrations.services.tokens import api_token_create

    _, plaintext = api_token_create(actor=gw.admin, name="phone", user=gw.secretary,
                                    scopes=("read",))
    resp = client.post(URL, visit_data(gw), HTTP_IDEMPOTENCY_KEY="key-tok-0001",
                       HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert resp.status_code == 403 and not Visit.objects.exists()


def test_manifest_and_service_worker(gw, client):
    client.force_login(gw.secretary)
    manifest = json.loads(client.get("/offline/manifest.webmanifest").content)
    assert manifest["name"] == "基层治理" and manifest["start_url"] == "/grid/mine/"
    assert {i["sizes"] for i in manifest["icons"]} == {"192x192", "512x512"}
    sw = client.get("/offline/sw.js")
    assert sw["Service-Worker-Allowed"] == "/"
    assert "__VERSION__" not in sw.content.decode()
    ref = client.get("/offline/reference.json").json()
    assert [g["id"] for g in ref["grids"]] == [gw.grid_a.pk]
    assert "/grid/visits/new/" in ref["pages"]
    assert "/grid/visits/new/demand-row/?i=2" in ref["pages"]


def test_visit_form_is_hooked_to_the_outbox(gw, client):
    client.force_login(gw.secretary)
    html = client.get("/grid/visits/new/").content.decode()
    assert 'data-offline="visit"' in html and 'data-offline-url="/api/v1/offline/visits"' in html
    assert "offline/outbox.js" in html and 'rel="manifest"' in html
