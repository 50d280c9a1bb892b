"""Render bulletins, notices and special reports to .docx, .xlsx and PDF.

What goes into each document is decided here; the layout is ``grassroots.documents``. GB/T 9704:
no 份号 (copy number: only for documents printed in numbered copies); the signature block stays
with the body's last lines; dates in prose are Chinese (2026年3月5日).
"""

import re

from django.utils import timezone

from grassroots.core import xlsx
from grassroots.documents import tables as doc_tables
from grassroots.documents.chart import png_bar_chart, svg_bar_chart, svg_hbar_chart
from grassroots.documents.gbdocx import OfficialDocument, cn_date
from grassroots.documents.render import html_pdf

from ..services.common import office_name, supervision_office_name
from . import tables


def html_table(headers, rows) -> dict:
    """A table for the PDF templates (``documents/_table.html``): titles wrap, unit and town
    names stay on one line unless unusually long, figures never wrap."""
    return doc_tables.html_table(headers, rows, text_columns=tables.TITLE_COLUMNS,
                                 name_columns=tables.NAME_COLUMNS,
                                 name_nowrap_chars=tables.NAME_NOWRAP_CHARS)


# --- Bulletin ---------------------------------------------------------------------------------

def _bulletin_date(b):
    return timezone.localtime(b.published_at or b.compiled_at).date()


def bulletin_docx(b) -> bytes:
    fig = b.figures
    doc = OfficialDocument(office_mark="民生诉求办理情况通报", number=b.number)
    doc.title(b.title)
    doc.addressee("各镇（街道）、县直有关部门：")
    doc.para(b.intro)
    sections = tables.bulletin_sections(fig)
    headings = {0: "一、总体情况", 1: "二、承办单位排名", 2: "三、红榜与超期名单",
                4: "四、超期事项", 5: "五、热点问题", 6: "六、各镇街情况", 7: "七、督办情况"}
    for i, (caption, headers, rows) in enumerate(sections):
        if i in headings:
            doc.heading(headings[i])
        if rows:
            doc.table(headers, rows, caption=caption, size=9 if len(headers) > 6 else 10.5)
        else:
            doc.para(f"{caption}：无。")
    doc.heading("八、有关要求")
    doc.para(b.remarks)
    doc.signature(office_name(), cn_date(_bulletin_date(b)))
    doc.heading("附：统计口径", level=2)
    for name, text in fig.get("definitions", {}).values():
        doc.para(f"{name}：{text}", size=14)
    return doc.to_bytes()


def bulletin_xlsx(b) -> bytes:
    from openpyxl.styles import Alignment, Font

    wb = xlsx.workbook(write_only=False)
    for caption, headers, rows in tables.bulletin_sections(b.figures):
        name = caption.split(" ", 1)[-1][:28]
        ws = wb.create_sheet(name)
        xlsx.append(ws, [f"{b.title}（{b.number}）"])
        xlsx.append(ws, [caption])
        xlsx.append(ws, headers)
        for cell in ws[3]:
            cell.font = Font(bold=True)
        doc_tables.xlsx_rows(ws, rows)
        ws.column_dimensions["A"].width = 16
        ws.column_dimensions["B"].width = 30
        for col in "CDEFGHIJ":
            ws.column_dimensions[col].width = 12
        ws["A1"].alignment = Alignment(wrap_text=False)
    ws = wb.create_sheet("统计口径")
    xlsx.append(ws, ["指标", "定义"])
    for name, text in b.figures.get("definitions", {}).values():
        xlsx.append(ws, [name, text])
    return xlsx.to_bytes(wb)


CHART_MAX_UNITS = 30  # beyond this the response-rate chart shows the lowest rates only


