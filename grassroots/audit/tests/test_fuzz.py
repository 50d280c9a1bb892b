"""Hostile input to forms and the API — huge texts, control characters, SQL and script fragments,
invalid dates, wrong types — gives a 4xx (or a form error) with a message, never a 500, and a
refused request writes nothing."""

import json
import os

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grassroots.audit.models import AuditLog
from grassroots.demands.models import Demand

HOSTILE = st.sampled_from([
    "'; DROP TABLE demands_demand; --", "\" OR 1=1 --", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "{{ 7*7 }}", "{% debug %}", "../../etc/passwd", "\x00",
    "\x1b[31m", "\u202e", "\ud7ff", "%00", "${jndi:ldap://x}", "2026-02-30", "9999-99-99",
    "-1", "1e309", "NaN", "null", "[]", "{}", "💥" * 50, "长" * 20000, "a" * 100_000,
])
TEXT = st.one_of(HOSTILE, st.text(max_size=300), st.text(
    alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=50))
ANY_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8),
                                                                      children, max_size=3),
    max_leaves=6)
# Derandomised: the same hostile inputs every run, so CI results are reproducible (a random
# search is one environment variable away: HYPOTHESIS_RANDOM=1).
FUZZ = settings(max_examples=60, deadline=None,
                derandomize=os.environ.get("HYPOTHESIS_RANDOM") != "1",
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.GRASSROOTS_RATE_LIMITS = dict.fromkeys(("login", "citizen_submit", "track", "pii_reveal"), "100000/min")
    settings.GRASSROOTS_API_RATE_LIMIT = "100000/min"
    cache.clear()


def assert_clean(response, before):
    assert response.status_code < 500, response.content[:500]
    if 400 <= response.status_code < 500:
        assert Demand.objects.count() == before
        if response.get("Content-Type", "").startswith("application/json"):
            assert response.json()["error"]["message"]


@FUZZ
@given(payload=st.fixed_dictionaries({}, optional={
    "type": st.one_of(TEXT, ANY_JSON), "title": st.one_of(TEXT, ANY_JSON),
    "text": st.one_of(TEXT, ANY_JSON), "grade": ANY_JSON, "category": ANY_JSON,
    "division": ANY_JSON, "grid": ANY_JSON, "latitude": ANY_JSON, "longitude": ANY_JSON,
    "citizen_name": ANY_JSON, "citizen_phone": st.one_of(TEXT, ANY_JSON),
    "is_anonymous": ANY_JSON}))
def test_api_demand_create(client, county, payload):
    client.force_login(county.dispatcher)
    before = Demand.objects.count()
    response = client.post("/api/v1/demands", json.dumps(payload),
                           content_type="application/json")
    assert_clean(response, before)
    if response.status_code == 201:
        stored = Demand.objects.get(pk=response.json()["id"])
        assert stored.title == payload["title"].strip() or stored.title


@FUZZ
@given(body=st.one_of(st.binary(max_size=500), TEXT.map(str.encode)))
def test_api_garbage_body(client, county, body):
    client.force_login(county.dispatcher)
    before = Demand.objects.count()
    assert_clean(client.post("/api/v1/demands", body, content_type="application/json"), before)


@FUZZ
@given(params=st.dictionaries(st.sampled_from(["status", "q", "received_from", "received_to",
                                               "category", "town", "page", "page_size", "unit",
                                               "overdue", "channel"]), TEXT, max_size=4))
def test_api_list_filters(client, county, params):
    client.force_login(county.dispatcher)
    response = client.get("/api/v1/demands", params)
    assert response.status_code < 500
    assert response.status_code in (200, 400, 422)


# This test found a 500 in the demands forms (a non-numeric place id reached a pk lookup); fixed.
@FUZZ
@given(data=st.fixed_dictionaries({}, optional={
    "type": TEXT, "title": TEXT, "text": TEXT, "division": TEXT, "address": TEXT,
    "latitude": TEXT, "longitude": TEXT, "is_anonymous": TEXT}))
def test_citizen_submission_form(client, county, data):
    client.force_login(county.citizen)
    before = Demand.objects.count()
    response = client.post("/my/new/", {k: v.replace("\x00", "") for k, v in data.items()})
    assert response.status_code < 500
    if response.status_code != 302:  # redisplayed with errors: nothing written
        assert Demand.objects.count() == before


@FUZZ
@given(data=st.fixed_dictionaries({}, optional={
    "citizen_name": TEXT, "citizen_phone": TEXT, "type": TEXT, "grade": TEXT, "category": TEXT,
    "division": TEXT, "title": TEXT, "text": TEXT, "is_anonymous": TEXT}))
def test_phone_intake_form(client, county, data):
    client.force_login(county.dispatcher)
    before = Demand.objects.count()
    response = client.post("/phone/new/", {k: v.replace("\x00", "") for k, v in data.items()})
    assert response.status_code < 500
    if response.status_code != 302:
        assert Demand.objects.count() == before


@FUZZ
@given(params=st.fixed_dictionaries({}, optional={
    "q": TEXT, "category": TEXT, "outcome": TEXT, "date_from": TEXT, "date_to": TEXT,
    "page": TEXT}))
def test_audit_search(client, county, auditor, params):
    client.force_login(auditor)
    before = AuditLog.objects.count()
    response = client.get("/audit/", {k: v.replace("\x00", "") for k, v in params.items()})
    assert response.status_code in (200, 400)
    assert AuditLog.objects.count() == before


@FUZZ
@given(username=TEXT, password=TEXT)
def test_login_form(client, county, username, password):
    cache.clear()
    response = client.post("/login/", {"username": username.replace("\x00", ""),
                                       "password": password.replace("\x00", "")})
    assert response.status_code in (200, 403, 429)
    assert "_auth_user_id" not in client.session


@FUZZ
@given(number=TEXT, phone=TEXT)
def test_public_tracking(client, county, number, phone):
    response = client.get("/track/", {"number": number.replace("\x00", ""),
                                      "phone": phone.replace("\x00", "")})
    assert response.status_code < 500


@FUZZ
@given(reason=TEXT)
def test_pii_reason(client, county, demand_for_water, reason):
    client.force_login(county.dispatcher)
    before = AuditLog.objects.filter(category="pii").count()
    response = client.post(f"/pii/{demand_for_water.citizen.pk}/phone/",
                           {"reason": reason.replace("\x00", "")})
    assert response.status_code in (200, 400)
    # Every attempt leaves one row, refused or not (a refusal with the reason as given).
    assert AuditLog.objects.filter(category="pii").count() == before + 1
    row = AuditLog.objects.filter(category="pii").order_by("-id").first()
    assert row.outcome == ("success" if response.status_code == 200 else "denied")


def test_overlong_username_is_a_form_error_not_a_500(client, county):
    # Found by the fuzz test on PostgreSQL: 300 characters reached the lockout table.
    response = client.post("/login/", {"username": "长" * 300, "password": "x"})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
