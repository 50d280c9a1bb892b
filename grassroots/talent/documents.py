"""The title evaluation's documents, built once as (headers, rows) and laid out as .docx
(GB/T 9704 announcement, 申报表) or .xlsx (scores and tally, subsidy roll, priority list)."""

from __future__ import annotations

from django.db.models import Avg, Count, Q
from django.utils import timezone

from grassroots.core import xlsx
from grassroots.documents.forms import FormDocument
from grassroots.documents.gbdocx import OfficialDocument, cn_date

from .models import Application, ApplicationStatus, PriorityFlag, TitleAward
from .services.common import today

S = ApplicationStatus


def awards_table(round) -> tuple[list[str], list[list]]:
    rows = (TitleAward.objects.filter(application__round=round)
            .select_related("person", "level", "specialty", "application__town")
            .order_by("level__rank", "certificate_no"))
    return (["序号", "姓名", "镇街", "专业", "级别", "证书编号"],
            [[i, a.person.name, a.application.town.name, a.specialty.name, a.level.name,
              a.certificate_no] for i, a in enumerate(rows, 1)])


def announcement_docx(round) -> bytes:
    """职称公布文件: the committee's announcement of the titles awarded in the round."""
    headers, rows = awards_table(round)
    doc = OfficialDocument(office_mark=round.committee.secretariat.name,
                           number=f"汶农职〔{round.year}〕1号")
    doc.title(f"关于公布{round.title}结果的通知")
    doc.addressee("各镇街，县直有关部门：")
    doc.para(f"根据新型职业农民职称评审有关规定，经个人申报、镇街推荐、资格审查、业绩展示、"
             f"面试答辩、{round.committee.name}综合评议，并经公示无异议，"
             f"现将{len(rows)}名同志取得新型职业农民职称的情况予以公布。")
    doc.para("取得职称人员按规定享受一次性补助，并在人才选拔、政府表彰奖励、发展党员、"
             "选拔村干部和招聘招考中优先考虑。")
    doc.table(headers, rows, caption="取得新型职业农民职称人员名单")
    doc.signature(round.committee.name, cn_date(today()))
    return doc.to_bytes()


def application_form_docx(application: Application) -> bytes:
    """新型职业农民职称评审表 (申报表)."""
    talent = application.talent
    form = FormDocument("新型职业农民职称评审表", columns=3,
                        above=(application.round.title, f"编号：{application.pk}"))
    form.row(("姓名", talent.person.name), ("镇街", application.town.name))
    form.row(("人才类别", talent.get_category_display()), ("合作社/企业", talent.cooperative))
    form.row(("申报级别", application.level.name), ("申报专业", application.specialty.name))
    form.row(("从业年限", f"{application.years_in_production}年"),
             ("带动农户", f"{application.households_driven}户"))
    form.block("代表性业绩", application.achievements, lines=6, sign="申报人签字：")
    form.block("镇街推荐意见", "", lines=3, sign="（盖章）")
    form.block("资格审查意见", "", lines=3, sign="（盖章）")
    return form.to_bytes()


def tally_xlsx(round) -> bytes:
    """评分表 and 表决汇总: per application the mean scores and the committee's tally."""
    rows = (Application.objects.filter(round=round)
            .exclude(status__in=(S.DRAFT, S.WITHDRAWN))
            .select_related("talent__person", "level", "specialty", "vote")
            .annotate(n_showcase=Count("scores", filter=Q(scores__stage="showcase")),
                      n_interview=Count("scores", filter=Q(scores__stage="interview")),
                      mean=Avg("scores__score"))
            .order_by("level__rank", "-composite_score", "pk"))
    wb = xlsx.workbook()
    ws = wb.create_sheet("评分与表决")
    xlsx.append(ws, ["姓名", "级别", "专业", "展示评分专家数", "业绩展示", "答辩评分专家数",
                     "面试答辩", "综合得分", "委员人数", "出席", "同意", "反对", "弃权", "结果",
                     "状态"])
    for a in rows:
        vote = getattr(a, "vote", None)
        xlsx.append(ws, [a.talent.person.name, a.level.name, a.specialty.name, a.n_showcase,
                         a.showcase_score, a.n_interview, a.interview_score, a.composite_score,
                         vote.members if vote else None, vote.present if vote else None,
                         vote.yes if vote else None, vote.no if vote else None,
                         vote.abstain if vote else None,
                         ("通过" if vote.passed else "未通过") if vote else "",
                         a.get_status_display()])
    return xlsx.to_bytes(wb)


