"""Documents filled from a disposal case (S2 §4.10): the initial finding (初步认定表), the
investigation report (调查核实报告), the talk record, the approval form (处置不合格党员审批表, a
登记表), the vote record (表决情况记录), the decision (处置决定, GB/T 9704 style), the correction
notice (限期改正通知书), the bulletin (处置情况通报, inside the party only) and the 8th branch's
education ledger (.xlsx). Archive documents: never in a public
export. The number of a decision is left for the committee's office to fill in."""

from __future__ import annotations

from django.utils.translation import gettext as _

from grassroots.core import xlsx
from grassroots.core.errors import ApplicationError
from grassroots.documents.forms import FormDocument
from grassroots.documents.gbdocx import OfficialDocument, cn_date

from .models import Measure, State
from .services.steps import APPEAL_RIGHTS


def _d(value) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def _criteria(case) -> str:
    return "\n".join(f"{c.criterion.code} {c.criterion.text}：{c.evidence}"
                     f"（{_d(c.facts_from)}至{_d(c.facts_to)}）"
                     for c in case.criteria.select_related("criterion"))


def approval_form_docx(case) -> bytes:
    """处置不合格党员审批表 [S16]: the facts, each step's opinion and date."""
    if not case.town_reviewed_on:
        raise ApplicationError(_("镇（街道）党（工）委预审后才能打印审批表。"))
    member, person = case.member, case.member.person
    form = FormDocument("处置不合格党员审批表", columns=3,
                        above=(case.organisation.name, _d(case.approved_on)))
    form.row(("姓名", person.name), ("性别", getattr(person, "gender", "") or ""),
             ("入党时间", _d(member.joined_on)))
    form.row(("所在党支部", case.organisation.name), ("线索来源", case.get_source_display()),
             ("拟处置方式", case.get_proposed_measure_display()))
    form.block("认定依据及事实", _criteria(case), lines=4)
    form.block("调查核实情况", case.investigation_report, lines=3)
    form.block("支部委员会意见", f"{case.identification_note}（{_d(case.identified_on)}）", lines=2)
    vote = case.vote
    tally = (f"应到{vote.should_attend_voting}人，实到{vote.present_voting}人，赞成{vote.yes}票，"
             f"反对{vote.no}票，弃权{vote.abstain}票（{_d(case.voted_on)}）") if vote else ""
    form.block("支部党员大会表决情况", tally, lines=2)
    form.block("镇（街道）党（工）委预审意见", f"{case.town_opinion}（{_d(case.town_reviewed_on)}）",
               lines=2)
    if case.proposed_measure in (Measure.PERSUADE, Measure.REMOVE, Measure.REMOVE_LAPSED):
        form.block("县委组织部预审意见",
                   f"{case.county_opinion}（{_d(case.county_reviewed_on)}）", lines=2)
    form.block("党（工）委审批意见", f"{case.approval_opinion}（{_d(case.approved_on)}）"
               if case.approved_on else "", lines=2)
    form.note("注：本表为档案材料，不得公开。")
    return form.to_bytes()


def _town_name(case) -> str:
    return case.town.name if case.town else case.organisation.name


def decision_docx(case) -> bytes:
    """关于对某某同志作出处置的决定 (GB/T 9704 style)."""
    if not case.approved_on:
        raise ApplicationError(_("党（工）委审批后才能打印处置决定。"))
    name, office = case.member.person.name, _town_name(case)
    measure = case.get_decided_measure_display()
    doc = OfficialDocument(office_mark=office, number=f"〔{case.approved_on.year}〕　号")
    doc.title(f"关于对{name}同志作出{measure}处置的决定")
    doc.addressee(f"{case.organisation.name}：")
    doc.para(f"经调查核实，{name}同志存在以下情形：{_criteria(case)}。")
    doc.para(f"经{cn_date(case.voted_on)}支部党员大会讨论表决，{cn_date(case.approved_on)}"
             f"党（工）委集体研究，决定对{name}同志作出{measure}处置。")
    if case.decided_measure == Measure.CORRECTION and case.correction_until:
        doc.para(f"限期改正期限至{cn_date(case.correction_until)}，期间编入第八党支部进行教育转化，"
                 "党员权利不受影响。")
    doc.para(str(APPEAL_RIGHTS))
    doc.signature(office, cn_date(case.approved_on))
    return doc.to_bytes()


