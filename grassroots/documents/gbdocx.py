"""Official documents (.docx) laid out after GB/T 9704-2012 (党政机关公文格式).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; the issuing office's mark in red
小标宋 over a red rule; the document number centred under it; the title in 2号 (22 pt) 小标宋;
body text in 3号 (16 pt) 仿宋 with a two-character first-line indent and a 28 pt line; headings
黑体 (first level), 楷体 (second), 仿宋 (third and fourth); page numbers "— N —" in 4号 宋体.
The fonts named are those of a Chinese office machine; where they are missing the viewer
substitutes, and the East Asian font slot is set so Chinese never falls back to Latin.

Usage (every part is optional and appears in the order the methods are called)::

    doc = OfficialDocument(office_mark="中共金乡县委组织部", number="金组字〔2026〕12号")
    doc.title("关于同意成立某某联合党支部的批复")
    doc.addressee("某某镇党委：")
    doc.para("你委《关于成立……的请示》收悉。经研究，批复如下：")
    doc.heading("一、同意成立……")
    doc.table(["姓名", "职务"], [["张三", "书记"]], caption="表1 支部委员")
    doc.attachments(["支部委员名单"])
    doc.signature("中共金乡县委组织部", cn_date(date.today()))
    doc.note("此件公开发布")
    doc.record(cc="县委办公室", printer="中共金乡县委组织部", printed_on=cn_date(date.today()))
    data = doc.to_bytes()

Without ``office_mark`` and ``number`` the document has no header block (版头) and starts with
its title: a report or a notice of the platform's own. Form-like documents (登记表) are
``grassroots.documents.forms.FormDocument``.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from grassroots.core.text import xml_safe

RED = RGBColor(0xE6, 0x00, 0x12)
XBS = "方正小标宋简体"
FS = "仿宋_GB2312"
HT = "黑体"
KT = "楷体_GB2312"
ST = "宋体"

# GB/T 9704-2012 5.2.1 / 5.2.2: A4, the type area 156 mm × 225 mm.
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TITLE_PT = 22  # 2号
BODY_PT = 16  # 3号
PAGE_NUMBER_PT = 14  # 4号
LINE_PT = 28  # 22 lines of 28 chars on a page
MARK_PT = 36


def set_font(run, name: str, size: float, *, bold=False, color=None):
    """The font of one run, the East Asian slot included (python-docx sets only the Latin ones)."""
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), name)


# The children of w:pPr that come after w:pBdr (ECMA-376 CT_PPrBase).
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
               "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
               "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
               "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
               "w:rPr", "w:sectPr", "w:pPrChange")


def rule(paragraph, color="E60012", size=12, *, side="bottom"):
    """A line under (or over) ``paragraph``, as wide as the type area."""
    ppr = paragraph._p.get_or_add_pPr()
    border = ppr.find(qn("w:pBdr"))
    if border is None:
        border = OxmlElement("w:pBdr")
        # the schema orders pPr's children: pBdr goes before shd, tabs, spacing, ind, jc …
        ppr.insert_element_before(border, *_AFTER_PBDR)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), color)
    if side == "top":  # pBdr's children are ordered too: top, left, bottom, right
        border.insert(0, line)
    else:
        border.append(line)


def _page_number_footer(section):
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(p.add_run("— "), ST, PAGE_NUMBER_PT)
    run = p.add_run()
    set_font(run, ST, PAGE_NUMBER_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    set_font(p.add_run(" —"), ST, PAGE_NUMBER_PT)


def new_document(*, page_numbers: bool = True) -> Document:
    """An empty A4 document with the GB/T 9704 margins and 仿宋 3号 as its normal text."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    normal = doc.styles["Normal"]
    normal.font.name = FS
    normal.font.size = Pt(BODY_PT)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FS)
    if page_numbers:
        _page_number_footer(section)
    return doc


def cell_text(cell, text, font: str, size: float, *, bold=False, align=None):
    """Replace the text of a table cell (characters XML cannot hold removed)."""
    cell.text = ""
    p = cell.paragraphs[0]
    for run in p.runs:  # the empty run ``cell.text = ""`` leaves
        p._p.remove(run._r)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(p.add_run("" if text is None else xml_safe(str(text))), font, size, bold=bold)