def subsidy_roll_xlsx(round) -> bytes:
    """补助发放花名册: every award of the round, paid or due."""
    awards = (TitleAward.objects.filter(application__round=round)
              .select_related("person", "level", "application__town", "subsidy")
              .order_by("level__rank", "certificate_no"))
    wb = xlsx.workbook()
    ws = wb.create_sheet("补助发放花名册")
    xlsx.append(ws, ["序号", "姓名", "镇街", "级别", "证书编号", "补助标准（元）", "已发放（元）",
                     "发放日期"])
    for i, a in enumerate(awards, 1):
        paid = getattr(a, "subsidy", None)  # reverse one-to-one: None when not paid yet
        xlsx.append(ws, [i, a.person.name, a.application.town.name, a.level.name,
                         a.certificate_no, a.level.subsidy_yuan,
                         paid.amount_yuan if paid else 0, paid.paid_on if paid else None])
    return xlsx.to_bytes(wb)


def priority_list_xlsx(round) -> bytes:
    """优先对象名单: the holders of the round and what they are preferred for."""
    flags = (PriorityFlag.objects.filter(award__application__round=round)
             .select_related("person", "award__level", "award__application__town")
             .order_by("person__name", "kind"))
    wb = xlsx.workbook()
    ws = wb.create_sheet("优先对象名单")
    xlsx.append(ws, ["姓名", "镇街", "职称级别", "证书编号", "优先事项", "有效期至"])
    for f in flags:
        xlsx.append(ws, [f.person.name, f.award.application.town.name, f.award.level.name,
                         f.award.certificate_no, f.get_kind_display(),
                         f.valid_until or "长期"])
    return xlsx.to_bytes(wb)


# --- the certificate and the annual call ---------------------------------------------------

def certificate_parts(award: TitleAward) -> dict:
    """What a certificate says (one source for the .docx and the PDF)."""
    application = award.application
    committee = application.round.committee
    return {
        "title": "新型职业农民职称证书",
        "number": award.certificate_no,
        "rows": [("姓名", award.person.name), ("所在镇街", application.town.name),
                 ("专业", award.specialty.name), ("职称级别", award.level.name),
                 ("证书编号", award.certificate_no), ("授予日期", cn_date(award.awarded_on))],
        "text": (f"{award.person.name}同志经{committee.name}评审通过，并经公示无异议，"
                 f"具备{award.level.name}（{award.specialty.name}专业）资格，特发此证。"),
        "issuer": committee.name,
        "date": cn_date(award.awarded_on),
    }


def certificate_docx(award: TitleAward) -> bytes:
    """证书 (certificate number, level, speciality) as .docx, laid out as a one-page form."""
    parts = certificate_parts(award)
    doc = OfficialDocument(number=parts["number"])
    doc.title(parts["title"])
    doc.table(["项目", "内容"], [list(row) for row in parts["rows"]])
    doc.para(parts["text"])
    doc.signature(parts["issuer"], parts["date"])
    return doc.to_bytes()


def certificate_pdf(award: TitleAward) -> bytes:
    from grassroots.documents.render import html_pdf

    return html_pdf("talent/doc/certificate.html", {"p": certificate_parts(award)})


