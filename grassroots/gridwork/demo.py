"""Demo county: 18 months of grid work, through the real services (DESIGN §1 S1 figures).

Monthly themes (each in season) and month-start reminders for 2025-06 … the current month, and a month-end
report for each of those months that has ended; team seats that begin before the history; visits
that group the visit-channel demands of the demand history (plus visits without demands); 134
training sessions with every secretary trained; volunteer activities with 25,000 participations;
two published pioneer rounds giving 10 pioneers and 22 excellent secretaries, and a third whose
list is on publicity now (grassroots.publicity).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Exists, Min, OuterRef, Q, Sum

from grassroots.core import clock
from grassroots.demands.models import Channel, Demand
from grassroots.demo.registry import SeedContext, register_step
from grassroots.demo.summary import register_counts
from grassroots.orgs.models import Organization, OrganizationKind
from grassroots.people.models import ServiceTeamMember, User
from grassroots.places.models import Division, Grid

from . import months
from .models import (
    Attendance,
    MonthlyReport,
    MonthlyTheme,
    TrainingKind,
    TrainingSession,
    Visit,
    VisitForm,
    VolunteerActivity,
    VolunteerKind,
)
from .services import pioneer, rhythm, training, visits, volunteer

TZ = ZoneInfo("Asia/Shanghai")
FIRST, LAST = "2025-06", "2026-11"
TRAININGS = 134
PARTICIPATIONS = 25000
ACTIVITIES = 900
VISIT_SHARE = 0.55  # grids visited in a month without a recorded demand
PIONEER_CONTACT_PHONE = "0537-8721234"  # the organisation department's supervision line
# The visit theme of each calendar month, in season (Jinxiang: garlic, the "三夏" and the
# autumn harvest, the flood season, the heating season, the Spring Festival).
THEMES = {
    1: ("春节走访慰问", "走访慰问困难群众、老党员和退役军人。"),
    2: ("就业政策宣传", "宣传稳岗就业、技能培训和创业扶持政策，摸排就业困难群众。"),
    3: ("养老服务政策宣传", "走访独居、留守老人，宣传居家养老和高龄补贴政策。"),
    4: ("教育惠民政策宣传", "宣传学生资助、义务教育和职业教育政策。"),
    5: ("三夏生产与农业政策", "帮助群众解决夏收夏种中的困难，宣传惠农补贴。"),
    6: ("创建全国文明城市", "宣传文明城市创建要求，收集人居环境问题。"),
    7: ("汛期安全与防汛排涝", "排查低洼易涝点，宣传汛期安全知识。"),
    8: ("大蒜产业与农产品销售", "了解蒜农种植销售困难，对接收购与冷藏服务。"),
    9: ("反诈宣传进万家", "宣传防范电信网络诈骗知识，收集涉诈线索。"),
    10: ("秋收秋种服务", "帮助缺劳力家庭秋收秋种，解决农机、用水问题。"),
    11: ("冬季取暖与安全生产", "排查取暖安全隐患，关心困难群众过冬。"),
    12: ("医保参保与健康服务", "宣传城乡居民医保参保缴费和家庭医生签约。"),
}


TRAINING_TOPICS = ["民情书记工作职责与走访规范", "民意诉求受理、分级分类与转办流程",
                   "乡村振兴与惠农政策解读", "群众工作方法与矛盾纠纷调解", "平台手机端操作实训",
                   "就业养老医保政策解读"]
# Each topic's kind, as an organisation department would file it: duties and procedure are
# 系统培训, policy readings 政策培训, hands-on work (the phone app, mediating a dispute) 岗位实训.
TRAINING_KINDS = {
    "民情书记工作职责与走访规范": TrainingKind.SYSTEM,
    "民意诉求受理、分级分类与转办流程": TrainingKind.SYSTEM,
    "乡村振兴与惠农政策解读": TrainingKind.POLICY,
    "群众工作方法与矛盾纠纷调解": TrainingKind.ON_THE_JOB,
    "平台手机端操作实训": TrainingKind.ON_THE_JOB,
    "就业养老医保政策解读": TrainingKind.POLICY,
}
SEATED_BEFORE = timedelta(days=20)  # the teams were formed before the history begins


def training_title(n: int, topic: str) -> str:
    """"第3期乡村振兴与惠农政策解读培训"; a topic that already says 实训/培训 keeps its word."""
    return f"第{n}期{topic}" + ("" if topic.endswith(("培训", "实训")) else "培训")


def _actor():
    user = User.objects.filter(is_superuser=True).order_by("pk").first()
    if user is None:
        raise RuntimeError("no platform administrator: run the logins step first")
    return user


def _noon(d: date) -> datetime:
    """9:30 on the day, or now if that has not come yet: the demo never writes the future."""
    return min(datetime.combine(d, time(9, 30), TZ), clock.now())


def _themes(actor, month_list):
    n = 0
    for m in month_list:
        if not MonthlyTheme.objects.filter(month=m).exists():
            title, text = THEMES[months.first_day(m).month]
            with clock.travel(_noon(months.first_day(m)) - timedelta(days=3)):
                rhythm.theme_set(actor=actor, month=m, title=title, description=text)
            n += 1
    return n


def _seat_terms():
    """The builder seats the teams "now"; in the demo they have served since before the first
    month of the history (before any visit). Only on the first build: later seats are real."""
    if Visit.objects.exists():
        return 0
    first = months.first_day(FIRST)
    oldest = Demand.objects.aggregate(at=Min("received_at"))["at"]
    if oldest is not None:  # the demand history (its visit demands become visits)
        first = min(first, oldest.astimezone(TZ).date())
    seated = datetime.combine(first - SEATED_BEFORE, time(9, 0), TZ)
    return ServiceTeamMember.objects.filter(ended_at__isnull=True,
                                            started_at__gt=seated).update(started_at=seated)


def _visits(ctx, actor, month_list):
    if Visit.objects.exists():
        return 0
    rng = ctx.rng("gridwork-visits")
    seats = {}
    for grid_id, person_id in (ServiceTeamMember.objects.filter(ended_at__isnull=True)
                               .values_list("team__grid_id", "person_id").order_by("pk")):
        seats.setdefault(grid_id, []).append(person_id)
    by_user = dict(ServiceTeamMember.objects.filter(ended_at__isnull=True, person__user__isnull=False)
                   .values_list("person__user_id", "person_id"))
    themes = dict(MonthlyTheme.objects.values_list("month", "pk"))
    # One visit per (grid, day) on which the demand history recorded visit demands.
    groups = {}
    for pk, grid_id, at, creator in (Demand.objects.filter(channel=Channel.VISIT,
                                                           grid__isnull=False)
                                     .values_list("pk", "grid_id", "received_at", "created_by_id")
                                     .order_by("received_at")):
        day = at.astimezone(TZ).date()
        g = groups.setdefault((grid_id, day), {"ids": [], "creator": creator})
        g["ids"].append(pk)
    rows, covered = [], set()
    forms = [f for f, _ in VisitForm.choices]
    for (grid_id, day), g in groups.items():
        people = seats.get(grid_id)
        if not people:
            continue
        sec = by_user.get(g["creator"]) or rng.choice(people)
        n = len(g["ids"])
        rows.append({"grid_id": grid_id, "secretary_id": sec, "date": day,
                     "form": rng.choice(forms), "households_met": n + rng.randint(2, 12),
                     "people_met": n * 2 + rng.randint(3, 20),
                     "theme_id": themes.get(months.month_of(day)), "demand_ids": g["ids"],
                     "notes": "走访群众，宣传本月主题政策，收集意见建议。"})
        covered.add((grid_id, months.month_of(day)))
    today = months.today()
    for m in month_list:
        start, end = months.date_bounds(m)
        last = min(end - timedelta(days=1), today)
        # The month under way has the visits of its days so far (up to the demo's today).
        share = VISIT_SHARE * min(1.0, ((last - start).days + 1) / (end - start).days)
        for grid_id, people in seats.items():
            if (grid_id, m) in covered or rng.random() > share or start > last:
                continue
            day = start + timedelta(days=rng.randint(0, (last - start).days))
            rows.append({"grid_id": grid_id, "secretary_id": rng.choice(people), "date": day,
                         "form": rng.choice(forms), "households_met": rng.randint(3, 15),
                         "people_met": rng.randint(5, 30), "theme_id": themes.get(m),
                         "notes": "入户宣传本月主题，群众无新的诉求。"})
    rows.sort(key=lambda r: (r["date"], r["grid_id"]))
    return visits.visits_record_history(actor=actor, rows=rows)


def _trainings(ctx, actor):
    if TrainingSession.objects.exists():
        return 0
    rng = ctx.rng("gridwork-trainings")
    org = (Organization.objects.filter(code="ORGDEPT").first()
           or Organization.objects.filter(kind=OrganizationKind.COUNTY_GOVERNMENT).first())
    towns = list(Organization.objects.filter(kind=OrganizationKind.TOWN).order_by("code"))
    people = list(training.active_secretaries().order_by("pk").values_list("pk", flat=True))
    rng.shuffle(people)
    start = months.first_day(FIRST)
    span = (min(months.today(), months.first_day(LAST) + timedelta(days=27)) - start).days
    # Every secretary is in at least one session; many attend two or three.
    per = -(-len(people) // TRAININGS)
    for i in range(TRAININGS):
        day = start + timedelta(days=span * i // TRAININGS)
        organiser = org if i % 3 == 0 or not towns else towns[i % len(towns)]
        topic = TRAINING_TOPICS[i % len(TRAINING_TOPICS)]
        with clock.travel(_noon(day)):
            session = training.training_create(
                actor=actor, title=training_title(i + 1, topic), kind=TRAINING_KINDS[topic],
                date=day, place=f"{organiser.short_name or organiser.name}会议室",
                topics=topic, trainers="县委组织部、县委党校", organiser=organiser)
            chosen = set(people[i * per:(i + 1) * per])
            chosen.update(rng.sample(people, min(len(people), per)))
            if chosen:
                training.training_attendance_record(actor=actor, session=session, people=chosen)
    return TRAININGS


def _volunteering(ctx, actor):
    if VolunteerActivity.objects.exists():
        return 0
    rng = ctx.rng("gridwork-volunteer")
    grids = list(Grid.objects.select_related("division").order_by("code"))
    villages = list(Division.objects.villages().order_by("code"))
    kinds = [k for k, _ in VolunteerKind.choices]
    weights = [30, 18, 8, 16, 8, 12, 8]
    start = months.first_day(FIRST)
    span = (months.today() - start).days
    counts = [rng.randint(12, 44) for _ in range(ACTIVITIES)]
    counts[-1] += PARTICIPATIONS - sum(counts)  # exactly 25,000 in all
    if counts[-1] < 1:
        counts[-1] = 1
    labels = dict(VolunteerKind.choices)
    for n in counts:
        kind = rng.choices(kinds, weights)[0]
        day = start + timedelta(days=rng.randint(0, span))
        grid = rng.choice(grids) if rng.random() < 0.7 else None
        division = grid.division if grid else rng.choice(villages)
        with clock.travel(_noon(day)):
            volunteer.volunteer_activity_record(
                actor=actor, title=f"{division.name}{labels[kind]}志愿服务", kind=kind, date=day,
                participants_count=n, people_served=n * rng.randint(2, 8), grid=grid,
                division=division)
    return ACTIVITIES


def _pioneer_rounds(ctx, actor):
    from .models import PioneerRound

    if PioneerRound.objects.exists():
        return 0
    rng = ctx.rng("gridwork-pioneer")
    reviewers = list(User.objects.filter(Q(is_superuser=True) | Q(
        person__memberships__role="organization_dept", person__memberships__is_active=True))
        .distinct().order_by("pk")[:5])
    objector = User.objects.filter(person__kind="citizen").order_by("pk").first() or actor
    specs = [("2025年度民情书记“先锋”选树", date(2025, 6, 1), date(2025, 12, 31),
              date(2026, 1, 12)),
             ("2026年上半年民情书记“先锋”选树", date(2026, 1, 1), date(2026, 6, 30),
              date(2026, 7, 13))]
    for title, p0, p1, opened in specs:
        with clock.travel(_noon(opened)):
            rnd = pioneer.round_create(actor=actor, title=title, pioneer_quota=5,
                                       excellent_quota=11, period_start=p0, period_end=p1)
            pioneer.round_transition(actor=actor, round=rnd, action="start_nominating")
            # The towns' nominees are the most active secretaries of the period.
            best = (training.active_secretaries()
                    .annotate(n=Sum("visits__people_met", filter=Q(visits__date__range=(p0, p1))))
                    .filter(n__isnull=False).order_by("-n", "pk")[:24])
            best = list(best) or list(training.active_secretaries().order_by("pk")[:24])
            for i, person in enumerate(best):
                level = "pioneer" if i < 8 else "excellent"
                pioneer.nomination_create(
                    actor=actor, round=rnd, person=person, level=level,
                    reason=f"{person.name}同志扎根网格，走访群众{person.n or 0}人次，"
                           "诉求现场解决率高，群众满意。")
        with clock.travel(_noon(opened + timedelta(days=5))):
            pioneer.round_transition(actor=actor, round=rnd, action="start_review")
            for n in rnd.nominations.all():
                for r in reviewers:
                    pioneer.score_record(actor=r, nomination=n, score=rng.randint(78, 98))
            rnd = pioneer.round_transition(actor=actor, round=rnd, action="publicize",
                                           publicity_ends_on=opened + timedelta(days=12),
                                           contact_phone=PIONEER_CONTACT_PHONE)
        with clock.travel(_noon(opened + timedelta(days=8))):
            first = rnd.nominations.filter(status="selected").order_by("rank").first()
            if first is not None:
                obj = pioneer.objection_file(actor=objector, nomination=first,
                                             text="反映该同志部分走访记录为补录，请核实。")
                pioneer.objection_handle(actor=actor, objection=obj, uphold=False,
                                         resolution="经核实，补录均有走访照片和群众签字，异议不成立。")
        with clock.travel(_noon(opened + timedelta(days=13))):
            pioneer.round_transition(actor=actor, round=rnd, action="publish")
    _round_in_publicity(actor, reviewers, rng)
    return len(specs) + 1


def _round_in_publicity(actor, reviewers, rng):
    """The current round: its list is on publicity now (grassroots.publicity, /publicity/)."""
    from grassroots.publicity.services import period_end

    today = months.today()
    opened, posted = today - timedelta(days=6), today - timedelta(days=1)
    p0, p1 = date(2026, 7, 1), min(today, date(2026, 11, 30))
    with clock.travel(_noon(opened)):
        rnd = pioneer.round_create(actor=actor, title="2026年下半年民情书记“先锋”选树",
                                   pioneer_quota=3, excellent_quota=6, period_start=p0,
                                   period_end=p1)
        pioneer.round_transition(actor=actor, round=rnd, action="start_nominating")
        for i, person in enumerate(training.active_secretaries().order_by("-pk")[:12]):
            pioneer.nomination_create(
                actor=actor, round=rnd, person=person, level="pioneer" if i < 4 else "excellent",
                reason=f"{person.name}同志下半年坚持入户走访，群众诉求办理及时，满意度高。")
    with clock.travel(_noon(posted)):
        pioneer.round_transition(actor=actor, round=rnd, action="start_review")
        for n in rnd.nominations.all():
            for r in reviewers:
                pioneer.score_record(actor=r, nomination=n, score=rng.randint(78, 98))
        pioneer.round_transition(actor=actor, round=rnd, action="publicize",
                                 publicity_ends_on=period_end(posted, 7)[0],
                                 contact_phone=PIONEER_CONTACT_PHONE)


def _month_end_reports(month_list) -> int:
    """Each month that has ended gets its report, compiled when the job would have run (the
    morning of the next month's first day); the current month gets none yet."""
    current = months.month_of(months.today())
    for m in month_list:
        if m < current:
            with clock.travel(_noon(months.first_day(months.next_month(m)))):
                rhythm.month_end_report(month=m)
    return MonthlyReport.objects.count()


def demo_months() -> list[str]:
    """The months of the grid-work history: up to the demo's current month, which has its
    theme, its reminder and its visits so far."""
    return months.month_range(FIRST, max(FIRST, months.month_of(months.today())))


def seed_gridwork(ctx: SeedContext) -> dict[str, int]:
    actor = _actor()
    month_list = demo_months()
    created = {"themes": _themes(actor, month_list)}
    _seat_terms()
    created["visits"] = _visits(ctx, actor, month_list)
    for m in month_list:
        with clock.travel(_noon(months.first_day(m))):
            rhythm.month_start_reminder(month=m)
    created["trainings"] = _trainings(ctx, actor)
    created["volunteer_activities"] = _volunteering(ctx, actor)
    created["pioneer_rounds"] = _pioneer_rounds(ctx, actor)
    created["monthly_reports"] = _month_end_reports(month_list)
    return created


def gridwork_counts() -> dict[str, int]:
    from .services.pioneer import selected_counts

    trained = training.active_secretaries().filter(
        Exists(Attendance.objects.filter(person=OuterRef("pk")))).count()
    return {
        "visits": Visit.objects.count(),
        "trainings": TrainingSession.objects.count(),
        "trained_secretaries": trained,
        "volunteer_participations": VolunteerActivity.objects.aggregate(
            n=Sum("participants_count"))["n"] or 0,
        **selected_counts(),
    }


register_step("gridwork", seed_gridwork, order=600, label="网格工作（走访、主题、培训、志愿、选树）")
register_counts(gridwork_counts, labels={
    "visits": "走访", "trainings": "培训场次", "trained_secretaries": "已参训民情书记",
    "volunteer_participations": "志愿服务人次", "pioneers": "民情书记“先锋”",
    "excellent_secretaries": "优秀民情书记"})

