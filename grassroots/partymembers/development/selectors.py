"""Reads of the development pipeline, scope-filtered; every figure computed in the database
(one query per table). Each report is ``(headers, rows)`` so the page and the .xlsx export
show the same thing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grassroots.core.scope import get_scope
from grassroots.rulesets.checks import add_natural_months
from grassroots.rulesets.selectors import NoRuleSet, rule_param, rule_set_in_force

from .models import (
    CaseStatus,
    DevelopmentCase,
    DevelopmentPlan,
    JointReview,
    NegativeListEntry,
    NegativeStatus,
    PeriodicKind,
    PeriodicRecord,
    ReviewCheck,
    Sector,
    Step,
)
from .models.case import STEPS_OF_STAGE
from .models.gates import RED_CATEGORIES
from .services.common import today


@dataclass(frozen=True)
class Report:
    title: str
    headers: list
    rows: list


def cases_for(user, action: str = "view"):
    return DevelopmentCase.objects.restrict(user, action)


# --- registers ------------------------------------------------------------------------------

PROBATION_STEPS = (Step.ADMITTED, Step.UPPER_TALKED, Step.APPROVED, Step.COUNTY_FILED,
                   Step.PLACED, Step.SWORN, Step.CONVERSION_APPLIED, Step.CONVERSION_PUBLICISED,
                   Step.CONVERSION_VOTED)
TARGET_STEPS = (*STEPS_OF_STAGE[3], Step.COMMITTEE_REVIEWED, Step.PRE_REVIEWED,
                Step.VOLUNTEER_BOOK, Step.ADMISSION_PUBLICISED)
REGISTERS = {
    "applicants": (gettext_lazy("入党申请人名册"), Q(step__in=STEPS_OF_STAGE[1])),
    "activists": (gettext_lazy("入党积极分子名册"), Q(step__in=STEPS_OF_STAGE[2])),
    "targets": (gettext_lazy("发展对象名册"), Q(step__in=TARGET_STEPS)),
    "probationary": (gettext_lazy("预备党员名册"), Q(step__in=PROBATION_STEPS)),
    "new": (gettext_lazy("年度新发展党员名册"), None),
}


def register_cases(user, code: str, *, year: int | None = None, organisation_id=None):
    """The cases of one register (open ones; ``new``: approved as probationary in ``year``)."""
    label, q = REGISTERS[code]
    qs = cases_for(user)
    if code == "new":
        qs = qs.filter(approved_on__year=year or today().year)
    else:
        qs = qs.filter(q, status__in=(CaseStatus.ACTIVE, CaseStatus.SUSPENDED))
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    return qs


def register_report(user, code: str, *, year=None, organisation_id=None, limit=None) -> Report:
    qs = register_cases(user, code, year=year, organisation_id=organisation_id).order_by(
        "organisation_id", "applied_on", "pk")
    if limit:
        qs = qs[:limit]
    headers = [_("姓名"), _("性别"), _("出生日期"), _("学历"), _("领域"), _("所在党支部"),
               _("申请日期"), _("积极分子"), _("发展对象"), _("接收预备党员"), _("当前步骤")]
    sectors, steps = dict(Sector.choices), dict(Step.choices)
    rows = [[r["person__name"], r["gender"], r["birth_date"], r["education"],
             str(sectors.get(r["sector"], "")), r["organisation__name"], r["applied_on"],
             r["activist_on"], r["candidate_on"], r["admitted_on"], str(steps[r["step"]]),
             r["pk"]]
            for r in qs.values("pk", "person__name", "gender", "birth_date", "education",
                               "sector", "organisation__name", "applied_on", "activist_on",
                               "candidate_on", "admitted_on", "step")]
    return Report(str(REGISTERS[code][0]), headers, rows)


# --- overdue and warnings (the town organiser's list) -----------------------------------------

def overdue_cases(user, on: date | None = None):
    """Active cases with a recorded soft warning or a deadline passed: talk > 1 month,
    activists > 6 months without an examination, approval > its due date, probation ended
    without a conversion meeting."""
    on = on or today()
    last_exam = PeriodicRecord.objects.filter(case=OuterRef("pk"),
                                              kind=PeriodicKind.EXAMINATION).order_by(
        "-done_on").values("done_on")[:1]
    half_year_ago = add_natural_months(on, -6)
    qs = cases_for(user, "change").filter(status=CaseStatus.ACTIVE).annotate(
        last_exam_on=Subquery(last_exam))
    late = (Q(is_overdue=True)
            | Q(step=Step.APPLIED, talk_due_on__lt=on)
            | Q(step__in=STEPS_OF_STAGE[2], activist_on__lt=half_year_ago,
                last_exam_on__isnull=True)
            | Q(step__in=STEPS_OF_STAGE[2], last_exam_on__lt=half_year_ago)
            | Q(step__in=(Step.ADMITTED, Step.UPPER_TALKED), approval_due_on__lt=on)
            | Q(step__in=(Step.SWORN, Step.CONVERSION_APPLIED, Step.CONVERSION_PUBLICISED),
                probation_end_on__lt=on - timedelta(days=30)))
    return qs.filter(late)


def overdue_reason(case, on: date) -> str:
    reasons = [w.get("message", "") for w in (case.warnings or [])]
    if case.step == Step.APPLIED and case.talk_due_on and case.talk_due_on < on:
        reasons.append(_("谈话超过期限（%(d)s）") % {"d": case.talk_due_on})
    if case.step in (Step.ADMITTED, Step.UPPER_TALKED) and case.approval_due_on \
            and case.approval_due_on < on:
        reasons.append(_("审批超过期限（%(d)s）") % {"d": case.approval_due_on})
    last_exam = getattr(case, "last_exam_on", None) or case.activist_on
    if case.step in STEPS_OF_STAGE[2] and last_exam and last_exam < add_natural_months(on, -6):
        reasons.append(_("超过6个月未登记考察"))
    if case.step in (Step.SWORN, Step.CONVERSION_APPLIED, Step.CONVERSION_PUBLICISED) \
            and case.probation_end_on and case.probation_end_on < on:
        reasons.append(_("预备期已满（%(d)s）未讨论转正") % {"d": case.probation_end_on})
    return "；".join(dict.fromkeys(r for r in reasons if r))


def overdue_report(user, on: date | None = None, limit=None) -> Report:
    on = on or today()
    qs = overdue_cases(user, on).select_related("person", "organisation").order_by(
        "organisation__path", "applied_on")
    if limit:
        qs = qs[:limit]
    rows = [[c.person.name, c.organisation.name, c.get_step_display(), c.applied_on,
             overdue_reason(c, on), c.pk] for c in qs]
    return Report(_("发展党员超期预警"), [_("姓名"), _("所在党支部"), _("当前步骤"), _("申请日期"),
                                    _("预警事项")], rows)


# --- the 16-department review ------------------------------------------------------------

def department_checks(user):
    """The questions a department user sees: only his department's (S2 §4.4, §9)."""
    scope = get_scope(user)
    return ReviewCheck.objects.filter(department__organization_id__in=scope.unit_ids)