def response_chart_units(units: list[dict]) -> tuple[list[dict], str]:
    """The units of the bulletin's response-rate chart and its title: every ranked unit in the
    order of Table 2; with more than ``CHART_MAX_UNITS`` the lowest rates (the ones supervision
    follows up), lowest first, and the title says so."""
    ranked = [r for r in units if r["rank"] is not None]
    title = "各单位响应率（%）"
    if len(ranked) <= CHART_MAX_UNITS:
        return ranked, title
    lowest = sorted(ranked, key=lambda r: (r["rates"]["response"]["value"] is None,
                                           r["rates"]["response"]["value"] or 0))
    return (lowest[:CHART_MAX_UNITS],
            f"{title}（共{len(ranked)}个单位，列出响应率最低的{CHART_MAX_UNITS}个）")


def bulletin_pdf(b) -> bytes:
    fig = b.figures
    units, title = response_chart_units(fig["units"])
    chart = svg_hbar_chart([r["label"] for r in units],
                           [r["rates"]["response"]["value"] for r in units], title=title)
    sections = [(caption, html_table(headers, rows) if rows else None)
                for caption, headers, rows in tables.bulletin_sections(fig)]
    return html_pdf("supervision/doc/bulletin.html", {
        "b": b, "fig": fig, "sections": sections, "chart": chart,
        "remarks_lines": _lines(b.remarks),
        "office": office_name(), "date": cn_date(_bulletin_date(b)),
        "definitions": fig.get("definitions", {}).values(),
    })


# --- Supervision notice -----------------------------------------------------------------------

NOTICE_DEMAND_HEADERS = ["诉求编号", "诉求标题", "受理日期", "当前状态"]

# The notice adds the addressee line and this closing request itself; a body that already has
# them (written before the form said so) is not printed with them twice.
FEEDBACK_RE = re.compile(r"请(?:于|在).{0,40}?前.{0,60}?反馈")


def _lines(text: str) -> list[str]:
    return [line for line in (text or "").splitlines() if line.strip()] or [""]


def notice_body(n) -> tuple[list[str], str]:
    """(body lines without an addressee line of their own, the closing request): the body's
    own "请于…前…反馈" sentence when it has one (moved to the end), else the notice's."""
    lines = _lines(n.body)
    if lines and lines[0].strip().rstrip("：:") == n.unit.name:
        lines = lines[1:] or [""]
    own = [i for i, line in enumerate(lines) if FEEDBACK_RE.search(line)]
    if own:
        closing = lines.pop(own[-1]).strip()
        return lines or [""], closing
    office = supervision_office_name()
    return lines, f"请于{cn_date(n.respond_by)}前将办理情况书面反馈{office}。"


def _notice_context(n):
    demands = list(n.demands.select_related("category").order_by("received_at"))
    rows = [[d.number, d.title, cn_date(timezone.localtime(d.received_at).date()),
             d.get_status_display()] for d in demands]
    body_lines, closing = notice_body(n)
    return {"n": n, "demands": demands, "rows": rows,
            "number": n.number or "督办〔　　〕　号（草拟）",
            "office": supervision_office_name(),
            "date": cn_date(timezone.localtime(n.issued_at or n.created_at).date()),
            "respond_by": cn_date(n.respond_by), "body_lines": body_lines, "closing": closing,
            "response_lines": _lines(n.response_text)}


def notice_docx(n) -> bytes:
    ctx = _notice_context(n)
    doc = OfficialDocument(office_mark="督 办 通 知 单", number=ctx["number"])
    doc.title(n.title)
    doc.addressee(f"{n.unit.name}：")
    doc.para("\n".join(ctx["body_lines"]))
    doc.table(NOTICE_DEMAND_HEADERS, ctx["rows"], caption="督办事项")
    doc.para(ctx["closing"])
    if n.response_text:
        doc.heading("办理情况反馈")
        doc.para(n.response_text)
    doc.signature(ctx["office"], ctx["date"])
    return doc.to_bytes()


