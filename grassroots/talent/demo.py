"""Demo county: rural talent (issue #21), through the real services with the movable clock.

Last year's title round of the county committee (junior, intermediate and senior awards: one
applicant found ineligible, one refused by the committee's vote, one beyond the intermediate
quota, an objection during the publicity dismissed), the titles awarded with certificate numbers
and priority flags, the subsidies paid; this year's round open for applications (the demo farmer
has a draft). The sci-tech town heads, training bases and incubated projects come from
``demo_more.py`` helpers of the same step."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from grassroots.core import clock
from grassroots.core.scope import Role
from grassroots.demo.demo_logins import PASSWORD, DemoLogin, register_login
from grassroots.demo.registry import SeedContext, register_step
from grassroots.demo.summary import register_counts
from grassroots.orgs.models import Membership, Organization
from grassroots.orgs.services import membership_grant
from grassroots.people.models import Person, PersonKind, User
from grassroots.places.models import Division
from grassroots.publicity.gate import publicity_of
from grassroots.publicity.services import objection_receive, objection_transition

from .models import (
    Application,
    ApplicationStatus,
    Committee,
    EvaluationRound,
    Specialty,
    TitleAward,
    TitleLevel,
)
from .roles import TalentRole
from .selectors import subsidies_paid_yuan
from .services import applications, award, review, setup

AGRI, HRSS, ORGDEPT = "D-AGRI", "D-HRSS", "ORGDEPT"
COMMITTEE = "金乡县新型职业农民职称评审委员会"
CONTACT = "0537-8726301"

for _login in (
    DemoLogin("talent_secretariat", "职称评审办公室（农业农村局）", "Title secretariat (agriculture bureau)",
              "职称评审：资格审查、分配专家、评审会表决、结果公示", 720, "孔繁荣", "13800000720",
              AGRI, TalentRole.TITLE_SECRETARIAT, "农业农村局科教科科长"),
    DemoLogin("talent_hr", "人社局职称科", "HR bureau title section",
              "授予职称、发放一次性补助", 721, "颜秀梅", "13800000721", HRSS,
              TalentRole.HR_BUREAU, "人社局专业技术人员管理科"),
    DemoLogin("talent_office", "县委人才办", "County talent office",
              "乡村人才工作全县情况（只读）与统计", 722, "曾宪文", "13800000722", ORGDEPT,
              TalentRole.TALENT_OFFICE, "县委人才工作领导小组办公室"),
    DemoLogin("talent_science", "科技局人才科", "Science bureau",
              "科技副镇长：推荐、任命、轮岗、考核；平台与项目跟踪", 725, "厉永刚", "13800000725",
              "D-SCI", TalentRole.SCIENCE_BUREAU, "科技局人才科科长"),
    DemoLogin("talent_expert", "职称评审专家", "Title committee expert",
              "分配给本人的职称申报：评分、回避", 723, "闵庆华", "13800000723"),
    DemoLogin("talent_farmer", "职称申报人（农民）", "Title applicant (farmer)",
              "本人的乡土人才登记与职称申报（手机）", 724, "仲广田", "13800000724"),
):
    register_login(_login)

# name, level code, speciality code, years, households, category, cooperative, outcome
APPLICANTS = [
    ("仲广田", "ws_junior", "planting", 6, 30, "planting", "金乡大蒜种植专业合作社", "award"),
    ("卜庆华", "ws_junior", "breeding", 5, 25, "breeding", "", "award"),
    ("端木兰", "ws_junior", "processing", 4, 15, "processing", "蒜都食品加工合作社", "award"),
    ("冉德胜", "ws_junior", "planting", 7, 40, "planting", "", "award"),
    ("颛孙勇", "ws_junior", "social_service", 5, 60, "service", "农机作业服务队", "award"),
    ("言春生", "ws_junior", "planting", 2, 8, "planting", "", "ineligible"),
    ("有秀云", "ws_junior", "breeding", 4, 12, "breeding", "", "vote_fail"),
    ("闵宪章", "ws_intermediate", "planting", 9, 80, "planting", "金乡辣椒种植专业合作社", "award"),
    ("子车明", "ws_intermediate", "breeding", 8, 60, "breeding", "次邱芦花鸡合作社", "award"),
    ("公西娟", "ws_intermediate", "processing", 10, 120, "processing", "", "award"),
    ("漆雕亮", "ws_intermediate", "social_service", 8, 90, "service", "", "award"),
    ("司马平", "ws_intermediate", "planting", 6, 35, "planting", "", "over_quota"),
    ("巫马成", "ws_senior", "planting", 15, 300, "management", "道立种植专业合作社", "award"),
    ("乐正华", "ws_senior", "breeding", 12, 200, "breeding", "", "award"),
]
EXPERTS = [("闵庆华", "planting", "正高级农艺师"), ("孔令军", "planting", "高级农艺师"),
           ("东方红", "breeding", "高级畜牧师"), ("宰父强", "processing", "高级工程师"),
           ("林世伟", "social_service", "高级农艺师"), ("商晓梅", "planting", "高级农艺师"),
           ("尉迟海", "breeding", "正高级畜牧师")]


def _at(day: date, hour: int = 10):
    return clock.travel(timezone.make_aware(datetime.combine(day, time(hour))))


def _person(name: str, kind: str, *, username: str, phone: str = "", password: str) -> Person:
    """A person with a login (experts score through their own account; the demo ones with
    the demo password, the others with an unusable one)."""
    user = User.objects.create(username=username, password=password, is_demo=True)
    person = Person(name=name, kind=kind, user=user)
    if phone:
        person.set_phone(phone)
    person.save()
    return person


def _users():
    sec = User.objects.get(username="talent_secretariat")
    agri = Organization.objects.get(code=AGRI)
    # The secretariat posts the bureau's publicities: it is a handler of the bureau too.
    if not Membership.objects.filter(person=sec.person, organization=agri, role=Role.HANDLER,
                                     is_active=True).exists():
        membership_grant(actor=None, person=sec.person, organization=agri, role=Role.HANDLER,
                         title="职称评审办公室")
    return sec, User.objects.get(username="talent_hr")


def seed_titles(ctx: SeedContext) -> dict[str, int]:
    if Committee.objects.filter(name=COMMITTEE).exists():
        return {"talent_titles_awarded": TitleAward.objects.count()}
    rng = ctx.rng("talent")
    password = ctx.cache.setdefault("password_hash", make_password(PASSWORD))
    sec, hr = _users()
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    today = timezone.localdate()
    last = today.year - 1
    levels = {lv.code: lv for lv in TitleLevel.objects.filter(scheme="wenshang")}
    specs = {s.code: s for s in Specialty.objects.all()}
    towns = list(Division.objects.towns().order_by("code"))
    with _at(date(last, 1, 5)):
        committee = setup.committee_create(
            actor=sec, name=COMMITTEE, secretariat=Organization.objects.get(code=AGRI),
            levels=list(levels.values()), filed_with="金乡县人力资源和社会保障局")
        experts = []
        for i, (name, spec, title) in enumerate(EXPERTS):
            person = _person(name, PersonKind.CADRE,
                             username="talent_expert" if i == 0 else f"talent_expert_{i}",
                             phone="13800000723" if i == 0 else "",
                             password=password if i == 0 else "!")
            experts.append(setup.expert_appoint(
                actor=sec, committee=committee, person=person, specialty=specs[spec],
                term_from=date(last, 1, 1), term_to=date(last + 2, 12, 31), title=title,
                cooperative="" if i else "县农业技术推广中心"))
        rnd = setup.round_create(
            actor=sec, committee=committee, year=last, apply_from=date(last, 3, 1),
            apply_to=date(last, 3, 31), specialties=list(specs.values()),
            quotas={levels["ws_junior"]: 6, levels["ws_intermediate"]: 4,
                    levels["ws_senior"]: 2})
    files = []
    with _at(date(last, 3, 10)):
        for i, (name, level, spec, years, households, category, coop, outcome) in \
                enumerate(APPLICANTS):
            person = (_person(name, PersonKind.CITIZEN, username="talent_farmer",
                              phone="13800000724", password=password) if i == 0
                      else Person.objects.create(name=name, kind=PersonKind.CITIZEN))
            talent = setup.talent_register(
                actor=admin, person=person, town=towns[i % len(towns)], category=category,
                cooperative=coop, scale=f"{rng.randint(30, 300)}亩" if category == "planting"
                else "", skills="")
            application = applications.application_create(
                actor=admin, round=rnd, talent=talent, level=levels[level],
                specialty=specs[spec], years_in_production=years, households_driven=households,
                achievements=f"从事{specs[spec].name}{years}年，带动{households}户农户增收，"
                             "推广新品种新技术，示范带动作用明显。")
            applications.application_transition(actor=admin, application=application,
                                                action="application_submit")
            files.append((application, outcome))
    with _at(date(last, 3, 20)):
        for application, _outcome in files:
            applications.application_transition(actor=admin, application=application,
                                                action="application_recommend")
    with _at(date(last, 4, 10)):
        for application, _outcome in files:
            applications.application_check(actor=sec, application=application)
    scored = [(a, o) for a, o in files if o != "ineligible"]
    with _at(date(last, 5, 15)):
        for application, outcome in scored:
            panel = [e for e in experts if not review.conflict_of(e, application)][:3]
            base = 62 if outcome == "vote_fail" else (70 if outcome == "over_quota" else 80)
            for expert in panel:
                review.expert_assign(actor=sec, application=application, expert=expert)
            for stage in ("showcase", "interview"):
                for expert in panel:
                    review.score_record(actor=expert.person.user,
                                        application=application, stage=stage,
                                        score=base + rng.randint(0, 15))
                review.stage_close(actor=sec, application=application, stage=stage)
    with _at(date(last, 5, 20)):
        for application, outcome in scored:
            yes = 4 if outcome == "vote_fail" else 6 + rng.randint(0, 1)
            review.committee_vote(actor=sec, application=application, present=7, yes=yes,
                                  no=7 - yes, abstain=0)
    with _at(date(last, 5, 25)):
        listed = award.round_publicise(actor=sec, round=rnd, contact_phone=CONTACT)
        publicity = publicity_of(rnd)
        objection, _created = objection_receive(
            actor=sec, publicity=publicity, channel="phone", entry_key=f"a{listed[0].pk}",
            content="反映该申报人种植面积与申报材料不一致，请核实。")
    with _at(date(last, 5, 28)):
        objection_transition(actor=sec, objection=objection, action="objection_investigate")
        objection_transition(actor=sec, objection=objection, action="objection_dismiss",
                             finding="经实地核查，种植面积与申报材料一致，异议不成立。")
    with _at(publicity.end_on + timedelta(days=3)):
        for application in listed:
            award.title_award(actor=hr, application=application)
    with _at(publicity.end_on + timedelta(days=30)):
        for application in listed:
            if application.level.subsidy_yuan:
                award.subsidy_pay(actor=hr, application=application,
                                  bank_ref=f"JX{last}{application.pk:05d}")
    _this_year(sec, committee, levels, specs, today)
    return {"talent_titles_awarded": TitleAward.objects.count(),
            "talent_subsidies_paid_yuan": subsidies_paid_yuan()}


def _this_year(sec, committee, levels, specs, today):
    """This year's round is open; the demo farmer has drafted his intermediate application."""
    rnd = setup.round_create(
        actor=sec, committee=committee, year=today.year, apply_from=today - timedelta(days=10),
        apply_to=today + timedelta(days=30), specialties=list(specs.values()),
        quotas={levels["ws_junior"]: 6, levels["ws_intermediate"]: 4})
    farmer = User.objects.get(username="talent_farmer")
    applications.application_create(
        actor=farmer, round=rnd, talent=farmer.person.rural_talent,
        level=levels["ws_intermediate"], specialty=specs["planting"], years_in_production=7,
        households_driven=45, achievements="种植大蒜一百二十亩，引进脱毒蒜种，带动45户增收。")


def seed_talent(ctx: SeedContext) -> dict[str, int]:
    counts = seed_titles(ctx)
    from .demo_more import seed_scitech_and_training

    counts.update(seed_scitech_and_training(ctx))
    return counts


register_step("talent", seed_talent, order=720, label="乡村人才（科技副镇长、培训基地、职称评定）")


@register_counts(labels={"talent_titles_awarded": "职称授予人数",
                         "talent_subsidies_paid_yuan": "职称补助发放金额（元）",
                         "talent_scitech_heads": "科技副镇长",
                         "talent_training_bases": "实训基地",
                         "talent_incubated_projects": "孵化项目"})
def talent_counts() -> dict[str, int]:
    from .models import IncubationCase, SciTechPost, TrainingBase

    return {"talent_scitech_heads": SciTechPost.objects.count(),
            "talent_training_bases": TrainingBase.objects.count(),
            "talent_incubated_projects": IncubationCase.objects.count(),
            "talent_titles_awarded": TitleAward.objects.count(),
            "talent_subsidies_paid_yuan": subsidies_paid_yuan(),
            "talent_applications": Application.objects.exclude(
                status=ApplicationStatus.DRAFT).count(),
            "talent_rounds": EvaluationRound.objects.count()}
