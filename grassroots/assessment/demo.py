"""Demo county: routine assessment (S5). 20 contact points over the 5 fields for last year,
their quarterly reviews and year-end evaluation (retained / removed, uplift for this year); each
contact point's roster of civil servants in two sections; the medical-insurance bureau's
positive/negative item list and the justice bureau's common / individual / ad-hoc indicators;
four quarters of routine records walked through the real services (with the S1-derived items
of each quarter); the annual assessment with quotas (an uplift for good units), excellent grades
within the slots and a few uses of results. Logins: the authority's officer, the medical-
insurance bureau's head and one of its civil servants."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password

from grassroots.core import clock
from grassroots.core.scope import Role
from grassroots.demo.demo_logins import PASSWORD, DemoLogin, register_login
from grassroots.demo.names import NameBook
from grassroots.demo.registry import SeedContext, register_step
from grassroots.demo.summary import register_counts
from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.orgs.services import membership_grant
from grassroots.people.models import Person, PersonKind, User
from grassroots.workcal.clock import SHANGHAI

from .models import (
    AnnualAssessment,
    AnnualGrade,
    AssessmentField,
    ContactPoint,
    RoutineRecord,
)
from .roles import AssessmentRole
from .services import annual as annual_svc
from .services import contact as contact_svc
from .services import routine as routine_svc
from .services import scheme as scheme_svc
from .services.s1 import s1_items_derive

AUTHORITY_CODE = "ORGDEPT"  # 县委组织部 acts as the county civil-service authority
MEDINS, JUSTICE = "D-MEDINS", "D-JUSTICE"
# Field → four units (code, name, short name).
POINTS = {
    "comprehensive": [("D-DRC", "金乡县发展和改革局", "发改局"), ("D-FINANCE", "金乡县财政局", "财政局"),
                      ("D-AUDIT", "金乡县审计局", "审计局"), ("D-STATS", "金乡县统计局", "统计局")],
    "livelihood": [(MEDINS, "金乡县医疗保障局", "医保局"),
                   ("D-HRSS", "金乡县人力资源和社会保障局", "人社局"),
                   ("D-CIVIL", "金乡县民政局", "民政局"), ("D-COMMERCE", "金乡县商务局", "商务局")],
    "fieldwork": [("D-AGRI", "金乡县农业农村局", "农业农村局"),
                  ("D-NRP", "金乡县自然资源和规划局", "自然资源和规划局"),
                  ("D-TRANSPORT", "金乡县交通运输局", "交通运输局"), ("D-WATER", "金乡县水务局", "水务局")],
    "justice": [(JUSTICE, "金乡县司法局", "司法局"), ("D-ENFORCE", "金乡县综合行政执法局", "综合执法局"),
                ("D-SAMR", "金乡县市场监督管理局", "市场监管局"), ("D-EMERGENCY", "金乡县应急管理局", "应急局")],
    "window": [("D-APPROVAL", "金乡县行政审批服务局", "行政审批局"),
               ("D-HOUSINGFUND", "济宁市住房公积金管理中心金乡分中心", "公积金分中心"),
               ("D-TAX", "国家税务总局金乡县税务局", "税务局"),
               ("D-VETERANS", "金乡县退役军人事务局", "退役军人事务局")],
}
# Eight civil servants where the quota's uplift shows (8 × 20 % = 1 slot, 8 × 25 % = 2),
# five elsewhere (the step stays quick).
UPLIFTS = {MEDINS: 5, JUSTICE: 5, "D-APPROVAL": 5}
STAFF = dict.fromkeys(UPLIFTS, 8)
STAFF_DEFAULT = 5
SECTIONS = ("综合科", "业务科")

for _login in (
    DemoLogin("cs_authority", "公务员主管部门", "Civil-service authority (组织部)",
              "平时考核联系点、季度观察与年终评估；各单位考核汇总与超期情况；优秀名额核定", 120,
              "许文静", "13800000120"),
    DemoLogin("assess_head", "单位负责人（平时考核）", "Unit head (医保局)",
              "本单位考核方案、季度记实的审核、年度等次", 121, "韩立新", "13800000121",
              ),
    DemoLogin("civil_servant", "公务员", "Civil servant (医保局)",
              "本人季度记实、个人小结、评鉴结果、确认或申诉", 122, "宋佳", "13800000122",
              ),
):
    register_login(_login)


def _at(day: date, hour: int = 10):
    return clock.travel(datetime.combine(day, time(hour), tzinfo=SHANGHAI))


def _person(ctx, names, *, username, name=None, phone="", title=""):
    # Every civil servant signs in (summary, acknowledgement); one hash shared by all.
    if "password_hash" not in ctx.cache:  # hashing per user would cost ~0.3 s each
        ctx.cache["password_hash"] = make_password(PASSWORD)
    user = User.objects.create(username=username, is_demo=True,
                               password=ctx.cache["password_hash"])
    if name is None:
        name, _ = names.take()
    person = Person(name=name, kind=PersonKind.CADRE, user=user, position=title)
    if phone:
        person.set_phone(phone)
    person.save()
    return person


def _unit(code, name, short):
    unit = Organization.objects.filter(code=code).first()
    if unit is None:
        gov = Organization.objects.filter(kind=OrganizationKind.COUNTY_GOVERNMENT).first()
        unit = Organization.objects.create(code=code, name=name, short_name=short, parent=gov,
                                           kind=OrganizationKind.DEPARTMENT, is_handling_unit=True)
    return unit


def _authority(ctx, names):
    org = Organization.objects.filter(code=AUTHORITY_CODE).first() or Organization.objects.create(
        code=AUTHORITY_CODE, name="中共金乡县委组织部", short_name="县委组织部",
        kind=OrganizationKind.PARTY_ORGANIZATION)
    user = User.objects.filter(username="cs_authority").first()
    if user is None:
        person = _person(ctx, names, name="许文静", username="cs_authority", phone="13800000120",
                         title="公务员管理科科长")
        membership_grant(actor=None, person=person, organization=org,
                         role=AssessmentRole.AUTHORITY, title="公务员管理科科长")
        user = person.user
    return user


def _staff(ctx, names, admin, unit):
    """The unit's head (and committee), two sections with leaders, the roster."""
    is_medins = unit.code == MEDINS
    slug = unit.code.lower().replace("-", "_")
    head = _person(ctx, names, name="韩立新" if is_medins else None,
                   username="assess_head" if is_medins else f"cs_{slug}_head",
                   phone="13800000121" if is_medins else "", title=f"{unit}局长")
    membership_grant(actor=None, person=head, organization=unit, role=Role.UNIT_LEADER)
    membership_grant(actor=None, person=head, organization=unit, role=AssessmentRole.COMMITTEE)
    # The unit's S1 handlers who sign in are civil servants too: their demand handling feeds
    # their quarters.
    from grassroots.orgs.models import Membership

    people = [m.person for m in Membership.objects.filter(
        organization=unit, role=Role.HANDLER, is_active=True, person__user__isnull=False)
        .select_related("person__user").order_by("pk")[:2]]
    size = STAFF.get(unit.code, STAFF_DEFAULT)
    for i in range(len(people), size):
        login = is_medins and i == size - 1
        person = _person(ctx, names, name="宋佳" if login else None,
                         username="civil_servant" if login else f"cs_{slug}_{i + 1}",
                         phone="13800000122" if login else "")
        membership_grant(actor=None, person=person, organization=unit,
                         role=AssessmentRole.CIVIL_SERVANT)
        people.append(person)
    names_ = ("综合科", "待遇保障科") if is_medins else SECTIONS
    half = size // 2
    sections = [scheme_svc.section_save(actor=admin, unit=unit, name=names_[0], leader=people[0]),
                scheme_svc.section_save(actor=admin, unit=unit, name=names_[1], leader=people[half])]
    for i, person in enumerate(people):
        scheme_svc.civil_servant_enrol(actor=admin, person=person, unit=unit,
                                       section=sections[i >= half], post="科长" if i in (0, half) else "科员")
    return head.user, people, sections