def round_call_docx(round) -> bytes:
    """年度评审通知: the committee's call for applications — levels with quotas, specialities,
    the window, the conditions of the Standards (never a degree or a paper), the method and
    the benefits."""
    from .models import RoundQuota, Standard
    from .services.applications import CONDITION_LABELS

    committee = round.committee
    quotas = list(RoundQuota.objects.filter(round=round).select_related("level")
                  .order_by("level__rank"))
    specialties = "、".join(round.specialties.order_by("code").values_list("name", flat=True))
    doc = OfficialDocument(office_mark=committee.secretariat.name,
                           number=f"汶农职〔{round.year}〕通知")
    doc.title(f"关于开展{round.title}工作的通知")
    doc.addressee("各镇街，县直有关部门：")
    doc.para(f"为加强新型职业农民队伍建设，经{committee.name}研究，"
             f"决定开展{round.title}工作。现将有关事项通知如下。")
    doc.heading("一、评审级别和名额")
    doc.table(["级别", "名额（名）", "一次性补助（元）"],
              [[q.level.name, q.quota, q.level.subsidy_yuan or "—"] for q in quotas])
    doc.heading("二、申报专业")
    doc.para(f"{specialties}。")
    doc.heading("三、申报条件")
    doc.para("从事种植、养殖、农产品加工、农业社会化服务等生产经营的种养大户、家庭农场主、"
             "合作社和涉农企业带头人，事业单位工作人员除外。不设学历和论文要求，"
             "以代表性业绩为主要依据。")
    for q in quotas:
        standard = (Standard.objects.filter(level=q.level, specialty__isnull=True).first()
                    or Standard.objects.filter(level=q.level).first())
        items = [str(CONDITION_LABELS[k]) % {"n": v}
                 for k, v in sorted((standard.conditions if standard else {}).items())
                 if k in CONDITION_LABELS]
        if items:
            doc.para(f"{q.level.name}：{'；'.join(items)}。")
    doc.heading("四、评审程序和时间")
    doc.para(f"个人申报、镇街推荐：{cn_date(round.apply_from)}至{cn_date(round.apply_to)}。"
             "申报人可通过手机填写申报，也可由镇街代为填写。申报中级的可同时申报初级。")
    doc.para("资格审查后，采取业绩展示、面试答辩、综合评议的方式评审；评审结果公示不少于"
             "5个工作日，公示无异议的予以公布。")
    doc.heading("五、有关待遇")
    doc.para("取得职称人员按规定享受一次性补助，并在人才选拔、政府表彰奖励、发展党员、"
             "选拔村干部和其他招聘招考中优先考虑。")
    doc.signature(committee.name, cn_date(round.created_at.date()))
    return doc.to_bytes()


# --- the review's working papers (资格审查汇总表, 评分表, 评审会议记录) ------------------------

# Where an application stands after the eligibility check: still to check, failed, passed
# (every later state, and a refusal after the committee's vote, came through the check). A
# refusal without a vote is the town's (not recommended): it never reached the check.
PASSED_CHECK = (S.ELIGIBLE, S.SHOWCASED, S.INTERVIEWED, S.REVIEWED, S.PUBLICISED, S.AWARDED,
                S.SUBSIDISED)


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def eligibility_rows(round):
    """资格审查汇总表's rows: every application that reached the check, with its verdict (one
    query; the verdict is computed by the database; tuples, not models: a round of thousands)."""
    from django.db.models import Case, CharField, Value, When

    return (Application.objects.filter(round=round)
            .filter(Q(status__in=(S.RECOMMENDED, S.INELIGIBLE, *PASSED_CHECK))
                    | Q(status=S.REJECTED, vote__isnull=False))
            .annotate(verdict=Case(
                When(status=S.RECOMMENDED, then=Value("待审查")),
                When(status=S.INELIGIBLE, then=Value("不符合")),
                default=Value("符合"), output_field=CharField()))
            .order_by("level__rank", "town__code", "pk")
            .values_list("talent__person__name", "town__name", "level__name", "specialty__name",
                         "years_in_production", "households_driven", "verdict", "reason"))


def eligibility_xlsx(round) -> bytes:
    """资格审查汇总表: per application the conditions declared and the check's verdict, with
    the missing conditions of a failed one (no degree and no paper is ever asked)."""
    wb = xlsx.workbook()
    ws = wb.create_sheet("资格审查汇总表")
    xlsx.append(ws, ["序号", "姓名", "镇街", "申报级别", "申报专业", "从业年限（年）",
                     "带动农户（户）", "审查结果", "不符合的条件"])
    for i, (*row, verdict, reason) in enumerate(eligibility_rows(round), 1):
        xlsx.append(ws, [i, *row, verdict, reason if verdict == "不符合" else ""])
    return xlsx.to_bytes(wb)