def review_overdue_report(user, on: date | None = None) -> Report:
    on = on or today()
    qs = (ReviewCheck.objects.restrict(user).filter(answer="", due_on__lt=on)
          .values("pk", "department__organization__name", "case__person__name",
                  "case__organisation__name", "sent_on", "due_on")
          .order_by("due_on", "department__order"))
    rows = [[r["department__organization__name"], r["case__person__name"],
             r["case__organisation__name"], r["sent_on"], r["due_on"], (on - r["due_on"]).days]
            for r in qs]
    return Report(_("政审联审超期未回复"), [_("部门"), _("发展对象"), _("所在党支部"), _("发函日期"),
                                     _("回复期限"), _("超期天数")], rows)


def turnaround_report(user, on: date | None = None) -> Report:
    """Per department: letters, answered, answered late, open and overdue, problems found,
    average days to answer (calendar days)."""
    on = on or today()
    qs = (ReviewCheck.objects.restrict(user).values("department__organization__name",
                                                     "department__order")
          .annotate(sent=Count("pk"), answered=Count("pk", filter=~Q(answer="")),
                    late=Count("pk", filter=Q(answered_on__gt=F("due_on"))),
                    overdue=Count("pk", filter=Q(answer="", due_on__lt=on)),
                    problems=Count("pk", filter=Q(answer="problem")),
                    days=Avg(F("answered_on") - F("sent_on")))
          .order_by("department__order"))
    rows = []
    for r in qs:
        days = r["days"]
        if days is not None and hasattr(days, "days"):
            days = round(days.total_seconds() / 86400, 1)
        rows.append([r["department__organization__name"], r["sent"], r["answered"], r["late"],
                     r["overdue"], r["problems"], days if days is not None else "—"])
    return Report(_("政审联审部门办理情况"), [_("部门"), _("发函"), _("已回复"), _("超期回复"),
                                       _("超期未回复"), _("反映问题"), _("平均回复天数")], rows)


