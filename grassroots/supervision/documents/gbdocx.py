"""A small builder for official documents laid out after GB/T 9704-2012 (党政机关公文格式).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; the issuing office's mark in red
小标宋 over a red rule; the document number centred under it; the title in 2号 (22 pt) 小标宋;
body text in 3号 (16 pt) 仿宋 with a two-character first-line indent; page numbers "— N —" in
4号 宋体. The fonts named are those of a Chinese office machine; where they are missing the
viewer substitutes, and the East Asian font slot is set so Chinese never falls back to Latin.
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
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


def _font(run, name: str, size: float, *, bold=False, color=None):
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


def _rule(paragraph, color="E60012", size=12):
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(size))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), color)
    border.append(bottom)
    ppr.append(border)


def _page_number_footer(section):
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("— "), ST, 14)
    run = p.add_run()
    _font(run, ST, 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    _font(p.add_run(" —"), ST, 14)


class OfficialDocument:
    def __init__(self, *, office_mark: str, number: str, copy_no: str = "000001",
                 landscape_tables: bool = False):
        self.doc = Document()
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        normal = self.doc.styles["Normal"]
        normal.font.name = FS
        normal.font.size = Pt(16)
        normal.element.get_or_add_rPr()
        _page_number_footer(section)
        # 份号 (copy number), top left, 3号 黑体
        p = self.doc.add_paragraph()
        _font(p.add_run(copy_no), HT, 16)
        # 发文机关标志 in red
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(12)
        _font(p.add_run(xml_safe(office_mark)), XBS, 36, bold=True, color=RED)
        # 发文字号, centred, then the red rule under it
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(18)
        _font(p.add_run(xml_safe(number)), FS, 16)
        _rule(p)

    def title(self, text: str):
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(24)
        p.paragraph_format.space_after = Pt(18)
        _font(p.add_run(xml_safe(text)), XBS, 22, bold=True)

    def addressee(self, text: str):
        p = self.doc.add_paragraph()
        _font(p.add_run(xml_safe(text)), FS, 16)

    def heading(self, text: str, level: int = 1):
        p = self.doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)
        _font(p.add_run(xml_safe(text)), HT if level == 1 else KT, 16, bold=level == 2)

    def para(self, text: str, *, indent=True, align=None, size=16):
        # Old rows may hold characters XML cannot: python-docx would refuse the whole document.
        for line in xml_safe(text or "").splitlines() or [""]:
            p = self.doc.add_paragraph()
            if indent:
                p.paragraph_format.first_line_indent = Pt(size * 2)
            p.paragraph_format.line_spacing = Pt(28)
            if align == "right":
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _font(p.add_run(line), FS, size)

    def table(self, headers: list[str], rows: list[list], *, size: float = 10.5,
              caption: str = ""):
        if caption:
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(p.add_run(xml_safe(caption)), HT, 14)
        t = self.doc.add_table(rows=1, cols=len(headers))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(t.rows[0].cells, headers, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(xml_safe(str(text))), HT, size)
        for row in rows:
            cells = t.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = ""
                _font(cell.paragraphs[0].add_run("" if value is None else xml_safe(str(value))),
                      FS, size)
        self.doc.add_paragraph()
        return t

    def picture(self, png: bytes, width_mm: float = 150):
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run().add_picture(io.BytesIO(png), width=Mm(width_mm))

    def signature(self, office: str, date_text: str):
        self.doc.add_paragraph()
        self.para(office, indent=False, align="right")
        self.para(date_text, indent=False, align="right")

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()
