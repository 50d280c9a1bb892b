"""Documents filled from a case (S2 §4.10): the approval replies after GB/T 9704 (批复 of the
admission, of the conversion, of the extension of probation and of the cancellation, .docx and
PDF) and the per-person full record (发展党员全程纪实表, a 登记表 .docx and PDF). The number of a reply is left for the committee's office to fill in
(a download never takes a number from the series)."""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.documents.forms import FormDocument
from grassroots.documents.gbdocx import OfficialDocument, cn_date
from grassroots.documents.render import html_pdf
from grassroots.documents.tables import html_table

from .selectors import record_report
from .services.gates import town_of
from .transitions import Action as A


def _reply_context(case, kind: str) -> dict:
    town = town_of(case)
    name = case.person.name
    if kind == "reply":
        if not case.approved_on:
            raise ApplicationError(_("上级党委审批后才能打印接收预备党员的批复。"))
        last_day = case.admitted_on.replace(year=case.admitted_on.year + 1) - timedelta(days=1)
        title = f"关于同意接收{name}同志为中共预备党员的批复"
        body = [f"你支部《关于接收{name}同志为中共预备党员的请示》收悉。经{cn_date(case.approved_on)}"
                f"党委会议研究，同意接收{name}同志为中共预备党员，预备期一年，"
                f"自{cn_date(case.admitted_on)}至{cn_date(last_day)}。",
                "请按照有关规定，及时将其编入党支部和党小组，组织入党宣誓，加强教育、管理和考察。"]
        day = case.approved_on
    elif kind == "extension":
        record = _decision_record(case, A.EXTEND)
        if record is None:
            raise ApplicationError(_("上级党委批准延长预备期后才能打印延长预备期的批复。"))
        months = case.extension_months
        title = f"关于延长{name}同志预备期的批复"
        body = [f"你支部《关于延长{name}同志预备期的请示》收悉。经{cn_date(record.done_on)}"
                f"党委会议研究，同意延长{name}同志的预备期{months}个月，"
                f"预备期延长至{cn_date(case.probation_end_on - timedelta(days=1))}。",
                "延长预备期只能一次。请加强对该同志的教育、管理和考察，"
                "预备期满时及时讨论其能否转为正式党员。"]
        day = record.done_on
    elif kind == "cancellation":
        record = _decision_record(case, A.CANCEL)
        if record is None:
            raise ApplicationError(_("上级党委批准取消预备党员资格后才能打印取消资格的批复。"))
        title = f"关于取消{name}同志预备党员资格的批复"
        body = [f"你支部《关于取消{name}同志预备党员资格的请示》收悉。经{cn_date(record.done_on)}"
                f"党委会议研究，同意取消{name}同志的预备党员资格。",
                "请将本批复通知本人，并做好思想工作。"]
        day = record.done_on
    else:
        if not case.conversion_approved_on:
            raise ApplicationError(_("上级党委审批转正后才能打印转正的批复。"))
        title = f"关于同意{name}同志按期转为中共正式党员的批复"
        body = [f"你支部《关于{name}同志转为中共正式党员的请示》收悉。经"
                f"{cn_date(case.conversion_approved_on)}党委会议研究，同意{name}同志按期转为中共"
                f"正式党员，党龄自{cn_date(case.converted_on)}算起。"]
        day = case.conversion_approved_on
    return {"office": town.name, "title": title, "addressee": f"{case.organisation.name}：",
            "body": body, "date": cn_date(day), "number": f"〔{day.year}〕　号"}


def _decision_record(case, action: str):
    """The upper committee's approval of an extension or a cancellation: its step record (the
    case keeps only the outcome, the date is the record's)."""
    return case.records.filter(action=action).order_by("-done_on", "-id").first()


def decision_replies(case) -> list[tuple[str, str]]:
    """(slug, name) of the extension and cancellation replies the case has grounds for."""
    done = set(case.records.filter(action__in=(A.EXTEND, A.CANCEL))
               .values_list("action", flat=True))
    return [(slug, DOCUMENTS[slug][0]) for action, slug in (
        (A.EXTEND, "extension-reply"), (A.CANCEL, "cancellation-reply")) if action in done]


def reply_docx(case, kind: str = "reply") -> bytes:
    ctx = _reply_context(case, kind)
    doc = OfficialDocument(office_mark=ctx["office"], number=ctx["number"])
    doc.title(ctx["title"])
    doc.addressee(ctx["addressee"])
    for text in ctx["body"]:
        doc.para(text)
    doc.signature(ctx["office"], ctx["date"])
    return doc.to_bytes()


def reply_pdf(case, kind: str = "reply") -> bytes:
    return html_pdf("partymembers/development/doc/reply.html", _reply_context(case, kind))


def _facts(case) -> list[tuple[str, str]]:
    def d(value):
        return f"{value:%Y-%m-%d}" if value else ""

    return [("姓名", case.person.name), ("性别", case.gender), ("出生日期", d(case.birth_date)),
            ("民族", case.ethnicity), ("学历", case.education),
            ("所在党支部", case.organisation.name), ("申请入党", d(case.applied_on)),
            ("确定积极分子", d(case.activist_on)), ("确定发展对象", d(case.candidate_on)),
            ("支部大会接收", d(case.admitted_on)), ("上级党委审批", d(case.approved_on)),
            ("转正日期", d(case.converted_on))]


def record_docx(case) -> bytes:
    report = record_report(case)
    form = FormDocument("发展党员全程纪实表", columns=3, above=(case.organisation.name, ""))
    facts = _facts(case)
    for i in range(0, len(facts), 3):
        form.row(*facts[i:i + 3])
    lines = [f"{row[0]:%Y-%m-%d}　{row[1]}　{row[2]}　{row[3]}" for row in report.rows]
    form.block("办理记录", "\n".join(lines), lines=max(len(lines), 4))
    form.note("注：由发展党员工作记录自动生成，规则校验结果见系统全程纪实页面。")
    return form.to_bytes()


def record_pdf(case) -> bytes:
    report = record_report(case)
    rows = [[f"{r[0]:%Y-%m-%d}", r[1], r[2], r[3], r[4]] for r in report.rows]
    return html_pdf("partymembers/development/doc/record.html", {
        "case": case, "facts": _facts(case),
        "table": html_table(report.headers, rows, text_columns={"说明", "规则校验"})})


DOCUMENTS = {  # slug → (name, docx, pdf)
    "reply": ("接收预备党员的批复", lambda c: reply_docx(c, "reply"), lambda c: reply_pdf(c, "reply")),
    "conversion-reply": ("转正的批复", lambda c: reply_docx(c, "conversion"),
                         lambda c: reply_pdf(c, "conversion")),
    "extension-reply": ("延长预备期的批复", lambda c: reply_docx(c, "extension"),
                        lambda c: reply_pdf(c, "extension")),
    "cancellation-reply": ("取消预备党员资格的批复", lambda c: reply_docx(c, "cancellation"),
                           lambda c: reply_pdf(c, "cancellation")),
    "record": ("发展党员全程纪实表", record_docx, record_pdf),
}


def _stage(slug):
    from .stage_documents import STAGE_DOCUMENTS, form_docx, form_pdf

    builder = STAGE_DOCUMENTS[slug][1]
    return (STAGE_DOCUMENTS[slug][0], lambda c: form_docx(builder(c)),
            lambda c: form_pdf(builder(c)))


def _register_stage_documents() -> None:
    from .stage_documents import STAGE_DOCUMENTS

    for slug in STAGE_DOCUMENTS:
        DOCUMENTS[slug] = _stage(slug)


_register_stage_documents()
