"""The parts of the partyday demo that go through the services: the three-level menu, the
suggestions (355 adopted 合理化建议; 564 民意诉求 taken through S1 to a close), this month's plan
for the demo secretary's branch."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from grassroots.core import clock
from grassroots.core.events import event_record
from grassroots.core.scope import Role
from grassroots.demands import services as s1
from grassroots.demands.demo_texts import ROADS, TEMPLATES
from grassroots.demands.models import AssignmentStatus, Category, Demand
from grassroots.meetings.models import MeetingKind, MeetingStatus
from grassroots.orgs.models import Membership, Organization
from grassroots.party.models import BaseType, OrgKind, PartyOrganisation
from grassroots.people.models import User
from grassroots.workcal.services import add_working_days, add_working_hours, next_office_moment

from . import services
from .models import (
    DayStatus,
    Invitation,
    InviteeKind,
    MenuLevel,
    SuggestionDecision,
    SuggestionKind,
    SuggestionStatus,
    ThemePartyDay,
)
from .models_registers import Suggestion
from .services.suggestions import feedback_due
from .transitions import DayAction, SuggestionAction

COUNTY_ITEMS = (
    ("学习党的创新理论", "study", "school_teacher"), ("重温入党誓词", "education", ""),
    ("村务民主议事", "deliberation", ""), ("党员志愿服务", "volunteer", ""),
    ("我为群众办实事", "practical", ""), ("农业实用技术培训", "skills", "expert"),
    ("红色教育基地参观", "red", ""), ("致富经验分享", "skills", "rich_farmer"),
    ("党纪法规学习", "study", "school_teacher"), ("人居环境整治", "volunteer", ""),
)
TOWN_ITEMS = (("大蒜产业发展座谈", "deliberation"), ("安全生产宣传", "other"))
VILLAGE_MENUS = 40
RATIONAL = (("村里文化广场缺少健身器材，建议增设一批。", "adopted"),
            ("建议村里定期组织老年人健康体检。", "adopted"),
            ("建议在村委会设立农家书屋，方便群众借阅。", "adopted"),
            ("建议每季度公开一次村级财务收支。", "adopted"),
            ("建议主题党日邀请致富带头人讲授种植技术。", "adopted"),
            ("建议在村口增设垃圾分类收集点。", "partly"),
            ("建议修建村级文化礼堂。", "not_adopted"))
# 355 adopted or partly adopted, 45 not adopted
RATIONAL_SPLIT = ((SuggestionDecision.ADOPTED, 325), (SuggestionDecision.PARTLY, 30),
                  (SuggestionDecision.NOT_ADOPTED, 45))
DEMANDS_CLOSED, DEMANDS_OPEN = 564, 12


def _at(day, hours: float) -> datetime:
    return next_office_moment(add_working_hours(day, hours).due_at)


def seed_menus(rng, actor) -> None:
    county = PartyOrganisation.objects.filter(kind=OrgKind.COUNTY_COMMITTEE).first()
    if county is None:
        return
    year = timezone.localdate().year
    start = timezone.make_aware(datetime(year - 1, 12, 20, 10))
    with clock.travel(start):
        cmenu = services.menu_create(actor=actor, level=MenuLevel.COUNTY, owner_org=county,
                                     year=year)
        for title, category, lecturer in COUNTY_ITEMS:
            services.menu_item_add(actor=actor, menu=cmenu, title=title, category=category,
                                   suggested_lecturer_kind=lecturer,
                                   suggested_attendees="群众代表、入党积极分子")
        cmenu = services.menu_publish(actor=actor, menu=cmenu)
    towns = PartyOrganisation.objects.filter(kind=OrgKind.BASE_COMMITTEE, base_type=BaseType.TOWN,
                                             is_active=True).order_by("path")
    tmenus = {}
    with clock.travel(start + timedelta(days=5)):
        for town in towns:
            tmenu = services.menu_create(actor=actor, level=MenuLevel.TOWN, owner_org=town,
                                         year=year, parent=cmenu)
            for title, category in TOWN_ITEMS:
                services.menu_item_add(actor=actor, menu=tmenu, title=title, category=category)
            red = tmenu.items.filter(category="red").first()
            if red is not None and rng.random() < 0.3:
                services.menu_item_mark_not_applicable(actor=actor, item=red,
                                                       reason="本镇暂无红色教育基地，改为线上观影")
            tmenus[town.path] = services.menu_publish(actor=actor, menu=tmenu)
    _village_menus(rng, actor, year, tmenus)


def _village_menus(rng, actor, year, tmenus) -> None:
    """Village final menus, decided at a held committee meeting of the branch this year."""
    from grassroots.meetings.models import Meeting

    decided = (Meeting.objects.filter(kind=MeetingKind.COMMITTEE, held_at__year=year,
                                      status__in=(MeetingStatus.HELD, MeetingStatus.MINUTED),
                                      org__field__in=("rural", "urban_community"))
               .select_related("org").order_by("org__path", "held_at"))
    done = set()
    for meeting in decided:
        branch = meeting.org
        town = next((m for p, m in tmenus.items() if branch.path.startswith(p)), None)
        if branch.pk in done or town is None:
            continue
        done.add(branch.pk)
        with clock.travel(meeting.held_at + timedelta(hours=2)):
            vmenu = services.menu_create(actor=actor, level=MenuLevel.VILLAGE, owner_org=branch,
                                         year=year, parent=town)
            applicable = list(town.items.filter(not_applicable=False))
            services.menu_select(actor=actor, menu=vmenu,
                                 items=rng.sample(applicable, min(5, len(applicable))))
            demand = (Demand.objects.filter(division_id=branch.division_id).order_by("-pk")
                      .first())
            services.menu_item_add(actor=actor, menu=vmenu, title="村内道路与排水议事",
                                   category="deliberation", origin_demand=demand,
                                   description="根据群众反映的诉求提出")
            vmenu = services.menu_publish(actor=actor, menu=vmenu, decided_at=meeting)
        items = list(vmenu.items.values_list("pk", flat=True))
        for day in ThemePartyDay.objects.filter(branch=branch, month__year=year):
            day.menu_items.set(rng.sample(items, min(2, len(items))))
        if len(done) >= VILLAGE_MENUS:
            return


def _handlers():
    dispatcher = User.objects.filter(username="dispatcher").first() or User.objects.filter(
        is_superuser=True).first()
    handlers = {}
    for m in Membership.objects.filter(role="handler", is_active=True).select_related(
            "person__user").order_by("pk"):
        if m.person.user_id:
            handlers.setdefault(m.organization_id, m.person.user)
    return dispatcher, handlers


def seed_suggestions(ctx, rng, actor) -> None:
    """Suggestions are recorded, decided, answered and relayed in bulk (rows and their events,
    as the services write them); every 民意诉求 goes through ``suggestion_to_demand`` and S1's
    own services (intake, dispatch, acknowledgement, reply, follow-up)."""
    today = timezone.localdate()
    mass = (Invitation.objects.filter(kind=InviteeKind.MASS_REP, attended=True)
            .select_related("theme_day__branch__division", "person"))
    pool = list(mass.filter(theme_day__planned_on__lt=today - timedelta(days=50)))
    recent = list(mass.filter(theme_day__planned_on__gte=today - timedelta(days=30),
                              theme_day__planned_on__lt=today - timedelta(days=3)))
    if not pool:
        return
    plan = [(rng.choice(pool), SuggestionKind.RATIONAL, decision)
            for decision, n in RATIONAL_SPLIT for _ in range(n)]
    plan += [(rng.choice(pool), SuggestionKind.DEMAND, "closed") for _ in range(DEMANDS_CLOSED)]
    plan += [(inv, SuggestionKind.DEMAND, "open")
             for inv in rng.sample(recent, min(DEMANDS_OPEN, len(recent)))]
    texts = [(t[0], t[1], t[2], t[3]) for t in TEMPLATES]
    rows = []
    for inv, kind, how in plan:
        day = inv.theme_day
        at = day.held_at + timedelta(hours=1)
        if kind == SuggestionKind.RATIONAL:
            content = rng.choice([r for r, d in RATIONAL if (d == "not_adopted") == (
                how == SuggestionDecision.NOT_ADOPTED)])
            template = None
        else:
            template = rng.choice(texts)
            fill = {"v": day.branch.division.name if day.branch.division_id else "村里",
                    "n": rng.randint(1, 9), "road": rng.choice(ROADS)}
            content = "群众代表反映：" + template[2].format(**fill)
            template = (template, fill)
        rows.append((Suggestion(
            theme_day=day, raised_by=inv, raised_by_name=inv.person.name, content=content,
            kind=kind, recorded_at=at, route_due_at=add_working_days(at, 2).due_at,
            feedback_due_on=feedback_due(day.month)), how, template))
    Suggestion.objects.bulk_create([r[0] for r in rows], batch_size=1000)
    for sug, _how, _t in rows:
        event_record(subject=sug, actor=actor, action="suggestion_record", at=sug.recorded_at,
                     to_state=SuggestionStatus.RECORDED, extra={"kind": sug.kind})
    nexts = _next_days()
    bar = ctx.bar(len(rows), "主题党日意见建议")
    dispatcher, handlers = _handlers()
    categories = {c.code: c for c in Category.objects.filter(level=3)}
    units = [u for u in Organization.objects.filter(is_handling_unit=True) if u.pk in handlers]
    done = []
    for sug, how, template in rows:
        if sug.kind == SuggestionKind.RATIONAL:
            _decide(actor, sug, how)
            done.append(sug)
        else:
            code, title, _text, did = template[0]
            fill = template[1]
            closed = _demand(rng, actor, sug, title.format(**fill), did.format(**fill),
                             categories.get(code), dispatcher, handlers, units,
                             close=how == "closed")
            if closed:
                done.append(sug)
        bar.update(1)
    bar.close()
    for sug in done:
        _answer(actor, sug, nexts)
    Suggestion.objects.bulk_update(
        [r[0] for r in rows], ["status", "decision", "decision_reason", "decided_on",
                               "decided_by", "answer", "answered_at", "feedback_at_meeting",
                               "relayed_at"], batch_size=1000)
    _days_after(actor, rows)


def _decide(actor, sug, decision):
    at = _at(sug.recorded_at, 6)
    reason = "" if decision == SuggestionDecision.ADOPTED else "受资金和场地限制，暂缓实施"
    sug.status, sug.decision, sug.decision_reason = SuggestionStatus.DECIDED, decision, reason
    sug.decided_on, sug.decided_by = timezone.localdate(at), actor
    sug.answer = "支部委员会已研究，" + ("纳入本年度为民办实事项目。" if decision != "not_adopted"
                                   else "暂不具备实施条件，已向群众说明。")
    sug._done_at = at
    event_record(subject=sug, actor=actor, action=SuggestionAction.DECIDE, at=at, note=reason,
                 from_state=SuggestionStatus.RECORDED, to_state=SuggestionStatus.DECIDED)


def _next_days() -> dict:
    nexts, last = {}, {}
    for pk, branch_id, held_at in (ThemePartyDay.objects.exclude(held_at=None)
                                   .order_by("branch_id", "month")
                                   .values_list("pk", "branch_id", "held_at")):
        if branch_id in last:
            nexts[last[branch_id]] = (pk, held_at)
        last[branch_id] = pk
    return nexts


def _answer(actor, sug, nexts):
    """Answered at the branch's next theme day (or a few days after the handling when that
    day is still to come), then relayed by the representative."""
    done_at = sug._done_at
    nxt = nexts.get(sug.theme_day_id)
    at_meeting = nxt and nxt[1] >= done_at and nxt[1] < clock.now()
    at = nxt[1] + timedelta(hours=1) if at_meeting else done_at + timedelta(days=2)
    state = sug.status
    sug.status, sug.answered_at = SuggestionStatus.CLOSED, at
    sug.feedback_at_meeting_id = nxt[0] if at_meeting else None
    sug.relayed_at = at + timedelta(days=2)
    event_record(subject=sug, actor=actor, action=SuggestionAction.FEEDBACK, at=at,
                 from_state=state, to_state=SuggestionStatus.ANSWERED)
    event_record(subject=sug, actor=actor, action=SuggestionAction.RELAY, at=sug.relayed_at,
                 from_state=SuggestionStatus.ANSWERED, to_state=SuggestionStatus.CLOSED)


def _days_after(actor, rows):
    """Theme days with suggestions: closed when all of them are, else suggestions recorded."""
    open_days = {s.theme_day_id for s, _h, _t in rows if s.status != SuggestionStatus.CLOSED}
    all_days = {s.theme_day_id: s.theme_day for s, _h, _t in rows}
    for pk, day in all_days.items():
        to = DayStatus.SUGGESTIONS_RECORDED if pk in open_days else DayStatus.CLOSED
        event_record(subject=day, actor=actor, action=DayAction.RECORD_SUGGESTIONS,
                     at=day.held_at + timedelta(hours=1), from_state=DayStatus.HELD,
                     to_state=DayStatus.SUGGESTIONS_RECORDED)
        if to == DayStatus.CLOSED:
            event_record(subject=day, actor=None, action=DayAction.CLOSE,
                         from_state=DayStatus.SUGGESTIONS_RECORDED, to_state=DayStatus.CLOSED)
    ThemePartyDay.objects.filter(pk__in=set(all_days) - open_days).update(status=DayStatus.CLOSED)
    ThemePartyDay.objects.filter(pk__in=open_days).update(status=DayStatus.SUGGESTIONS_RECORDED)


def _demand(rng, actor, sug, title, did, category, dispatcher, handlers, units, *, close):
    """The 民意诉求 through S1's services; True when it was closed."""
    t = _at(sug.recorded_at, rng.randint(1, 8))
    with clock.travel(t):
        demand = services.suggestion_to_demand(actor=actor, suggestion=sug, title=title[:100])
    sug.refresh_from_db()
    if category is not None:
        Demand.objects.filter(pk=demand.pk).update(category=category)
        demand.category = category
    rule = s1.catalogue_rule_for(demand) if category is not None else None
    unit = rule.unit if rule and rule.unit_id in handlers else rng.choice(units)
    handler = handlers[unit.pk]
    t = _at(t, 1)
    with clock.travel(t):
        lead = s1.demand_dispatch(actor=dispatcher, demand=demand, lead_unit=unit,
                                  note="主题党日群众代表反映，请按时限办理。")[0]
    t = _at(t, rng.uniform(0.1, 0.8))
    with clock.travel(t):
        s1.assignment_acknowledge(actor=handler, assignment=lead)
    if not close:
        return False
    t = _at(t, rng.randint(4, 20))
    with clock.travel(t):
        s1.assignment_reply(actor=handler, assignment=lead, outcome=rng.choices(
            ["resolved", "partly", "explained"], [85, 7, 8])[0],
            text=f"您好！经调查核实，{did}感谢您对我们工作的监督。")
    lead.refresh_from_db()
    if lead.status == AssignmentStatus.REPLY_SIGNOFF:  # the unit's leader signs replies off
        t = _at(t, rng.uniform(0.5, 4))
        with clock.travel(t):
            s1.assignment_sign_off(actor=_leader(unit), assignment=lead, approve=True)
    demand.refresh_from_db()
    t = _at(t, rng.randint(2, 8))
    with clock.travel(t):
        s1.demand_follow_up(actor=dispatcher, demand=demand,
                            satisfaction=rng.choices(["satisfied", "basically"], [90, 10])[0])
    sug.answer, sug._done_at = f"诉求{demand.number}已办结：{did}", t
    return True


def _leader(unit):
    m = (Membership.objects.filter(organization=unit, role=Role.UNIT_LEADER, is_active=True,
                                   person__user__isnull=False)
         .select_related("person__user").order_by("pk").first())
    return m.person.user if m else None


def plan_current_month(actor) -> None:
    """This month's theme party day of the demo secretary's branch, planned (if not held)."""
    from grassroots.party.demo import SECRETARY_VILLAGE

    from .services.days import final_menu

    branch = PartyOrganisation.objects.filter(name=f"中共{SECRETARY_VILLAGE}支部委员会").first()
    today = timezone.localdate()
    if branch is None or ThemePartyDay.objects.filter(branch=branch,
                                                       month=today.replace(day=1)).exists():
        return
    planned_on = max(today, today.replace(day=25)) if today.day < 25 else today
    menu = final_menu(branch, today.year)
    items = list(menu.items.all()[:2]) if menu else []
    services.themeday_plan(actor=actor, branch=branch, month=today.replace(day=1),
                           theme=f"{today.month}月主题党日：学党章、议村务", planned_on=planned_on,
                           items=items, place="党员活动室")


