"""Open311: text is cleaned at intake (media_url, email, device_id included), and the XML list
stays well-formed with rows stored before that."""

import xml.etree.ElementTree as ET

import pytest

from grassroots.demands.models import Demand

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"
RAW_BAD = "\x01\x0b\x1f\ufffe\uffff\U0001fffe"


def test_intake_cleans_every_text_parameter(client, service_tree, org_token):
    _, key = org_token
    response = client.post(f"{BASE}/requests.json", {
        "api_key": key, "service_code": "I010101", "lat": "35.066", "long": "116.311",
        "description": f"3号楼水压{RAW_BAD}不足，六楼用不上水。", "attribute[floor]": f"6{RAW_BAD}",
        "media_url": f"http://x/{RAW_BAD}a.jpg", "email": f"a{RAW_BAD}@x.cn",
        "device_id": f"d{RAW_BAD}1", "last_name": f"周{RAW_BAD}", "phone": "13900002222"})
    assert response.status_code == 200, response.content
    demand = Demand.objects.get()
    extra = demand.extra["open311"]
    assert demand.text == "3号楼水压不足，六楼用不上水。"
    assert (extra["media_url"], extra["email"], extra["device_id"], extra["attributes"]) == (
        "http://x/a.jpg", "a@x.cn", "d1", {"floor": "6"})


def test_xml_list_survives_old_rows(client, service_tree, org_token):
    _, key = org_token
    client.post(f"{BASE}/requests.json", {
        "api_key": key, "service_code": "I010101", "lat": "35.066", "long": "116.311",
        "description": "3号楼水压不足，六楼用不上水。", "attribute[floor]": "6",
        "phone": "13900002222"})
    Demand.objects.update(text=f"旧{RAW_BAD}数据", extra={"open311": {"media_url": f"u{RAW_BAD}"}})
    response = client.get(f"{BASE}/requests.xml", {"api_key": key})
    assert response.status_code == 200
    [req] = list(ET.fromstring(response.content))
    assert req.findtext("description") == "旧数据" and req.findtext("media_url") == "u"


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+08:00", "9999-12-31T23:59:59+14:00",
                                   "２０２６-０１-０１"])
def test_dates_out_of_range_are_a_400(client, service_tree, org_token, value):
    _, key = org_token
    for name in ("start_date", "end_date"):
        response = client.get(f"{BASE}/requests.json", {"api_key": key, name: value})
        assert response.status_code == 400
        assert response.json() == [{"code": 400, "description": (
            f"{name} must be an ISO 8601 date/time between 1900 and 2999, "
            "e.g. 2025-03-01T00:00:00+08:00")}]
