"""Demo county: 一网督考 over the demand history, produced by the real jobs and services.

Runs after the demand history (order 450). Month by month, in the order things happen: the
month-start bulletin job on the 1st (a bulletin per complete month, published by the supervisor
on the 3rd), then supervision notices to units on that bulletin's late list on the 4th — so each
bulletin's table of notices issued lists the previous month's notices, and notice numbers follow
their issue dates. The deadline watch runs now (it drafts notices for long-overdue open
assignments); its drafts are issued last, so they take the year's next numbers. Notices reach
the county's reported 31 in all; then special reports on the recurring topics up to 24 and a few
special-topic meetings. Counts: bulletins, supervision_notices, special_reports.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password

from grassroots.core import clock
from grassroots.core.scope import Role
from grassroots.demo.registry import SeedContext, register_step
from grassroots.demo.summary import register_counts
from grassroots.documents.gbdocx import cn_span
from grassroots.orgs.services import membership_grant

TZ = ZoneInfo("Asia/Shanghai")
TARGET_NOTICES = 31
TARGET_REPORTS = 24
# (title, category code prefix or None, keywords) — the county's recurring topics (DESIGN §1 S1)
TOPICS = [
    ("老城区水压低问题", None, "水压"),
    ("雨季排水防涝问题", None, "排水 积水 内涝"),
    ("物业管理问题", None, "物业"),
    ("人居环境整治问题", None, "垃圾 环境 卫生"),
    ("道路及路灯设施问题", None, "路灯 道路"),
    ("供暖及燃气问题", None, "供暖 燃气"),
]
# The units a special meeting on each topic brings together, the lead (牵头) first — the
# departments a county would call on that topic (codes of demo.data.jinxiang.UNITS).
MEETING_UNITS = {
    "老城区水压低问题": ("E-WATER", "D-WATER", "D-HOUSING"),
    "雨季排水防涝问题": ("D-HOUSING", "D-WATER", "D-EMERGENCY"),
    "物业管理问题": ("D-HOUSING", "D-SAMR", "D-ENFORCE"),
    "人居环境整治问题": ("D-AGRI", "D-ECO", "D-ENFORCE"),
    "道路及路灯设施问题": ("D-TRANSPORT", "D-ENFORCE", "E-POWER"),
    "供暖及燃气问题": ("E-HEAT", "E-GAS", "D-HOUSING"),
}


def meeting_units(title: str, units: list) -> list:
    """The topic's units in the county (lead first); any the county lacks are left out."""
    by_code = {u.code: u for u in units}
    return [by_code[c] for c in MEETING_UNITS.get(title, ()) if c in by_code]


def _supervisor():
    from grassroots.orgs.models import Membership, Organization, OrganizationKind
    from grassroots.people.models import Person, PersonKind, User

    m = Membership.objects.filter(role=Role.SUPERVISOR, is_active=True,
                                  person__user__isnull=False).select_related("person__user") \
        .order_by("pk").first()
    if m is not None:
        return m.person.user
    office = Organization.objects.filter(kind=OrganizationKind.SUPERVISION_OFFICE).first()
    user = User.objects.create(username="sup_demo_office", password=make_password(None),
                               is_demo=True)
    person = Person.objects.create(name="督查室（演示）", kind=PersonKind.CADRE, user=user)
    membership_grant(actor=None, person=person, organization=office, role=Role.SUPERVISOR)
    return user


def _month_range(first: date, last: date):
    y, m = first.year, first.month
    while date(y, m, 1) <= last:
        yield date(y, m, 1)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def _history_bounds():
    from django.db.models import Max, Min

    from grassroots.demands.models import Demand

    b = Demand.objects.aggregate(first=Min("received_at"), last=Max("received_at"))
    if b["first"] is None:
        return None, None
    return b["first"].astimezone(TZ).date(), b["last"].astimezone(TZ).date()


