"""Demo county: 18 months of demand history, replayed through the real services.

Figures follow the county's report (DESIGN §1 S1): 9,942 demands collected by the grid
secretaries, 9,629 solved on the spot and 313 passed on and handled by units — with returns,
extensions, overdue items and unsatisfied follow-ups among them. A few demands from the other
channels (citizens, phone, the city 12345 platform) are added so every page has something to show.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db.models import Count, Q

from grassroots.core import clock
from grassroots.core.scope import Role
from grassroots.demo.registry import SeedContext, register_step
from grassroots.demo.summary import register_counts
from grassroots.orgs.models import Membership, Organization
from grassroots.orgs.services import membership_grant, unit_signoff_set
from grassroots.people.models import Person, PersonKind, ServiceTeamMember, TeamSeat, User
from grassroots.workcal.services import add_working_hours, next_office_moment

from . import services
from .demo_texts import ROADS, TEMPLATES
from .models import Category, Channel, Demand, DemandType

TZ = ZoneInfo("Asia/Shanghai")
# 18 complete months before the current one (the demo yields 18 month-end bulletins).
START = date(2025, 5, 1)
MONTHS = 19
COLLECTED = 9942
ON_SPOT = 9629
PASSED_ON = COLLECTED - ON_SPOT  # 313
OTHER_CHANNELS = 180


def _month_starts():
    y, m = START.year, START.month
    for _ in range(MONTHS):
        yield date(y, m, 1)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def _working_moment(rng, day: date) -> datetime:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    minute = rng.randint(0, 7 * 60)
    base = datetime.combine(day, time(8, 40), TZ) + timedelta(minutes=minute)
    if base.hour == 12 or (base.hour == 13 and base.minute < 30):
        base += timedelta(hours=1, minutes=30)
    return base


def _unit_time(start: datetime, hours: float) -> datetime:
    """When a unit does something ``hours`` working hours after ``start``: units act in the work
    calendar's office hours, so nights, weekends and holidays do not count and nothing a
    handler does lands outside them (``start`` itself at night means the next opening)."""
    return next_office_moment(add_working_hours(start, hours).due_at)


def _ensure_logins(ctx: SeedContext) -> dict:
    """Secretaries and unit handlers act through their own (login-less) accounts."""
    unusable = make_password(None)
    users = {}
    seats = ServiceTeamMember.objects.filter(ended_at__isnull=True).select_related("person", "team")
    need = [s.person for s in seats if s.person.user_id is None]
    new_users = [User(username=f"sec{p.pk}", password=unusable, is_demo=True) for p in
                 {p.pk: p for p in need}.values()]
    User.objects.bulk_create(new_users, batch_size=500)
    by_name = {u.username: u for u in User.objects.filter(username__in=[u.username for u in new_users])}
    for p in {p.pk: p for p in need}.values():
        p.user = by_name[f"sec{p.pk}"]
    Person.objects.bulk_update(list({p.pk: p for p in need}.values()), ["user"], batch_size=500)
    for seat in ServiceTeamMember.objects.filter(ended_at__isnull=True).select_related(
            "person__user", "team"):
        users.setdefault(seat.team.grid_id, []).append((seat.seat, seat.person.user))
    # One handler per handling unit that has none.
    have = set(Membership.objects.filter(role=Role.HANDLER, is_active=True)
               .values_list("organization_id", flat=True))
    handlers = {}
    for unit in Organization.objects.filter(is_handling_unit=True):
        if unit.pk not in have:
            u = User.objects.create(username=f"h_{unit.code}".lower(), password=unusable,
                                    is_demo=True)
            person = Person.objects.create(name=f"{unit}办理员", kind=PersonKind.CADRE, user=u)
            membership_grant(actor=None, person=person, organization=unit, role=Role.HANDLER)
    for m in Membership.objects.filter(role=Role.HANDLER, is_active=True).select_related(
            "person__user"):
        handlers.setdefault(m.organization_id, m.person.user)
    return {"secretaries": users, "handlers": handlers}


def seed_demand_history(ctx: SeedContext) -> dict:
    if Demand.objects.filter(channel=Channel.VISIT).exists():
        return {"demands": Demand.objects.count()}
    rng = ctx.rng("demands")
    services.dispatch_catalogue_seed()
    people = _ensure_logins(ctx)
    dispatcher = User.objects.filter(username="dispatcher").first() or User.objects.filter(
        person__memberships__role=Role.DISPATCHER).first()
    categories = {c.code: c for c in Category.objects.filter(level=3)}
    templates = [t for t in TEMPLATES if t[0] in categories]
    from grassroots.places.models import Grid

    grids = list(Grid.objects.select_related("division"))
    months = list(_month_starts())
    today = clock.now().astimezone(TZ).date()
    # Spread the counts over the months (a little more in summer: rainy season, water).
    weights = [1.25 if m.month in (6, 7, 8) else 1.0 for m in months]
    total_w = sum(weights)
    per_month = [round(COLLECTED * w / total_w) for w in weights]
    per_month[-1] += COLLECTED - sum(per_month)
    passed_slots = set(rng.sample(range(COLLECTED), PASSED_ON))
    # Keep the last weeks' passed-on demands open so queues and inboxes have work in them.
    bar = ctx.bar(COLLECTED + OTHER_CHANNELS, "民意诉求")
    index = 0
    passed = []
    for month, count in zip(months, per_month, strict=True):
        last_day = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        if month.year == today.year and month.month == today.month:
            last_day = today - timedelta(days=1)
        span = max(1, (last_day - month).days + 1)
        for _ in range(count):
            grid = rng.choice(grids)
            seats = people["secretaries"].get(grid.pk) or []
            secretary = next((u for s, u in seats if s == TeamSeat.TOWN_CADRE), None) or (
                seats[0][1] if seats else dispatcher)
            code, title, text, done = rng.choice(templates)
            fill = {"v": grid.division.name, "n": rng.randint(1, 12), "road": rng.choice(ROADS)}
            at = _working_moment(rng, month + timedelta(days=rng.randrange(span)))
            on_spot = index not in passed_slots
            with clock.travel(at):
                demand = services.demand_create(
                    actor=secretary, channel=Channel.VISIT,
                    type=DemandType.PRAISE if code.startswith("1501") else (
                        DemandType.SUGGESTION if code.startswith("15") else (
                            DemandType.CONSULTATION if "咨询" in title else DemandType.HELP)),
                    title=title.format(**fill)[:100], text=text.format(**fill),
                    category=categories[code], grid=grid, solved_on_spot=on_spot,
                    on_spot_note=done.format(**fill) if on_spot else "",
                )
            if not on_spot:
                passed.append((demand, done.format(**fill), at))
            index += 1
            bar.update(1)
    for demand, done, at in passed:
        _handle(rng, demand, done, at, dispatcher, people["handlers"], today)
    _other_channels(ctx, rng, categories, templates, grids, dispatcher, people["handlers"], today,
                    bar)
    _current_work(rng, categories, templates, grids, dispatcher, people["handlers"], today)
    bar.close()
    return {"demands": Demand.objects.count()}


def _handle(rng, demand, done, at, dispatcher, handlers, today, *, unit=None):
    """Take a passed-on demand through dispatch, handling, reply and follow-up, as it happened."""
    rule = services.catalogue_rule_for(demand)
    unit = unit or (rule.unit if rule else Organization.objects.filter(is_handling_unit=True).first())
    handler = handlers.get(unit.pk)
    age_days = (today - at.astimezone(TZ).date()).days
    t = at + timedelta(minutes=rng.randint(10, 50))
    with clock.travel(t):
        lead = services.demand_dispatch(actor=dispatcher, demand=demand, lead_unit=unit,
                                        note="请按时限办理并答复群众。")[0]
    if age_days <= 1:
        return  # just dispatched: waits in the unit's inbox
    roll = rng.random()
    # Acknowledged within the hour (working time); a few late ones (the response rate's misses).
    minutes = rng.randint(5, 50) if roll > 0.08 else rng.randint(70, 600)
    t = _unit_time(t, minutes / 60)
    if t.astimezone(TZ).date() >= today:
        return  # acknowledged today at the earliest: not yet, it waits in the inbox
    if roll < 0.04:  # disputed dispatch: the unit returns it, the dispatcher rules it must take it
        with clock.travel(t):
            services.assignment_return(actor=handler, assignment=lead,
                                       reason="该事项涉及多个部门职责，建议由属地镇街牵头办理。")
        t = _unit_time(t, 2)  # the dispatcher rules within office hours too
        if t.astimezone(TZ).date() >= today:
            return  # the ruling is still to come: the request waits in the dispatcher's queue
        with clock.travel(t):
            services.assignment_decide_return(actor=dispatcher, assignment=lead, approve=False,
                                              note="该事项属于本单位职责范围，请认真办理。")
    else:
        with clock.travel(t):
            services.assignment_acknowledge(actor=handler, assignment=lead)
    if age_days <= 3 and rng.random() < 0.6:
        return  # still being handled
    t = _unit_time(t, rng.randint(1, 6))
    if t.astimezone(TZ).date() >= today:
        return  # still being handled
    with clock.travel(t):
        services.assignment_add_note(actor=handler, assignment=lead, kind="verification",
                                     text="已到现场核实情况，正在研究处置方案。")
    lead.refresh_from_db()
    if rng.random() < 0.08:  # an extension
        t = _unit_time(t, 1)
        if t.astimezone(TZ).date() >= today:
            return
        with clock.travel(t):
            services.assignment_request_extension(
                actor=handler, assignment=lead, reason="需协调施工队伍和材料，工期较长。",
                until=lead.reply_due_at + timedelta(days=5))
        t = _unit_time(t, 2)  # the dispatcher rules within office hours too
        if t.astimezone(TZ).date() >= today:
            return  # the ruling is still to come: the request waits in the dispatcher's queue
        with clock.travel(t):
            services.assignment_decide_extension(actor=dispatcher, assignment=lead, approve=True,
                                                 note="同意延期，请按期办结。")
        lead.refresh_from_db()
    # Most replies come in time; a few are late (overdue items in the statistics).
    late = rng.random() < 0.07
    reply_at = (_unit_time(lead.reply_due_at, rng.randint(1, 12)) if late
                else _unit_time(t, rng.randint(1, 6)))
    if reply_at.astimezone(TZ).date() >= today:
        return  # overdue and still open, or not replied yet
    with clock.travel(reply_at):
        services.assignment_reply(actor=handler, assignment=lead, outcome=rng.choices(
            ["resolved", "partly", "explained"], [80, 8, 12])[0], text=_reply_text(rng, done))
    demand.refresh_from_db()
    # The dispatch centre calls citizens back in office hours, like the units work.
    follow_at = next_office_moment(reply_at + timedelta(hours=rng.randint(3, 40)))
    if follow_at.astimezone(TZ).date() >= today:
        return
    rating = rng.choices(["satisfied", "basically", "unsatisfied"], [86, 9, 5])[0]
    with clock.travel(follow_at):
        services.demand_follow_up(actor=dispatcher, demand=demand, satisfaction=rating,
                                  comment="问题没有彻底解决" if rating == "unsatisfied" else "")
    demand.refresh_from_db()
    if demand.status == "handling":  # reopened: handled again and closed
        again = next_office_moment(follow_at + timedelta(days=1))
        if again.astimezone(TZ).date() >= today:
            return
        lead.refresh_from_db()
        with clock.travel(again):
            services.assignment_reply(actor=handler, assignment=lead, outcome="resolved",
                                      text="重新办理：" + _reply_text(rng, done))
        follow_again = _unit_time(again, 5)
        if follow_again.astimezone(TZ).date() >= today:
            return
        with clock.travel(follow_again):
            services.demand_follow_up(actor=dispatcher, demand=demand, satisfaction="basically")


def _reply_text(rng, done: str) -> str:
    """A reply as units write them: what was found, what was done, the basis, what comes next.

    A few stay bare (the reply-quality check flags those for the supervisors, as it should)."""
    if rng.random() < 0.06:
        return done
    basis = rng.choice(["根据相关规定", "按照县民生诉求办理工作要求", "依据有关管理办法"])
    follow = rng.choice(["我单位将持续跟踪，防止问题反复", "下一步将纳入日常巡查",
                         "后续将定期回访"])
    return (f"您好！经调查核实，{done}{basis}，{follow}。如仍有问题，请致电"
            f"0537-87{rng.randint(10000, 99999)}。感谢您对我们工作的监督。")


def _other_channels(ctx, rng, categories, templates, grids, dispatcher, handlers, today, bar):
    citizen = User.objects.filter(username="citizen").first()
    for i in range(OTHER_CHANNELS):
        code, title, text, done = rng.choice(templates)
        grid = rng.choice(grids)
        fill = {"v": grid.division.name, "n": rng.randint(1, 12), "road": rng.choice(ROADS)}
        days_ago = int(rng.triangular(0, 540, 20))
        at = _working_moment(rng, today - timedelta(days=days_ago))
        if at.date() >= today:
            at = _working_moment(rng, today - timedelta(days=1))
        channel = rng.choice([Channel.PHONE, Channel.CITY_12345, Channel.CITIZEN])
        kwargs = {"title": title.format(**fill)[:100], "text": text.format(**fill),
                  "category": categories[code], "division": grid.division,
                  "type": DemandType.CONSULTATION if "咨询" in title else DemandType.COMPLAINT}
        with clock.travel(at):
            if channel == Channel.CITIZEN and citizen is not None:
                demand = services.demand_submit_by_citizen(actor=citizen, **kwargs)
            elif channel == Channel.CITY_12345:
                demand, _ = services.demand_receive_from_city(
                    actor=dispatcher, external_id=f"JN12345-{at:%Y%m%d}-{i:04d}",
                    citizen_phone=f"139{rng.randint(10000000, 99999999)}", citizen_name="市民", **kwargs)
            else:
                demand = services.demand_record_from_phone(
                    actor=dispatcher, citizen_phone=f"138{rng.randint(10000000, 99999999)}",
                    citizen_name="来电群众", **kwargs)
        bar.update(1)
        if days_ago <= 0 and rng.random() < 0.5:
            continue  # waits in the dispatch queue
        _handle(rng, demand, done.format(**fill), at, dispatcher, handlers, today)


def _current_work(rng, categories, templates, grids, dispatcher, handlers, today):
    """This week's work: a dispatch queue, and the water bureau's inbox in every state."""
    water = Organization.objects.filter(code="D-WATER").first()
    handler = User.objects.filter(username="handler_water").first() or handlers.get(
        getattr(water, "pk", None))
    water_templates = [t for t in templates if t[0].startswith(("0101", "0102", "0802"))]
    if water is None or handler is None or not water_templates:
        return
    now = clock.now()
    for i in range(14):
        code, title, text, done = water_templates[i % len(water_templates)]
        grid = rng.choice(grids)
        fill = {"v": grid.division.name, "n": rng.randint(1, 12), "road": rng.choice(ROADS)}
        at = now - timedelta(hours=rng.randint(1, 30))
        # The water bureau's steps (working hours after the dispatch) happen in office hours
        # before now: a call taken last night or this early morning is acted on a day earlier.
        unit_hours = 0.0 if i < 7 else {7: 1 / 3, 8: 1.5, 12: 1.0, 13: 1.0}.get(
            i, 0.75 if i >= 11 else 0.25)
        while unit_hours and _unit_time(at + timedelta(minutes=20), unit_hours) >= now:
            at -= timedelta(days=1)
        with clock.travel(at):
            demand = services.demand_record_from_phone(
                actor=dispatcher, citizen_phone=f"137{rng.randint(10000000, 99999999)}",
                citizen_name="来电群众", title=title.format(**fill)[:100],
                text=text.format(**fill), category=categories[code], division=grid.division,
                type=DemandType.HELP, grade="urgent" if i % 5 == 0 else "normal")
        if i < 4:
            continue  # waiting in the dispatch queue
        dispatched = at + timedelta(minutes=20)
        with clock.travel(dispatched):
            lead = services.demand_dispatch(actor=dispatcher, demand=demand, lead_unit=water)[0]
        if i < 7:
            continue  # waiting for the water bureau to acknowledge (some already overdue)
        if i == 7:
            with clock.travel(_unit_time(dispatched, 1 / 3)):
                services.assignment_return(actor=handler, assignment=lead,
                                           reason="该小区为自备井供水，不属于公共供水管网。")
            continue
        with clock.travel(_unit_time(dispatched, 0.25)):
            services.assignment_acknowledge(actor=handler, assignment=lead)
        if i == 8:
            lead.refresh_from_db()
            with clock.travel(_unit_time(dispatched, 1.5)):
                services.assignment_request_extension(
                    actor=handler, assignment=lead, reason="需更换主管道，等待材料到货。",
                    until=lead.reply_due_at + timedelta(days=4))
        elif i >= 11:
            with clock.travel(_unit_time(dispatched, 0.75)):
                services.assignment_add_note(actor=handler, assignment=lead, kind="verification",
                                             text="已到现场核实，正在制定维修方案。")
        if i == 12:
            # From here on the water bureau's leader signs replies and extension requests off
            # (its history above went out without): one reply and one request wait for it.
            unit_signoff_set(actor=User.objects.filter(username="leader_water").first(),
                             unit=water, replies=True, extensions=True)
            lead.refresh_from_db()
            with clock.travel(_unit_time(dispatched, 0.9)):
                services.assignment_reply(actor=handler, assignment=lead, outcome="resolved",
                                          text="已收到，已转交相关部门处理。")
        elif i == 13:
            lead.refresh_from_db()
            with clock.travel(_unit_time(dispatched, 0.9)):
                services.assignment_request_extension(
                    actor=handler, assignment=lead, reason="管网改造需协调道路开挖审批。",
                    until=lead.reply_due_at + timedelta(days=5))


def demand_counts() -> dict:
    agg = Demand.objects.aggregate(
        demands=Count("id"),
        demands_collected_by_secretaries=Count("id", filter=Q(channel=Channel.VISIT)),
        demands_solved_on_spot=Count("id", filter=Q(solved_on_spot=True)),
        demands_passed_on=Count("id", filter=Q(channel=Channel.VISIT, solved_on_spot=False)),
    )
    by_state = dict(Demand.objects.values_list("status").annotate(n=Count("id")).order_by())
    by_channel = dict(Demand.objects.values_list("channel").annotate(n=Count("id")).order_by())
    return {**agg, "demands_by_state": by_state, "demands_by_channel": by_channel}


register_step("demands", seed_demand_history, order=450, label="民意诉求（18个月）")
register_counts(demand_counts)
