"""Lists count exactly up to COUNT_EXACT_UP_TO rows; past it, on PostgreSQL, the planner's
estimate answers (no scan of a county's millions of demands) and the answer says so."""

import json

import pytest
from django.db import connection

from grassroots.api import pagination
from grassroots.integrations.services.tokens import api_token_create

pytestmark = pytest.mark.django_db


def _list(client, county, user, url="/api/v1/demands"):
    token = api_token_create(actor=county.admin, name="测试", user=user, scopes=("read",))[1]
    response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    return json.loads(response.content)


def test_a_small_list_is_counted_exactly(client, county, make_demand):
    for i in range(3):
        make_demand(title=f"诉求{i}")
    body = _list(client, county, county.dispatcher)
    assert body["count"] == 3 and body["count_is_estimate"] is False


def test_past_the_bound_the_count_is_an_estimate_on_postgresql(client, county, make_demand,
                                                               monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_EXACT_UP_TO", 2)
    for i in range(5):
        make_demand(title=f"诉求{i}")
    body = _list(client, county, county.dispatcher)
    assert len(body["items"]) == 5
    if connection.vendor == "postgresql":
        # at least the rows seen by the bounded count; the planner's guess beyond
        assert body["count_is_estimate"] is True and body["count"] >= 3
    else:  # SQLite deployments are small: always exact
        assert body["count_is_estimate"] is False and body["count"] == 5


def test_the_schema_documents_the_estimate_flag(client):
    schema = client.get("/api/v1/openapi.json").json()
    listing = schema["paths"]["/api/v1/demands"]["get"]["responses"]["200"]["content"]
    ref = listing["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert "count_is_estimate" in schema["components"]["schemas"][ref]["properties"]