def seed_supervision(ctx: SeedContext) -> dict:
    from grassroots.supervision.models import Bulletin, SupervisionNotice
    from grassroots.supervision.services.notices import notice_issue
    from grassroots.supervision.services.watch import deadline_watch

    first, _last = _history_bounds()
    if first is None:
        return {}
    supervisor = _supervisor()
    today = clock.now().astimezone(TZ).date()
    # The watch runs now, but what it drafts gets a number only when issued — after the
    # history below, so the numbers of the year follow the issue dates.
    deadline_watch()  # today: long-overdue open assignments → auto-drafted notices
    watch_drafts = list(SupervisionNotice.objects.filter(status="drafted", auto_drafted=True)
                        .order_by("pk"))
    need = TARGET_NOTICES - SupervisionNotice.objects.count()
    _history(ctx, supervisor, first, today, need)
    for draft in watch_drafts:
        notice_issue(actor=supervisor, notice=draft)
    _reports(ctx, supervisor, first, today)
    _meetings(ctx, supervisor, today)
    return supervision_counts() | {"published": Bulletin.objects.filter(status="published").count()}


NOTICE_AFTER = timedelta(days=3, hours=9)  # from the bulletin job (01:00 on the 1st): the 4th
RESPONSE_SHARE = 0.9  # notices the unit answers; the others are escalated
ESCALATE_AFTER = timedelta(days=10)  # the feedback date (7 days) and three days' grace


def _history(ctx, supervisor, first: date, today: date, need: int):
    """Every month after the first, in order: the month-start job compiles the previous month's
    bulletin at 01:00 on the 1st, the supervisor publishes it on the 3rd and issues notices to
    units on its late list on the 4th (``need`` notices in all, spread evenly over the months)."""
    from grassroots.supervision.models import Bulletin
    from grassroots.supervision.services.bulletins import bulletin_compile_due, bulletin_publish

    months = list(_month_range(first, today))[1:]
    noticed = [m for m in months
               if (datetime.combine(m, time(1, 0), TZ) + NOTICE_AFTER).date() < today]
    rng = ctx.rng("supervision-notices")
    owed = 0
    for month_start in months:
        at = datetime.combine(month_start, time(1, 0), TZ)
        with clock.travel(at):
            bulletin_compile_due()
        prev = (month_start - timedelta(days=1)).replace(day=1)
        b = Bulletin.objects.filter(period=prev).first()
        publish_at = at + timedelta(days=2, hours=8)
        if b is not None and b.status == "drafted" and publish_at.date() < today:
            with clock.travel(publish_at):
                bulletin_publish(actor=supervisor, bulletin=b)
        if b is None or month_start not in noticed or need <= 0:
            continue
        i = noticed.index(month_start)
        owed += need * (i + 1) // len(noticed) - need * i // len(noticed)
        candidates = _late_units(b)
        picked = rng.sample(candidates, min(owed, len(candidates)))
        owed -= len(picked)  # a month with fewer late units passes the rest on
        for unit_id, demand_ids in sorted(picked, key=lambda c: c[0]):
            _notice_for(rng, supervisor, b, unit_id, demand_ids, at + NOTICE_AFTER)


def _late_units(b) -> list[tuple[int, list[int]]]:
    """(unit, overdue demands) for the units on a bulletin's late list with items listed."""
    units = {r["key"]: r for r in b.figures.get("units", [])}
    by_unit: dict[str, list] = {}
    for item in b.figures.get("overdue_items", []):
        by_unit.setdefault(item["unit"], []).append(item["demand_id"])
    out = []
    for key in b.figures.get("late_list", []):
        row = units.get(key)
        if row and by_unit.get(row["label"]):
            out.append((key, by_unit[row["label"]]))
    return out


