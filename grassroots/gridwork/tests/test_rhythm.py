from datetime import date
from io import BytesIO

import pytest
from docx import Document as Docx
from openpyxl import load_workbook

from grassroots.core.errors import NotInScope
from grassroots.core.models import Notification
from grassroots.demands.models import Demand
from grassroots.gridwork.models import MonthlyReport, MonthlyTheme, Visit
from grassroots.gridwork.services.rhythm import month_end_report, month_start_reminder, theme_set
from grassroots.testing.refusals import refused

pytestmark = pytest.mark.django_db


def test_theme_set_by_manager_only(gw):
    theme = theme_set(actor=gw.org_dept, month="2026-11", title="就业政策宣传", description="说明")
    assert theme.month == "2026-11"
    theme_set(actor=gw.admin, month="2026-11", title="养老政策宣传")
    theme.refresh_from_db()
    assert theme.title == "养老政策宣传"
    with refused(NotInScope, "只有平台管理员或组织部可以设置月度主题。", unchanged=[MonthlyTheme]):
        theme_set(actor=gw.town_staff, month="2026-12", title="x主题")


def test_month_start_reminder_is_idempotent(gw):
    theme_set(actor=gw.admin, month="2026-11", title="就业政策宣传")
    Demand.objects.create(number="X1", channel="visit", type="help", title="t", text="text1",
                          grid=gw.grid_a)
    assert month_start_reminder(month="2026-11") == 2  # the two secretaries with logins
    assert month_start_reminder(month="2026-11") == 0
    n = Notification.objects.get(recipient=gw.secretary, dedup_key=f"theme:2026-11:{gw.secretary.pk}")
    assert "就业政策宣传" in n.title_text and "1条未办结诉求" in n.body_text
    assert Notification.objects.filter(kind="gridwork_month_start").count() == 2
    # the scheduler's entry: any day of the month, so a missed reminder is caught up
    assert month_start_reminder(today=date(2026, 12, 20)) == 2
    assert month_start_reminder(today=date(2026, 12, 21)) == 0


def test_a_theme_set_after_the_month_start_is_reminded_once_more(gw):
    assert month_start_reminder(today=date(2026, 12, 2)) == 2  # no theme yet
    assert month_start_reminder(today=date(2026, 12, 3)) == 0
    theme_set(actor=gw.admin, month="2026-12", title="防汛知识宣传")
    assert month_start_reminder(today=date(2026, 12, 12)) == 2
    assert month_start_reminder(today=date(2026, 12, 13)) == 0
    n = Notification.objects.get(recipient=gw.secretary,
                                 dedup_key=f"theme:2026-12:{gw.secretary.pk}")
    assert "防汛知识宣传" in n.title_text


def test_month_end_report_is_idempotent_and_exact(gw):
    sec = gw.secretary.person
    Visit.objects.create(grid=gw.grid_a, secretary=sec, date=date(2026, 10, 3), form="household",
                         people_met=3)
    Visit.objects.create(grid=gw.grid_a, secretary=sec, date=date(2026, 10, 9), form="field",
                         people_met=3)
    Visit.objects.create(grid=gw.grid_a, secretary=sec, date=date(2026, 11, 1), form="field",
                         people_met=3)  # next month: not counted
    from django.utils import timezone

    at = timezone.make_aware(timezone.datetime(2026, 10, 3, 10))
    for i, (on_spot, sat) in enumerate([(True, ""), (False, "satisfied"), (False, "unsatisfied")]):
        Demand.objects.create(number=f"X{i}", channel="visit", type="help", title="t",
                              text="text", grid=gw.grid_a, received_at=at,
                              solved_on_spot=on_spot, satisfaction=sat)
    report = month_end_report(month="2026-10")
    again = month_end_report(today=date(2026, 11, 2))  # the scheduler's default: last month
    assert again.pk == report.pk and MonthlyReport.objects.count() == 1
    c = report.figures["county"]
    assert (c["grids"], c["grids_covered"], c["visits"], c["collected"], c["on_spot"],
            c["passed_on"], c["rated"], c["satisfied"]) == (2, 1, 2, 3, 1, 2, 2, 1)
    assert c["coverage_rate"] == 50.0 and c["satisfaction_rate"] == 50.0
    towns = {t["town"]: (t["grids"], t["visits"]) for t in report.figures["towns"]}
    assert towns == {"金乡街道": (1, 2), "胡集镇": (1, 0)}
    teams = {t["grid_code"]: t["visits"] for t in report.figures["teams"]}
    assert teams == {"G-A-01": 2, "G-B-01": 0}


def test_report_pages_and_files(gw, client):
    month_end_report(month="2026-10")
    client.force_login(gw.supervisor)
    assert client.get("/grid/reports/2026-10/").status_code == 200
    x = client.get("/grid/reports/2026-10/report.xlsx")
    assert load_workbook(BytesIO(x.content)).sheetnames == ["全县", "镇街", "服务队"]
    d = client.get("/grid/reports/2026-10/report.docx")
    assert "2026年10月民情书记工作月末通报" in Docx(BytesIO(d.content)).paragraphs[0].text
    assert client.get("/grid/reports/2026-09/").status_code == 404
    client.force_login(gw.outsider)
    assert client.get("/grid/reports/2026-10/").status_code == 404
