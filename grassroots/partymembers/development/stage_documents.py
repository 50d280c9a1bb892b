"""The stage documents of S2 §4.10 beyond the replies and the full record: one function per
document that reads the case and returns its ``FormSpec`` (title, field rows, written blocks);
one renderer makes the .docx (``FormDocument``, GB/T 9704 page) and one the PDF (the same
fields as HTML). Publicity forms carry no ID numbers. A document whose step has not been done
yet is refused with the step it waits for."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.documents.forms import FormDocument
from grassroots.documents.gbdocx import cn_date
from grassroots.documents.render import html_pdf

from .models import DepartmentAnswer, PeriodicKind, Step
from .services.gates import town_of

SIGN = "签名（盖章）：　　　　　　年　　月　　日"


@dataclass
class FormSpec:
    title: str
    above: tuple[str, str] = ("", "")
    rows: list[list[tuple[str, str]]] = field(default_factory=list)
    blocks: list[tuple[str, str, str]] = field(default_factory=list)  # label, text, sign
    note: str = ""


def _d(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def _month(value: date | None) -> str:
    return f"{value:%Y.%m}" if value else ""


def _need(value, step: str) -> None:
    if not value:
        raise ApplicationError(_("“%(step)s”办理后才能打印该文书。") % {"step": step})


def _person_rows(case) -> list[list[tuple[str, str]]]:
    return [[("姓名", case.person.name), ("性别", case.gender),
             ("出生年月", _month(case.birth_date))],
            [("民族", case.ethnicity), ("学历", case.education), ("工作单位及职务", case.job)]]


def _record(case, step):
    return case.records.filter(step=step).select_related("actor").order_by("-pk").first()


def _actor_name(record) -> str:
    person = getattr(getattr(record, "actor", None), "person", None)
    return getattr(person, "name", "") or ""


def _publicity(case, id_field: str):
    from grassroots.publicity.models import Publicity

    pk = getattr(case, id_field)
    return Publicity.objects.filter(pk=pk).first() if pk else None


def talk_record(case) -> FormSpec:
    """谈话记录 [申请人, 谈话人/职务, 时间地点, 内容, 结论] (step 02)."""
    _need(case.talked_on, str(Step.TALKED.label))
    record = _record(case, Step.TALKED)
    return FormSpec("同入党申请人谈话记录", (case.organisation.name, ""), [
        [("申请人", case.person.name), ("申请日期", _d(case.applied_on)),
         ("谈话日期", _d(case.talked_on))],
        [("谈话人", _actor_name(record)), ("谈话期限", _d(case.talk_due_on))]],
        [("谈话内容", record.note if record else "", ""),
         ("谈话结论", "", "谈话人签名：　　　　　　年　　月　　日")])


def activist_register(case) -> FormSpec:
    """入党积极分子登记表 (step 03)."""
    _need(case.activist_on, str(Step.ACTIVIST.label))
    record = _record(case, Step.ACTIVIST)
    rows = _person_rows(case) + [[("所在党支部", case.organisation.name),
                                  ("申请入党日期", _d(case.applied_on)),
                                  ("确定积极分子日期", _d(case.activist_on))]]
    return FormSpec("入党积极分子登记表", (case.organisation.name, ""), rows,
                    [("推荐情况", record.note if record else "", ""),
                     ("党支部意见", "", SIGN)])


def activist_filing(case) -> FormSpec:
    """积极分子备案报告 (step 04)."""
    _need(case.activist_on, str(Step.ACTIVIST.label))
    town = town_of(case)
    text = (f"{town.name}：\n经{cn_date(case.activist_on)}支部委员会研究，确定{case.person.name}"
            f"同志为入党积极分子，现报请备案。")
    return FormSpec("关于确定入党积极分子的备案报告", (case.organisation.name, ""),
                    _person_rows(case) + [[("确定积极分子日期", _d(case.activist_on)),
                                           ("备案日期", _d(case.activist_filed_on))]],
                    [("报告", text, SIGN)])


def examination_register(case) -> FormSpec:
    """培养考察登记表: one line per half-yearly examination (step 06)."""
    _need(case.activist_on, str(Step.ACTIVIST.label))
    lines = [f"{_d(r.done_on)}　{r.summary}" for r in case.periodic_records.filter(
        kind=PeriodicKind.EXAMINATION).order_by("done_on", "pk")]
    contacts = "、".join(case.contacts.order_by("pk").values_list("name", flat=True))
    return FormSpec("入党积极分子培养考察登记表", (case.organisation.name, ""),
                    _person_rows(case) + [[("确定积极分子日期", _d(case.activist_on)),
                                           ("培养联系人", contacts)]],
                    [("培养考察情况", "\n".join(lines), ""), ("党支部意见", "", SIGN)])


def _publicity_spec(case, title: str, result: str, id_field: str) -> FormSpec:
    publicity = _publicity(case, id_field)
    period = (f"{cn_date(publicity.start_on)}至{cn_date(publicity.end_on)}"
              f"（{publicity.min_working_days}个工作日）" if publicity else "")
    contact = " ".join(x for x in (getattr(publicity, "contact_phone", ""),
                                   getattr(publicity, "contact_address", "")) if x)
    rows = _person_rows(case) + [[("申请入党时间", _d(case.applied_on)),
                                  ("确定积极分子时间", _d(case.activist_on)),
                                  ("拟定结果", result)],
                                 [("公示期", period)], [("受理电话、地址", contact)]]
    return FormSpec(title, (case.organisation.name, cn_date(publicity.start_on)
                            if publicity else ""), rows,
                    [("说明", "公示期间，党员和群众可通过来电、来信、来访等方式反映公示对象的问题。",
                      f"{case.organisation.name}")])


def candidate_publicity(case) -> FormSpec:
    """发展对象人选公示 — no ID numbers (P1)."""
    _need(case.candidate_on, str(Step.CANDIDATE.label))
    return _publicity_spec(case, "发展对象人选公示", "拟确定为发展对象", "candidate_publicity_id")


def admission_publicity(case) -> FormSpec:
    """拟接收预备党员公示 (P2)."""
    _need(case.volunteer_book_no, str(Step.VOLUNTEER_BOOK.label))
    return _publicity_spec(case, "拟接收预备党员公示", "拟接收为预备党员", "admission_publicity_id")


def conversion_publicity(case) -> FormSpec:
    """拟转正公示 (P3)."""
    _need(case.conversion_applied_on, str(Step.CONVERSION_APPLIED.label))
    return _publicity_spec(case, "预备党员拟转正公示", "拟按期转为正式党员",
                           "conversion_publicity_id")


def candidate_filing(case) -> FormSpec:
    """发展对象备案报告 (step 08)."""
    _need(case.candidate_on, str(Step.CANDIDATE.label))
    town = town_of(case)
    text = (f"{town.name}：\n{case.person.name}同志于{cn_date(case.activist_on)}被确定为入党积极分子，"
            f"经一年以上培养考察，{cn_date(case.candidate_on)}经支部委员会研究确定为发展对象，"
            "现报请备案。")
    return FormSpec("关于确定发展对象的备案报告", (case.organisation.name, ""),
                    _person_rows(case) + [[("确定发展对象日期", _d(case.candidate_on)),
                                           ("备案日期", _d(case.candidate_filed_on))]],
                    [("报告", text, SIGN)])


def joint_review_form(case) -> FormSpec:
    """县乡联审表 (Sishui's gate before step 08)."""
    review = case.joint_reviews.order_by("-pk").first()
    if review is None:
        raise ApplicationError(_("尚未提请县乡联审。"))
    return FormSpec("发展对象县乡联审表", (case.organisation.name, _d(review.requested_on)),
                    _person_rows(case) + [[("领域", case.get_sector_display()),
                                           ("确定发展对象日期", _d(case.candidate_on)),
                                           ("联审结果", review.get_status_display())]],
                    [("镇（街道）党（工）委意见", f"{review.town_opinion}　{_d(review.town_on)}",
                      SIGN),
                     ("县委组织部意见", f"{review.county_opinion}　{_d(review.county_on)}", SIGN)])


def close_relative_form(case) -> FormSpec:
    """近亲属入党特别报告单."""
    report = getattr(case, "close_relative_report", None)
    if report is None:
        raise ApplicationError(_("该申请人没有近亲属入党特别报告。"))
    return FormSpec("村干部近亲属入党特别报告单", (case.organisation.name, _d(report.reported_on)),
                    _person_rows(case) + [[("村干部", report.official.name),
                                           ("职务", report.official_post),
                                           ("亲属关系", report.relation)],
                                          [("状态", report.get_status_display())]],
                    [("镇（街道）考察情况", f"{report.inspection}　{_d(report.inspected_on)}", SIGN),
                     ("县委组织部意见", f"{report.decision_note}　{_d(report.decided_on)}", SIGN)],
                    "注：该村干部在确定积极分子、指定培养联系人、确定发展对象、确定入党介绍人、"
                    "支部大会表决等环节回避。")


def review_summary(case) -> FormSpec:
    """16 部门联审意见汇总表: the answers of the departments (step 10)."""
    checks = list(case.review_checks.select_related("department__organization")
                  .order_by("department__order", "pk"))
    if not checks:
        raise ApplicationError(_("尚未发出政审函。"))
    answers = dict(DepartmentAnswer.choices)
    lines = [f"{c.department.organization.name}：{answers.get(c.answer, '待回复')}"
             f"{'（' + _d(c.answered_on) + '）' if c.answered_on else ''}" for c in checks]
    return FormSpec("发展对象政治审查部门联审意见汇总表", (case.organisation.name, ""),
                    _person_rows(case) + [[("发函日期", _d(checks[0].sent_on)),
                                           ("部门数", str(len(checks))),
                                           ("政审结论日期", _d(case.review_concluded_on))]],
                    [("各部门意见", "\n".join(lines), ""), ("政审结论", "", SIGN)])


def training_certificate(case) -> FormSpec:
    """集中培训登记表 + 结业证明 (step 11)."""
    _need(case.training_completed_on, str(Step.TRAINED.label))
    text = (f"{case.person.name}同志参加发展对象短期集中培训，培训{case.training_days}天"
            f"（{case.training_hours}学时），经考试合格，准予结业。")
    return FormSpec("发展对象集中培训登记表（结业证明）", (case.organisation.name, ""),
                    _person_rows(case) + [[("培训天数", str(case.training_days)),
                                           ("培训学时", str(case.training_hours)),
                                           ("结业日期", _d(case.training_completed_on))]],
                    [("结业证明", text, SIGN)])


def pre_review_request(case) -> FormSpec:
    """预审请示 / 预审意见 (step 13)."""
    _need(case.committee_reviewed_on, str(Step.COMMITTEE_REVIEWED.label))
    town = town_of(case)
    record = _record(case, Step.PRE_REVIEWED)
    text = (f"{town.name}：\n{case.person.name}同志经{cn_date(case.committee_reviewed_on)}支部委员会"
            "审查，符合发展党员条件，材料齐全，现报请预审。")
    return FormSpec("关于发展对象的预审请示", (case.organisation.name, ""),
                    _person_rows(case) + [[("支委会审查日期", _d(case.committee_reviewed_on)),
                                           ("预审日期", _d(case.pre_review_passed_on))]],
                    [("请示", text, SIGN),
                     ("上级党委预审意见", record.note if record else "", SIGN)])


def approval_request(case) -> FormSpec:
    """审批请示: the branch asks the upper committee to approve the admission (step 17)."""
    _need(case.admitted_on, str(Step.ADMITTED.label))
    town = town_of(case)
    text = (f"{town.name}：\n{cn_date(case.admitted_on)}，支部党员大会讨论通过接收{case.person.name}"
            f"同志为中共预备党员（入党志愿书编号{case.volunteer_book_no}），现报请审批。")
    return FormSpec("关于接收预备党员的请示", (case.organisation.name, ""),
                    _person_rows(case) + [[("支部大会日期", _d(case.admitted_on)),
                                           ("审批期限", _d(case.approval_due_on))]],
                    [("请示", text, SIGN)])


def county_filing(case) -> FormSpec:
    """预备党员备案报告 to the county organisation department (step 18)."""
    _need(case.approved_on, str(Step.APPROVED.label))
    text = (f"中共县委组织部：\n经{cn_date(case.approved_on)}党委会议审批，同意接收{case.person.name}"
            f"同志为中共预备党员，预备期自{cn_date(case.admitted_on)}起，现报请备案。")
    return FormSpec("预备党员备案报告", (town_of(case).name, ""),
                    _person_rows(case) + [[("所在党支部", case.organisation.name),
                                           ("审批日期", _d(case.approved_on)),
                                           ("备案日期", _d(case.county_filed_on))]],
                    [("报告", text, SIGN)])


def oath_record(case) -> FormSpec:
    """入党宣誓记录 (step 20)."""
    _need(case.oath_on, str(Step.SWORN.label))
    record = _record(case, Step.SWORN)
    return FormSpec("入党宣誓记录", (case.organisation.name, _d(case.oath_on)),
                    _person_rows(case) + [[("宣誓日期", _d(case.oath_on)),
                                           ("领誓人", _actor_name(record))]],
                    [("宣誓情况", record.note if record else "", SIGN)])


def probation_register(case) -> FormSpec:
    """预备党员考察登记表 (step 21)."""
    _need(case.admitted_on, str(Step.ADMITTED.label))
    lines = [f"{_d(r.done_on)}　{r.summary}" for r in case.periodic_records.filter(
        kind=PeriodicKind.PROBATION_EXAM).order_by("done_on", "pk")]
    return FormSpec("预备党员教育考察登记表", (case.organisation.name, ""),
                    _person_rows(case) + [[("支部大会接收日期", _d(case.admitted_on)),
                                           ("预备期满日期", _d(case.probation_end_on)),
                                           ("延长预备期（月）", str(case.extension_months or ""))]],
                    [("教育考察情况", "\n".join(lines), ""), ("党支部意见", "", SIGN)])


def archive_list(case) -> FormSpec:
    """档案材料清单 + 档案审核意见 (step 25): the documents of the case by stage."""
    _need(case.conversion_approved_on, str(Step.CONVERTED.label))
    names = [name for _slug, (name, _builder) in STAGE_DOCUMENTS.items()]
    lines = [f"{i}. {name}" for i, name in enumerate(["入党申请书", *names, "入党志愿书",
                                                       "转正申请书"], start=1)]
    return FormSpec("发展党员档案材料清单", (case.organisation.name, ""),
                    _person_rows(case) + [[("转正日期", _d(case.converted_on)),
                                           ("归档日期", _d(case.archived_on))]],
                    [("材料清单", "\n".join(lines), ""), ("档案审核意见", "", SIGN)])


def form_docx(spec: FormSpec) -> bytes:
    form = FormDocument(spec.title, columns=3, above=spec.above)
    for row in spec.rows:
        form.row(*row)
    for label, text, sign in spec.blocks:
        form.block(label, text, lines=max(4, text.count("\n") + 2), sign=sign)
    if spec.note:
        form.note(spec.note)
    return form.to_bytes()


def form_pdf(spec: FormSpec) -> bytes:
    return html_pdf("partymembers/development/doc/form.html", {"spec": spec})


STAGE_DOCUMENTS = {  # slug → (name, builder), in the order of the steps
    "talk": ("谈话记录", talk_record),
    "activist-register": ("入党积极分子登记表", activist_register),
    "activist-filing": ("积极分子备案报告", activist_filing),
    "examination": ("培养考察登记表", examination_register),
    "candidate-publicity": ("发展对象人选公示", candidate_publicity),
    "joint-review": ("县乡联审表", joint_review_form),
    "close-relative": ("近亲属入党特别报告单", close_relative_form),
    "candidate-filing": ("发展对象备案报告", candidate_filing),
    "review-summary": ("16部门联审意见汇总表", review_summary),
    "training": ("集中培训登记表及结业证明", training_certificate),
    "pre-review": ("预审请示及预审意见", pre_review_request),
    "admission-publicity": ("拟接收预备党员公示", admission_publicity),
    "approval-request": ("接收预备党员的请示", approval_request),
    "county-filing": ("预备党员备案报告", county_filing),
    "oath": ("入党宣誓记录", oath_record),
    "probation": ("预备党员考察登记表", probation_register),
    "conversion-publicity": ("拟转正公示", conversion_publicity),
    "archive-list": ("档案材料清单", archive_list),
}