# --- structure, plan, joint review, negative list --------------------------------------------

def _age_at_admission():
    before_birthday = Case(
        When(Q(admitted_on__month__lt=ExtractMonth("birth_date"))
             | Q(admitted_on__month=ExtractMonth("birth_date"),
                 admitted_on__day__lt=ExtractDay("birth_date")), then=Value(1)),
        default=Value(0), output_field=IntegerField())
    return ExtractYear("admitted_on") - ExtractYear("birth_date") - before_birthday


def structure_report(user, year: int) -> Report:
    """New members approved in ``year``: by sector, age ≤ 35 at admission, women, college,
    front line — one aggregate query; shares of the year's total."""
    qs = cases_for(user).filter(approved_on__year=year).annotate(age=_age_at_admission())
    figures = {f"s_{s}": Count("pk", filter=Q(sector=s)) for s in Sector.values}
    row = qs.aggregate(total=Count("pk"), young=Count("pk", filter=Q(age__lte=35)),
                       women=Count("pk", filter=Q(gender="女")),
                       college=Count("pk", filter=Q(is_college=True)),
                       front=Count("pk", filter=Q(is_front_line=True)), **figures)
    total = row["total"]

    def share(n):
        return f"{n / total:.1%}" if total else "—"

    rows = [[_("新发展党员"), total, "100%" if total else "—"]]
    rows += [[str(label), row[f"s_{code}"], share(row[f"s_{code}"])]
             for code, label in Sector.choices]
    rows += [[_("35岁及以下"), row["young"], share(row["young"])],
             [_("女性"), row["women"], share(row["women"])],
             [_("大专及以上学历"), row["college"], share(row["college"])],
             [_("生产工作一线"), row["front"], share(row["front"])]]
    return Report(_("%(y)s年新发展党员结构") % {"y": year}, [_("项目"), _("人数"), _("占比")], rows)


def plan_report(user, year: int) -> Report:
    """Each plan of ``year`` with its progress: cases approved as probationary in the year
    under the organisation (completion), and development targets reached in the year."""
    base = cases_for(user).filter(organisation__path__startswith=OuterRef("organisation__path"))
    scope = get_scope(user)
    plans = DevelopmentPlan.objects.filter(year=year)
    if not (scope.is_admin or "organization_dept" in scope.roles):
        plans = plans.filter(organisation_id__in=scope.ids("party_org"))
    plans = plans.annotate(
        approved=Coalesce(Subquery(base.filter(approved_on__year=year).order_by().annotate(
            g=Value(1)).values("g").annotate(n=Count("pk")).values("n")[:1]), 0),
        targets=Coalesce(Subquery(base.filter(candidate_on__year=year).order_by().annotate(
            g=Value(1)).values("g").annotate(n=Count("pk")).values("n")[:1]), 0),
    ).values("organisation__name", "quota", "approved", "targets").order_by(
        "organisation__path")
    rows = [[p["organisation__name"], p["quota"], p["approved"] or 0,
             f"{(p['approved'] or 0) / p['quota']:.1%}" if p["quota"] else "—",
             p["targets"] or 0] for p in plans]
    return Report(_("%(y)s年发展计划完成情况") % {"y": year},
                  [_("党组织"), _("计划数"), _("已发展"), _("完成率"), _("发展对象进度")], rows)


