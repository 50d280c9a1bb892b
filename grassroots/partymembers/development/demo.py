"""Demo county: 发展党员全程纪实 (S2 §4.11). The 16 review departments (county configuration),
1,676 cases completed in the 33 months before today (bulk, demo_history.py), and a live
cohort at every step driven through the real services with the clock moved (walker.py): one
joint-review rejection, one close-relative report awaiting the county, a department finding
awaiting the town's ruling, overdue letters, a late talk, and a few negative-list entries."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from grassroots.demo.demo_logins import DemoLogin, register_login
from grassroots.demo.names import NameBook
from grassroots.demo.registry import SeedContext, register_step
from grassroots.demo.summary import register_counts
from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.orgs.services import membership_grant
from grassroots.party.models import OrgKind, PartyMember, PartyOrganisation
from grassroots.people.models import Person, PersonKind, User
from grassroots.rulesets.checks import add_natural_months
from grassroots.rulesets.selectors import rule_set_in_force

from . import services
from .demo_history import History
from .models import (
    CaseStatus,
    DevelopmentCase,
    NegativeListEntry,
    ReviewCheck,
    ReviewDepartment,
    Step,
)
from .walker import DAYS_TO, Walker, at

COMPLETED = 1676  # 00-common §10 / S2 §4.11: the 33 months before the demo's today
REVIEW_LOGIN = "review_dept"
# (code, name, short name, question): the 16 departments, an inferred composition (S2 §4.1).
DEPARTMENTS = [
    ("D-DISCIPLINE", "中共金乡县纪律检查委员会", "县纪委监委", "是否有违纪违法问题线索或处分记录"),
    ("ORGDEPT", "", "县委组织部", "是否有组织处理记录"),
    ("D-UFWD", "中共金乡县委统一战线工作部", "县委统战部", "是否有宗教信仰或参加宗教活动情况"),
    ("D-POLLAW", "中共金乡县委政法委员会", "县委政法委", "是否涉及重大矛盾纠纷或维稳重点人员"),
    ("D-COURT", "金乡县人民法院", "县法院", "是否有刑事判决或失信被执行记录"),
    ("D-PROCURATORATE", "金乡县人民检察院", "县检察院", "是否有被检察机关处理记录"),
    ("D-POLICE", "", "公安局", "是否有违法犯罪记录"),
    ("D-JUSTICE", "", "司法局", "是否为社区矫正对象"),
    ("D-PETITION", "", "信访局", "是否有非正常上访、缠访闹访记录"),
    ("D-CIVIL", "", "民政局", "是否参与非法社会组织活动"),
    ("D-HRSS", "", "人社局", "是否有拖欠工资等劳动保障违法记录"),
    ("D-HEALTH", "", "卫健局", "是否有违反计划生育政策记录"),
    ("D-NRP", "", "自然资源和规划局", "是否有违法占地、违法建设记录"),
    ("D-ECO", "", "生态环境分局", "是否有环境违法记录"),
    ("D-TAX", "", "税务局", "是否有偷逃税款记录"),
    ("D-SAMR", "", "市场监管局", "是否有严重失信或经营违法记录"),
]
SECTOR_WEIGHTS = [("rural", 30), ("community", 10), ("non_public", 18), ("social_org", 8),
                  ("school", 10), ("hospital", 8), ("organ", 8), ("state_owned", 4),
                  ("other", 4)]
BRANCH_FIELD = {"rural": "rural", "community": "urban_community", "non_public": "two_new",
                "social_org": "two_new", "school": "organ_institution",
                "hospital": "organ_institution", "organ": "organ_institution",
                "state_owned": "organ_institution", "other": "urban_community"}

register_login(DemoLogin(REVIEW_LOGIN, "政审联审部门（公安局）", "Review department (police)",
                         "本部门收到的政审函（只见本部门的问题）", 93, "孙立明", "13800000093",
                         "D-POLICE", "handler", "政工监督室民警"))


def _actor():
    user = User.objects.filter(username="org_dept").first()
    return user or User.objects.filter(is_superuser=True).order_by("pk").first()


def _departments(actor) -> list[ReviewDepartment]:
    made = []
    for order, (code, name, short, question) in enumerate(DEPARTMENTS, start=1):
        org = Organization.objects.filter(code=code).first()
        if org is None:
            org = Organization.objects.create(code=code, name=name or short, short_name=short,
                                              kind=OrganizationKind.DEPARTMENT)
        made.append(services.department_set(actor=actor, organization=org, question=question,
                                            order=order))
    return made


def _answerers(departments, names) -> dict:
    """One user per department to answer the live cohort's letters (the demo login for the
    police; an existing member of the unit, or a new cadre, for the others)."""
    out = {}
    for dept in departments:
        user = (User.objects.filter(username=REVIEW_LOGIN,
                                    person__memberships__organization=dept.organization).first()
                or User.objects.filter(person__memberships__organization=dept.organization,
                                       person__memberships__role="handler").order_by("pk").first())
        if user is None:
            user = User.objects.create(username=f"review_{dept.organization.code.lower()}")
            user.set_unusable_password()
            user.save(update_fields=["password"])
            name, gender = names.take()
            person = Person.objects.create(name=name, gender=gender, kind=PersonKind.CADRE,
                                           user=user)
            membership_grant(actor=None, person=person, organization=dept.organization,
                             role="handler", title="政审联络员")
        out[dept.pk] = user
    return out


def _branches(min_full: int = 3) -> dict[str, list]:
    rows = (PartyOrganisation.objects.filter(kind=OrgKind.BRANCH, special_kind="",
                                             is_active=True)
            .annotate(full=Count("members", filter=Q(members__status="full",
                                                     members__is_active=True)))
            .filter(full__gte=min_full))
    by_field: dict[str, list] = {}
    for org in rows:
        by_field.setdefault(org.field, []).append(org)
    fallback = [o for group in by_field.values() for o in group]
    return {s: by_field.get(BRANCH_FIELD[s]) or fallback for s, _w in SECTOR_WEIGHTS}


def seed_development(ctx: SeedContext) -> dict[str, int]:
    if DevelopmentCase.objects.exists():
        return development_counts()
    rng, actor = ctx.rng("development"), _actor()
    today = timezone.localdate()
    names = NameBook(rng, reserved=set(Person.objects.values_list("name", flat=True)[:20000]))
    departments = _departments(actor)
    branches = _branches()
    if not any(branches.values()) or actor is None:
        return {"party_review_departments": len(departments)}
    members = {org.pk: list(PartyMember.objects.filter(organisation=org, status="full",
                                                       is_active=True)
                            .values_list("person_id", flat=True))
               for group in branches.values() for org in group}
    sectors = rng.choices([s for s, _w in SECTOR_WEIGHTS], [w for _s, w in SECTOR_WEIGHTS],
                          k=COMPLETED)
    sector_branches = {s: branches[s] for s in set(sectors)}
    history = History(rng=rng, rule_set=rule_set_in_force("party.dev", today), actor=actor,
                      names=names, departments=departments, branches=sector_branches,
                      members=members, today=today)
    bar = ctx.bar(COMPLETED + 40, "发展党员全程纪实")
    history.build(sectors, add_natural_months(today, -33) + timedelta(days=3),
                  today - timedelta(days=10), bar)
    live = _live(ctx, rng, actor, departments, names, branches, today, bar)
    bar.close()
    _plans(actor, today)
    return {**development_counts(), "party_development_live": live}


def _live(ctx, rng, actor, departments, names, branches, today, bar) -> int:
    walker = Walker(actor, _answerers(departments, names))
    village = [o for o in branches["rural"] + branches["community"]
               if o.full >= 5] or branches["rural"]
    made = 0

    def new_case(step, *, days_extra=0, sector=None, **kw):
        nonlocal made
        org = rng.choice(village)
        sector = sector or ("rural" if org.field == "rural" else "community")
        margin = 3 if DAYS_TO[step] < 300 else 25  # publicity over a holiday takes longer
        applied = today - timedelta(days=DAYS_TO[step] + margin + days_extra
                                    + rng.randint(0, 10))
        name, gender = names.take()
        person = Person.objects.create(name=name, gender=gender, kind=PersonKind.CITIZEN)
        with at(applied):
            case = services.case_apply(
                actor=actor, person=person, organisation=org, sector=sector,
                birth_date=applied.replace(year=applied.year - rng.randint(20, 34), day=1),
                applied_on=applied, gender=gender, ethnicity="汉族",
                education=rng.choice(("大学本科", "大专", "高中")),
                job=f"{org.division.name if org.division else ''}村民", **kw)
        case, _day = walker.walk(case, step)
        made += 1
        bar.update(1)
        return case

    for step in DAYS_TO:
        new_case(step)
    new_case(Step.APPLIED, days_extra=45)  # the talk is overdue: the town organiser's list
    # A close relative of the branch secretary: the report awaits the county's decision.
    org_with_secretary = next((o for o in village if o.secretary_id), None)
    if org_with_secretary is not None:
        person = Person.objects.create(name=names.take()[0], kind=PersonKind.CITIZEN)
        applied = today - timedelta(days=20)
        with at(applied):
            case = services.case_apply(
                actor=actor, person=person, organisation=org_with_secretary, sector="rural",
                birth_date=applied.replace(year=applied.year - 26, day=1), applied_on=applied,
                gender="女", relative_official=org_with_secretary.secretary,
                relative_post="村党支部书记", relation="子女")
        with at(applied + timedelta(days=5)):
            services.close_relative_act(actor=actor, report=case.close_relative_report,
                                        action="dev_cr_inspect",
                                        note="入党动机端正，现实表现良好，群众公认度较高")
        made += 1
    # A joint-review rejection: back to cultivation, with a negative-list entry.
    case = new_case(Step.CANDIDATE_PUBLICISED, sector="rural")
    day = timezone.localdate() - timedelta(days=1)
    with at(day):
        review = services.joint_review_request(actor=actor, case=case, on=day)
        services.joint_review_act(actor=actor, review=review, action="dev_jr_town",
                                  opinion="同意上报", on=day)
        services.joint_review_act(actor=actor, review=review, action="dev_jr_reject",
                                  opinion="群众反映其参与邻里纠纷较多，建议继续培养考察", on=day)
    # The review letters of a recent target: some departments late, one finding to rule on.
    case = new_case(Step.INTRODUCERS, days_extra=12)
    sent = today - timedelta(days=12)
    if case.step == Step.INTRODUCERS and not ReviewCheck.objects.filter(case=case).exists():
        with at(max(sent, case.records.order_by("-done_on").first().done_on)):
            services.review_dispatch(actor=actor, case=case)
        checks = list(ReviewCheck.objects.filter(case=case).select_related("department"))
        answerers = walker.answerers
        for check in checks[:10]:
            with at(today - timedelta(days=2)):
                services.review_answer(actor=answerers[check.department_id], check=check,
                                       answer="no_problem")
        with at(today - timedelta(days=1)):
            services.review_answer(actor=answerers[checks[10].department_id], check=checks[10],
                                   answer="problem", finding="2023年因邻里纠纷被治安调解一次")
    _negatives(actor, today)
    return made


def _negatives(actor, today):
    towns = list(PartyOrganisation.objects.filter(kind=OrgKind.BASE_COMMITTEE,
                                                  base_type="town").order_by("path")[:3])
    entries = [("overdue", "档案审核", "3名预备党员转正后超过1个月未归档"),
               ("materials", "专项检查", "发展对象政审材料缺少直系亲属情况"),
               ("procedure", "群众反映", "支部大会讨论接收时到会人数记录不清")]
    for town, (category, source, text) in zip(towns, entries, strict=False):
        entry = services.negative_create(
            actor=actor, town=town, category=category, source=source, description=text,
            rectification_due_on=today + timedelta(days=30), on=today - timedelta(days=20))
        if category == "procedure":
            services.negative_close(actor=actor, entry=entry, rectification="已补正会议记录",
                                    accountability="提醒谈话")


def _plans(actor, today):
    root = PartyOrganisation.objects.filter(kind=OrgKind.COUNTY_COMMITTEE).first()
    if root is None:
        return
    services.plan_set(actor=actor, year=today.year, organisation=root, quota=620,
                      quota_by_sector={"rural": 190, "non_public": 110, "social_org": 50})
    for town in PartyOrganisation.objects.filter(kind=OrgKind.BASE_COMMITTEE, base_type="town"):
        services.plan_set(actor=actor, year=today.year, organisation=town, quota=40)


def development_counts() -> dict[str, int]:
    row = DevelopmentCase.objects.aggregate(
        developed=Count("pk", filter=Q(status=CaseStatus.COMPLETED)),
        open=Count("pk", filter=Q(status__in=(CaseStatus.ACTIVE, CaseStatus.SUSPENDED))))
    return {"party_developed": row["developed"], "party_development_open": row["open"],
            "party_review_departments": ReviewDepartment.objects.filter(is_active=True).count(),
            "party_negative_entries": NegativeListEntry.objects.count()}


register_counts(development_counts, labels={
    "party_developed": "已完成发展党员（近33个月）", "party_development_open": "发展党员办理中",
    "party_review_departments": "政审联审部门", "party_negative_entries": "负面清单条目"})
register_step("development", seed_development, order=760, label="发展党员全程纪实")