def _notice_for(rng, supervisor, b, unit_id, demand_ids, at):
    from grassroots.demands.models import Demand
    from grassroots.orgs.models import Organization
    from grassroots.supervision.services import notices as svc

    unit = Organization.objects.get(pk=unit_id)
    demands = list(Demand.objects.filter(pk__in=demand_ids[:5]))
    with clock.travel(at):
        n = svc.notice_draft(
            actor=supervisor, unit=unit, demands=demands,
            title=f"关于督促{unit}加快办理超期诉求的通知",
            body=(f"根据{b.figures['period_label']}通报，你单位有诉求办理超期。请对照督办事项逐件"
                  "核查，立即办理并答复群众，按期书面反馈整改情况。"),
            respond_by=(at + timedelta(days=7)).date())
        svc.notice_issue(actor=supervisor, notice=n)
    staff = unit.staff_users().first()
    now = clock.now()
    if staff is None and at + ESCALATE_AFTER <= now:
        with clock.travel(at + ESCALATE_AFTER):  # nobody there to answer it: the leaders' turn
            svc.notice_escalate(actor=supervisor, notice=n,
                                note="逾期未书面反馈整改情况，提请县领导督办。")
    if staff is None or at + timedelta(hours=3) > now:
        return
    with clock.travel(at + timedelta(hours=3)):
        svc.notice_acknowledge(actor=staff, notice=n)
    responds = rng.random() < RESPONSE_SHARE
    if responds and at + timedelta(days=5) <= now:
        with clock.travel(at + timedelta(days=4)):
            svc.notice_respond(actor=staff, notice=n,
                               text="已逐件核查督办事项，全部办理完毕并答复群众，同时完善了签收和答复提醒制度。")
        with clock.travel(at + timedelta(days=5)):
            svc.notice_close(actor=supervisor, notice=n, note="整改到位")
    elif not responds and at + ESCALATE_AFTER <= now:
        # No answer by the feedback date: the supervisor takes it to the county leaders a few
        # days later, as a supervision office does (a notice is not left open for months).
        with clock.travel(at + ESCALATE_AFTER):
            svc.notice_escalate(actor=supervisor, notice=n,
                                note="逾期未书面反馈整改情况，提请县领导督办。")


def _reports(ctx, supervisor, first: date, today: date):
    from grassroots.supervision.models import SpecialReport
    from grassroots.supervision.services.reports import special_report_create

    need = TARGET_REPORTS - SpecialReport.objects.count()
    if need <= 0:
        return
    months = list(_month_range(first, today))
    span_days = max((today - first).days - 10, need)
    for i in range(need):
        title, _code, keywords = TOPICS[i % len(TOPICS)]
        made_on = first + timedelta(days=30 + int(span_days * i / need))
        if made_on >= today:
            made_on = today - timedelta(days=1)
        date_from = max(first, made_on - timedelta(days=90))
        at = datetime.combine(made_on, time(10, 0), TZ)
        with clock.travel(at):
            special_report_create(
                actor=supervisor, title=f"关于{title}的专报（{cn_span(date_from, made_on, days=False)}）",
                keywords=keywords, date_from=date_from, date_to=made_on - timedelta(days=1),
                analysis="建议相关部门建立长效机制，对反复出现的问题开展专项整治，并纳入月度通报跟踪。")
    del months


def _meetings(ctx, supervisor, today: date):
    from grassroots.demands.models import Demand
    from grassroots.orgs.models import Organization
    from grassroots.supervision.models import Meeting
    from grassroots.supervision.services.reports import meeting_create, meeting_item_complete

    if Meeting.objects.exists():
        return
    units = list(Organization.objects.handling_units().order_by("code"))
    if not units:
        return
    rng = ctx.rng("supervision-meetings")
    for i, (title, _code, keywords) in enumerate(TOPICS[:4]):
        held = today - timedelta(days=200 - i * 45)
        word = keywords.split()[0]
        demands = list(Demand.objects.filter(title__contains=word)[:5])
        owners = meeting_units(title, units) or rng.sample(units, min(3, len(units)))
        at = datetime.combine(held, time(15, 0), TZ)
        with clock.travel(at):
            m = meeting_create(
                actor=supervisor, held_on=held, topic=f"{title}专题会议", units=owners,
                demands=demands,
                decisions=f"针对{title}，会议明确由{owners[0]}牵头，相关单位配合，限期整改并建立长效机制。",
                items=[(f"{title}排查整改（{o}）", o, held + timedelta(days=20 + 15 * j))
                       for j, o in enumerate(owners)])
        for item in m.items.all():
            if item.due_on < today and rng.random() < 0.7:
                staff = item.owner.staff_users().first()
                if staff is not None:
                    with clock.travel(datetime.combine(item.due_on, time(11, 0), TZ)):
                        meeting_item_complete(actor=staff, item=item, note="已按期完成整改")


def supervision_counts() -> dict:
    from grassroots.supervision.models import Bulletin, SpecialReport, SupervisionNotice

    return {
        "bulletins": Bulletin.objects.count(),
        "supervision_notices": SupervisionNotice.objects.count(),
        "special_reports": SpecialReport.objects.count(),
    }


register_step("supervision", seed_supervision, order=500, label="一网督考（通报、督办、专报）")
register_counts(supervision_counts, labels={"bulletins": "通报", "supervision_notices": "督办通知单",
                                            "special_reports": "专报"})
