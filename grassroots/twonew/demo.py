"""Demo county, S6 (issue #23): 金乡经济开发区 with its party committee and its party-mass service
centre (1,000 m², 2 zones, 14 rooms); the register of two-new organisations (every operating
above-size enterprise covered, some zombie and closed ones); 30 "红帆" instructors with visits;
3 secretary training classes; mentors; dual organisational life; the lecturer pool with 50+
lectures; 6 red-team kinds with 30+ solved problems; 20+ worker matters solved; shared
resources; the last year's park entries with their four synchronisations, some still open —
all through the services, with the movable clock for what happened in the past."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from grassroots.core import clock
from grassroots.demo.demo_logins import PASSWORD, DemoLogin, register_login
from grassroots.demo.names import NameBook
from grassroots.demo.registry import SeedContext, register_step
from grassroots.demo.summary import register_counts
from grassroots.orgs.models import Organization
from grassroots.orgs.services import membership_grant
from grassroots.party.models import OrgKind as PartyKind
from grassroots.party.models import PartyMember, PartyOrganisation, PartyPost
from grassroots.party.services import (
    member_transfer,
    organisation_create,
    organisation_update,
    secretary_set,
)
from grassroots.people.models import Person, PersonKind, User
from grassroots.places.models import Division

from . import services as s
from . import stats
from .models import (
    FunctionRoom,
    Instructor,
    Lecture,
    Park,
    ParkStaff,
    RedTeamKind,
    TeamProblem,
    TwoNewOrg,
)
from .models.registry import ParkStaffRole
from .roles import TwoNewRole
from .services.registry import uscc_check_char

PARK = "金乡经济开发区"
COMMITTEE = "中共金乡经济开发区工作委员会"
ROOMS = (
    ("党建活动区", (("政治生日室", "政治生日"), ("党性体检室", "党性体检"), ("入党宣誓厅", "宣誓仪式"),
                ("党史学习室", "党史学习"), ("书记讲堂", "书记讲堂"), ("红帆驿站", "资源共享"),
                ("党员活动室", "主题党日"))),
    ("职工服务区", (("职工书屋", "读书分享"), ("电商培训室", "电商培训"), ("心理咨询室", "心理疏导"),
                ("母婴室", "关爱服务"), ("人才服务室", "人才共育"), ("多功能厅", "知识竞赛"),
                ("议事协商室", "议事协商"))),
)
INDUSTRIES = ("大蒜深加工", "冷链物流", "农业科技", "纺织服装", "包装材料", "机械制造", "电子商务",
              "食品加工")
SUFFIXES = ("食品有限公司", "农业科技有限公司", "冷藏物流有限公司", "包装制品有限公司",
            "机械有限公司", "电子商务有限公司", "纺织有限公司", "生物科技有限公司")
PLACES = ("蒜都", "鑫源", "华光", "宏达", "金正", "恒丰", "鲁西南", "瑞丰", "金禾", "嘉禾", "德润",
          "万隆", "丰源", "金海", "鸿运", "兴业", "汇丰", "福瑞", "东方", "康源", "富民", "盛华",
          "顺达", "永信", "天润", "和泰", "佳和", "润泽", "金穗", "长丰")
LECTURE_TOPICS = ("学习贯彻党的二十大精神", "新时代非公企业党建", "党史中的山东故事", "优化营商环境政策解读",
                  "党支部标准化建设", "中国式现代化与民营经济", "红色家书里的初心", "稳岗就业政策解读")
PROBLEMS = ("蒜片烘干能耗偏高", "冷库温控精度不足", "包装线换型时间长", "出口检测周期长", "设备故障率偏高",
            "污水处理成本高", "电商直播转化率低", "原料损耗率偏高", "分拣效率低", "产品保鲜期短")
MATTERS = ("职工宿舍热水供应不稳定", "上下班通勤公交班次少", "子女暑期托管难", "食堂就餐排队时间长",
           "夜班职工就医不便", "技能培训机会少", "厂区照明不足", "职工书屋图书陈旧")

for _login in (
    DemoLogin("twonew_committee", "两新工委工作人员", "Two-new working committee (county)",
              "全县两新组织登记、两个覆盖统计、指导员与培训班、超期的四同步事项", 93, "孔德胜",
              "13800000093", "ORGDEPT", TwoNewRole.COMMITTEE.value, "县委两新工委专职副书记"),
    DemoLogin("park_officer", "园区党委工作人员", "Park committee officer (金乡经济开发区)",
              "开发区的两新组织、入园“四同步”、红色班组与职工实事", 94, "韩丽",
              "13800000094"),
    DemoLogin("centre_manager", "党群服务中心管理员", "Service-centre manager",
              "开发区党群服务中心的功能室预约与活动", 95, "吕晓梅", "13800000095"),
    DemoLogin("instructor", "党建指导员", "Party-building instructor (红帆)",
              "本人联系的两新组织与走访记录", 96, "葛文军", "13800000096"),
    DemoLogin("lecturer", "党校讲师", "Party-school lecturer", "本人送课记录", 97, "朱雅琴",
              "13800000097"),
):
    register_login(_login)


def _code(n: int) -> str:
    first = f"91370828MA{n:07d}"
    return first + uscc_check_char(first)


def _login_person(ctx, username, name, phone, position):
    password = ctx.cache.setdefault("password_hash", make_password(PASSWORD))
    user = User.objects.create(username=username, password=password, is_demo=True)
    person = Person(name=name, kind=PersonKind.CADRE, user=user, position=position)
    person.set_phone(phone)
    person.save()
    return user, person


def _at(d: date, hour=10) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(hour)))


class _Seed:
    def __init__(self, ctx: SeedContext):
        self.ctx = ctx
        self.rng = ctx.rng("twonew")
        self.names = NameBook(self.rng, reserved=set(
            Person.objects.values_list("name", flat=True)[:5000]))
        self.today = timezone.localdate(clock.now())
        self.n = 0

    def person(self, kind=PersonKind.CADRE, position=""):
        name, gender = self.names.take()
        return Person.objects.create(name=name, gender=gender, kind=kind, position=position)

    def code(self) -> str:
        self.n += 1
        return _code(self.n)

    def day(self, back_from: int, back_to: int) -> date:
        return self.today - timedelta(days=self.rng.randint(back_to, back_from))


def seed_twonew(ctx: SeedContext) -> dict[str, int]:
    if Park.objects.exists():
        return {"twonew_organisations": 0}
    committee = PartyOrganisation.objects.filter(name=COMMITTEE).first()
    if committee is None:
        return {"twonew_organisations": 0}  # the party step did not run
    x = _Seed(ctx)
    town = Division.objects.towns().order_by("code").first()
    org_dept = Organization.objects.filter(code="ORGDEPT").first() or \
        Organization.objects.order_by("pk").first()
    # the logins step makes this one (its spec names an organisation and a role) when it runs
    cu = User.objects.filter(username="twonew_committee").first()
    if cu is None:
        cu, cp = _login_person(ctx, "twonew_committee", "孔德胜", "13800000093",
                               "县委两新工委专职副书记")
        membership_grant(actor=None, person=cp, organization=org_dept,
                         role=TwoNewRole.COMMITTEE, title="县委两新工委专职副书记")
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    park = s.park_create(actor=cu, name=PARK, division=town, committee=committee, level="省级")
    officer, op = _login_person(ctx, "park_officer", "韩丽", "13800000094", "开发区党工委组织委员")
    ParkStaff.objects.create(park=park, person=op, role=ParkStaffRole.OFFICER)
    PartyPost.objects.create(person=op, organisation=committee, title="组织委员")
    _mu, mp = _login_person(ctx, "centre_manager", "吕晓梅", "13800000095", "党群服务中心主任")
    ParkStaff.objects.create(park=park, person=mp, role=ParkStaffRole.CENTRE_MANAGER)
    centre = s.centre_create(actor=officer, park=park, name="金乡经济开发区党群服务中心",
                             area_m2=1000, zones=[
                                 (zone, [(n, p, x.rng.choice((20, 30, 40, 60)), "投影、音响")
                                         for n, p in rooms]) for zone, rooms in ROOMS])
    x.donors = list(PartyMember.objects.filter(
        is_active=True, status="full", organisation__kind=PartyKind.BRANCH,
        organisation__parent__base_type="town", organisation__secretary__isnull=False)
        .exclude(person__in=PartyOrganisation.objects.filter(secretary__isnull=False)
                 .values("secretary")).select_related("person", "organisation")[:90])
    orgs = _register(x, cu, officer, admin, park, committee, town)
    instructors = _instructors(x, ctx, cu, officer, orgs)
    classes = _training(x, cu, officer, orgs)
    _lectures(x, ctx, cu, officer, orgs)
    _teams(x, officer, orgs)
    _centre_use(x, officer, centre, orgs)
    entries = _entries(x, officer, admin, park, committee, town, instructors, classes)
    return {"twonew_organisations": TwoNewOrg.objects.count(), "twonew_entries": entries,
            "twonew_instructors": len(instructors)}


def _found_branch(x, officer, admin, org, committee):
    """An above-size enterprise's own branch, founded in the party tree: three members moved in
    from their village branches (S2's transfers, here party's own service), one the secretary."""
    members, x.donors = x.donors[:3], x.donors[3:]
    branch = organisation_create(actor=officer, name=f"中共{org.name}支部委员会",
                                 kind=PartyKind.BRANCH, parent=committee, field="two_new",
                                 division=org.division, unit=org.organization,
                                 founded_on=x.day(900, 400))
    officer.__dict__.pop("_grassroots_scope", None)  # the new branch is in his subtree now
    for m in members:
        member_transfer(actor=admin, member=m, to_org=branch)
    secretary_set(actor=officer, org=branch, person=members[0].person)
    s.org_survey(actor=officer, org=org, surveyed_on=x.day(200, 30), coverage_mode="own",
                 party_org=branch, full_members=len(members), has_union=True)


def _register(x, cu, officer, admin, park, committee, town):
    """The park's own branches' enterprises (above size, own organisation), the joint branch's
    units, more enterprises of every kind in the park and in the towns."""
    orgs = []
    bar = x.ctx.bar(80, "两新组织")
    for branch in PartyOrganisation.objects.filter(parent=committee, kind=PartyKind.BRANCH,
                                                   is_active=True):
        name = branch.name.removeprefix("中共").removesuffix("支部委员会")
        org = s.org_register(actor=officer, name=name, credit_code=x.code(), division=town,
                             park=park, industry=x.rng.choice(INDUSTRIES),
                             employees=x.rng.randint(120, 600), is_above_size=True,
                             size_basis="工业企业年主营业务收入2000万元以上", size_year=2025,
                             investor=x.names.take()[0], investor_is_member=x.rng.random() < .4)
        full = branch.members.filter(is_active=True, status="full").count()
        s.org_survey(actor=officer, org=org, surveyed_on=x.day(200, 30), coverage_mode="own",
                     party_org=branch, full_members=full, has_union=True,
                     has_cyl=x.rng.random() < .7)
        orgs.append(org)
        bar.update()
    joint = PartyOrganisation.objects.filter(parent=committee, kind=PartyKind.JOINT_BRANCH).first()
    units = []
    for i in range(3):
        org = s.org_register(actor=officer, name=f"金乡县{x.rng.choice(PLACES)}{SUFFIXES[i]}{i + 1}",
                             credit_code=x.code(), division=town, park=park,
                             industry=INDUSTRIES[i], employees=x.rng.randint(15, 60))
        if joint is not None:
            units.append(org.organization)
            s.org_survey(actor=officer, org=org, surveyed_on=x.day(200, 30),
                         coverage_mode="joint", party_org=joint, full_members=x.rng.randint(1, 2))
        orgs.append(org)
        bar.update()
    if joint is not None:
        organisation_update(actor=officer, org=joint, covered_units=units)
    towns = list(Division.objects.towns().order_by("code"))
    statuses = ["operating"] * 16 + ["suspended"] * 2 + ["zombie"] * 2 + ["closed"]
    for i in range(40):
        in_park = i < 18
        status = statuses[i % len(statuses)]
        above = in_park and status == "operating" and i % 5 == 0
        org = s.org_register(
            actor=officer if in_park else cu,
            name=f"{'山东' if above else '金乡县'}{PLACES[i % len(PLACES)]}{SUFFIXES[i % len(SUFFIXES)]}"
                 f"{'' if i < len(PLACES) else '二厂'}",
            credit_code=x.code(), division=town if in_park else towns[i % len(towns)],
            park=park if in_park else None, kind="social_org" if i % 13 == 7 else "enterprise",
            industry=INDUSTRIES[i % len(INDUSTRIES)],
            employees=x.rng.randint(150, 400) if above else x.rng.randint(10, 90),
            is_above_size=above, size_basis="年营业收入达到规模以上标准" if above else "",
            size_year=2025 if above else None, operating_status=status,
            investor=x.names.take()[0])
        if above and len(x.donors) >= 3:
            _found_branch(x, officer, admin, org, committee)
            org.refresh_from_db()
        orgs.append(org)
        bar.update()
    bar.close()
    return orgs


def _instructors(x, ctx, cu, officer, orgs):
    """30 instructors; the units without an organisation get one; visits in the last year."""
    _iu, ip = _login_person(ctx, "instructor", "葛文军", "13800000096", "县直机关党建指导员")
    people = [ip] + [x.person(position="党建指导员") for _ in range(29)]
    sources = ("县直机关", "园区", "退休干部", "镇街")
    result = []
    for i, p in enumerate(people):
        result.append(s.instructor_create(actor=cu, person=p, source=sources[i % 4],
                                          appointed_on=x.today - timedelta(days=400 + i)))
    uncovered = [o for o in orgs if o.coverage_mode == "none"
                 and o.operating_status not in ("closed", "zombie")]
    for i, org in enumerate(uncovered):
        instructor = result[i % len(result)]
        actor = officer if org.park_id else cu
        s.org_assign_instructor(actor=actor, org=org, instructor=instructor)
        for _ in range(x.rng.randint(1, 3)):
            s.visit_record(actor=actor, org=org, visited_on=x.day(300, 1),
                           purpose=x.rng.choice(("founding", "meetings", "development", "policy")),
                           findings="党员人数不足3名，暂不具备单独组建条件", follow_ups="下季度回访")
        if i % 3 == 0:  # instructors with at least one recent visit cover the unit's work
            org.refresh_from_db()
            s.org_survey(actor=actor, org=org, surveyed_on=x.day(120, 10),
                         coverage_mode="instructor_only")
    return result


def _training(x, cu, officer, orgs):
    classes = []
    secretaries = list(PartyOrganisation.objects.filter(
        pk__in=[o.party_org_id for o in orgs if o.party_org_id], secretary__isnull=False)
        .values_list("secretary", flat=True))
    people = list(Person.objects.filter(pk__in=secretaries))
    for n in (1, 2, 3):
        start = x.today - timedelta(days=330 - 100 * n)
        tc = s.class_create(actor=cu, number=n, title=f"两新组织党组织书记培训班（第{n}期）",
                            starts_on=start, ends_on=start + timedelta(days=2), hours=24,
                            venue="金乡县委党校", curriculum="党章党规；支部标准化建设；发展党员程序；两个覆盖")
        classes.append(tc)
        for p in people[n - 1::3]:
            s.trainee_record(actor=cu, training_class=tc, person=p,
                             attended_hours=24 if x.rng.random() < .9 else 16)
    by_secretary = {o.party_org.secretary_id: o for o in orgs
                    if o.party_org_id and o.party_org.secretary_id}
    for i, p in enumerate(people[:8]):
        org = by_secretary.get(p.pk)
        s.mentorship_create(actor=officer if org else cu, mentor=x.person(position="党建导师"),
                            secretary=p, org=org, started_on=x.day(300, 60))
        if org is not None:
            s.dual_life_record(actor=officer, secretary=p, org=org, year=x.today.year,
                               branch_meeting_on=x.today.replace(month=1, day=10 + i),
                               park_meeting_on=x.today.replace(month=1, day=20 + i))
    return classes


def _lectures(x, ctx, cu, officer, orgs):
    _lu, lp = _login_person(ctx, "lecturer", "朱雅琴", "13800000097", "县委党校讲师")
    people = [lp] + [x.person(position="党校讲师") for _ in range(11)]
    lecturers = [s.lecturer_create(actor=cu, person=p, institution="市委党校" if i % 3 == 0
                                   else "县委党校", topics="、".join(LECTURE_TOPICS[i % 8:i % 8 + 2]))
                 for i, p in enumerate(people)]
    hosts = [o for o in orgs if o.park_id and o.operating_status == "operating"]
    for i in range(56):
        host = hosts[i % len(hosts)]
        s.lecture_record(actor=officer, lecturer=lecturers[i % len(lecturers)],
                         given_on=x.day(360, 1), kind=("theory", "policy", "history")[i % 3],
                         topic=LECTURE_TOPICS[i % len(LECTURE_TOPICS)], host=host,
                         audience=x.rng.randint(20, 120))


def _teams(x, officer, orgs):
    RedTeamKind.ensure_defaults()
    kinds = list(RedTeamKind.objects.filter(is_active=True))
    owners = [o for o in orgs if o.is_above_size and o.park_id]
    teams = []
    for i, kind in enumerate(kinds):
        for j in range(2 if i < 3 else 1):
            org = owners[(i + j) % len(owners)]
            leader = x.person(kind=PersonKind.CITIZEN)
            members = [x.person(kind=PersonKind.CITIZEN) for _ in range(x.rng.randint(3, 6))]
            teams.append(s.red_team_create(actor=officer, org=org, kind=kind,
                                           name=f"{org.name[:6]}{kind.name}红色班组",
                                           leader=leader, founded_on=x.day(700, 400),
                                           members=members))
    for i in range(40):
        team = teams[i % len(teams)]
        raised = x.day(360, 40)
        p = s.problem_raise(actor=officer, team=team, title=f"{PROBLEMS[i % len(PROBLEMS)]}（{i + 1}）",
                            raised_on=raised)
        if i < 33:
            s.problem_solve(actor=officer, problem=p,
                            solved_on=min(raised + timedelta(days=x.rng.randint(10, 90)), x.today),
                            benefit="效率提升、成本下降", benefit_yuan=x.rng.randint(2, 80) * 10000)
        elif i < 37:
            s.problem_act(actor=officer, problem=p, action="problem_start")
    park_orgs = [o for o in orgs if o.park_id and o.operating_status == "operating"]
    for i in range(26):
        org = park_orgs[i % len(park_orgs)]
        raised = x.day(330, 20)
        m = s.matter_record(actor=officer, org=org, raised_by=x.names.take()[0],
                            content=f"{MATTERS[i % len(MATTERS)]}，希望园区党委帮助协调解决。",
                            raised_on=raised)
        if i < 22:
            s.matter_solve(actor=officer, matter=m, result="已协调相关部门解决",
                           solved_on=min(raised + timedelta(days=x.rng.randint(3, 20)), x.today))
        elif i < 24:
            s.matter_to_demand(actor=officer, matter=m)
    for i, (name, tag) in enumerate((("“青春党建”红帆驿站", "service"), ("共享实训车间", "talent"),
                                     ("党建联盟议事会", "build"), ("产业链供需对接平台", "develop"))):
        s.resource_share(actor=officer, host=owners[i % len(owners)], name=name, tag=tag,
                         sharing_orgs=park_orgs[i:i + 4], events=x.rng.randint(4, 20))


def _centre_use(x, officer, centre, orgs):
    """Bookings of the past half year (booked the day before, on the movable clock) and the
    activities held in them."""
    rooms = [r for z in centre.zones.all() for r in z.rooms.all()]
    kinds = ("quiz", "confession", "secretary_lecture", "political_birthday", "checkup",
             "reading", "ecommerce")
    hosts = [o for o in orgs if o.park_id and o.operating_status == "operating"]
    for i in range(90):
        room = rooms[i % len(rooms)]
        d = x.today - timedelta(days=180 - 2 * i)
        start = _at(d, 9 if i % 2 else 14)
        with clock.travel(start - timedelta(days=1)):
            booking = s.room_book(actor=officer, room=room, starts_at=start,
                                  ends_at=start + timedelta(hours=2), purpose=room.purpose,
                                  host=hosts[i % len(hosts)])
        if d <= x.today and i % 3 == 0:
            kind = kinds[i % len(kinds)]
            s.activity_record(actor=officer, centre=centre, title=f"{room.purpose}活动",
                              kind=kind, held_on=d, room=room, host=booking.host,
                              participant_count=x.rng.randint(15, 60), booking=booking)


def _entries(x, officer, admin, park, committee, town, instructors, classes) -> int:
    """Enterprises that entered the park in the last year: 6 with their own branch, 2 into the
    joint branch, 2 covered by an instructor, all complete; 3 still open (one overdue, its
    members' relationships not yet transferred)."""
    donors = x.donors
    plan = ("own", "open_founded", "own", "joint", "instructor", "open_surveyed", "own",
            "instructor", "joint", "own", "open_registered", "own", "own")
    joint = PartyOrganisation.objects.filter(parent=committee, kind=PartyKind.JOINT_BRANCH).first()
    n = 0
    for i, kind in enumerate(plan):
        entered = x.today - timedelta(days={"open_founded": 140, "open_surveyed": 20,
                                            "open_registered": 5}.get(kind, 330 - 22 * i))
        full = {"own": 3 + i % 3, "joint": 1, "open_founded": 3, "open_surveyed": 2}.get(kind, 0)
        if len(donors) < full:
            continue  # a small county runs out of members to move
        members, donors = donors[:full], donors[full:]
        with clock.travel(_at(entered)):
            org = s.org_register(actor=officer, name=f"金乡经济开发区入园企业{i + 1}号有限公司",
                                 credit_code=x.code(), division=town, park=park,
                                 industry=x.rng.choice(INDUSTRIES), employees=x.rng.randint(30, 300),
                                 is_above_size=kind == "own" and i % 2 == 0,
                                 size_basis="工业企业年主营业务收入2000万元以上"
                                 if kind == "own" and i % 2 == 0 else "",
                                 size_year=2025 if kind == "own" and i % 2 == 0 else None)
            e = s.entry_register(actor=officer, org=org, park=park, entered_on=entered)
        n += 1
        if kind == "open_registered":
            continue
        with clock.travel(_at(entered + timedelta(days=3))):
            e = s.entry_survey(actor=officer, entry=e, procedures_done_on=entered + timedelta(days=3),
                               members=[{"person": m.person, "is_full": True,
                                         "relationship_at": m.organisation.name}
                                        for m in members])
        if kind == "open_surveyed":
            continue
        step = {"own": "own", "open_founded": "own", "joint": "joint"}.get(kind, "instructor")
        with clock.travel(_at(entered + timedelta(days=5))):
            e = s.entry_plan_coverage(actor=officer, entry=e, plan=step)
        if step == "instructor":
            with clock.travel(_at(entered + timedelta(days=8))):
                s.entry_assign_instructor(actor=officer, entry=e, instructor=instructors[i])
            continue
        if step == "joint":
            with clock.travel(_at(entered + timedelta(days=12))):
                e = s.entry_join_branch(actor=officer, entry=e, branch=joint,
                                        joined_on=entered + timedelta(days=12))
        else:
            for days, fn, kw in ((10, s.entry_apply, "applied_on"), (20, s.entry_approve,
                                 "approved_on"), (30, s.entry_first_meeting, "held_on")):
                with clock.travel(_at(entered + timedelta(days=days))):
                    e = fn(actor=officer, entry=e, **{kw: entered + timedelta(days=days)})
        if kind == "open_founded":
            continue  # relationships still elsewhere: the transfers task is overdue
        # S2's transfers (here the party tree's own service, as the organisation department)
        with clock.travel(_at(entered + timedelta(days=45))):
            for m in members:
                member_transfer(actor=admin, member=m, to_org=e.party_org)
            s.entry_sync_transfers(entry=e)
        e.refresh_from_db()
        if e.status == "transferred":
            with clock.travel(_at(entered + timedelta(days=60))):
                s.entry_select_secretary(actor=officer, entry=e, person=members[0].person,
                                         training_class=classes[i % len(classes)])
    return n


def twonew_counts() -> dict:
    above = stats.above_size_coverage()[0]
    return {
        "twonew_organisations": TwoNewOrg.objects.count(),
        "twonew_instructors": Instructor.objects.filter(is_active=True).count(),
        "twonew_lectures": Lecture.objects.count(),
        "twonew_rooms": FunctionRoom.objects.count(),
        "twonew_red_team_kinds": RedTeamKind.objects.filter(is_active=True).count(),
        "twonew_problems_solved": TeamProblem.objects.filter(status="solved").count(),
        "twonew_above_size_coverage": round(above["rate"], 4) if above["rate"] is not None else 0,
    }


register_step("twonew", seed_twonew, order=840, label="两新组织党建（园区、指导员、红色攻坚队）")
register_counts(twonew_counts, labels={
    "twonew_organisations": "两新组织", "twonew_instructors": "党建指导员",
    "twonew_lectures": "送课进企业", "twonew_rooms": "党群服务中心功能室",
    "twonew_red_team_kinds": "红色班组类别", "twonew_problems_solved": "红色班组攻克难题",
    "twonew_above_size_coverage": "规上企业党组织覆盖率"})
