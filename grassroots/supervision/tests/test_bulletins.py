import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from grassroots.core.errors import NotInScope, TransitionNotAllowed
from grassroots.core.models import Event
from grassroots.supervision.documents import bulletin_docx, bulletin_pdf, bulletin_xlsx
from grassroots.supervision.models import Bulletin, BulletinStatus
from grassroots.supervision.services import bulletins as svc
from grassroots.supervision.stats import Period
from grassroots.testing.refusals import refused

from .conftest import AS_OF

TZ = ZoneInfo("Asia/Shanghai")


def pdf_pages(pdf: bytes, tmp_path) -> int:
    """Pages of a PDF by poppler's pdfinfo (installed with poppler-utils)."""
    import os
    import re
    import shutil
    import subprocess

    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    if os.environ.get("SUPERVISION_KEEP_PDF"):
        shutil.copy(path, os.environ["SUPERVISION_KEEP_PDF"])
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo not installed")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))


@pytest.mark.django_db
def test_compile_due_is_idempotent(county, dataset):
    first_of_nov = datetime(2026, 11, 1, 1, 0, tzinfo=TZ)
    number = svc.bulletin_compile_due(at=first_of_nov)
    assert number == "2026年第1期"
    assert svc.bulletin_compile_due(at=first_of_nov) == ""
    assert svc.bulletin_compile_due(at=first_of_nov.replace(day=15)) == ""
    assert Bulletin.objects.count() == 1
    b = Bulletin.objects.get()
    assert b.period.isoformat() == "2026-10-01" and b.status == BulletinStatus.DRAFTED
    assert b.figures["totals"]["received"] == 9
    labels = [r["label"] for r in b.figures["units"]]
    assert labels[-1] == "水务局"
    # red list: the two units at 100 with nothing overdue; late list: the water bureau
    by_key = {r["key"]: r["label"] for r in b.figures["units"]}
    assert sorted(by_key[k] for k in b.figures["red_list"]) == ["住建局", "金乡街道"]
    assert [by_key[k] for k in b.figures["late_list"]] == ["水务局"]
    assert {i["number"] for i in b.figures["overdue_items"]} == {
        dataset["W2"].demand.number, dataset["W3"].demand.number}
    assert "全县共受理群众诉求9件" in b.intro
    # the next month numbers on
    svc.bulletin_compile_due(at=datetime(2026, 12, 1, 1, 0, tzinfo=TZ))
    assert Bulletin.objects.get(period="2026-11-01").seq == 2


@pytest.mark.django_db
def test_edit_publish_follow_the_table(county, dataset):
    b = svc.bulletin_compile(actor=county.supervisor, period=Period.month(2026, 10), at=AS_OF)
    with refused(NotInScope, "只有督查室工作人员可以执行此操作。", unchanged=[b]):
        svc.bulletin_publish(actor=county.handler, bulletin=b)
    svc.bulletin_edit(actor=county.supervisor, bulletin=b, title="十月通报（修改）",
                      intro="十月份全县诉求办理总体平稳，详见下表。", remarks="请各单位整改。")
    svc.bulletin_publish(actor=county.supervisor, bulletin=b)
    b.refresh_from_db()
    assert b.status == BulletinStatus.PUBLISHED and b.title == "十月通报（修改）"
    with refused(TransitionNotAllowed, "通报当前状态为“已发布”，不能执行“修改”。", unchanged=[b]):
        svc.bulletin_edit(actor=county.supervisor, bulletin=b, title="再次修改标题",
                          intro="发布后不能修改导语内容。", remarks="")
    assert list(Event.objects.filter(object_id=b.pk, action__in=("compile", "edit", "publish"))
                .values_list("action", flat=True)) == ["compile", "edit", "publish"]