def scoring_sheets_xlsx(round) -> bytes:
    """评分表 (展示/答辩): each expert's score of each application, one sheet per stage, and
    the recusals (who stood aside from whose application, and why)."""
    from .models import Recusal, Score, ScoreStage

    wb = xlsx.workbook()
    scores = (Score.objects.filter(application__round=round)
              .select_related("expert__person", "application__talent__person",
                              "application__level", "application__specialty")
              .order_by("expert__person__name", "application__level__rank", "application_id"))
    sheets = {stage: wb.create_sheet(f"{label}评分表") for stage, label in ScoreStage.choices}
    for ws in sheets.values():
        xlsx.append(ws, ["评审专家", "申报人", "申报级别", "申报专业", "得分", "评语",
                         "评分时间"])
    for s in scores:
        xlsx.append(sheets[s.stage], [s.expert.person.name, s.application.talent.person.name,
                                      s.application.level.name, s.application.specialty.name,
                                      s.score, s.comment, _local(s.scored_at)])
    ws = wb.create_sheet("回避情况")
    xlsx.append(ws, ["评审专家", "申报人", "回避原因", "登记时间"])
    for r in (Recusal.objects.filter(application__round=round)
              .select_related("expert__person", "application__talent__person")
              .order_by("recorded_at", "pk")):
        xlsx.append(ws, [r.expert.person.name, r.application.talent.person.name, r.reason,
                         _local(r.recorded_at)])
    return xlsx.to_bytes(wb)


def committee_record_docx(round) -> bytes:
    """评审会议记录 with 表决汇总: the committee's overall review of the round — when it met,
    the members on term and present, the rule, each application's tally and result, the
    recusals, and the conclusion."""
    from django.db.models import Max, Min

    from .models import CommitteeVote, Recusal

    committee = round.committee
    votes = (CommitteeVote.objects.filter(application__round=round)
             .select_related("application__talent__person", "application__town",
                             "application__level", "application__specialty")
             .order_by("voted_on", "application__level__rank", "-application__composite_score",
                       "application_id"))
    totals = votes.aggregate(n=Count("pk"), passed=Count("pk", filter=Q(passed=True)),
                             first=Min("voted_on"), last=Max("voted_on"),
                             on_term=Max("members"), fewest=Min("present"),
                             most=Max("present"))
    doc = OfficialDocument()
    doc.title(f"{committee.name}评审会议记录")
    if totals["n"]:
        when = cn_date(totals["first"]) if totals["first"] == totals["last"] \
            else f"{cn_date(totals['first'])}至{cn_date(totals['last'])}"
        doc.para(f"会议时间：{when}", indent=False)
        present = f"{totals['fewest']}名" if totals["fewest"] == totals["most"] \
            else f"{totals['fewest']}至{totals['most']}名（各项表决的出席人数见下表）"
        doc.para(f"应到委员：{totals['on_term']}名；实到委员：{present}。", indent=False)
    else:
        doc.para("会议时间：尚未表决。", indent=False)
    doc.para(f"议题：对{round.title}经业绩展示和面试答辩的申报人员进行综合评议并表决。",
             indent=False)
    doc.para("表决规则：出席委员达到全体委员三分之二以上方可表决，同意票达到出席委员三分之二"
             "以上为通过；与申报人有亲属关系或同在一个合作社（企业）的委员回避。")
    doc.table(["序号", "姓名", "镇街", "级别", "专业", "综合得分", "应到", "实到", "同意", "反对",
               "弃权", "结果"],
              [[i, v.application.talent.person.name, v.application.town.name,
                v.application.level.name, v.application.specialty.name,
                v.application.composite_score, v.members, v.present, v.yes, v.no, v.abstain,
                "通过" if v.passed else "未通过"] for i, v in enumerate(votes, 1)],
              caption="表决汇总", size=9,
              widths_mm=[8, 16, 16, 18, 14, 14, 10, 10, 10, 10, 10, 20])
    recusals = list(Recusal.objects.filter(application__round=round)
                    .select_related("expert__person", "application__talent__person")
                    .order_by("recorded_at", "pk"))
    if recusals:
        doc.para("回避情况：" + "；".join(
            f"{r.expert.person.name}回避{r.application.talent.person.name}的申报（{r.reason}）"
            for r in recusals) + "。")
    else:
        doc.para("回避情况：无。")
    doc.para(f"评议结论：共表决{totals['n']}人，通过{totals['passed']}人，"
             f"未通过{totals['n'] - totals['passed']}人。通过人员按级别名额和综合得分确定公示人选，"
             f"公示不少于5个工作日。")
    doc.para("主持人（签字）：　　　　　　记录人（签字）：　　　　　　", indent=False)
    return doc.to_bytes()
