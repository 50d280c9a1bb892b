import pytest

URL = "/api/v1/calendar/deadline"


@pytest.fixture
def api(client, county):
    client.force_login(county.handler)  # any signed-in user may compute a deadline
    return client


def test_deadline_in_working_hours(api):
    r = api.get(URL, {"start": "2025-03-07T17:20:00+08:00", "working_hours": "1"})
    assert r.status_code == 200
    assert r.json() == {"due_at": "2025-03-10T09:20:00+08:00", "estimated": False}


def test_deadline_in_working_days_over_national_day(api):
    r = api.get(URL, {"start": "2025-09-30T16:00:00+08:00", "working_days": "2"})
    assert r.json() == {"due_at": "2025-10-10T16:00:00+08:00", "estimated": False}


def test_naive_start_is_beijing_time_and_utc_is_converted(api):
    r = api.get(URL, {"start": "2025-03-07T17:20", "working_hours": "1"})
    assert r.json()["due_at"] == "2025-03-10T09:20:00+08:00"
    r = api.get(URL, {"start": "2025-03-07T09:20:00Z", "working_hours": "1"})
    assert r.json()["due_at"] == "2025-03-10T09:20:00+08:00"


def test_unencoded_plus_in_the_query_string_is_accepted(api):
    r = api.get(f"{URL}?start=2025-03-07T17:20:00+08:00&working_hours=1")
    assert r.status_code == 200
    assert r.json()["due_at"] == "2025-03-10T09:20:00+08:00"


def test_unknown_year_is_estimated(api):
    r = api.get(URL, {"start": "2031-03-07T17:20:00+08:00", "working_hours": "1"})
    assert r.json() == {"due_at": "2031-03-10T09:20:00+08:00", "estimated": True}


@pytest.mark.parametrize(("params", "field", "text"), [
    ({"start": "2025-13-45T99:00", "working_hours": "1"}, "start", "无法识别"),
    ({"start": "yesterday", "working_hours": "1"}, "start", "ISO 8601"),
    ({"working_hours": "1"}, "start", "请提供起算时间"),
    ({"start": "2025-03-07T17:20", "working_hours": "-1"}, "working_hours", "0 到 1000"),
    ({"start": "2025-03-07T17:20", "working_hours": "1000.5"}, "working_hours", "0 到 1000"),
    ({"start": "2025-03-07T17:20", "working_days": "1001"}, "working_days", "0 到 1000"),
    ({"start": "2025-03-07T17:20", "working_days": "two"}, "working_days", "须为数字"),
    ({"start": "2025-03-07T17:20", "working_hours": "nan"}, "working_hours", "须为数字"),
    ({"start": "9999-03-07T17:20", "working_hours": "1"}, "start", "1970 到 2200"),
])
def test_bad_parameter_gives_422_with_an_actionable_message(api, params, field, text):
    r = api.get(URL, params)
    assert r.status_code == 422
    error = r.json()["error"]
    assert set(error) == {"code", "message", "fields"}
    assert text in error["message"]
    assert error["fields"] == {field: [error["message"]]}


@pytest.mark.parametrize("params", [
    {"start": "2025-03-07T17:20", "working_hours": "1", "working_days": "1"},
    {"start": "2025-03-07T17:20"},
    {"start": "2025-03-07T17:20", "working_hours": "", "working_days": ""},
])
def test_exactly_one_of_hours_or_days(api, params):
    r = api.get(URL, params)
    assert r.status_code == 422
    assert "二选一" in r.json()["error"]["message"]


def test_anonymous_gets_401_in_the_project_shape(client, county):
    r = client.get(URL, {"start": "2025-03-07T17:20", "working_hours": "1"})
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthenticated"
    assert r.json()["error"]["message"]


def test_endpoint_is_in_the_openapi_schema(api):
    schema = api.get("/api/v1/openapi.json").json()
    params = {p["name"] for p in schema["paths"][URL]["get"]["parameters"]}
    assert params == {"start", "working_hours", "working_days"}
