"""The auditor reads and exports the log and changes nothing; nobody else reads it."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from grassroots.audit.models import AuditLog
from grassroots.audit.services import audit_record, audit_retention_purge


@pytest.fixture
def rows(county):
    audit_record(category="auth", action="login", actor=county.handler)
    audit_record(category="pii", action="reveal_phone", actor=county.dispatcher,
                 target_repr="赵先生", reason="电话回访诉求人")
    old = audit_record(category="auth", action="login_failed", actor_name="mallory",
                       outcome="failure")
    _age(old.pk, 3)


def test_auditor_sees_and_searches_the_log(client, county, auditor, rows):
    client.force_login(auditor)
    response = client.get("/audit/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "电话回访诉求人" in body and "mallory" in body
    response = client.get("/audit/", {"category": "pii"})
    body = response.content.decode()
    assert "电话回访诉求人" in body and "mallory" not in body
    response = client.get("/audit/", {"q": "mallory", "outcome": "failure"})
    assert "mallory" in response.content.decode()
    today = timezone.localdate()
    response = client.get("/audit/", {"date_from": today.isoformat()})
    assert "mallory" not in response.content.decode()


def test_bad_search_input_is_a_400_with_a_message(client, county, auditor, rows):
    client.force_login(auditor)
    response = client.get("/audit/", {"date_from": "2026-13-45"})
    assert response.status_code == 400
    assert "有效的日期" in response.content.decode()
    response = client.get("/audit/", {"date_from": "2026-05-02", "date_to": "2026-05-01"})
    assert response.status_code == 400 and "截止日期不能早于起始日期" in response.content.decode()


@pytest.mark.parametrize("who", ["admin", "supervisor", "dispatcher", "handler", "viewer",
                                 "citizen"])
def test_nobody_but_the_auditor_reads_the_log(client, county, rows, who):
    client.force_login(getattr(county, who))
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/export.xlsx").status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    response = client.get("/audit/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_export_is_an_xlsx_and_is_itself_recorded(client, county, auditor, rows):
    client.force_login(auditor)
    response = client.get("/audit/export.xlsx", {"category": "pii"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "时间" and len(values) == 2
    assert values[1][1] == "t_dispatcher" and values[1][8] == "电话回访诉求人"
    export = AuditLog.objects.get(action="audit_export")
    assert (export.actor, export.category, export.extra["rows"]) == (auditor, "export", 1)


def test_the_auditor_changes_nothing(client, county, auditor, rows):
    client.force_login(auditor)
    before = list(AuditLog.objects.values_list("pk", "action"))
    for url in ("/audit/", "/audit/export.xlsx"):
        assert client.post(url).status_code == 405
        assert client.delete(url).status_code == 405
    assert list(AuditLog.objects.values_list("pk", "action")) == before


def test_the_administrator_cannot_reach_the_log_in_the_admin_site(client, county, rows):
    county.admin.is_superuser = True
    county.admin.save(update_fields=["is_superuser"])
    client.force_login(county.admin)
    assert client.get("/admin/audit/auditlog/").status_code == 404
    assert client.get("/audit/").status_code == 403


def test_role_changes_and_admin_site_changes_are_recorded(client, county):
    from grassroots.orgs.models import Membership

    membership = Membership.objects.get(person=county.viewer.person)
    membership.role = "handler"
    membership.save(update_fields=["role"])
    assert AuditLog.objects.filter(category="permission", action="role_change",
                                   target_id=str(membership.pk)).exists()
    county.admin.is_superuser = True
    county.admin.save(update_fields=["is_superuser"])
    client.force_login(county.admin)
    response = client.post(f"/admin/people/user/{county.viewer.pk}/change/", {
        "username": "t_viewer", "is_active": "on", "is_staff": "on",
        "date_joined_0": "2026-01-01", "date_joined_1": "08:00:00"})
    assert response.status_code == 302, response.content.decode()[:2000]
    row = AuditLog.objects.get(action="admin_change", target_type="people.user")
    assert row.actor == county.admin and row.category == "permission"


def test_retention_deletes_only_rows_older_than_the_retention(db, settings):
    settings.GRASSROOTS_AUDIT_RETENTION_DAYS = 30  # too short: the 180-day floor applies
    ages = {"ancient": 400, "expired": 181, "young": 179, "today": 0}
    for action, days in ages.items():
        row = audit_record(category="auth", action=action)
        if days:
            _age(row.pk, days)
    assert audit_retention_purge() == 2
    assert set(AuditLog.objects.values_list("action", flat=True)) == {"young", "today"}
    settings.GRASSROOTS_AUDIT_RETENTION_DAYS = 365
    assert audit_retention_purge() == 0


def _age(pk, days):
    """Back-date a row. On PostgreSQL the trigger refuses UPDATE, so it is briefly disabled
    here — as only the table owner could; the application role cannot (see test_postgres)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE audit_auditlog DISABLE TRIGGER audit_auditlog_append_only")
            cursor.execute("UPDATE audit_auditlog SET at = now() - %s * interval '1 day' "
                           "WHERE id = %s", [days, pk])
            cursor.execute("ALTER TABLE audit_auditlog ENABLE TRIGGER audit_auditlog_append_only")
    else:
        AuditLog.objects.filter(pk=pk).update(at=timezone.now() - timedelta(days=days))
