"""City 12345 inbound: signatures, replays, idempotency, rejects; the reconciliation page."""

import json
import time

import pytest

from grassroots.demands.models import Channel, Demand
from grassroots.integrations.models import CityItem, RejectedItem
from grassroots.integrations.services import signing

pytestmark = pytest.mark.django_db
URL = "/integrations/city12345/items"


def item(**overrides):
    data = {"id": "SD12345-0001", "title": "金城社区停水三天", "content": "金城社区3号楼停水三天了，无人处理。",
            "category": "城乡建设/供水（接口）/停水", "address": "金城社区3号楼",
            "caller_name": "钱女士", "caller_phone": "13700001234",
            "received_at": "2025-03-03T09:00:00+08:00", "deadline": "2025-03-05T17:30:00+08:00"}
    data.update(overrides)
    return data


def post(client, payload, *, timestamp=None, signature=None, raw=None):
    body = raw if raw is not None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
    timestamp = timestamp or f"{time.time():.6f}"
    signature = signature or signing.sign(body, timestamp)
    return client.post(URL, data=body, content_type="application/json",
                       HTTP_X_TIMESTAMP=timestamp, HTTP_X_SIGNATURE=signature)


def test_item_becomes_a_demand_with_raw_payload(client, county, service_tree):
    response = post(client, item())
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["created"] is True and body["county_number"].startswith("JX")
    demand = Demand.objects.get(external_id="SD12345-0001")
    assert demand.channel == Channel.CITY_12345
    assert demand.category == service_tree["outage"]
    assert demand.citizen.phone_masked.startswith("137")
    assert demand.extra["city12345"]["deadline"] == "2025-03-05T17:30:00+08:00"
    city = CityItem.objects.get(external_id="SD12345-0001")
    # Kept for reconciliation, the caller's phone only masked (it is encrypted on the citizen).
    assert city.payload == item(caller_phone="137****1234") and city.demand == demand
    assert demand.caller_name == "钱女士"


def test_raw_items_hold_no_phone_in_clear(client, county, service_tree):
    post(client, item(id="SD13700001234", content="来电人说另一个号码是 138-0000-5678，请回电。",
                      caller_phone="+86 137 0000 1234"))
    post(client, item(id="SD-BAD", title="", caller_phone="13700001234"))  # rejected: no title
    city = CityItem.objects.get()
    stored = json.dumps(city.payload, ensure_ascii=False)
    assert city.payload["id"] == "SD13700001234"  # what reconciliation matches on, as sent
    assert city.payload["caller_phone"] == "137****1234"
    assert "138****5678" in stored and "5678" not in stored.replace("138****5678", "")
    rejected = RejectedItem.objects.get()
    assert "13700001234" not in rejected.body and "137****1234" in rejected.body


def test_same_item_ten_times_is_one_demand_and_ten_200s(client, county, service_tree):
    codes = [post(client, item()).status_code for _ in range(10)]
    assert codes == [200] * 10
    assert Demand.objects.filter(external_id="SD12345-0001").count() == 1
    assert CityItem.objects.get().deliveries == 10


def test_bad_signature_is_401(client, county):
    response = post(client, item(), signature="0" * 64)
    assert response.status_code == 401
    assert response.json()["error"] == {"code": "unauthenticated", "message": "签名无效。",
                                        "fields": {}}
    assert Demand.objects.count() == 0 and RejectedItem.objects.count() == 0


def test_old_timestamp_is_401(client, county):
    response = post(client, item(), timestamp=str(int(time.time()) - 301))
    assert response.status_code == 401
    assert "5分钟" in response.json()["error"]["message"]
    assert post(client, item(), timestamp="yesterday").status_code == 401


def test_replayed_request_is_401(client, county, service_tree):
    body = json.dumps(item(), ensure_ascii=False).encode()
    ts = f"{time.time():.3f}"
    sig = signing.sign(body, ts)
    assert post(client, None, raw=body, timestamp=ts, signature=sig).status_code == 200
    replay = post(client, None, raw=body, timestamp=ts, signature=sig)
    assert replay.status_code == 401
    assert replay.json()["error"]["message"] == "重复的请求（签名已使用过），请重新签名后发送。"


def test_signature_with_another_secret_is_401(client, county):
    body = json.dumps(item()).encode()
    ts = f"{time.time():.3f}"
    response = post(client, None, raw=body, timestamp=ts,
                    signature=signing.sign(body, ts, secret="other"))
    assert response.status_code == 401


