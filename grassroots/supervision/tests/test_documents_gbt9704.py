"""GB/T 9704 rules of the notice, bulletin and special report (issue #24), one test per rule.
The PDFs are read back with poppler (pdftotext, pdffonts); tests needing it skip without it."""

import io
import re
import shutil
import subprocess
from datetime import date, timedelta

import pytest
from django.utils import timezone
from docx import Document

from grassroots.core import clock
from grassroots.documents import cn_date, cn_span
from grassroots.supervision.documents import (
    bulletin_docx,
    bulletin_pdf,
    notice_docx,
    notice_pdf,
    report_docx,
    report_pdf,
)
from grassroots.supervision.documents.render import notice_body
from grassroots.supervision.forms import NoticeForm
from grassroots.supervision.services import notices as notice_svc
from grassroots.supervision.services import reports as report_svc
from grassroots.supervision.services.bulletins import bulletin_compile
from grassroots.supervision.stats import Period

from .conftest import AS_OF

pytestmark = pytest.mark.django_db


def _poppler(tool):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not installed (poppler-utils)")


def pdf_pages_text(pdf: bytes, tmp_path) -> list[str]:
    _poppler("pdftotext")
    path = tmp_path / "d.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         check=True, text=True).stdout
    return [re.sub(r"\s+", "", page) for page in out.split("\f") if page.strip()]


