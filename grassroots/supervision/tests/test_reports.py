import io
from datetime import date, timedelta

import pytest

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.supervision.documents import report_docx, report_pdf, report_xlsx
from grassroots.supervision.models import MeetingItem, SpecialReport
from grassroots.supervision.services import reports as svc
from grassroots.testing.refusals import refused

from .conftest import AS_OF
from .test_bulletins import pdf_pages


@pytest.mark.django_db
def test_special_report_on_a_topic(county, dataset, cats, tmp_path):
    r = svc.special_report_create(actor=county.supervisor, title="关于水压低问题的专报",
                                  category=cats["water"], date_from=date(2026, 9, 1),
                                  date_to=date(2026, 10, 31), at=AS_OF)
    assert r.number == "2026年第1期"
    fig = r.figures
    assert [m["month"] for m in fig["by_month"]] == ["2026-09", "2026-10"]
    assert [m["received"] for m in fig["by_month"]] == [1, 6]  # S1; W1-W5 + T1
    assert {d["number"] for d in fig["demands"]} >= {dataset["W3"].demand.number}
    assert all(d["number"] != dataset["H1"].demand.number for d in fig["demands"])
    from docx import Document
    from openpyxl import load_workbook

    doc = Document(io.BytesIO(report_docx(r)))
    assert r.title in "\n".join(p.text for p in doc.paragraphs)
    assert doc.inline_shapes[0] is not None  # the chart picture
    assert load_workbook(io.BytesIO(report_xlsx(r)))["诉求清单"].max_row == 2 + 7
    pdf = report_pdf(r)
    assert pdf.startswith(b"%PDF") and pdf_pages(pdf, tmp_path) >= 1


@pytest.mark.django_db
def test_special_report_needs_a_topic(county):
    with refused(ApplicationError, "请至少选择分类、关键词或地点中的一项作为专报主题。",
                 unchanged=[SpecialReport]):
        svc.special_report_create(actor=county.supervisor, title="没有主题的专报",
                                  date_from=date(2026, 1, 1), date_to=date(2026, 2, 1))
    with refused(NotInScope, "只有督查室工作人员可以执行此操作。", unchanged=[SpecialReport]):
        svc.special_report_create(actor=county.handler, title="水压专报", keywords="水压",
                                  date_from=date(2026, 1, 1), date_to=date(2026, 2, 1))
    assert not SpecialReport.objects.exists()


@pytest.mark.django_db
def test_meeting_items_tracked(county, dataset):
    today = date.today()
    m = svc.meeting_create(
        actor=county.supervisor, held_on=today - timedelta(days=10), topic="老城区水压低专题会议",
        units=[county.water, county.housing], decisions="水务局牵头更换老旧管网，住建局配合。",
        demands=[dataset["W3"].demand],
        items=[("更换老城区加压泵", county.water, today - timedelta(days=1)),
               ("排查小区二次供水设施", county.housing, today + timedelta(days=10))])
    late = MeetingItem.objects.get(meeting=m, owner=county.water)
    assert late.is_overdue
    with refused(NotInScope, "只有责任单位或督查室可以登记完成情况。", unchanged=[late]):
        svc.meeting_item_complete(actor=county.outsider, item=late, note="已完成更换")
    svc.meeting_item_complete(actor=county.handler, item=late, note="已完成加压泵更换")
    late.refresh_from_db()
    assert late.done_at is not None and not late.is_overdue
    with refused(ApplicationError, "该事项已登记完成。", unchanged=[late]):
        svc.meeting_item_complete(actor=county.handler, item=late, note="再次登记")