def test_malformed_item_is_400_and_kept(client, county):
    response = post(client, {"id": "SD-BAD", "title": "", "received_at": "yesterday"})
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert fields == {"title": ["缺少标题。"], "content": ["缺少诉求内容。"],
                      "received_at": ["时间格式应为 ISO 8601，例如 2025-03-01T09:00:00+08:00。"]}
    rejected = RejectedItem.objects.get()
    assert rejected.external_id == "SD-BAD" and json.loads(rejected.body)["id"] == "SD-BAD"
    assert response["X-Rejected-Id"] == str(rejected.pk)
    assert Demand.objects.count() == 0


def test_not_json_is_400_and_kept(client, county):
    response = post(client, None, raw="不是JSON".encode())
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"__all__": ["报文不是UTF-8编码的JSON。"]}
    assert RejectedItem.objects.get().body == "不是JSON"


def test_business_rule_failure_is_400_naming_the_city_field(client, county, service_tree):
    response = post(client, item(caller_phone="12345"))
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"caller_phone": ["手机号格式不正确，应为11位手机号码。"]}
    assert RejectedItem.objects.count() == 1 and Demand.objects.count() == 0
    assert CityItem.objects.count() == 0


def test_get_is_405(client, county):
    assert client.get(URL).status_code == 405


# --- reconciliation page --------------------------------------------------------------------


def test_reconciliation_page_for_dispatcher(client, county, service_tree):
    post(client, item())
    post(client, {"id": "SD-BAD"})
    client.force_login(county.dispatcher)
    response = client.get("/integrations/city12345/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "SD12345-0001" in html and Demand.objects.get().number in html
    assert "2025-03-05 17:30" in html and "2025-03-05T17:30" not in html  # the city's deadline
    rejected = client.get("/integrations/city12345/?show=rejected").content.decode()
    assert "SD-BAD" in rejected and "缺少标题" in rejected


def test_pending_reports_are_listed_with_readable_kinds(client, county, service_tree):
    from grassroots.demands.services import assignment_acknowledge, demand_dispatch
    from grassroots.integrations.models import OutboxMessage

    post(client, item())
    demand = Demand.objects.get()
    lead = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)[0]
    assignment_acknowledge(actor=county.handler, assignment=lead)
    message = OutboxMessage.objects.get(kind="acknowledge")
    OutboxMessage.objects.filter(pk=message.pk).update(
        status="pending", attempts=2, last_error="Connection refused")
    client.force_login(county.dispatcher)
    html = client.get("/integrations/city12345/").content.decode()
    assert 'href="?show=pending"' in html
    pending = client.get("/integrations/city12345/?show=pending").content.decode()
    table = pending.split('data-testid="pending"')[1].split("</table>")[0]
    assert "SD12345-0001" in table and "签收" in table and "Connection refused" in table
    assert ">acknowledge<" not in table


def test_reconciliation_page_is_403_for_a_unit_and_login_for_anonymous(client, county):
    client.force_login(county.handler)
    assert client.get("/integrations/city12345/").status_code == 403
    client.logout()
    assert client.get("/integrations/city12345/").status_code == 302


def test_reconciliation_refusal_follows_the_english_switch(client, county):
    client.force_login(county.supervisor)
    client.cookies["django_language"] = "en"
    response = client.get("/integrations/city12345/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "只有管理员和派单中心" not in html and "12345 reconciliation" in html


def test_secret_and_callback_url_can_be_set_in_the_environment(monkeypatch, settings):
    """Production configures itself from the environment: without this the link silently used
    the public development secret and called back to 127.0.0.1:8765."""
    import importlib
    import time as _time

    import config.settings.base as base
    from grassroots.integrations.services import outbox, signing

    monkeypatch.setenv("GRASSROOTS_CITY12345_SECRET", "prod-secret-from-the-environment")
    monkeypatch.setenv("GRASSROOTS_CITY12345_CALLBACK_URL", "https://12345.example.cn/callback")
    names = ("GRASSROOTS_CITY12345_SECRET", "GRASSROOTS_CITY12345_CALLBACK_URL")
    fresh = importlib.reload(base)  # the settings module as a new process reads it
    read = {name: getattr(fresh, name) for name in names}
    monkeypatch.undo()
    importlib.reload(base)
    for name in names:
        setattr(settings, name, read[name])
    assert signing.city_secret() == "prod-secret-from-the-environment"
    assert outbox.callback_url() == "https://12345.example.cn/callback"
    body, ts = b'{"id": "X"}', str(_time.time())
    assert signing.check(body, ts, signing.sign(body, ts, signing.DEV_SECRET))  # refused
    assert not signing.check(body, ts, signing.sign(body, ts))