def correction_notice_docx(case) -> bytes:
    """限期改正通知书 to the member."""
    if case.decided_measure != Measure.CORRECTION or not case.correction_until:
        raise ApplicationError(_("只有限期改正的处置有限期改正通知书。"))
    name, office = case.member.person.name, _town_name(case)
    doc = OfficialDocument(office_mark=office, number="")
    doc.title("限期改正通知书")
    doc.addressee(f"{name}同志：")
    doc.para(f"经党组织研究决定，对你作出限期改正的处置，期限自{cn_date(case.approved_on)}至"
             f"{cn_date(case.correction_until)}。期间你编入"
             f"{case.eighth_branch.name if case.eighth_branch else '第八党支部'}接受教育转化，"
             "请按时参加组织生活、交纳党费、完成组织分配的任务。")
    doc.para(str(APPEAL_RIGHTS))
    doc.signature(office, cn_date(case.notified_on or case.approved_on))
    return doc.to_bytes()


def talk_record_docx(case) -> bytes:
    talk = case.talks.select_related("talker_1", "talker_2").order_by("-talked_on").first()
    if talk is None:
        raise ApplicationError(_("尚无谈话记录。"))
    form = FormDocument("处置不合格党员谈话记录", columns=3, above=(case.organisation.name, ""))
    form.row(("谈话对象", case.member.person.name), ("谈话日期", _d(talk.talked_on)),
             ("谈话人", f"{talk.talker_1.name}、{talk.talker_2.name}"))
    form.block("本人陈述" if talk.reached else "未能谈话的情况", talk.statement, lines=6)
    return form.to_bytes()


def initial_finding_docx(case) -> bytes:
    """不合格党员初步认定表 (step 1): the facts by criterion and the committee's finding."""
    if not case.identified_on:
        raise ApplicationError(_("支委会初步认定后才能打印初步认定表。"))
    member, person = case.member, case.member.person
    form = FormDocument("不合格党员初步认定表", columns=3,
                        above=(case.organisation.name, _d(case.identified_on)))
    form.row(("姓名", person.name), ("性别", getattr(person, "gender", "") or ""),
             ("入党时间", _d(member.joined_on)))
    form.row(("所在党支部", case.organisation.name), ("线索来源", case.get_source_display()),
             ("发现日期", _d(case.raised_on)))
    form.block("认定依据及事实", _criteria(case), lines=5)
    form.row(("拟处置方式", case.get_proposed_measure_display()))
    form.block("支部委员会初步认定意见", case.identification_note, lines=3,
               sign=f"支部书记（签名）：　　　　　{_d(case.identified_on)}")
    form.note("注：初步认定后，由支委会指定两名正式党员调查核实并与本人谈话。本表为档案材料，不得公开。")
    return form.to_bytes()


def investigation_report_docx(case) -> bytes:
    """关于某某同志有关情况的调查核实报告 (step 2): the facts, the talk, the conclusion."""
    if not case.investigated_on:
        raise ApplicationError(_("调查核实后才能打印调查核实报告。"))
    name = case.member.person.name
    doc = OfficialDocument()  # a report of the branch: no header block
    doc.title(f"关于{name}同志有关情况的调查核实报告")
    doc.addressee(f"{_town_name(case)}：")
    doc.para(f"{cn_date(case.identified_on)}，支部委员会研究，初步认定{name}同志存在以下情形，"
             f"拟作{case.get_proposed_measure_display()}处置：")
    for c in case.criteria.select_related("criterion"):
        doc.para(f"{c.criterion.code} {c.criterion.text}：{c.evidence}"
                 f"（{_d(c.facts_from)}至{_d(c.facts_to)}）。")
    doc.heading("一、谈话情况")
    talks = list(case.talks.select_related("talker_1", "talker_2").order_by("talked_on"))
    for talk in talks:
        seen = "本人陈述" if talk.reached else "未能谈话的情况"
        doc.para(f"{cn_date(talk.talked_on)}，{talk.talker_1.name}、{talk.talker_2.name}两名正式党员"
                 f"与{name}同志谈话。{seen}：{talk.statement}")
    if not talks:
        doc.para("无谈话记录。")
    doc.heading("二、调查核实结论")
    doc.para(case.investigation_report or "")
    doc.signature(case.organisation.name, cn_date(case.investigated_on))
    return doc.to_bytes()