def joint_review_report(user, limit=None) -> Report:
    qs = JointReview.objects.restrict(user).values(
        "case__person__name", "case__organisation__name", "requested_on", "town_opinion",
        "town_on", "county_opinion", "county_on", "status").order_by("-requested_on", "-pk")
    if limit:
        qs = qs[:limit]
    labels = dict(JointReview._meta.get_field("status").choices)
    rows = [[r["case__person__name"], r["case__organisation__name"], r["requested_on"],
             r["town_opinion"], r["town_on"], r["county_opinion"], r["county_on"],
             str(labels[r["status"]])] for r in qs]
    return Report(_("县乡联审台账"), [_("发展对象"), _("所在党支部"), _("提请日期"), _("镇街意见"),
                                 _("镇街审查日期"), _("县委组织部意见"), _("县审查日期"), _("结果")],
                  rows)


def warning_thresholds(on: date | None = None) -> tuple[int, int]:
    try:
        rs = rule_set_in_force("party.dev", on or today())
        return (int(rule_param(rs, "negative.yellow_min_open").value),
                int(rule_param(rs, "negative.red_min_open").value))
    except NoRuleSet:
        return 1, 3


def town_levels(user, on: date | None = None):
    """Per town: open entries, red-category entries of the last 12 months, and the level
    (green / yellow / red) with the thresholds of the rule set in force — in the database."""
    on = on or today()
    yellow, red = warning_thresholds(on)
    year_ago = add_natural_months(on, -12)
    return (NegativeListEntry.objects.restrict(user).values("town_id", "town__name")
            .annotate(open=Count("pk", filter=Q(status=NegativeStatus.OPEN)),
                      serious=Count("pk", filter=Q(category__in=RED_CATEGORIES,
                                                   found_on__gte=year_ago)),
                      total=Count("pk"))
            .annotate(level=Case(When(Q(open__gte=red) | Q(serious__gt=0), then=Value("red")),
                                 When(open__gte=yellow, then=Value("yellow")),
                                 default=Value("green"), output_field=CharField()))
            .order_by("town__name"))


LEVEL_LABELS = {"red": gettext_lazy("红色"), "yellow": gettext_lazy("黄色"),
                "green": gettext_lazy("绿色")}


def negative_report(user, limit=None) -> Report:
    qs = NegativeListEntry.objects.restrict(user).select_related("town", "case__person")
    if limit:
        qs = qs[:limit]
    rows = [[e.town.name, e.get_category_display(), e.source, e.description,
             e.case.person.name if e.case_id else "", e.found_on, e.rectification_due_on,
             e.get_status_display(), e.rectified_on, e.pk] for e in qs]
    return Report(_("发展党员负面清单"), [_("镇（街道）"), _("类别"), _("来源"), _("问题"),
                                   _("涉及对象"), _("发现日期"), _("整改期限"), _("状态"),
                                   _("整改日期")], rows)


def record_report(case) -> Report:
    """全程纪实: every step of one person with its date, actor and rule verdicts."""
    from .models import StepRecord

    rows = []
    for r in StepRecord.objects.filter(case=case).select_related("actor__person").order_by(
            "done_on", "pk"):
        verdicts = "；".join(
            f"{v['key']}{'✓' if v['ok'] else '⚠ ' + v.get('message', '')}"
            for v in r.rule_results)
        actor = getattr(getattr(r.actor, "person", None), "name", "") if r.actor else ""
        rows.append([r.done_on, r.get_step_display(), actor, r.note, verdicts])
    for p in PeriodicRecord.objects.filter(case=case):
        rows.append([p.done_on, p.get_kind_display(), "", p.summary, ""])
    rows.sort(key=lambda row: row[0])
    return Report(_("发展党员全程纪实表（%(n)s）") % {"n": case.person.name},
                  [_("日期"), _("步骤"), _("办理人"), _("说明"), _("规则校验")], rows)


def my_cases(user):
    scope = get_scope(user)
    if not scope.person_id:
        return DevelopmentCase.objects.none()
    return DevelopmentCase.objects.filter(person_id=scope.person_id)


def open_count(user) -> int:
    return cases_for(user).open().aggregate(n=Count("pk"))["n"]