def _scheme(admin, unit, year, sections):
    start = date(year, 1, 1)
    if unit.code == MEDINS:
        items = [
            {"polarity": "positive", "text": "按时完成医保待遇审核，群众零投诉", "points": 2, "cap": 6,
             "evidence": "业务系统记录"},
            {"polarity": "positive", "text": "承担专项整治任务并获通报表扬", "points": 3, "cap": 6,
             "evidence": "表扬通报", "scope": "section", "section": sections[1]},
            {"polarity": "negative", "text": "窗口服务被有效投诉", "points": 2, "cap": 10,
             "evidence": "投诉处理记录"},
            {"polarity": "negative", "text": "报送材料逾期", "points": 1, "cap": 5, "evidence": "催报记录"},
        ]
        return scheme_svc.scheme_create(actor=admin, unit=unit, year=year, kind="item_list",
                                        title="医保局工作事项正负面清单量化考核管理办法",
                                        effective_from=start, items=items)
    if unit.code == JUSTICE:
        indicators = [
            {"kind": "common", "text": "政治素质与工作作风", "weight": 30, "scoring_rule": "按季度民主测评折算"},
            {"kind": "common", "text": "民生诉求办理三率", "weight": 20,
             "scoring_rule": "按民生诉求平台响应率、解决率、满意率折算"},
            {"kind": "individual", "text": "人民调解与法律援助案件办理", "weight": 40,
             "scoring_rule": "按岗位年度任务分解，完成率折算", "target_posts": "调解员、法律援助"},
            {"kind": "adhoc", "text": "突发矛盾纠纷化解", "weight": 10,
             "scoring_rule": "承担突发任务按完成情况加分"},
        ]
        return scheme_svc.scheme_create(actor=admin, unit=unit, year=year, kind="indicators",
                                        title="司法局平时考核共性个性突发性指标体系",
                                        effective_from=start, indicators=indicators)
    return scheme_svc.scheme_create(
        actor=admin, unit=unit, year=year, kind="mixed", title=f"{unit}平时考核实施方案",
        effective_from=start,
        items=[{"polarity": "positive", "text": "完成重点工作任务", "points": 2, "cap": 4},
               {"polarity": "negative", "text": "工作差错被通报", "points": 2, "cap": 6,
                "evidence": "通报文件"}],
        indicators=[{"kind": "common", "text": "岗位职责履行", "weight": 100,
                     "scoring_rule": "直接领导按季度评鉴"}])


