"""/healthz for the operator's monitoring; lost database → 503 with a message, never a 500."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from grassroots.audit.views import server_error
from grassroots.core.models import JobRun
from grassroots.core.periodic import run_job


def test_healthz_reports_every_part(client, county):
    run_job("audit_retention")
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    checks = data["checks"]
    assert checks["database"]["status"] == "ok" and checks["cache"]["status"] == "ok"
    assert checks["broker"]["status"] == "embedded"
    assert checks["outbox"]["pending"] == 0
    assert checks["periodic"]["jobs"]["audit_retention"]["status"] == "ok"
    assert JobRun.objects.get(name="audit_retention").last_status == "ok"


def test_healthz_is_503_when_the_database_is_down(client, db):
    with mock.patch("grassroots.core.health.check_database",
                    side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "error" and "connection refused" in data["checks"]["database"]["error"]


def test_healthz_is_503_when_the_broker_is_unreachable(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["status"] == "error"


def test_outbox_backlog_is_reported(client, county):
    pytest.importorskip("grassroots.integrations.models")
    from grassroots.integrations.models import OutboxMessage

    assert "pending" in client.get("/healthz").json()["checks"]["outbox"]
    assert OutboxMessage._meta.get_field("status")


def test_a_view_losing_the_database_answers_503(client, county, secure_settings):
    client.force_login(county.handler)
    with mock.patch("grassroots.core.views.landing_cards",
                    side_effect=OperationalError("server closed the connection")):
        response = client.get("/")
    assert response.status_code == 503
    assert "系统暂时无法访问数据库" in response.content.decode()
    assert response["Retry-After"] == "30"


def test_the_api_losing_the_database_answers_503_json(client, county, secure_settings):
    client.force_login(county.dispatcher)
    with mock.patch("grassroots.demands.selectors.demand_list",
                    side_effect=OperationalError("server closed the connection")):
        response = client.get("/api/v1/demands")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "unavailable"


def test_handler500_turns_a_database_error_outside_a_view_into_503(rf):
    request = rf.get("/", HTTP_ACCEPT="text/html")
    try:
        raise OperationalError("the database system is shutting down")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert "系统暂时无法访问数据库" in response.content.decode()


def test_other_errors_stay_500(rf):
    try:
        raise ValueError("boom")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500


def test_csrf_is_enforced_on_forms(county):
    client = Client(enforce_csrf_checks=True)
    client.force_login(county.handler)
    assert client.post("/password/", {"old_password": "x"}).status_code == 403
