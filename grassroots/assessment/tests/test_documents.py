import io
from datetime import date

import pytest
from docx import Document

from ..models import AssessmentField, RoutineRecord
from ..services.contact import contact_point_designate
from ..services.routine import period_open, routine_log

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    doc = Document(io.BytesIO(response.content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_registration_form_and_the_units_summary_table(unit, client):
    period = period_open(actor=unit.head, unit=unit.org, year=2026, quarter=1)
    record = RoutineRecord.objects.get(period=period, person=unit.a.person)
    routine_log(actor=unit.a, record=record, on=date(2026, 2, 3), task="审核报销", result="完成120件")
    client.force_login(unit.a)
    form = client.get(f"/assessment/records/{record.pk}/form.docx")
    assert form.status_code == 200 and "attachment" in form["Content-Disposition"]
    text = _text(form)
    assert "公务员平时考核登记表" in text and "审核报销：完成120件" in text and "甲" in text
    assert client.get(f"/assessment/periods/{period.pk}/table.docx").status_code == 404
    client.force_login(unit.head)
    table = _text(client.get(f"/assessment/periods/{period.pk}/table.docx"))
    assert "公务员平时考核结果汇总表" in table and "参加考核3人" in table


def test_the_contact_point_notice_is_the_authoritys(unit, client):
    contact_point_designate(actor=unit.authority, unit=unit.org, year=2026,
                            field=AssessmentField.objects.get(code="window"), reason="窗口服务典型")
    client.force_login(unit.head)
    assert client.get("/assessment/contact-points/notice.docx?year=2026").status_code == 403
    client.force_login(unit.authority)
    text = _text(client.get("/assessment/contact-points/notice.docx?year=2026"))
    assert "2026年度公务员平时考核联系点名单" in text and "医保局" in text
