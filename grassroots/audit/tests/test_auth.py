"""Login, failures, lockout, rate limit, idle timeout and password policy — each recorded."""

from datetime import timedelta

import pytest
from django.utils import timezone

from grassroots.audit.models import AuditLog
from grassroots.testing.sessions import session_clock_at as _at

from .conftest import PASSWORD


def login(client, username, password=PASSWORD, ip="10.0.0.1"):
    return client.post("/login/", {"username": username, "password": password},
                       REMOTE_ADDR=ip)


def test_login_page_is_chinese_and_has_csrf(client, db):
    response = client.get("/login/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "登录" in body and "csrfmiddlewaretoken" in body


def test_successful_login_is_recorded(client, county, secure_settings):
    response = login(client, "t_handler")
    assert response.status_code == 302
    row = AuditLog.objects.get(action="login")
    assert (row.actor, row.actor_name, row.category, row.outcome, row.ip) == (
        county.handler, "t_handler", "auth", "success", "10.0.0.1")


def test_failed_login_is_recorded_without_the_password(client, county, secure_settings):
    response = login(client, "t_handler", password="wrong-Pass-1")
    assert response.status_code == 200
    row = AuditLog.objects.get(action="login_failed")
    assert (row.actor_id, row.actor_name, row.outcome) == (None, "t_handler", "failure")
    assert "wrong-Pass-1" not in str(row.extra)


def test_five_failures_lock_the_account_with_a_chinese_page(client, county, secure_settings):
    for _ in range(5):
        login(client, "t_handler", password="wrong-Pass-1")
    # Even the right password is refused during the cool-off period.
    response = login(client, "t_handler")
    assert response.status_code in (403, 429)
    body = response.content.decode()
    assert "账号已被暂时锁定" in body and "30分钟" in body
    assert "_auth_user_id" not in client.session
    assert AuditLog.objects.filter(action="lockout", actor_name="t_handler").exists()
    # Another account from the same address is not locked (lockout is per username + address).
    assert login(client, "t_dispatcher").status_code == 302


def test_login_is_rate_limited_per_address(client, county, secure_settings):
    secure_settings.GRASSROOTS_RATE_LIMITS = {"login": "3/min"}
    for name in ("a1", "a2", "a3"):
        assert login(client, name, password="x").status_code == 200
    response = login(client, "t_handler")
    assert response.status_code == 429
    assert "操作过于频繁" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    # A different address is not affected.
    assert login(client, "t_handler", ip="10.0.0.2").status_code == 302


def test_idle_session_ends_after_30_minutes_and_activity_extends_it(client, county, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and not settings.SESSION_SAVE_EVERY_REQUEST
    assert login(client, "t_handler").status_code == 302
    start = timezone.now()
    with _at(start + timedelta(minutes=29)):
        assert client.get("/").status_code == 200  # activity at 29 min slides the expiry
    with _at(start + timedelta(minutes=29 + 29)):
        assert client.get("/").status_code == 200
    with _at(start + timedelta(minutes=29 + 29 + 31)):
        response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_page_view_within_the_minute_writes_no_session(client, county):
    """Reading a page twice within SESSION_TOUCH_INTERVAL: the first view marks the session
    (one UPDATE), the second changes nothing and writes nothing."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert login(client, "t_handler").status_code == 302
    start = timezone.now()

    def session_writes(moment):
        with _at(moment), CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return [q["sql"] for q in ctx.captured_queries
                if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith(
                    "SELECT")]

    assert session_writes(start + timedelta(seconds=70))  # a minute on: the expiry slides
    assert session_writes(start + timedelta(seconds=100)) == []
    assert session_writes(start + timedelta(seconds=140))  # a minute after the last mark


@pytest.mark.parametrize(("password", "message"), [
    ("Short-1a", "10"),
    ("alllowercaseletters", "至少三类"),
    ("Password123", "太常见"),
    ("t_handler-Pass1", "太相似"),
])
def test_password_policy(client, county, password, message):
    client.force_login(county.handler)
    response = client.post("/password/", {"old_password": PASSWORD, "new_password1": password,
                                          "new_password2": password})
    assert response.status_code == 200
    assert message in response.content.decode()
    county.handler.refresh_from_db()
    assert county.handler.check_password(PASSWORD)


def test_password_change_is_recorded(client, county):
    client.force_login(county.handler)
    response = client.post("/password/", {"old_password": PASSWORD,
                                          "new_password1": "Qinghe-River-2026",
                                          "new_password2": "Qinghe-River-2026"})
    assert response.status_code == 302
    county.handler.refresh_from_db()
    assert county.handler.check_password("Qinghe-River-2026")
    assert AuditLog.objects.filter(action="password_change", actor=county.handler).exists()


def test_logout_is_recorded(client, county):
    client.force_login(county.handler)
    assert client.post("/logout/").status_code == 302
    assert AuditLog.objects.filter(action="logout", actor=county.handler).exists()