def docx_text(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def _notice(county, dispatched, body, *, issue=True):
    demand, _lead = dispatched
    n = notice_svc.notice_draft(actor=county.supervisor, unit=county.water, demands=[demand],
                                title="关于加快办理水压低诉求的督办通知", body=body,
                                respond_by=timezone.localdate(clock.now()) + timedelta(days=5))
    return notice_svc.notice_issue(actor=county.supervisor, notice=n) if issue else n


def test_signature_stays_with_the_last_lines_of_the_notice(county, dispatched, tmp_path):
    """Whatever the body's length, the page with the signature date also has the closing
    request: the signature block never stands alone on a page."""
    line = "请你单位高度重视，立即组织力量核查处理，逐件落实整改措施并做好群众解释工作。"
    seen_two_pages = False
    for k in range(4, 15):
        n = _notice(county, dispatched, "\n".join([line] * k), issue=False)
        pages = pdf_pages_text(notice_pdf(n), tmp_path)
        seen_two_pages |= len(pages) > 1
        date_text = cn_date(timezone.localtime(n.created_at).date())
        (signed,) = [p for p in pages if f"督查室{date_text}" in p]
        assert "前将办理情况书面反馈" in signed, (k, len(pages))
    assert seen_two_pages  # the loop did cross a page boundary
    doc = Document(io.BytesIO(notice_docx(n)))
    tail = doc.paragraphs[-5:]  # closing request, gap, office, date
    assert all(p.paragraph_format.keep_with_next for p in tail[:-1])


def test_no_copy_number_and_gbt_document_number(county, dispatched, tmp_path):
    n = _notice(county, dispatched, "请你单位立即核查处理群众反映的水压低问题，并做好解释工作。")
    assert n.number == f"督办〔{n.year}〕1号"
    texts = [t for t in docx_text(notice_docx(n)) if t]
    assert texts[0] == "督 办 通 知 单" and texts[1] == n.number  # no 份号 above the mark
    pdf_text = "".join(pdf_pages_text(notice_pdf(n), tmp_path))
    assert n.number in pdf_text and "000001" not in pdf_text and "第1号" not in pdf_text


def test_bulletin_has_an_issue_line_and_no_copy_number(county, dataset, tmp_path):
    b = bulletin_compile(actor=county.supervisor, period=Period.month(2026, 10), at=AS_OF)
    assert b.number == "2026年第1期" and "〔" not in b.number
    texts = [t for t in docx_text(bulletin_docx(b)) if t]
    assert texts[0] == "民生诉求办理情况通报" and texts[1] == "2026年第1期"
    assert not re.search(r"\b0000\d\d\b", "".join(pdf_pages_text(bulletin_pdf(b), tmp_path)))


def _report(county, cats, d_from, d_to):
    return report_svc.special_report_create(
        actor=county.supervisor, title="关于水压低问题的专报", category=cats["water"],
        date_from=d_from, date_to=d_to, at=AS_OF, analysis="建议供水公司排查管网。")


def test_special_report_span_wording_and_prose_dates(county, dataset, cats, tmp_path):
    r = _report(county, cats, date(2026, 8, 1), date(2026, 10, 31))
    assert r.figures["intro"].startswith("2026年8月1日至10月31日，")
    doc = Document(io.BytesIO(report_docx(r)))
    headers = [c.text for c in doc.tables[0].rows[0].cells]
    assert headers == ["指标", "本期", "上期", "较上期"]
    text = "".join(pdf_pages_text(report_pdf(r), tmp_path))
    assert "本月" not in text and "上月" not in text and "2026-08-01" not in text
    month = _report(county, cats, date(2026, 10, 1), date(2026, 10, 31))
    month_doc = Document(io.BytesIO(report_docx(month)))
    assert [c.text for c in month_doc.tables[0].rows[0].cells][1:3] == ["本月", "上月"]


def test_spans_keep_the_year_across_a_year_end():
    assert cn_span(date(2025, 12, 1), date(2026, 3, 31), days=False) == "2025年12月—2026年3月"
    assert cn_span(date(2026, 1, 1), date(2026, 3, 31), days=False) == "2026年1月—3月"
    assert cn_span(date(2025, 12, 1), date(2026, 2, 28)) == "2025年12月1日至2026年2月28日"
    assert Period(date(2025, 12, 1), date(2026, 2, 28)).label == "2025年12月1日至2026年2月28日"


def test_report_signature_stays_with_the_analysis(county, dataset, cats):
    r = _report(county, cats, date(2026, 9, 1), date(2026, 10, 31))
    paras = Document(io.BytesIO(report_docx(r))).paragraphs
    i = [p.text for p in paras].index("建议供水公司排查管网。")
    assert all(p.paragraph_format.keep_with_next for p in paras[i:-1])


def test_pdf_fonts_are_fangsong_and_xiaobiaosong_kinds(county, dispatched, tmp_path):
    """Body in a 仿宋 (FandolFang where the official 仿宋_GB2312 is missing), title and mark in
    a 小标宋 kind (FandolSong Bold), embedded."""
    _poppler("pdffonts")
    if not shutil.which("fc-list") or "FandolFang" not in subprocess.run(
            ["fc-list"], capture_output=True, text=True).stdout:
        pytest.skip("the Fandol fonts are not installed (.ci/run installs them)")
    n = _notice(county, dispatched, "请你单位立即核查处理群众反映的水压低问题，并做好解释工作。")
    path = tmp_path / "n.pdf"
    path.write_bytes(notice_pdf(n))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert any("FandolFang" in r for r in rows) and any("FandolSong-Bold" in r for r in rows)
    assert all(r.split()[-5] == "yes" for r in rows if "Fandol" in r)  # embedded


def test_notice_body_is_not_doubled(county, dispatched, tmp_path):
    unit = county.water.name
    body = (f"{unit}：\n群众反映水压低问题至今未解决，请立即核查处理。\n"
            f"请于{cn_date(timezone.localdate(clock.now()) + timedelta(days=3))}前将办理情况书面反馈督查室。")
    n = _notice(county, dispatched, body)
    lines, closing = notice_body(n)
    assert lines == ["群众反映水压低问题至今未解决，请立即核查处理。"]
    assert closing.startswith("请于") and closing.endswith("反馈督查室。")
    text = "".join(pdf_pages_text(notice_pdf(n), tmp_path))
    assert text.count(f"{unit}：") == 1 and text.count("前将办理情况书面反馈") == 1
    docx = "\n".join(docx_text(notice_docx(n)))
    assert docx.count(f"{unit}：") == 1 and docx.count("书面反馈") == 1


def test_notice_form_says_what_the_notice_adds():
    help_text = str(NoticeForm().fields["body"].help_text)
    assert "主送单位" in help_text and "请于" in help_text and "反馈" in help_text


def test_bulletin_counts_recurrences_per_unit(county, dataset, tmp_path):
    """Possible fake fixes (demands flagged as a recurrence of one a unit closed) per unit."""
    from grassroots.demands.models import Demand

    from .conftest import at

    earlier = dataset["W1"].demand  # led by the water bureau
    Demand.objects.filter(pk=earlier.pk).update(status="closed")
    again = Demand.objects.create(number="T-AGAIN", channel="phone", type="help", title="又停水",
                                  text="修了一次又停水了", division=county.village_a,
                                  town=county.town_a, received_at=at(10, 20),
                                  recurrence_of=earlier)
    assert again.recurrence_of_id == earlier.pk
    b = bulletin_compile(actor=county.supervisor, period=Period.month(2026, 10), at=AS_OF)
    assert b.figures["recurrences"] == [{"unit": county.water.name, "count": 1}]
    doc = Document(io.BytesIO(bulletin_docx(b)))
    table = [t for t in doc.tables if t.rows[0].cells[0].text == "承办单位"
             and t.rows[0].cells[1].text == "件数"][-1]
    assert [c.text for c in table.rows[1].cells] == [county.water.name, "1"]
