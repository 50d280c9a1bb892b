"""Open311 GeoReport v2: formats, filters, errors and the real case behind a request."""

import json
import xml.etree.ElementTree as ET

import pytest

from grassroots.demands.models import Channel, Demand
from grassroots.demands.services import assignment_acknowledge, demand_dispatch

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"


def post_request(client, key, **fields):
    data = {"api_key": key, "service_code": "I010101", "lat": "35.066", "long": "116.311",
            "description": "3号楼水压不足，六楼用不上水。", "attribute[floor]": "6",
            "first_name": "明", "last_name": "周", "phone": "+86 139-0000-2222"}
    data.update(fields)
    return client.post(f"{BASE}/requests.json", data)


def errors_of(response):
    if response["Content-Type"].startswith("text/xml"):
        root = ET.fromstring(response.content)
        return [(int(e.findtext("code")), e.findtext("description")) for e in root]
    return [(e["code"], e["description"]) for e in response.json()]


def test_services_in_both_formats(client, service_tree):
    data = client.get(f"{BASE}/services.json").json()
    mine = [s for s in data if s["service_code"].startswith("I0101")]
    assert [s["service_code"] for s in mine] == ["I010101", "I010102"]
    assert mine[0] == {"service_code": "I010101", "service_name": "水压不足",
                       "description": "城乡建设（接口） / 供水（接口） / 水压不足", "metadata": True,
                       "type": "realtime", "keywords": "", "group": "城乡建设（接口）"}
    response = client.get(f"{BASE}/services.xml")
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    root = ET.fromstring(response.content)
    assert root.tag == "services" and {c.tag for c in root} == {"service"}
    first = next(s for s in root if s.findtext("service_code") == "I010101")
    assert first.findtext("metadata") == "true" and first.findtext("service_name") == "水压不足"


def test_service_definition_lists_attributes(client, service_tree):
    data = client.get(f"{BASE}/services/I010101.json").json()
    assert data["attributes"][0]["code"] == "floor" and data["attributes"][0]["required"] is True
    root = ET.fromstring(client.get(f"{BASE}/services/I010101.xml").content)
    assert root.tag == "service_definition"
    assert root.find("attributes/attribute/code").text == "floor"
    missing = client.get(f"{BASE}/services/NOPE.xml")
    assert missing.status_code == 404 and errors_of(missing) == [(404, "service_code NOPE not found")]


def test_post_creates_a_demand_in_the_pipeline(client, county, service_tree, org_token):
    token, key = org_token
    response = post_request(client, key)
    assert response.status_code == 200, response.content
    [created] = response.json()
    demand = Demand.objects.get(number=created["service_request_id"])
    assert demand.channel == Channel.OPEN311 and demand.created_by == token.user
    assert demand.category == service_tree["pressure"] and demand.status == "received"
    assert demand.citizen.name == "周明" and demand.citizen.phone_masked.startswith("139")
    assert demand.extra["open311"]["attributes"] == {"floor": "6"}
    assert str(demand.latitude) == "35.066000"
    token_view = client.get(f"{BASE}/tokens/{created['token']}.json", {"api_key": key}).json()
    assert token_view == [{"service_request_id": demand.number, "token": created["token"]}]


def test_status_comes_from_the_real_case(client, county, service_tree, org_token):
    _, key = org_token
    number = post_request(client, key).json()[0]["service_request_id"]
    demand = Demand.objects.get(number=number)
    [lead] = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.housing)
    assignment_acknowledge(actor=county.outsider, assignment=lead)
    lead.refresh_from_db()
    [req] = client.get(f"{BASE}/requests/{number}.json", {"api_key": key}).json()
    assert req["status"] == "open" and req["agency_responsible"] == county.housing.name
    assert req["status_notes"] == "办理中"
    assert req["expected_datetime"] == lead.reply_due_at.astimezone(
        req_tz(req)).isoformat(timespec="seconds")
    assert req["requested_datetime"].endswith("+08:00")
    assert req["updated_datetime"] >= req["requested_datetime"]


def req_tz(req):
    from datetime import datetime

    return datetime.fromisoformat(req["requested_datetime"]).tzinfo


