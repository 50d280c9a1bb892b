"""Demo: sci-tech town heads in several towns (platforms, followed projects, follow-up visits,
one rotation, one assessed and extended), training bases with courses and enrolments, and
five incubated projects with their results — through the real services."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from grassroots.core import clock
from grassroots.people.models import Person, PersonKind, User
from grassroots.places.models import Division

from .models import IncubationCase, RuralTalent, SciTechPost, TrainingBase
from .services import scitech, setup, training

HEADS = [  # expert, institution, title, rank, doctorate, age, specialty, platform
    ("杜明远", "山东农业大学", "教授", 3, True, 44, "设施蔬菜", ("设施蔬菜专家工作站", "station")),
    ("姜海燕", "山东省农业科学院", "副研究员", 2, True, 38, "畜禽养殖", ("芦花鸡繁育实验基地", "base")),
    ("任志刚", "青岛农业大学", "副教授", 2, False, 41, "农产品加工", ("大蒜深加工联合研发中心", "centre")),
    ("鲍文静", "济宁学院", "博士", 1, True, 33, "农业电商", ("农村电商专家服务站", "service")),
]
BASES = [  # name, specialty, operator
    ("次邱芦花鸡合作社实训基地", "芦花鸡养殖", "次邱芦花鸡合作社"),
    ("义桥乡村振兴培训基地", "乡村振兴综合培训", "义桥乡村振兴培训中心"),
    ("道立种植专业合作社实训基地", "粮食与蔬菜种植", "道立种植专业合作社"),
]
INCUBATIONS = [  # project, support, result
    ("郭楼镇古郕村田园综合体", "场地、创业导师、贷款贴息", "建成采摘园和民宿，年接待游客3万人次，带动62户增收"),
    ("芦花鸡生态散养与冷链配送", "技术指导、冷链补贴", "年出栏芦花鸡12万只，销售额900万元"),
    ("大蒜脱毒种苗繁育", "科技镇长跟踪指导、实验基地", "繁育脱毒蒜种800亩，亩增产15%"),
    ("农产品直播电商服务站", "电商培训、场地免租", "年销售农产品1500万元，培训主播40人"),
    ("农机社会化服务合作社", "农机购置补贴、贷款贴息", "托管服务面积2.1万亩，服务农户1300户"),
]


def _at(day: date):
    return clock.travel(timezone.make_aware(datetime.combine(day, time(10))))


def seed_scitech_and_training(ctx) -> dict[str, int]:  # ctx: demo.registry.SeedContext
    if SciTechPost.objects.exists():
        return {"talent_scitech_heads": SciTechPost.objects.count()}
    rng = ctx.rng("talent-scitech")
    office = User.objects.get(username="talent_office")
    science = User.objects.get(username="talent_science")
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    towns = list(Division.objects.towns().order_by("code"))
    today = timezone.localdate()
    start = today - timedelta(days=300)
    talents = list(RuralTalent.objects.select_related("person").order_by("pk"))
    posts = []
    with _at(start):
        for i, (name, inst, title, rank, phd, age, spec, _platform) in enumerate(HEADS):
            expert = Person.objects.create(name=name, kind=PersonKind.CADRE,
                                           position=f"{inst}{title}")
            post = scitech.post_nominate(
                actor=science, expert=expert, institution=inst, expert_title=title,
                title_rank=rank, has_doctorate=phd, work_years=age - 27, specialty=spec,
                birth_date=date(today.year - age, 3, 1), town=towns[i % len(towns)],
                batch=f"{today.year - 1}年第一批", duties="分管科技、产业、人才和产学研合作")
            for action in ("scitech_match", "scitech_appoint", "scitech_start"):
                post = scitech.post_transition(actor=science, post=post, action=action)
            posts.append(post)
    visits = 0
    for i, post in enumerate(posts):
        with _at(start + timedelta(days=20)):
            name, kind = HEADS[i][7]
            scitech.platform_create(actor=science, post=post, name=name, kind=kind,
                                    partner=HEADS[i][1], established_on=start + timedelta(days=20))
            owners = talents[i * 3:i * 3 + 2] or talents[:2]
            projects = [scitech.project_follow(actor=science, post=post, owner=owner,
                                               name=f"{owner.person.name}{HEADS[i][6]}项目",
                                               industry=HEADS[i][6], stage="推广")
                        for owner in owners]
        for month in range(1, 9):
            day = start + timedelta(days=30 * month + rng.randint(0, 10))
            with _at(day):
                for project in projects:
                    scitech.follow_up_record(
                        actor=science, post=post, project=project, visited_on=day,
                        form="on_site" if rng.random() < 0.7 else "remote",
                        advice="现场查看长势，讲解病虫害绿色防控和水肥管理要点。",
                        problems="部分地块排水不畅" if rng.random() < 0.4 else "",
                        problems_solved=rng.randint(0, 2), next_step="下月回访，检查整改效果")
                    visits += 1
    with _at(start + timedelta(days=150)):
        scitech.post_rotate(actor=science, post=posts[0], to_town=towns[-1],
                            start_on=start + timedelta(days=150),
                            end_on=start + timedelta(days=240), purpose="科技镇长团轮岗交流设施蔬菜技术")
    with _at(posts[1].term_end - timedelta(days=5) if posts[1].term_end <= today
             else today - timedelta(days=1)):
        scitech.post_transition(actor=science, post=posts[1], action="scitech_assess",
                                assessment="优秀")
        scitech.post_transition(actor=science, post=posts[1], action="scitech_extend")
    bases = _bases(office, towns, talents, rng, start, today)
    incubated = _incubations(office, admin, towns, talents, start)
    return {"talent_scitech_heads": len(posts), "talent_follow_ups": visits,
            "talent_training_bases": bases, "talent_incubated_projects": incubated}


def _bases(office, towns, talents, rng, start, today) -> int:
    with _at(start):
        bases = [training.base_create(actor=office, name=name, town=towns[i % len(towns)],
                                      specialty=spec, operator=operator, capacity=80)
                 for i, (name, spec, operator) in enumerate(BASES)]
        bases = [training.base_transition(actor=office, base=b, action="base_recognise")
                 for b in bases]
    for i, base in enumerate(bases):
        for n in range(3):
            day = start + timedelta(days=40 + 60 * n + i * 5)
            with _at(day):
                course = training.course_create(
                    actor=office, base=base, title=f"{base.specialty}实操第{n + 1}期",
                    mode="offline" if n else "blended", practice=bool(n),
                    lecturer=("王守田", "李书记", "张能手")[n],
                    lecturer_kind=("expert", "secretary", "achiever")[n], hours=8, held_on=day)
                for talent in rng.sample(talents, min(6, len(talents))):
                    hours = rng.choice((8, 8, 6, 4))
                    training.enrollment_record(actor=office, course=course, talent=talent,
                                               attended_hours=hours, passed=hours >= 6)
    with _at(today - timedelta(days=15)):
        online = training.course_create(actor=office, base=None, title="云课堂：乡村振兴政策解读",
                                        mode="online", practice=False, lecturer="县委党校",
                                        lecturer_kind="expert", hours=2,
                                        held_on=today - timedelta(days=15))
        for talent in talents:
            training.enrollment_record(actor=office, course=online, talent=talent,
                                       attended_hours=2, passed=True)
    return TrainingBase.objects.count()


def _incubations(office, admin, towns, talents, start) -> int:
    for i, (project, support, outcome) in enumerate(INCUBATIONS):
        talent = talents[-(i + 1)] if len(talents) > i else None
        if talent is None:
            with _at(start):
                talent = setup.talent_register(
                    actor=admin, person=Person.objects.create(name=f"创业者{i}",
                                                              kind=PersonKind.CITIZEN),
                    town=towns[i % len(towns)], category="management")
        with _at(start + timedelta(days=10 * i)):
            case = training.incubation_create(
                actor=office, talent=talent, project=project, support_items=support,
                policy_benefits="返乡创业担保贷款、场地租金减免", started_on=start + timedelta(days=10 * i))
        with _at(start + timedelta(days=120 + 10 * i)):
            training.incubation_milestone(actor=office, case=case,
                                          on=start + timedelta(days=120 + 10 * i),
                                          what="完成注册并投产运营", stage="operating")
        with _at(start + timedelta(days=240 + 10 * i)):
            training.incubation_milestone(actor=office, case=case,
                                          on=start + timedelta(days=240 + 10 * i),
                                          what="取得阶段性成效，出园发展", stage="graduated",
                                          outcome=outcome)
    return IncubationCase.objects.count()
