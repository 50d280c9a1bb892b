"""API answers write times in the county's time zone (Asia/Shanghai, +08:00), never as UTC."""

import re

import pytest

from grassroots.integrations.services.tokens import api_token_create

pytestmark = pytest.mark.django_db

ISO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$")


def _times(value, out):
    if isinstance(value, dict):
        for v in value.values():
            _times(v, out)
    elif isinstance(value, list):
        for v in value:
            _times(v, out)
    elif isinstance(value, str) and ISO_TIME.match(value):
        out.append(value)
    return out


def test_demand_times_are_written_with_the_local_offset(client, county):
    token = api_token_create(actor=county.admin, name="测试", user=county.dispatcher,
                             scopes=("read", "write"))[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    created = client.post("/api/v1/demands", data={
        "type": "help", "title": "路灯不亮", "text": "金山路路灯连续三天不亮，晚上出行不便。",
        "citizen_name": "张三", "citizen_phone": "13700001234"},
        content_type="application/json", **auth)
    assert created.status_code == 201, created.content
    detail = client.get(f"/api/v1/demands/{created.json()['id']}", **auth)
    listed = client.get("/api/v1/demands", **auth)
    for response in (created, detail, listed):
        times = _times(response.json(), [])
        assert times, response.json()
        assert all(t.endswith("+08:00") for t in times), (response.request["PATH_INFO"], times)
    # Chinese text is readable in the raw answer (UTF-8, not \\u escapes).
    assert "路灯不亮" in detail.content.decode("utf-8")