@pytest.mark.django_db
def test_documents_open(county, dataset, tmp_path):
    from docx import Document
    from openpyxl import load_workbook

    b = svc.bulletin_compile(actor=county.supervisor, period=Period.month(2026, 10), at=AS_OF)
    doc = Document(io.BytesIO(bulletin_docx(b)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert b.number in text and b.title in text
    assert len(doc.tables) >= 5
    assert doc.tables[1].rows[0].cells[1].text == "单位"
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.top_margin.mm) == 37
    wb = load_workbook(io.BytesIO(bulletin_xlsx(b)))
    assert "承办单位办理情况排名" in wb.sheetnames
    ranking = wb["承办单位办理情况排名"]
    assert [c.value for c in ranking[3]][:2] == ["名次", "单位"]
    assert {ranking.cell(row=i, column=2).value for i in range(4, 7)} == {
        "水务局", "住建局", "金乡街道"}
    pdf = bulletin_pdf(b)
    assert pdf.startswith(b"%PDF")
    assert pdf_pages(pdf, tmp_path) >= 2


@pytest.mark.django_db
def test_command_writes_three_files_without_saving(county, dataset, tmp_path):
    out = io.StringIO()
    call_command("bulletin", "--month", "2026-10", "--out", str(tmp_path), stdout=out)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["bulletin-2026-10.docx", "bulletin-2026-10.pdf", "bulletin-2026-10.xlsx"]
    assert not Bulletin.objects.exists()


@pytest.mark.django_db
def test_bulletin_dates_are_local(county, cats):
    """An assignment dispatched at 07:00 on 5 October in the county is 4 October in UTC; the
    bulletin lists it (and a notice issued that morning) under 5 October."""
    from datetime import date

    from grassroots.core import clock
    from grassroots.supervision.services import notices as nsvc

    from .conftest import make_row

    morning = datetime(2026, 10, 5, 7, 0, tzinfo=TZ)
    a = make_row(county, unit=county.water, dispatched=morning, acknowledged_at=morning.replace(
        hour=10), acknowledged_late=True, replied_at=morning.replace(day=6), due_at=None)
    with clock.travel(morning.replace(hour=7, minute=30)):
        n = nsvc.notice_draft(actor=county.supervisor, unit=county.water, demands=[a.demand],
                              title="关于督促签收超时的通知", body="请水务局说明签收超时的原因并整改。",
                              respond_by=date(2026, 10, 9))
        nsvc.notice_issue(actor=county.supervisor, notice=n)
    # The month-start job at 01:00 local on 1 November, given in UTC (31 October 17:00).
    number = svc.bulletin_compile_due(at=datetime(2026, 11, 1, 1, 0, tzinfo=TZ).astimezone(
        ZoneInfo("UTC")))
    assert number == "2026年第1期"
    b = Bulletin.objects.get()
    assert b.period.isoformat() == "2026-10-01"
    assert [i["dispatched_at"] for i in b.figures["overdue_items"]] == ["2026-10-05"]
    assert [i["issued_at"] for i in b.figures["notices"]] == ["2026-10-05"]


def _pdf_text(pdf: bytes, tmp_path) -> list[str]:
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed")
    path = tmp_path / "layout.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return [line.strip() for line in out.stdout.splitlines()]


@pytest.mark.django_db
def test_pdf_tables_do_not_wrap_figures_or_numbers(county, dataset, tmp_path):
    """Table 2's rates, scores and headers and Table 5's demand numbers stay on one line (a
    wrapped cell comes out of the PDF as two lines: "100.0" / "%", "JX20261005-" / "0051")."""
    b = svc.bulletin_compile(actor=county.supervisor, period=Period.month(2026, 10), at=AS_OF)
    for item in b.figures["overdue_items"]:
        item["number"] = "JX20261005-0051"
        item["title"] = "小区二次供水水压长期偏低，楼上住户用水困难，多次反映仍未彻底解决"
    lines = _pdf_text(bulletin_pdf(b), tmp_path)
    assert "%" not in lines
    assert "100.0%" in " ".join(lines)
    for header in ("按时签收", "名次变化", "综合得分", "派单日期", "超期情形"):
        assert any(header in line for line in lines), header
    assert sum("JX20261005-0051" in line for line in lines) == len(b.figures["overdue_items"])
    assert not any(line in ("JX20261005-", "0051", "收", "化", "分") for line in lines)


@pytest.mark.django_db
def test_xlsx_stores_figures_as_numbers(county, dataset):
    from openpyxl import load_workbook

    b = svc.bulletin_compile(actor=county.supervisor, period=Period.month(2026, 10), at=AS_OF)
    wb = load_workbook(io.BytesIO(bulletin_xlsx(b)))
    ranking = wb["承办单位办理情况排名"]
    headers = [c.value for c in ranking[3]]
    water = next(r for r in ranking.iter_rows(min_row=4) if r[1].value == "水务局")
    cell = dict(zip(headers, water, strict=True))
    assert cell["响应率"].value == pytest.approx(0.6) and cell["响应率"].number_format == "0.0%"
    assert cell["综合得分"].value == pytest.approx(49.0)
    assert cell["综合得分"].number_format == "0.0"  # one decimal, as on the stats page
    assert cell["派单"].value == 5
    summary = wb["总体情况"]
    rows = {r[0].value: r for r in summary.iter_rows(min_row=4)}
    # 本月 "75.0%（6/8）": the rate as a number; the number format shows the sample.
    assert rows["响应率（样本）"][1].value == pytest.approx(0.75)
    assert rows["响应率（样本）"][1].number_format == '0.0%"（6/8）"'
    assert rows["受理诉求（件）"][3].value == 8  # 9 received against 1 in September
    assert rows["受理诉求（件）"][3].number_format == "+0;-0;0"
    assert rows["响应率（样本）"][3].value == pytest.approx(75.0)  # percentage points
    assert rows["满意率（首次回访，样本）"][3].value == "—"  # no September sample: no comparison


@pytest.mark.django_db
def test_summary_compares_solved_on_the_spot(county, dataset):
    """Table 1's 现场解决 row has its change like every other count."""
    from grassroots.supervision.documents import tables

    b = svc.bulletin_compile(actor=county.supervisor, period=Period.month(2026, 10), at=AS_OF)
    rows = {r[0]: r for r in tables.summary_table(b.figures)}
    assert rows["现场解决（件）"][1:3] == [1, 0]
    assert str(rows["现场解决（件）"][3]) == "+1"
    # A bulletin stored before the change was kept: computed from the two months it shows.
    del b.figures["totals"]["change"]["on_spot"]
    rows = {r[0]: r for r in tables.summary_table(b.figures)}
    assert str(rows["现场解决（件）"][3]) == "+1"


def test_intro_says_unchanged_as_unchanged():
    rate = {"num": 1, "den": 1, "value": 100.0}
    fig = {"period_label": "2026年10月", "totals": {
        "received": 475, "on_spot": 447, "dispatched": 28, "overdue": 1, "overdue_open": 0,
        "rates": {"response": rate, "resolution": rate, "satisfaction": rate},
        "change": {"received": 0, "response": 3.2, "resolution": -8.2, "satisfaction": 0.0}}}
    intro = svc.default_intro(fig)
    assert "与上月相比，受理量持平，响应率上升3.2个百分点，解决率下降8.2个百分点，满意率持平。" in intro
    fig["totals"]["change"].update(received=-30, satisfaction=None)
    assert ("与上月相比，受理量减少30件，响应率上升3.2个百分点，解决率下降8.2个百分点。"
            in svc.default_intro(fig))
    fig["totals"]["change"].update(resolution=0.0)
    assert "响应率上升3.2个百分点，解决率持平。" in svc.default_intro(fig)


def _chart_unit(i, rate, rank):
    return {"key": 1000 + i, "label": f"测试单位{i:02d}", "rank": rank, "score": rate,
            "received": 1, "dispatched": 1, "overdue": 0, "replied": 1, "replied_on_time": 1,
            "ack_on_time": 1, "response_den": 1, "prev": None, "change": None,
            "red_list": None,
            "rates": {"response": {"num": 1, "den": 1, "value": rate},
                      "resolution": {"num": 1, "den": 1, "value": rate},
                      "satisfaction": {"num": 1, "den": 1, "value": rate}}}


@pytest.mark.django_db
def test_pdf_chart_shows_every_ranked_unit(county, dataset, tmp_path):
    """The response-rate chart of the PDF shows every unit of Table 2, the weakest included
    (it used to keep the 12 best scores only)."""
    b = svc.bulletin_compile(actor=county.supervisor, period=Period.month(2026, 10), at=AS_OF)
    b.figures["units"] = [_chart_unit(i, 100.0 - i * 1.5, i + 1) for i in range(16)]
    text = " ".join(_pdf_text(bulletin_pdf(b), tmp_path))
    for i in range(16):
        # once in Table 2, once in the chart
        assert text.count(f"测试单位{i:02d}") == 2, i
    assert "77.5" in text  # the weakest unit's bar (Table 2 shows "77.5%")


def test_chart_of_many_units_shows_the_lowest_rates():
    from grassroots.supervision.documents.render import response_chart_units

    units = [_chart_unit(i, 100.0 - i, i + 1) for i in range(40)]
    shown, title = response_chart_units(units)
    assert [r["label"] for r in shown] == [f"测试单位{i:02d}" for i in range(39, 9, -1)]
    assert title == "各单位响应率（%）（共40个单位，列出响应率最低的30个）"
    shown, title = response_chart_units(units[:30])
    assert len(shown) == 30 and title == "各单位响应率（%）"
