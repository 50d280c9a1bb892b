"""Month-end reports as .xlsx (openpyxl) and .docx (python-docx, after GB/T 9704 layout)."""

from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl.styles import Font

from grassroots.core import xlsx
from grassroots.core.text import xml_safe

from . import months

COLUMNS = [("grids", "网格数"), ("grids_covered", "已走访网格"), ("coverage_rate", "覆盖率%"),
           ("visits", "走访次数"), ("collected", "收集诉求"), ("on_spot", "现场解决"),
           ("passed_on", "转交办理"), ("satisfaction_rate", "满意率%")]


def _v(value):
    return "—" if value is None else value


def report_xlsx(report) -> bytes:
    f = report.figures
    wb = xlsx.workbook(write_only=False)
    ws = wb.create_sheet("全县")
    xlsx.append(ws, [f"{months.label(report.month)}民情书记工作月末通报"])
    ws["A1"].font = Font(bold=True, size=14)
    xlsx.append(ws, [label for _, label in COLUMNS])
    xlsx.append(ws, [_v(f["county"][k]) for k, _ in COLUMNS])
    towns = wb.create_sheet("镇街")
    xlsx.append(towns, ["镇街"] + [label for _, label in COLUMNS])
    for r in f["towns"]:
        xlsx.append(towns, [r["town"]] + [_v(r[k]) for k, _ in COLUMNS])
    teams = wb.create_sheet("服务队")
    xlsx.append(teams, ["网格编码", "网格", "镇街", "服务队"] + [label for _, label in COLUMNS[1:]])
    for r in f["teams"]:
        xlsx.append(teams, [r["grid_code"], r["grid"], r["town"], r["team"]]
                    + [_v(r[k]) for k, _ in COLUMNS[1:]])
    return xlsx.to_bytes(wb)


def _font(run, name, size, bold=False):
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.rPr.rFonts.set(qn("w:eastAsia"), name)


def report_docx(report) -> bytes:
    """Title in 小标宋 二号 (22 pt), body in 仿宋_GB2312 三号 (16 pt), A4 with 公文 margins."""
    f = report.figures
    c = f["county"]
    doc = Document()
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.top_margin, sec.bottom_margin = Cm(3.7), Cm(3.5)
    sec.left_margin, sec.right_margin = Cm(2.8), Cm(2.6)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(f"{months.label(report.month)}民情书记工作月末通报"), "方正小标宋简体", 22)

    def para(text):
        q = doc.add_paragraph()
        q.paragraph_format.first_line_indent = Pt(32)
        q.paragraph_format.line_spacing = Pt(28)
        _font(q.add_run(xml_safe(text)), "仿宋_GB2312", 16)

    def rate(value):
        return "—" if value is None else f"{value}%"

    para(f"本月全县{c['grids']}个网格中，{c['grids_covered']}个网格开展了走访，覆盖率"
         f"{rate(c['coverage_rate'])}；共走访{c['visits']}次，收集群众诉求{c['collected']}条，"
         f"其中现场解决{c['on_spot']}条，转交办理{c['passed_on']}条，"
         f"回访满意率{rate(c['satisfaction_rate'])}。")
    h = doc.add_paragraph()
    _font(h.add_run("一、各镇街情况"), "黑体", 16)
    table = doc.add_table(rows=1, cols=len(COLUMNS) + 1)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["镇街"] + [lbl for _, lbl in COLUMNS],
                          strict=True):
        cell.text = text
    for r in f["towns"]:
        cells = table.add_row().cells
        for cell, text in zip(cells, [r["town"]] + [str(_v(r[k])) for k, _ in COLUMNS],
                              strict=True):
            cell.text = xml_safe(text)  # names stored before intake cleaning may hold any char
    unvisited = [t for t in f["teams"] if not t["grids_covered"]]
    h = doc.add_paragraph()
    _font(h.add_run("二、本月未走访网格"), "黑体", 16)
    para("、".join(f"{t['town']}{t['grid']}" for t in unvisited[:200]) or "无。")
    if len(unvisited) > 200:
        para(f"（共{len(unvisited)}个，完整名单见Excel附表。）")
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
