"""Registration forms (登记表, 审批表, 考察表): a title over one bordered table of labelled fields.

The page is the same A4 with GB/T 9704 margins as ``OfficialDocument``; the title is 小标宋
2号, labels 黑体 and values 仿宋, both 小四 (12 pt). A form is a grid of ``columns`` label/value
pairs per row; the last value of a row spans what is left of it, and a ``block`` is a tall
field over the whole width for written text (工作写实, 个人小结, 审批意见)::

    form = FormDocument("公务员平时考核登记表", columns=3,
                        above=("单位：县民政局", "2026年第二季度"))
    form.row(("姓名", "张三"), ("性别", "男"), ("出生年月", "1988.05"))
    form.row(("职务职级", "一级科员"), ("所在科室", "办公室"))
    form.block("工作写实", text, lines=8)
    form.block("领导评鉴", "", lines=4, sign="签名：　　　　　　年　　月　　日")
    form.note("注：本表一式两份。")
    data = form.to_bytes()
"""

from __future__ import annotations

import io

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT as VALIGN
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Pt

from grassroots.core.text import xml_safe

from .gbdocx import FS, HT, TITLE_PT, XBS, cell_text, new_document, set_font

FORM_PT = 12  # 小四
ROW_PT = 28  # the least height of a field row


class FormDocument:
    def __init__(self, title: str, *, columns: int = 3, above: tuple[str, str] = ("", "")):
        if columns < 1:
            raise ValueError("columns must be at least 1")
        self.columns = columns
        self.doc = new_document(page_numbers=False)
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(12)
        set_font(p.add_run(xml_safe(title)), XBS, TITLE_PT, bold=True)
        left, right = above
        if left or right:  # 填报单位 on the left, the period or date on the right
            p = self.doc.add_paragraph()
            set_font(p.add_run(xml_safe(left)), FS, FORM_PT)
            if right:
                section = self.doc.sections[0]
                p.paragraph_format.tab_stops.add_tab_stop(
                    section.page_width - section.left_margin - section.right_margin,
                    alignment=WD_TAB_ALIGNMENT.RIGHT)
                set_font(p.add_run("\t" + xml_safe(right)), FS, FORM_PT)
        self.table = self.doc.add_table(rows=0, cols=columns * 2)
        self.table.style = "Table Grid"
        self.table.alignment = WD_TABLE_ALIGNMENT.CENTER

    def _new_row(self, height_pt: float):
        row = self.table.add_row()
        row.height = Pt(height_pt)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        return row

    def row(self, *fields: tuple[str, object]):
        """One row of (label, value) fields, at most ``columns`` of them."""
        if not 1 <= len(fields) <= self.columns:
            raise ValueError(f"a row holds 1 to {self.columns} fields")
        cells = self._new_row(ROW_PT).cells
        for i, (label, value) in enumerate(fields):
            cell_text(cells[2 * i], label, HT, FORM_PT, align="center")
            value_cell = cells[2 * i + 1]
            if i == len(fields) - 1 and 2 * i + 1 < len(cells) - 1:
                value_cell = value_cell.merge(cells[-1])
            cell_text(value_cell, value, FS, FORM_PT)
        for cell in cells:
            cell.vertical_alignment = VALIGN.CENTER

    def block(self, label: str, text: str, *, lines: int = 4, sign: str = ""):
        """A tall field over the whole row: the label on the left, ``text`` (paragraph per line)
        and, at its foot, a right-aligned ``sign`` line (签名 and date to fill in by hand)."""
        cells = self._new_row(lines * FORM_PT * 1.8).cells
        cell_text(cells[0], label, HT, FORM_PT, align="center")
        cells[0].vertical_alignment = VALIGN.CENTER
        body = cells[1].merge(cells[-1])
        cell_text(body, "", FS, FORM_PT)
        lines_of_text = xml_safe(text or "").splitlines() or [""]
        first = body.paragraphs[0]
        set_font(first.add_run(lines_of_text[0]), FS, FORM_PT)
        for line in lines_of_text[1:]:
            set_font(body.add_paragraph().add_run(line), FS, FORM_PT)
        for p in body.paragraphs:
            p.paragraph_format.first_line_indent = Pt(FORM_PT * 2)
        if sign:
            p = body.add_paragraph()
            p.paragraph_format.space_before = Pt(FORM_PT)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            set_font(p.add_run(xml_safe(sign)), FS, FORM_PT)

    def note(self, text: str):
        """填表说明 under the table."""
        p = self.doc.add_paragraph()
        set_font(p.add_run(xml_safe(text)), FS, FORM_PT)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()
