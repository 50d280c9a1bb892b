"""Month-end reports as .xlsx (``core.xlsx``) and .docx (``grassroots.documents``, GB/T 9704)."""

from openpyxl.styles import Font

from grassroots.core import xlsx
from grassroots.documents.gbdocx import OfficialDocument

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


def report_docx(report) -> bytes:
    """The month-end report after GB/T 9704 (``grassroots.documents``), without a header block:
    title in 小标宋 二号 (22 pt), body in 仿宋_GB2312 三号 (16 pt), A4 with 公文 margins."""
    f = report.figures
    c = f["county"]
    doc = OfficialDocument()
    doc.title(f"{months.label(report.month)}民情书记工作月末通报")

    def rate(value):
        return "—" if value is None else f"{value}%"

    doc.para(f"本月全县{c['grids']}个网格中，{c['grids_covered']}个网格开展了走访，覆盖率"
             f"{rate(c['coverage_rate'])}；共走访{c['visits']}次，收集群众诉求{c['collected']}条，"
             f"其中现场解决{c['on_spot']}条，转交办理{c['passed_on']}条，"
             f"回访满意率{rate(c['satisfaction_rate'])}。")
    doc.heading("一、各镇街情况")
    doc.table(["镇街"] + [label for _, label in COLUMNS],
              [[r["town"]] + [_v(r[k]) for k, _ in COLUMNS] for r in f["towns"]], size=9)
    unvisited = [t for t in f["teams"] if not t["grids_covered"]]
    doc.heading("二、本月未走访网格")
    doc.para("、".join(f"{t['town']}{t['grid']}" for t in unvisited[:200]) or "无。")
    if len(unvisited) > 200:
        doc.para(f"（共{len(unvisited)}个，完整名单见Excel附表。）")
    return doc.to_bytes()
