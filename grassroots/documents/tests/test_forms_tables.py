"""Registration forms (登记表), table cells and layouts, charts and the PDF base."""

import io
import re

import pytest
from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml.ns import qn
from openpyxl import load_workbook

from grassroots.core import xlsx
from grassroots.documents import FormDocument
from grassroots.documents.chart import png_bar_chart, svg_bar_chart, svg_hbar_chart
from grassroots.documents.render import html_pdf
from grassroots.documents.tables import DASH, Num, html_table, pct, signed, xlsx_rows


def _font(run):
    return run.font.name, run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")), \
        run.font.size.pt


@pytest.fixture
def form():
    f = FormDocument("公务员平时考核登记表", columns=3, above=("单位：县民政局", "2026年第二季度"))
    f.row(("姓名", "张三"), ("性别", "男"), ("出生年月", "1988.05"))
    f.row(("职务职级", "一级科员"), ("所在科室", "办公室"))
    f.row(("工作单位", None))
    f.block("工作写实", "完成低保复核120户。\n参加防汛值班。", lines=8)
    f.block("领导评鉴", "", lines=3, sign="签名：　　　　年　　月　　日")
    f.note("注：本表一式两份。")
    return Document(io.BytesIO(f.to_bytes()))


def test_form_page_title_and_line_above_the_table(form):
    s = form.sections[0]
    assert (round(s.page_width.mm), round(s.top_margin.mm), round(s.left_margin.mm)) == (210, 37,
                                                                                       28)
    title, above = form.paragraphs[:2]
    assert title.text == "公务员平时考核登记表"
    assert _font(title.runs[0]) == ("方正小标宋简体", "方正小标宋简体", 22)
    assert above.text == "单位：县民政局\t2026年第二季度"
    assert form.paragraphs[-1].text == "注：本表一式两份。"


def test_form_fields_labels_and_spanning_values(form):
    (table,) = form.tables
    assert len(table.columns) == 6  # three label/value pairs
    first = table.rows[0].cells
    assert [c.text for c in first] == ["姓名", "张三", "性别", "男", "出生年月", "1988.05"]
    assert _font(first[0].paragraphs[0].runs[0]) == ("黑体", "黑体", 12)
    assert _font(first[1].paragraphs[0].runs[0]) == ("仿宋_GB2312", "仿宋_GB2312", 12)
    # the last value of a short row spans the rest of it
    second = table.rows[1].cells
    assert [c.text for c in second] == ["职务职级", "一级科员", "所在科室", "办公室", "办公室",
                                        "办公室"]
    assert second[3]._tc is second[5]._tc
    third = table.rows[2].cells
    assert third[0].text == "工作单位" and third[1]._tc is third[5]._tc and third[1].text == ""


def test_form_blocks_are_tall_with_text_and_a_sign_line(form):
    table = form.tables[0]
    work, review = table.rows[3], table.rows[4]
    assert work.cells[0].text == "工作写实" and work.cells[1]._tc is work.cells[5]._tc
    assert [p.text for p in work.cells[1].paragraphs] == ["完成低保复核120户。", "参加防汛值班。"]
    assert work.height_rule == WD_ROW_HEIGHT_RULE.AT_LEAST and work.height.pt > 100
    assert review.cells[1].paragraphs[-1].text == "签名：　　　　年　　月　　日"
    assert review.height.pt < work.height.pt


def test_form_row_holds_at_most_its_columns():
    f = FormDocument("登记表", columns=2)
    with pytest.raises(ValueError):
        f.row(("甲", 1), ("乙", 2), ("丙", 3))
    with pytest.raises(ValueError):
        f.row()


def test_num_cells_print_text_and_store_numbers():
    assert str(pct({"num": 23, "den": 28, "value": 82.14})) == "82.1%"
    assert pct({"num": 0, "den": 0, "value": None}) == DASH
    assert str(signed(-30)) == "-30" and str(signed(0.0, "个百分点")) == "持平"
    wb = xlsx.workbook(write_only=False)
    ws = wb.create_sheet("表")
    xlsx_rows(ws, [[pct({"num": 1, "den": 2, "value": 50.0}), "=SUM(A1)", 3]])
    row = load_workbook(io.BytesIO(xlsx.to_bytes(wb)))["表"][1]
    assert (row[0].value, row[0].number_format) == (0.5, "0.0%")
    assert row[1].value == "=SUM(A1)" and row[1].data_type == "s"  # text, never a formula
    assert row[2].value == 3


def test_html_table_classes():
    t = html_table(["标题", "单位", "件数"], [["很长的标题", "一个名字很长很长的单位名称", Num("3", 3)]],
                   text_columns={"标题"}, name_columns={"单位"}, name_nowrap_chars=10)
    assert t["headers"] == [("标题", "text left"), ("单位", "fig"), ("件数", "fig")]
    assert [cls for _, cls in t["rows"][0]] == ["text left", "text", "fig"]
    assert not t["wide"] and html_table(list("ABCDEFGH"), [])["wide"]


def test_charts():
    svg = svg_bar_chart(["<镇>", "乙"], [3, None], title="受理")
    assert svg.startswith("<svg") and "&lt;镇&gt;" in svg and ">受理</text>" in svg
    assert svg_hbar_chart(["甲", "乙"], [50.0, None]).count("<rect") == 1
    assert png_bar_chart(["甲"], [1]).startswith(b"\x89PNG")


def test_pdf_base_is_a4_with_page_numbers(tmp_path):
    """A page of ``documents/base.html``: A4 (595 × 842 pt) and "— 1 —" at its foot."""
    import subprocess

    pdf = html_pdf("documents/base.html", {})
    path = tmp_path / "base.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"Page size:\s+595.* x 841.* pts \(A4\)", info), info
    assert re.search(r"Pages:\s+1\n", info)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert text.replace(" ", "").strip() == "—1—"  # pdftotext drops the thin spaces