def vote_record_docx(case) -> bytes:
    """支部党员大会讨论表决情况记录 (step 4): the meeting, the member heard, the secret ballot's
    tally against the rule's numbers and the result."""
    vote = case.vote
    if vote is None:
        raise ApplicationError(_("支部党员大会表决后才能打印表决情况记录。"))
    meeting = vote.meeting
    form = FormDocument("处置不合格党员支部党员大会表决情况记录", columns=3,
                        above=(case.organisation.name, _d(case.voted_on)))
    form.row(("被处置党员", case.member.person.name),
             ("拟处置方式", case.get_proposed_measure_display()),
             ("会议日期", _d(meeting.held_at.date())))
    form.row(("应到有表决权", f"{vote.should_attend_voting}人"),
             ("实到有表决权", f"{vote.present_voting}人"),
             ("法定到会人数", f"{vote.quorum_needed}人"))
    form.row(("表决方式", vote.get_ballot_display()), ("通过所需票数", f"{vote.pass_needed}票"),
             ("表决结果", vote.get_result_display()))
    form.row(("赞成", f"{vote.yes}票"), ("反对", f"{vote.no}票"), ("弃权", f"{vote.abstain}票"))
    if vote.written_yes or vote.written_no:
        form.row(("书面同意", f"{vote.written_yes}票"), ("书面不同意", f"{vote.written_no}票"))
    form.block("通知本人参会", f"{_d(case.member_notified_on)}通知本人到会申辩", lines=1)
    form.block("本人申辩情况", case.member_statement, lines=3)
    form.block("表决事项", vote.subject_label, lines=1,
               sign="会议主持人（签名）：　　　　　计票人（签名）：　　　　　")
    form.note("注：处置不合格党员须经支部党员大会无记名投票表决。本表为档案材料，不得公开。")
    return form.to_bytes()


def bulletin_docx(case) -> bytes:
    """处置情况通报: the town committee informs the party organisations under it after the
    member was notified (inside the party: 党内通报, never a public output)."""
    if not case.reported_on:
        raise ApplicationError(_("反馈通报后才能打印处置情况通报。"))
    name, office = case.member.person.name, _town_name(case)
    measure = case.get_decided_measure_display()
    doc = OfficialDocument(office_mark=office, number=f"〔{case.reported_on.year}〕　号")
    doc.title(f"关于对{name}同志作出{measure}处置的通报")
    doc.addressee("各党（总）支部：")
    codes = "、".join(f"{c.criterion.text}" for c in case.criteria.select_related("criterion"))
    doc.para(f"{case.organisation.name}党员{name}同志存在{codes}等情形。经支部委员会初步认定、"
             f"调查核实、上级党组织预审，{cn_date(case.voted_on)}支部党员大会讨论表决，"
             f"{cn_date(case.approved_on)}党（工）委审批，决定对{name}同志作出{measure}处置，"
             f"已于{cn_date(case.notified_on)}通知本人。")
    if case.decided_measure == Measure.CORRECTION and case.correction_until:
        doc.para(f"{name}同志编入第八党支部接受教育转化，限期改正至{cn_date(case.correction_until)}。")
    doc.para("各党组织要以此为鉴，加强党员日常教育管理，严肃党的组织生活。")
    doc.signature(office, cn_date(case.reported_on))
    doc.note("此件党内通报，不公开")
    return doc.to_bytes()


LEDGER_HEADERS = ["姓名", "所在党支部", "处置依据", "编入日期", "限期改正截止", "教育记录（次）",
                  "转化评估（次）", "状态"]


def ledger_xlsx(eighth, rows) -> bytes:
    """第八支部教育转化台账: the members assigned, their period, records, reviews and state."""
    wb = xlsx.workbook()
    ws = wb.create_sheet("教育转化台账")
    xlsx.append(ws, [f"{eighth.name}教育转化台账"])
    xlsx.append(ws, LEDGER_HEADERS)
    for case in rows:
        codes = "、".join(c.criterion.code for c in case.criteria.select_related("criterion"))
        xlsx.append(ws, [case.member.person.name, case.organisation.name, codes,
                         _d(case.education_started_on), _d(case.correction_until),
                         case.records, case.review_count, str(State(case.state).label)])
    return xlsx.to_bytes(wb)


# slug → (name, docx, ready: whether the case has reached the step the document records), in
# the order of the steps.
DOCUMENTS = {
    "initial-finding": ("不合格党员初步认定表", initial_finding_docx, lambda c: bool(c.identified_on)),
    "investigation": ("调查核实报告", investigation_report_docx, lambda c: bool(c.investigated_on)),
    "talk": ("谈话记录", talk_record_docx, lambda c: c.talks.exists()),
    "approval-form": ("处置不合格党员审批表", approval_form_docx,
                      lambda c: bool(c.town_reviewed_on)),
    "vote-record": ("表决情况记录", vote_record_docx, lambda c: c.vote_id is not None),
    "decision": ("处置决定", decision_docx, lambda c: bool(c.approved_on)),
    "correction-notice": ("限期改正通知书", correction_notice_docx,
                          lambda c: c.decided_measure == Measure.CORRECTION
                          and bool(c.correction_until)),
    "bulletin": ("处置情况通报", bulletin_docx, lambda c: bool(c.reported_on)),
}


def documents_ready(case) -> list[tuple[str, str]]:
    """(slug, name) of the documents the case can print now."""
    return [(slug, name) for slug, (name, _build, ready) in DOCUMENTS.items() if ready(case)]
