"""An Open311 GeoReport v2 client's view: only HTTP and the spec, no project imports.

Creates, lists and reads service requests in JSON and XML and checks the XML structure the spec
shows (root elements, element names, ISO 8601 dates with a time zone, UTF-8).
"""

import json
import re
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

ISO_WITH_TZ = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
REQUEST_FIELDS = ["service_request_id", "status", "status_notes", "service_name", "service_code",
                  "description", "agency_responsible", "service_notice", "requested_datetime",
                  "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
                  "lat", "long", "media_url"]


def http(method, url, params=None, form=None):
    if params:
        url = f"{url}?{urllib.parse.urlencode(params)}"
    data = urllib.parse.urlencode(form).encode("utf-8") if form is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read()


def parse_xml(content_type, body):
    assert content_type.startswith("text/xml") and "utf-8" in content_type.lower()
    assert body.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(body)


def test_discovery_and_services(open311_server):
    base = open311_server["base"]
    status, ctype, body = http("GET", f"{base}/discovery.json")
    assert status == 200
    assert "application/json" in json.loads(body)["endpoints"][0]["formats"]
    status, ctype, body = http("GET", f"{base}/services.xml")
    root = parse_xml(ctype, body)
    assert root.tag == "services"
    codes = {s.findtext("service_code"): s for s in root.findall("service")}
    assert {"H010101", "H010102"} <= set(codes)
    for service in codes.values():
        assert [c.tag for c in service] == ["service_code", "service_name", "description",
                                            "metadata", "type", "keywords", "group"]
        assert service.findtext("metadata") in ("true", "false")
        assert service.findtext("type") in ("realtime", "batch", "blackbox")
    status, ctype, body = http("GET", f"{base}/services/H010101.xml")
    definition = parse_xml(ctype, body)
    assert definition.tag == "service_definition"
    attribute = definition.find("attributes/attribute")
    assert attribute.findtext("code") == "size" and attribute.findtext("required") == "true"
    assert [v.findtext("key") for v in attribute.findall("values/value")] == ["s", "l"]


def test_create_list_and_read_requests(open311_server):
    base, key = open311_server["base"], open311_server["api_key"]
    # JSON create
    status, ctype, body = http("POST", f"{base}/requests.json", form={
        "api_key": key, "service_code": "H010101", "lat": "35.0712", "long": "116.3015",
        "description": "人民路与金山街路口有一个大坑，电动车容易摔倒。", "attribute[size]": "l",
        "first_name": "伟", "last_name": "吴", "phone": "13600003333"})
    assert status == 200, body
    [created] = json.loads(body)
    json_id = created["service_request_id"]
    assert json_id and created["token"]
    # XML create
    status, ctype, body = http("POST", f"{base}/requests.xml", form={
        "api_key": key, "service_code": "H010102", "address_string": "金山街18号门口",
        "description": "井盖丢失，夜里很危险。"})
    assert status == 200
    root = parse_xml(ctype, body)
    assert root.tag == "service_requests" and [c.tag for c in root] == ["request"]
    xml_id = root.find("request").findtext("service_request_id")
    assert xml_id and xml_id != json_id
    # List (JSON)
    status, ctype, body = http("GET", f"{base}/requests.json", params={"api_key": key})
    listed = json.loads(body)
    assert {r["service_request_id"] for r in listed} >= {json_id, xml_id}
    for r in listed:
        assert list(r) == REQUEST_FIELDS
        assert r["status"] in ("open", "closed")
        assert ISO_WITH_TZ.match(r["requested_datetime"]), r["requested_datetime"]
    # List (XML) with the spec's filters
    status, ctype, body = http("GET", f"{base}/requests.xml", params={
        "api_key": key, "service_code": "H010102", "status": "open"})
    root = parse_xml(ctype, body)
    assert root.tag == "service_requests"
    requests_ = root.findall("request")
    assert [r.findtext("service_request_id") for r in requests_] == [xml_id]
    assert [c.tag for c in requests_[0]] == REQUEST_FIELDS
    assert ISO_WITH_TZ.match(requests_[0].findtext("updated_datetime"))
    assert requests_[0].findtext("address") == "金山街18号门口"  # UTF-8 round trip
    # Read one (both formats)
    status, ctype, body = http("GET", f"{base}/requests/{json_id}.json", params={"api_key": key})
    [one] = json.loads(body)
    assert one["service_code"] == "H010101" and one["lat"] == pytest.approx(35.0712)
    status, ctype, body = http("GET", f"{base}/requests/{json_id}.xml", params={"api_key": key})
    assert parse_xml(ctype, body).find("request/description").text.startswith("人民路")
    # Token lookup
    status, ctype, body = http("GET", f"{base}/tokens/{created['token']}.xml",
                               params={"api_key": key})
    root = parse_xml(ctype, body)
    assert root.find("request/service_request_id").text == json_id


def test_errors_follow_the_spec(open311_server):
    base, key = open311_server["base"], open311_server["api_key"]
    status, ctype, body = http("POST", f"{base}/requests.xml", form={"service_code": "H010102",
                                                                    "address_string": "x"})
    assert status == 403
    root = parse_xml(ctype, body)
    assert root.tag == "errors"
    [err] = root.findall("error")
    assert err.findtext("code") == "403" and err.findtext("description")
    status, ctype, body = http("POST", f"{base}/requests.json", form={
        "api_key": key, "service_code": "H010101", "lat": "35", "long": "116"})
    assert status == 400
    [err] = json.loads(body)
    assert err["code"] == 400 and "attribute[size]" in err["description"]
    status, ctype, body = http("GET", f"{base}/requests/NOPE-1.json", params={"api_key": key})
    assert status == 404 and json.loads(body)[0]["code"] == 404
    status, ctype, body = http("GET", f"{base}/requests.json", params={
        "api_key": key, "start_date": "2025-01-01T00:00:00+08:00",
        "end_date": "2025-05-01T00:00:00+08:00"})
    assert status == 400
