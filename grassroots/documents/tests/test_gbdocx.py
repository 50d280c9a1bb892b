"""The GB/T 9704 builder: page, margins, fonts and the parts of a 公文, read back with python-docx."""

import io
from datetime import date

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from grassroots.documents import OfficialDocument, cn_date
from grassroots.documents.tables import Num


def _open(doc: OfficialDocument):
    return Document(io.BytesIO(doc.to_bytes()))


def _font(run) -> tuple[str, str, float]:
    """(Latin font, East Asian font, size in pt) of a run."""
    fonts = run._element.rPr.find(qn("w:rFonts"))
    return run.font.name, fonts.get(qn("w:eastAsia")), run.font.size.pt


def _find(d, text):
    return next(p for p in d.paragraphs if p.text == text)


@pytest.fixture
def reply():
    doc = OfficialDocument(office_mark="中共金乡县委组织部", number="金组字〔2026〕12号",
                           copy_no="000123")
    doc.title("关于同意成立金乡县食品产业园联合党支部的批复")
    doc.addressee("胡集镇党委：")
    doc.para("你委《关于成立联合党支部的请示》收悉。\n经研究，同意成立。")
    doc.heading("一、组织设置")
    doc.heading("（一）支部委员", level=2)
    doc.heading("1．书记", level=3)
    doc.table(["姓名", "职务", "得票"], [["张三", "书记", Num("12", 12)], ["李四", None, 9]],
              caption="表1 支部委员")
    doc.attachments(["支部委员名单", "党员名册"])
    doc.signature("中共金乡县委组织部", cn_date(date(2026, 6, 5)))
    doc.note("此件公开发布")
    doc.record(cc="县委办公室", printer="中共金乡县委组织部办公室", printed_on="2026年6月5日")
    return _open(doc)


def test_page_is_a4_with_the_standard_margins(reply):
    s = reply.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert (round(s.top_margin.mm), round(s.bottom_margin.mm)) == (37, 35)
    assert (round(s.left_margin.mm), round(s.right_margin.mm)) == (28, 26)
    footer = s.footer.paragraphs[0]
    assert footer.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert footer.text == "—  —"  # "— " PAGE " —", the number a field Word fills in
    assert footer._p.xpath(".//w:instrText")[0].text == "PAGE"
    assert _font(footer.runs[0]) == ("宋体", "宋体", 14)
    normal = reply.styles["Normal"]
    assert normal.font.name == "仿宋_GB2312" and normal.font.size.pt == 16
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_header_block_copy_number_mark_and_doc_number_over_a_red_rule(reply):
    copy, mark, number = reply.paragraphs[:3]
    assert copy.text == "000123" and _font(copy.runs[0]) == ("黑体", "黑体", 16)
    assert mark.text == "中共金乡县委组织部"
    assert _font(mark.runs[0]) == ("方正小标宋简体", "方正小标宋简体", 36)
    assert str(mark.runs[0].font.color.rgb) == "E60012"
    assert mark.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert number.text == "金组字〔2026〕12号" and number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert _font(number.runs[0]) == ("仿宋_GB2312", "仿宋_GB2312", 16)
    ppr = number._p.pPr
    border = ppr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert border.get(qn("w:color")) == "E60012" and border.get(qn("w:val")) == "single"
    # schema order: the border comes before the spacing and the alignment, or Word may refuse it
    tags = [child.tag for child in ppr]
    assert tags.index(qn("w:pBdr")) < tags.index(qn("w:spacing")) < tags.index(qn("w:jc"))


def test_title_body_and_headings_fonts(reply):
    title = reply.paragraphs[3]
    assert title.text == "关于同意成立金乡县食品产业园联合党支部的批复"
    assert _font(title.runs[0]) == ("方正小标宋简体", "方正小标宋简体", 22)
    assert title.runs[0].font.bold and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    addressee = reply.paragraphs[4]
    assert addressee.text == "胡集镇党委：" and addressee.paragraph_format.first_line_indent is None
    body = reply.paragraphs[5:7]  # one paragraph per line
    assert [p.text for p in body] == ["你委《关于成立联合党支部的请示》收悉。", "经研究，同意成立。"]
    for p in body:
        assert _font(p.runs[0]) == ("仿宋_GB2312", "仿宋_GB2312", 16)
        assert p.paragraph_format.first_line_indent.pt == 32  # two characters
        assert p.paragraph_format.line_spacing.pt == 28
    assert _font(_find(reply, "一、组织设置").runs[0])[1] == "黑体"
    assert _font(_find(reply, "（一）支部委员").runs[0])[1] == "楷体_GB2312"
    assert _font(_find(reply, "1．书记").runs[0])[1] == "仿宋_GB2312"


def test_table_header_in_heiti_cells_in_fangsong(reply):
    assert _find(reply, "表1 支部委员").alignment == WD_ALIGN_PARAGRAPH.CENTER
    (table,) = reply.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["姓名", "职务", "得票"], ["张三", "书记", "12"], ["李四", "", "9"]]
    assert _font(table.rows[0].cells[0].paragraphs[0].runs[0]) == ("黑体", "黑体", 10.5)
    assert _font(table.rows[1].cells[0].paragraphs[0].runs[0]) == ("仿宋_GB2312", "仿宋_GB2312",
                                                                   10.5)
    assert table.style.name == "Table Grid"


def test_attachments_signature_note_and_record(reply):
    texts = [p.text for p in reply.paragraphs]
    first, second = _find(reply, "附件：1．支部委员名单"), _find(reply, "2．党员名册")
    assert first.paragraph_format.first_line_indent.pt == 32
    assert second.paragraph_format.left_indent.pt == 80  # under the first name, after "附件："
    office = texts.index("中共金乡县委组织部", 3)  # the signature, not the header's mark
    assert texts[office + 1] == "2026年6月5日"
    assert texts.index("附件：1．支部委员名单") < office
    for p in reply.paragraphs[office:office + 2]:
        assert p.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert texts[office + 2] == "（此件公开发布）"
    cc = _find(reply, "抄送：县委办公室。")
    assert cc._p.pPr.find(qn("w:pBdr")).find(qn("w:top")).get(qn("w:sz")) == "8"
    printed = _find(reply, "中共金乡县委组织部办公室\t2026年6月5日印发")
    assert _font(printed.runs[0]) == ("仿宋_GB2312", "仿宋_GB2312", 14)
    lines = printed._p.pPr.find(qn("w:pBdr"))
    assert [child.tag for child in lines] == [qn("w:top"), qn("w:bottom")]
    assert texts[-1] == printed.text  # the 版记 ends the document


def test_without_header_block_the_document_starts_with_its_title():
    doc = OfficialDocument()
    doc.title("2026年10月民情书记工作月末通报")
    doc.para("正文")
    d = _open(doc)
    assert [p.text for p in d.paragraphs] == ["2026年10月民情书记工作月末通报", "正文"]
    assert round(d.sections[0].top_margin.mm) == 37


def test_characters_xml_cannot_hold_do_not_break_the_document():
    doc = OfficialDocument(office_mark="督办\x01", number="督〔2026〕1号")
    doc.title("标题\x0b")
    doc.para("正文\ufffe")
    doc.table(["列\x02"], [["值\x03"]])
    doc.attachments(["附件\x04"])
    d = _open(doc)
    assert "督办" in d.paragraphs[0].text and d.paragraphs[2].text == "标题"
    assert d.tables[0].rows[1].cells[0].text == "值"


def test_cn_date_has_no_leading_zeros():
    assert cn_date(date(2026, 6, 5)) == "2026年6月5日"
    assert cn_date(date(2026, 11, 25)) == "2026年11月25日"
