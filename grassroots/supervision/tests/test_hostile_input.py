"""Dates the database cannot convert (year 1, year 9999, non-ASCII digits) in the supervision
pages, the statistics API and the audit search: a 4xx or a form error, never a 500."""

import pytest

pytestmark = pytest.mark.django_db
RANGE = "日期应在1900-01-01至2999-12-31之间。"


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "٢٠٢٦-١٠", "2026-13"])
def test_dashboard_and_stats_fall_back_to_the_current_month(client, county, month):
    client.force_login(county.supervisor)
    assert client.get("/supervision/dashboard/", {"month": month}).status_code == 200
    assert client.get("/supervision/stats/", {"month": month}).status_code in (200, 400)
    response = client.get("/api/v1/supervision/stats", {"month": month})
    assert response.status_code in (400, 422)
    assert response.json()["error"]["message"]


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_stats_api_refuses_dates_out_of_range(client, county, value):
    client.force_login(county.supervisor)
    response = client.get("/api/v1/supervision/stats",
                          {"date_from": value, "date_to": value})
    assert response.status_code == 422
    assert "date_from" in response.json()["error"]["fields"]


def test_report_form_refuses_year_one(client, county):
    from grassroots.supervision.models import SpecialReport

    client.force_login(county.supervisor)
    response = client.post("/supervision/reports/new/", {
        "title": "专题报告", "date_from": "0001-01-01", "date_to": "9999-12-31"})
    assert response.status_code in (200, 400)
    assert RANGE in response.content.decode()
    assert not SpecialReport.objects.exists()


def test_audit_search_refuses_dates_out_of_range(client, county):
    from grassroots.audit.models import AuditCategory, AuditLog
    from grassroots.core.scope import Role
    from grassroots.testing.factories import make_member

    auditor = make_member(username="t_auditor2", role=Role.AUDITOR, name="审计员",
                          organization=county.admin.person.memberships.first().organization)
    client.force_login(auditor)
    before = AuditLog.objects.exclude(category=AuditCategory.AUTH).count()
    for params in ({"date_to": "9999-12-31"}, {"date_from": "0001-01-01"}):
        response = client.get("/audit/", params)
        assert response.status_code == 400
        assert RANGE in response.content.decode()
        assert client.get("/audit/export.xlsx", params).status_code == 400
    assert AuditLog.objects.exclude(category=AuditCategory.AUTH).count() == before
