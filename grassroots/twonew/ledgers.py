"""The ledgers as .xlsx through core.xlsx (every cell a value), each the rows the user may see,
and the survey import through core.imports (all rows or none, errors by row)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from grassroots.core import xlsx
from grassroots.core.errors import ApplicationError
from grassroots.core.imports import ImportResult, RowErrors, read_sheets, sheet_check
from grassroots.core.policy import require
from grassroots.places.models import Division

from . import stats
from .models import (
    Instructor,
    InstructorVisit,
    Lecturer,
    OperatingStatus,
    OrgKind,
    Park,
    RedTeam,
    Trainee,
    TwoNewOrg,
)
from .selectors import matters_for, problems_for, room_usage
from .services.common import add_natural_months, today
from .services.registry import clean_credit_code, org_register

LEDGERS = {
    "survey": "两新组织党建情况摸排台账", "instructors": "党建指导员名册",
    "visits": "指导员走访记录", "training": "书记培训班名册", "lecturers": "讲师库名录",
    "rooms": "功能室使用登记", "teams": "红色班组名册与攻关清单", "matters": "办实事台账",
    "coverage": "两个覆盖统计表",
}

SURVEY_COLUMNS = ("单位名称", "统一社会信用代码", "类别", "所在园区", "所在镇街", "行业", "职工人数",
                  "是否规上", "规上认定依据", "规上认定年度", "经营状态", "出资人", "出资人是否党员",
                  "正式党员数", "预备党员数", "所在党组织", "覆盖方式", "党建指导员", "党建联络员",
                  "是否建立工会", "是否建立团组织", "摸排日期")
SURVEY_REQUIRED = ("单位名称", "统一社会信用代码", "所在镇街", "职工人数", "经营状态")


def _yes(v) -> str:
    return "是" if v else "否"


def _survey(ws, user, wb):
    xlsx.append(ws, SURVEY_COLUMNS)
    for o in TwoNewOrg.objects.restrict(user).select_related(
            "park", "division", "party_org", "instructor__person"):
        xlsx.append(ws, [
            o.name, o.credit_code, o.get_kind_display(), o.park.name if o.park else "",
            o.division.name, o.industry, o.employees, _yes(o.is_above_size), o.size_basis,
            o.size_year, o.get_operating_status_display(), o.investor, _yes(o.investor_is_member),
            o.full_members, o.probationary_members, o.party_org.name if o.party_org else "",
            o.get_coverage_mode_display(), o.instructor.person.name if o.instructor else "",
            o.liaison, _yes(o.has_union), _yes(o.has_cyl), o.surveyed_on])


def _instructors(ws, user, wb):
    xlsx.append(ws, ("姓名", "来源", "选派日期", "任期（年）", "联系单位数", "联系单位"))
    for i in Instructor.objects.restrict(user).select_related("person").annotate(
            n=Count("orgs", distinct=True)).prefetch_related("orgs"):
        xlsx.append(ws, [i.person.name, i.source, i.appointed_on, i.term_years, i.n,
                         "、".join(o.name for o in i.orgs.all())])


def _visits(ws, user, wb):
    xlsx.append(ws, ("走访日期", "单位", "走访人", "身份", "事由", "发现问题", "跟进措施"))
    for v in InstructorVisit.objects.restrict(user).select_related("org", "instructor__person"):
        xlsx.append(ws, [v.visited_on, v.org.name,
                         v.instructor.person.name if v.instructor else v.org.liaison,
                         v.get_visitor_kind_display(), v.get_purpose_display(), v.findings,
                         v.follow_ups])


def _training(ws, user, wb):
    xlsx.append(ws, ("期次", "培训班", "开班日期", "结业日期", "学时", "学员", "所在单位", "参训学时",
                     "是否结业"))
    for t in Trainee.objects.select_related("training_class", "person", "org").order_by(
            "training_class__number", "pk"):
        c = t.training_class
        xlsx.append(ws, [c.number, c.title, c.starts_on, c.ends_on, c.hours, t.person.name,
                         t.org.name if t.org else "", t.attended_hours, _yes(t.passed)])


def _lecturers(ws, user, wb):
    xlsx.append(ws, ("姓名", "所在单位", "擅长专题", "送课次数", "听课人数"))
    from django.db.models import Sum

    for lec in Lecturer.objects.select_related("person").annotate(
            n=Count("lectures"), people=Sum("lectures__audience")):
        xlsx.append(ws, [lec.person.name, lec.institution, lec.topics, lec.n, lec.people or 0])


def _rooms(ws, user, wb):
    xlsx.append(ws, ("功能室", "月份", "预约次数"))
    now = today()
    for r in room_usage(user, start=add_natural_months(now, -12), end=add_natural_months(now, 1)):
        xlsx.append(ws, [r["room__name"], r["month"].strftime("%Y-%m"), r["bookings"]])


def _teams(ws, user, wb):
    xlsx.append(ws, ("班组", "类别", "企业", "班组长", "成员数", "党员数"))
    for t in RedTeam.objects.restrict(user).select_related("kind", "org", "leader").annotate(
            n=Count("members"), party=Count("members", filter=Q(members__is_party_member=True))):
        xlsx.append(ws, [t.name, t.kind.name, t.org.name, t.leader.name, t.n, t.party])
    ws2 = wb.create_sheet("攻关清单")
    xlsx.append(ws2, ("课题", "班组", "企业", "立项日期", "状态", "解决日期", "成效", "经济效益（元）"))
    for p in problems_for(user):
        xlsx.append(ws2, [p.title, p.team.name, p.team.org.name, p.raised_on,
                          p.get_status_display(), p.solved_on, p.benefit,
                          float(p.benefit_yuan) if p.benefit_yuan is not None else None])


def _matters(ws, user, wb):
    xlsx.append(ws, ("单位", "提出人", "事项内容", "提出日期", "状态", "办结日期", "办理结果", "转入诉求"))
    for m in matters_for(user).select_related("demand"):
        xlsx.append(ws, [m.org.name, m.raised_by, m.content, m.raised_on,
                         m.get_status_display(), m.solved_on, m.result,
                         m.demand.number if m.demand else ""])


def _coverage(ws, user, wb):
    orgs = TwoNewOrg.objects.restrict(user)
    now = today()
    xlsx.append(ws, ("范围", "在册单位（剔除注销、僵尸）", "组织覆盖", "组织覆盖率", "单独组建",
                     "单独组建率", "工作覆盖", "工作覆盖率"))
    for group, label in (("county", "全县"), ("park", None), ("town", None)):
        org = stats.organisational_coverage(orgs, group)
        own = {r["key"]: r for r in stats.own_founding_rate(orgs, group)}
        work = {r["key"]: r for r in stats.work_coverage(orgs, group, today=now)}
        for r in org:
            xlsx.append(ws, [label or r["label"], r["total"], r["covered"], r["rate"],
                             own[r["key"]]["covered"], own[r["key"]]["rate"],
                             work[r["key"]]["covered"], work[r["key"]]["rate"]])
    ws2 = wb.create_sheet("逐月")
    xlsx.append(ws2, ("月份", "在册单位", "组织覆盖", "组织覆盖率"))
    for r in stats.monthly_coverage(orgs, today=now):
        xlsx.append(ws2, [r["month"], r["total"], r["covered"], r["rate"]])


WRITERS = {"survey": _survey, "instructors": _instructors, "visits": _visits,
           "training": _training, "lecturers": _lecturers, "rooms": _rooms, "teams": _teams,
           "matters": _matters, "coverage": _coverage}


def ledger_workbook(user, kind: str) -> bytes:
    wb = xlsx.workbook()
    ws = wb.create_sheet(LEDGERS[kind][:30])
    WRITERS[kind](ws, user, wb)
    return xlsx.to_bytes(wb)


def _choice(value, choices, row, column, errors):
    by_label = {str(label): code for code, label in choices}
    if value in by_label:
        return by_label[value]
    if value in dict(choices):
        return value
    errors.add(row, _("“%(col)s”应为：%(allowed)s。") % {
        "col": column, "allowed": "、".join(by_label)})
    return None


def orgs_import(*, actor, file) -> ImportResult:
    """The survey ledger's columns (SURVEY_COLUMNS; 单位名称、统一社会信用代码、所在镇街、职工人数、
    经营状态 required): every row registered through ``org_register`` or none."""
    require(actor, "twonew.county")
    sheet = read_sheets(file, first_only=True)
    if not sheet:
        raise ApplicationError(_("文件中没有数据。"), field="file")
    sheet = sheet[0]
    errors = RowErrors()
    if not sheet_check(sheet, SURVEY_REQUIRED, errors):
        raise ApplicationError("\n".join(errors.in_row_order()), field="file")
    towns = {d.name: d for d in Division.objects.towns()}
    parks = {p.name: p for p in Park.objects.all()}
    created = 0
    with transaction.atomic():
        for row_no, row in sheet.rows:
            town = towns.get(row.get("所在镇街", ""))
            if town is None:
                errors.add(row_no, _("未找到镇街“%(t)s”。") % {"t": row.get("所在镇街", "")})
                continue
            park = None
            if row.get("所在园区"):
                park = parks.get(row["所在园区"])
                if park is None:
                    errors.add(row_no, _("未找到园区“%(p)s”。") % {"p": row["所在园区"]})
                    continue
            status = _choice(row.get("经营状态", ""), OperatingStatus.choices, row_no,
                             "经营状态", errors)
            kind = _choice(row.get("类别") or str(OrgKind.ENTERPRISE.label), OrgKind.choices,
                           row_no, "类别", errors)
            try:
                numbers = {k: int(row.get(c) or 0) for k, c in (
                    ("employees", "职工人数"), ("full_members", "正式党员数"),
                    ("probationary_members", "预备党员数"))}
                year = int(row["规上认定年度"]) if row.get("规上认定年度") else None
            except ValueError:
                errors.add(row_no, _("人数和年度应为整数。"))
                continue
            if status is None or kind is None:
                try:  # one file read shows every mistake of the row
                    clean_credit_code(row.get("统一社会信用代码", ""))
                except ApplicationError as exc:
                    errors.add(row_no, exc.message)
                continue
            try:
                with transaction.atomic():
                    org_register(
                        actor=actor, name=row.get("单位名称", ""),
                        credit_code=row.get("统一社会信用代码", ""), kind=kind, division=town,
                        park=park, industry=row.get("行业", ""),
                        is_above_size=row.get("是否规上") == "是",
                        size_basis=row.get("规上认定依据", ""), size_year=year,
                        operating_status=status, investor=row.get("出资人", ""),
                        investor_is_member=row.get("出资人是否党员") == "是",
                        has_union=row.get("是否建立工会") == "是",
                        has_cyl=row.get("是否建立团组织") == "是",
                        liaison=row.get("党建联络员", ""), **numbers)
                created += 1
            except ApplicationError as exc:
                errors.add(row_no, exc.message)
        if errors.messages:
            transaction.set_rollback(True)
            return ImportResult(created={}, errors=errors.in_row_order())
    return ImportResult(created={"orgs": created})

