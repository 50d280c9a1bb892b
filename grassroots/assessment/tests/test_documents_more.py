"""The remaining documents of §7.6, each opened as .docx: item list, indicator table, result
notice, annual registration form, excellent publicity, quota table, contact-point quarterly
observation record, the year's report."""

import io
from datetime import date, datetime

import pytest
from docx import Document

from grassroots.core import clock
from grassroots.workcal.clock import SHANGHAI

from ..models import AnnualAssessment, AnnualGrade, AssessmentField, RoutineRecord
from ..services import annual as svc
from ..services.contact import contact_point_designate, contact_point_review
from ..services.excellent import excellent_publicise
from ..services.scheme import scheme_create
from .test_annual import _quarter

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_scheme_documents(unit, client):
    scheme = scheme_create(
        actor=unit.head, unit=unit.org, year=2026, kind="mixed", title="医保局平时考核方案",
        effective_from=date(2026, 1, 1),
        items=[{"polarity": "negative", "text": "窗口投诉属实", "points": "2",
                "evidence": "投诉处理单"}],
        indicators=[{"kind": "adhoc", "text": "疫情防控值守", "weight": "10",
                     "scoring_rule": "按表现"}])
    client.force_login(unit.head)
    items = _text(client.get(f"/assessment/schemes/{scheme.pk}/items.docx"))
    assert "正负面清单" in items and "窗口投诉属实" in items and "投诉处理单" in items
    table = _text(client.get(f"/assessment/schemes/{scheme.pk}/indicators.docx"))
    assert "考核指标体系表" in table and "突发性指标" in table and "疫情防控值守" in table
    client.force_login(unit.a)
    assert client.get(f"/assessment/schemes/{scheme.pk}/items.docx").status_code == 404


def test_annual_documents_notice_quota_table_and_publicity(unit, client):
    for q in (1, 2, 3, 4):
        _quarter(unit, q, {unit.a: 95, unit.b: 85, unit.c: 85})
    record = RoutineRecord.objects.get(person=unit.a.person, period__quarter=4)
    client.force_login(unit.a)
    notice = _text(client.get(f"/assessment/records/{record.pk}/notice.docx"))
    assert "平时考核结果告知单" in notice and "第4季度平时考核等次为“好”" in notice
    svc.annual_collect(actor=unit.head, unit=unit.org, year=2026)
    quota = svc.quota_decide(actor=unit.authority, unit=unit.org, year=2026)
    a = AnnualAssessment.objects.get(person=unit.a.person, year=2026)
    svc.annual_submit_summary(actor=unit.a, annual=a, summary="全年完成医保待遇审核工作。")
    svc.annual_recommend(actor=unit.c, annual=a, grade=AnnualGrade.EXCELLENT)
    svc.annual_review(actor=unit.committee, annual=a, note="同意推荐")
    form = _text(client.get(f"/assessment/annual/{a.pk}/form.docx"))
    assert "公务员年度考核登记表" in form and "全年完成医保待遇审核工作。" in form and "同意推荐" in form
    client.force_login(unit.head)
    assert client.get(f"/assessment/quotas/{quota.pk}/publicity.docx").status_code == 404
    with clock.travel(datetime(2027, 1, 11, 10, tzinfo=SHANGHAI)):
        excellent_publicise(actor=unit.head, unit=unit.org, year=2026, contact_phone="0537-8888888")
    pub = _text(client.get(f"/assessment/quotas/{quota.pk}/publicity.docx"))
    assert "年度考核优秀等次人选公示" in pub and "甲（待遇保障科）" in pub and "0537-8888888" in pub
    assert client.get("/assessment/quotas/table.docx?year=2026").status_code == 403
    client.force_login(unit.authority)
    table = _text(client.get("/assessment/quotas/table.docx?year=2026"))
    assert "优秀等次名额分配表" in table and "医保局" in table and "合计：参加考核3人" in table


def test_contact_point_record_and_the_years_report(unit, client):
    point = contact_point_designate(actor=unit.authority, unit=unit.org, year=2026,
                                    field=AssessmentField.objects.get(code="window"),
                                    reason="窗口服务典型", designated_on=date(2026, 2, 1))
    contact_point_review(actor=unit.authority, point=point, quarter=1, visit_on=date(2026, 3, 20),
                         findings="正负面清单执行到位", score="92", recommendations="推广做法")
    _quarter(unit, 1, {unit.a: 95, unit.b: 85, unit.c: 70})
    client.force_login(unit.authority)
    obs = _text(client.get(f"/assessment/contact-points/{point.pk}/reviews.docx"))
    assert "联系点季度观察记录" in obs and "正负面清单执行到位" in obs and "92.0" in obs
    report = _text(client.get("/assessment/report.docx?year=2026"))
    assert "全县公务员平时考核工作情况的通报" in report and "平时考核记实3份" in report
    assert "“好”1份" in report and "医保局" in report
    client.force_login(unit.head)
    assert client.get("/assessment/report.docx?year=2026").status_code == 403
    assert client.get(f"/assessment/contact-points/{point.pk}/reviews.docx").status_code == 200
    client.force_login(unit.a)
    assert client.get(f"/assessment/contact-points/{point.pk}/reviews.docx").status_code == 404