def notice_pdf(n) -> bytes:
    ctx = _notice_context(n)
    ctx["table"] = html_table(NOTICE_DEMAND_HEADERS, ctx["rows"])
    return html_pdf("supervision/doc/notice.html", ctx)


# --- Special report ---------------------------------------------------------------------------

REPORT_DEMAND_HEADERS = ["诉求编号", "标题", "地点", "受理日期", "状态", "办理结果", "满意度"]


def _report_context(r):
    fig = r.figures
    by_month = fig.get("by_month", [])
    units = fig.get("units", [])
    return {
        "r": r, "fig": fig, "office": office_name(),
        "date": cn_date(timezone.localtime(r.created_at).date()),
        "month_labels": [m["month"] for m in by_month],
        "month_values": [m["received"] for m in by_month],
        "unit_rows": tables.ranking_table(units), "unit_headers": tables.RANKING_HEADERS,
        "summary_rows": tables.summary_table(fig), "summary_headers": tables.summary_headers(fig),
        "analysis_lines": _lines(r.analysis or "（待补充）"),
        "demand_rows": [[d["number"], d["title"], d["place"], d["received"], d["status"],
                         d["outcome"], d["satisfaction"]] for d in fig.get("demands", [])],
        "demand_headers": REPORT_DEMAND_HEADERS,
        "definitions": fig.get("definitions", {}).values(),
    }


def report_docx(r) -> bytes:
    ctx = _report_context(r)
    doc = OfficialDocument(office_mark="民 生 专 报", number=r.number)
    doc.title(r.title)
    doc.para(ctx["fig"].get("intro", ""))
    doc.heading("一、总体情况")
    doc.table(ctx["summary_headers"], ctx["summary_rows"], caption="表1 总体情况")
    doc.picture(png_bar_chart(ctx["month_labels"], ctx["month_values"], title="逐月受理量（件）"))
    doc.heading("二、承办单位办理情况")
    if ctx["unit_rows"]:
        doc.table(ctx["unit_headers"], ctx["unit_rows"], caption="表2 承办单位", size=9)
    doc.heading("三、诉求清单及办理结果")
    if ctx["demand_rows"]:
        doc.table(ctx["demand_headers"], ctx["demand_rows"], caption="表3 诉求清单", size=9)
    else:
        doc.para("期间内无相关诉求。")
    doc.heading("四、分析与建议")
    doc.para(r.analysis or "（待补充）")
    doc.signature(office_name(), ctx["date"])
    return doc.to_bytes()


def report_pdf(r) -> bytes:
    ctx = _report_context(r)
    ctx["chart"] = svg_bar_chart(ctx["month_labels"], ctx["month_values"],
                                 title="逐月受理量（件）")
    ctx["summary_table"] = html_table(ctx["summary_headers"], ctx["summary_rows"])
    ctx["unit_table"] = html_table(ctx["unit_headers"], ctx["unit_rows"])
    ctx["demand_table"] = html_table(ctx["demand_headers"], ctx["demand_rows"])
    return html_pdf("supervision/doc/report.html", ctx)


def report_xlsx(r) -> bytes:
    from openpyxl.styles import Font

    ctx = _report_context(r)
    wb = xlsx.workbook(write_only=False)
    for name, headers, rows in (("总体情况", ctx["summary_headers"], ctx["summary_rows"]),
                                ("承办单位", ctx["unit_headers"], ctx["unit_rows"]),
                                ("诉求清单", ctx["demand_headers"], ctx["demand_rows"]),
                                ("逐月受理", ["月份", "受理（件）"],
                                 list(zip(ctx["month_labels"], ctx["month_values"],
                                          strict=True)))):
        ws = wb.create_sheet(name)
        xlsx.append(ws, [f"{r.title}（{r.number}）"])
        xlsx.append(ws, headers)
        for cell in ws[2]:
            cell.font = Font(bold=True)
        doc_tables.xlsx_rows(ws, rows)
    return xlsx.to_bytes(wb)
