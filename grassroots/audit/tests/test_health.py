"""/healthz for the operator's monitoring; lost database → 503 with a message, never a 500."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from grassroots.audit.views import server_error
from grassroots.core.models import JobRun
from grassroots.core.periodic import run_job


def test_anonymous_callers_get_up_or_down_only(client, county):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    with mock.patch("grassroots.core.health.check_database",
                    side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503 and response.json() == {"status": "error"}


@pytest.mark.parametrize("who", ["dispatcher", "supervisor", "citizen"])
def test_other_users_and_tokens_get_no_details(client, county, who):
    from grassroots.integrations.services.tokens import api_token_create

    client.force_login(getattr(county, who))
    assert client.get("/healthz").json() == {"status": "ok"}
    client.logout()
    token = api_token_create(actor=county.admin, name="监控", user=getattr(county, who))[1]
    assert client.get("/healthz", HTTP_AUTHORIZATION=f"Bearer {token}").json() == {"status": "ok"}
    assert client.get("/healthz", HTTP_AUTHORIZATION="Bearer x.forged").json() == {"status": "ok"}


def test_an_administrator_token_gets_the_details(client, county):
    from grassroots.integrations.services.tokens import api_token_create

    token = api_token_create(actor=county.admin, name="monitor", user=county.admin)[1]
    data = client.get("/healthz", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert data["checks"]["database"]["status"] == "ok"


def test_healthz_reports_every_part(client, county):
    run_job("audit_retention")
    client.force_login(county.admin)
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


def test_healthz_is_503_when_the_database_is_down(client, county):
    client.force_login(county.admin)
    with mock.patch("grassroots.core.health.check_database",
                    side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "error" and "connection refused" in data["checks"]["database"]["error"]


def test_healthz_is_503_when_the_broker_is_unreachable(client, county, settings):
    client.force_login(county.admin)
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["status"] == "error"


def test_outbox_backlog_is_reported(client, county):
    pytest.importorskip("grassroots.integrations.models")
    from grassroots.integrations.models import OutboxMessage

    client.force_login(county.admin)
    assert "pending" in client.get("/healthz").json()["checks"]["outbox"]
    assert OutboxMessage._meta.get_field("status")


def test_a_view_losing_the_database_answers_503(client, county, secure_settings):
    client.force_login(county.handler)
    with mock.patch("grassroots.core.views.landing_groups",
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