def test_post_errors(client, county, service_tree, org_token, make_token):
    _, key = org_token
    assert errors_of(post_request(client, "")) == [(403, "api_key required")]
    assert errors_of(post_request(client, "bad.key")) == [(403, "Invalid api_key")]
    _, read_key = make_token(organization=county.water, scopes=("read",))
    assert post_request(client, read_key).status_code == 403
    response = post_request(client, key, lat="", long="")
    assert response.status_code == 400
    assert errors_of(response) == [
        (400, "a location is required: lat & long, address_string or address_id")]
    assert errors_of(post_request(client, key, **{"attribute[floor]": ""})) == [
        (400, "attribute[floor] is required: 楼层")]
    assert post_request(client, key, service_code="NOPE").status_code == 404
    assert errors_of(post_request(client, key, phone="12345")) == [
        (400, "phone: 手机号格式不正确，应为11位手机号码。")]
    for phone in ("١٣٩٠٠٠٠٢٢٢٢", "１３９００００２２２２", "+86 139-0000-222²"):  # ASCII digits only
        assert errors_of(post_request(client, key, phone=phone)) == [
            (400, "phone: 手机号格式不正确，应为11位手机号码。")]
    assert errors_of(post_request(client, key, lat="91")) == [(400, "lat must be between -90 and 90")]
    assert Demand.objects.count() == 0


def test_address_string_is_enough(client, county, service_tree, org_token):
    _, key = org_token
    response = post_request(client, key, lat="", long="", address_string="金城社区3号楼")
    assert response.status_code == 200
    assert Demand.objects.get().address == "金城社区3号楼"


def test_list_filters(client, county, service_tree, org_token):
    _, key = org_token
    a = post_request(client, key).json()[0]["service_request_id"]
    b = post_request(client, key, service_code="I010102").json()[0]["service_request_id"]
    get = lambda **p: client.get(f"{BASE}/requests.json", {"api_key": key, **p})  # noqa: E731
    assert {r["service_request_id"] for r in get().json()} == {a, b}
    assert [r["service_request_id"] for r in get(service_code="I010102").json()] == [b]
    assert [r["service_request_id"] for r in get(service_request_id=f"{a},NOPE").json()] == [a]
    assert {r["service_request_id"] for r in get(status="open").json()} == {a, b}
    assert get(status="closed").json() == []
    assert errors_of(get(status="pending")) == [(400, "status must be open, closed or open,closed")]
    response = get(start_date="2025-01-01T00:00:00+08:00", end_date="2025-06-01T00:00:00+08:00")
    assert errors_of(response) == [(400, "start_date and end_date must be at most 90 days apart")]
    assert get(start_date="2000-01-01T00:00:00Z").json() == []


def test_requests_are_scoped_to_the_token(client, county, service_tree, org_token, make_token):
    _, key = org_token
    number = post_request(client, key).json()[0]["service_request_id"]
    _, other_key = make_token(organization=county.water)
    assert client.get(f"{BASE}/requests.json", {"api_key": other_key}).json() == []
    missing = client.get(f"{BASE}/requests/{number}.xml", {"api_key": other_key})
    assert missing.status_code == 404
    assert errors_of(missing) == [(404, f"service_request_id {number} not found")]
    assert client.get(f"{BASE}/requests.json").status_code == 403  # no api_key


def test_xml_request_list_structure(client, county, service_tree, org_token):
    _, key = org_token
    post_request(client, key)
    root = ET.fromstring(client.get(f"{BASE}/requests.xml", {"api_key": key}).content)
    assert root.tag == "service_requests"
    [req] = list(root)
    assert req.tag == "request"
    assert [c.tag for c in req] == [
        "service_request_id", "status", "status_notes", "service_name", "service_code",
        "description", "agency_responsible", "service_notice", "requested_datetime",
        "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat",
        "long", "media_url"]


def test_discovery(client):
    data = json.loads(client.get(f"{BASE}/discovery.json").content)
    assert data["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    root = ET.fromstring(client.get(f"{BASE}/discovery.xml").content)
    assert root.tag == "discovery"
    assert [f.text for f in root.find("endpoints/endpoint/formats")] == ["text/xml",
                                                                       "application/json"]