def _scores(rng, n):
    """Scores within the 40 % cap of 好 (2 of 5, 3 of 8); now and then a 一般."""
    scores = [rng.choice((72, 78, 82, 84, 85, 86, 87, 88, 88, 91, 93, 95)) for _ in range(n)]
    for i in [i for i, s in enumerate(scores) if s >= 90][n * 2 // 5:]:
        scores[i] = 88
    return scores


def _quarter(rng, units, year, quarter, authority):
    end = routine_svc.quarter_bounds(year, quarter)[1]
    periods = {}
    with _at(date(year, 3 * quarter - 2, 1) + timedelta(days=3)):
        for unit, head, _people, _sections in units:
            periods[unit.pk] = routine_svc.period_open(actor=head, unit=unit, year=year,
                                                       quarter=quarter)
    with _at(end + timedelta(days=1)):  # the handlers' S1 events of the quarter, county-wide
        derived = s1_items_derive(actor=authority, year=year, quarter=quarter)
    for unit, head, people, sections in units:
        records = {r.person_id: r for r in RoutineRecord.objects.filter(period=periods[unit.pk])
                   .select_related("period", "section")}
        leaders = {s.pk: s.leader for s in sections}
        with _at(end - timedelta(days=20)):
            routine_svc.routine_log(actor=people[1].user, record=records[people[1].pk],
                                    on=end - timedelta(days=25), task="办理群众业务咨询",
                                    result="当场办结")
            leader = leaders[records[people[1].pk].section_id]
            routine_svc.routine_item(actor=leader.user, record=records[people[1].pk],
                                     polarity="positive", text="按时完成重点工作任务", points=2,
                                     occurred_on=end - timedelta(days=21))
        for person, score in zip(people, _scores(rng, len(people)), strict=True):
            record = records[person.pk]
            leader = leaders[record.section_id]
            assessor = head if leader.pk == person.pk else leader.user
            _walk(record, person.user, assessor, head, end, score)
    return derived


def _walk(record, person_user, assessor, head, end, score):
    with _at(end + timedelta(days=3)):
        routine_svc.routine_submit_summary(actor=person_user, record=record,
                                           summary="本季度按岗位职责完成各项工作任务，无差错。")
    with _at(end + timedelta(days=8)):
        routine_svc.routine_assess(actor=assessor, record=record, score=score,
                                   note="工作扎实，完成任务好" if score >= 90 else "能完成岗位任务")
    with _at(end + timedelta(days=12)):
        routine_svc.routine_approve(actor=head, record=record)
    with _at(end + timedelta(days=15)):
        routine_svc.routine_feedback(actor=assessor, record=record, talk=score < 60,
                                     note="当面反馈评鉴结果")
    with _at(end + timedelta(days=16)):
        routine_svc.routine_acknowledge(actor=person_user, record=record)
    with _at(end + timedelta(days=20)):
        routine_svc.routine_finalise(actor=head, record=record)


def _annual(units, year, uplifts):
    """Collect, quota (with this year's uplift for good units), recommend within the slots,
    the committee's review, the excellent list's publicity (grassroots.publicity, ended by its
    job), then the head's decisions past the publicity gate."""
    from grassroots.publicity.services import publicity_end_due

    from .services.excellent import excellent_publicise

    day = date(year + 1, 1, 12)
    excellent, graded, ends = 0, [], [day + timedelta(days=16)]
    for unit, head, people, sections in units:
        with _at(day):
            annual_svc.annual_collect(actor=head, unit=unit, year=year)
            quota = annual_svc.quota_decide(actor=AUTHORITY_USER[0], unit=unit, year=year,
                                            uplift=uplifts.get(unit.code, 0))
        leaders = {s.pk: s.leader for s in sections}
        slots = quota.excellent_slots
        rows = sorted(AnnualAssessment.objects.filter(unit=unit, year=year).select_related(
            "section"), key=lambda a: (-a.good_quarters, a.low_quarters, a.person_id))
        listed = False
        for annual in rows:
            person = next(p for p in people if p.pk == annual.person_id)
            leader = leaders[annual.section_id]
            recommender = head if leader.pk == person.pk else leader.user
            eligible = (annual.quarters and annual.low_quarters == 0
                        and 2 * annual.good_quarters >= annual.quarters)
            grade = AnnualGrade.EXCELLENT if eligible and slots > 0 else AnnualGrade.COMPETENT
            slots -= grade == AnnualGrade.EXCELLENT
            listed |= grade == AnnualGrade.EXCELLENT
            with _at(day + timedelta(days=3)):
                annual_svc.annual_submit_summary(actor=person.user, annual=annual,
                                                 summary="全年认真履行岗位职责，完成各项工作任务。")
            with _at(day + timedelta(days=6)):
                annual_svc.annual_recommend(actor=recommender, annual=annual, grade=grade)
                annual_svc.annual_review(actor=head, annual=annual, note="经考核委员会审核同意")
            graded.append((unit, head, annual, grade))
        if listed:
            with _at(day + timedelta(days=7)):
                publicity = excellent_publicise(actor=head, unit=unit, year=year,
                                                contact_phone="0537-8721000")
            ends.append(publicity.end_on + timedelta(days=1))
    decide_on = max(ends)
    with _at(decide_on, hour=1):
        publicity_end_due()  # the hourly job ends the publicities whose period is over
    for unit, head, annual, grade in graded:
        with _at(decide_on):
            annual_svc.annual_decide(actor=head, annual=annual)
            annual_svc.annual_notify(actor=head, annual=annual)
            if grade == AnnualGrade.EXCELLENT:
                excellent += 1
                annual_svc.result_use_record(actor=head, annual=annual, kind="award",
                                             reference=f"{unit}{year}年度评先树优决定")
    return excellent


AUTHORITY_USER: list = []


def seed_assessment(ctx: SeedContext) -> dict[str, int]:
    if ContactPoint.objects.exists():
        return {"assessment_contact_points": 0}
    rng = ctx.rng("assessment")
    names = NameBook(rng, reserved=set(Person.objects.values_list("name", flat=True)[:20000]))
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    authority = _authority(ctx, names)
    AUTHORITY_USER[:] = [authority]
    year = clock.now().astimezone(SHANGHAI).year - 1
    fields = {f.code: f for f in AssessmentField.objects.all()}
    units, points = [], []
    bar = ctx.bar(4 + 20, "平时考核")
    for code, specs in POINTS.items():
        for unit_code, name, short in specs:
            unit = _unit(unit_code, name, short)
            with _at(date(year, 1, 15)):
                point = contact_svc.contact_point_designate(
                    actor=authority, unit=unit, year=year, field=fields[code],
                    reason=f"{unit}岗位职责清晰、{fields[code].name}领域有代表性",
                    showcase_method="以岗定责、季察年考")
                head, people, sections = _staff(ctx, names, admin, unit)
                scheme_svc.scheme_approve(actor=head, scheme=_scheme(head, unit, year, sections))
            units.append((unit, head, people, sections))
            points.append(point)
            bar.update(1)
    derived = 0
    for quarter in (1, 2, 3, 4):
        derived += _quarter(rng, units, year, quarter, authority)
        end = routine_svc.quarter_bounds(year, quarter)[1]
        with _at(end - timedelta(days=10)):
            for point in points:
                contact_svc.contact_point_review(
                    actor=authority, point=point, quarter=quarter, visit_on=end - timedelta(days=12),
                    findings="查阅工作写实和正负面清单台账，记实及时、评鉴有据",
                    score=rng.choice((82, 86, 88, 90, 92, 95)),
                    recommendations="进一步细化个性指标")
        bar.update(1)
    # Good units this year had been raised by the authority (the uplift the evaluation decides).
    uplifts = UPLIFTS
    excellent = _annual(units, year, uplifts)
    with _at(date(year, 12, 28)):
        for i, point in enumerate(points):
            retain = i % 5 != 4  # one per field is adjusted out
            contact_svc.contact_point_evaluate(
                actor=authority, point=point, retain=retain,
                evaluation="平时考核扎实有效，予以保留" if retain else "做法特色不明显，调整出联系点名单",
                uplift=5 if retain and point.unit.code in uplifts else 0)
    bar.close()
    return {"assessment_contact_points": len(points), "assessment_s1_items": derived,
            "assessment_excellent": excellent}


def assessment_counts() -> dict[str, int]:
    latest = ContactPoint.objects.order_by("-year").values_list("year", flat=True).first()
    return {
        "assessment_contact_points": ContactPoint.objects.filter(year=latest).count(),
        "assessment_fields": AssessmentField.objects.filter(points__year=latest).distinct().count(),
        "assessment_routine_records": RoutineRecord.objects.count(),
        "assessment_excellent": AnnualAssessment.objects.filter(
            final_grade=AnnualGrade.EXCELLENT).count(),
    }


register_step("assessment", seed_assessment, order=820, label="平时考核（联系点、季度记实、年度等次）")
register_counts(assessment_counts, labels={
    "assessment_contact_points": "平时考核联系点", "assessment_fields": "联系点领域",
    "assessment_routine_records": "季度平时考核记实", "assessment_excellent": "年度考核优秀"})