def _lines(text) -> list[str]:
    # Old rows may hold characters XML cannot: python-docx would refuse the whole document.
    return xml_safe(str(text or "")).splitlines() or [""]


class OfficialDocument:
    """A 公文 (请示, 批复, 通报, notice, report) built part by part; see the module docstring."""

    def __init__(self, *, office_mark: str = "", number: str = "", copy_no: str = ""):
        """``copy_no`` (份号) only for a document printed in numbered copies (a classified one,
        GB/T 9704 7.2.1); ``number`` is the 发文字号 (督办〔2026〕21号) or an issue line."""
        self.doc = new_document()
        if copy_no:  # 份号, top left, 3号 黑体
            p = self.doc.add_paragraph()
            set_font(p.add_run(xml_safe(copy_no)), HT, BODY_PT)
        if office_mark:  # 发文机关标志 in red
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_before = Pt(12)
            set_font(p.add_run(xml_safe(office_mark)), XBS, MARK_PT, bold=True, color=RED)
        if office_mark or number:  # 发文字号, centred, then the red rule under it
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_before = Pt(18)
            set_font(p.add_run(xml_safe(number)), FS, BODY_PT)
            rule(p)

    def title(self, text: str):
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(24)
        p.paragraph_format.space_after = Pt(18)
        set_font(p.add_run(xml_safe(text)), XBS, TITLE_PT, bold=True)

    def addressee(self, text: str):
        """主送机关: flush left, ending with a full-width colon."""
        p = self.doc.add_paragraph()
        set_font(p.add_run(xml_safe(text)), FS, BODY_PT)

    def heading(self, text: str, level: int = 1):
        """Structure headings: 一、 (黑体), （一） (楷体), 1. and (1) (仿宋)."""
        font = {1: HT, 2: KT}.get(level, FS)
        p = self.doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
        set_font(p.add_run(xml_safe(text)), font, BODY_PT, bold=level == 2)

    def para(self, text: str, *, indent=True, align=None, size=BODY_PT):
        """Body text; each line of ``text`` is a paragraph indented by two characters."""
        for line in _lines(text):
            p = self.doc.add_paragraph()
            if indent:
                p.paragraph_format.first_line_indent = Pt(size * 2)
            p.paragraph_format.line_spacing = Pt(LINE_PT)
            if align == "right":
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif align == "center":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_font(p.add_run(line), FS, size)

    def annex(self, title: str, *, number: int | None = None):
        """An attachment's own page (GB/T 9704 8.1): "附件" (and its number) in 黑体 at the
        top left, the attachment's title centred below it."""
        from docx.enum.text import WD_BREAK

        p = self.doc.add_paragraph()
        p.add_run().add_break(WD_BREAK.PAGE)
        set_font(p.add_run("附件" + (str(number) if number else "")), HT, BODY_PT)
        t = self.doc.add_paragraph()
        t.alignment = WD_ALIGN_PARAGRAPH.CENTER
        t.paragraph_format.space_before = Pt(LINE_PT)
        t.paragraph_format.space_after = Pt(LINE_PT / 2)
        set_font(t.add_run(xml_safe(title)), XBS, TITLE_PT, bold=True)

    def table(self, headers: list[str], rows: list[list], *, size: float = 10.5,
              caption: str = "", widths_mm: list[float] | None = None):
        """A bordered table: the header row in 黑体, cells in 仿宋; ``None`` prints as empty.
        Cells are printed with ``str()``, so ``tables.Num`` figures show their text.
        ``widths_mm``: the columns' widths (the type area is 156 mm wide)."""
        if caption:
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_font(p.add_run(xml_safe(caption)), HT, 14)
        t = self.doc.add_table(rows=1, cols=len(headers))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(t.rows[0].cells, headers, strict=True):
            cell_text(cell, text, HT, size)
        for row in rows:
            for cell, value in zip(t.add_row().cells, row, strict=True):
                cell_text(cell, value, FS, size)
        if widths_mm:
            t.autofit = False
            for column, width in zip(t.columns, widths_mm, strict=True):
                column.width = Mm(width)  # the grid LibreOffice reads; Word reads the cells
                for cell in column.cells:
                    cell.width = Mm(width)
        self.doc.add_paragraph()
        return t

    def picture(self, png: bytes, width_mm: float = 150):
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run().add_picture(io.BytesIO(png), width=Mm(width_mm))

    def attachments(self, names: list[str]):
        """附件说明 (GB/T 9704 7.3.4): "附件：1．名称", further names aligned under the first."""
        if not names:
            return
        several = len(names) > 1
        for i, name in enumerate(names, start=1):
            p = self.doc.add_paragraph()
            p.paragraph_format.line_spacing = Pt(LINE_PT)
            if i == 1:
                p.paragraph_format.space_before = Pt(LINE_PT)
                p.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
            else:  # under the first name: two characters of indent plus "附件："
                p.paragraph_format.left_indent = Pt(BODY_PT * 5)
            head = "附件：" if i == 1 else ""
            number = f"{i}．" if several else ""
            set_font(p.add_run(f"{head}{number}{xml_safe(name)}"), FS, BODY_PT)

    def signature(self, office: str, date_text: str, *, keep_lines: int = 2):
        """发文机关署名 and 成文日期 (e.g. ``cn_date(d)``), right-aligned under the body, on
        the page of the body's last ``keep_lines`` paragraphs (never alone on a page)."""
        for p in self.doc.paragraphs[-keep_lines:] if keep_lines else []:
            p.paragraph_format.keep_with_next = True
        gap = self.doc.add_paragraph()
        gap.paragraph_format.keep_with_next = True
        self.para(office, indent=False, align="right")
        self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        self.para(date_text, indent=False, align="right")

    def note(self, text: str):
        """附注 under the date, e.g. "此件公开发布", in parentheses, indented two characters."""
        self.para(f"（{text}）")

    def record(self, *, cc: str = "", printer: str = "", printed_on: str = ""):
        """版记 at the end: 抄送, then 印发机关 and 印发日期, between rules (thick first and last,
        thin between), in 4号 仿宋."""
        self.doc.add_paragraph()
        if cc:
            p = self.doc.add_paragraph()
            p.paragraph_format.left_indent = Pt(14)
            set_font(p.add_run(f"抄送：{xml_safe(cc)}。"), FS, 14)
            rule(p, color="000000", size=8, side="top")
        p = self.doc.add_paragraph()
        p.paragraph_format.left_indent = Pt(14)
        width = Mm(PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"] - 4)
        p.paragraph_format.tab_stops.add_tab_stop(width, alignment=WD_TAB_ALIGNMENT.RIGHT)
        set_font(p.add_run(xml_safe(printer)), FS, 14)
        if printed_on:
            set_font(p.add_run(f"\t{xml_safe(printed_on)}印发"), FS, 14)
        rule(p, color="000000", size=4 if cc else 8, side="top")
        rule(p, color="000000", size=8, side="bottom")

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def cn_date(d) -> str:
    """成文日期 with Arabic numerals and no leading zeros (GB/T 9704 7.3.5.1): 2026年6月5日."""
    return f"{d.year}年{d.month}月{d.day}日"


def cn_span(start, end, *, days: bool = True) -> str:
    """A span in prose: "2026年3月1日至5月31日", "2025年12月1日至2026年2月28日"; with
    ``days=False`` months only, the year written again when it changes: "2025年12月—2026年3月",
    "2026年1月—3月"."""
    if not days:
        head = f"{start.year}年{start.month}月"
        if (start.year, start.month) == (end.year, end.month):
            return head
        tail = f"{end.month}月" if end.year == start.year else f"{end.year}年{end.month}月"
        return f"{head}—{tail}"
    tail = f"{end.month}月{end.day}日" if end.year == start.year else cn_date(end)
    return f"{cn_date(start)}至{tail}"
