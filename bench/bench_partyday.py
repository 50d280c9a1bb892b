"""Theme party days at county scale (issue #20).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/partyday_test \\
        .venv/bin/python bench/bench_partyday.py --branches 5000 --months 12

Drops and recreates the database (benchdb), builds the small test county plus 20 towns and
``--branches`` village branches (12 members each, one mass representative), and loads
``--months`` months of theme party days in bulk: a held theme-day meeting for ~93 % of the
branch-months with its ThemePartyDay, the members' attendance, the representative's
invitation, a suggestion on every fifth day. Then it measures (median of --repeat):

- the county's monthly statistics: the table by town (``stats.monthly_by_town``) and every
  figure of the statistics page (``views.stats.figures``) for the last month, as the county
  administrator;
- a town's list of branches that have not held this month's theme party day
  (``stats.not_held``, evaluated).
"""

import argparse
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import benchdb  # bench/ is the script's own folder

TZ = ZoneInfo("Asia/Shanghai")
TOWNS = 20
MEMBERS = 12


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1)


def build(branches: int, months: int, rng: random.Random):
    from grassroots.meetings.models import Meeting, MeetingAttendance
    from grassroots.party.models import OrgKind, PartyOrganisation
    from grassroots.partyday.models import Invitation, Suggestion, ThemePartyDay
    from grassroots.people.models import Person
    from grassroots.places.models import Division
    from grassroots.testing.county import build_small_county

    county = build_small_county()
    towns = [Division(code=f"37089{i:03d}0000", name=f"测试镇{i}", level="town",
                      parent=county.county) for i in range(TOWNS)]
    Division.objects.bulk_create(towns)
    for t in towns:
        t.town_id = t.pk
    Division.objects.bulk_update(towns, ["town"])
    villages = [Division(code=f"3708{i:08d}", name=f"测试村{i}", level="village",
                         parent=towns[i % TOWNS], town=towns[i % TOWNS]) for i in range(branches)]
    Division.objects.bulk_create(villages, batch_size=5000)
    root = PartyOrganisation.objects.create(name="测试县委", kind=OrgKind.COUNTY_COMMITTEE,
                                            path="/")
    root.path = f"/{root.pk}/"
    root.save(update_fields=["path"])
    orgs = [PartyOrganisation(name=f"测试村{i}党支部", kind=OrgKind.BRANCH, parent=root,
                              division=v, field="rural") for i, v in enumerate(villages)]
    PartyOrganisation.objects.bulk_create(orgs, batch_size=5000)
    for o in orgs:
        o.path = f"{root.path}{o.pk}/"
    PartyOrganisation.objects.bulk_update(orgs, ["path"], batch_size=5000)
    people = [Person(name=f"党员{i}", kind="citizen") for i in range(branches * (MEMBERS + 1))]
    Person.objects.bulk_create(people, batch_size=10000)
    first = add_months(date.today().replace(day=1), -months)
    meetings, days = [], []
    for k in range(months):
        month = add_months(first, k + 1)
        for o in orgs:
            if rng.random() < 0.07:
                continue
            held = datetime(month.year, month.month, rng.randint(1, 25), 9, tzinfo=TZ)
            m = Meeting(org=o, kind="theme_day", title="主题党日", held_at=held, status="minuted")
            meetings.append(m)
            days.append(ThemePartyDay(branch=o, town_id=o.division.town_id, month=month,
                                      meeting=m, theme="主题党日", planned_on=held.date(),
                                      status="held", held_at=held))
    Meeting.objects.bulk_create(meetings, batch_size=10000)
    for d in days:
        d.meeting_id = d.meeting.pk
    ThemePartyDay.objects.bulk_create(days, batch_size=10000)
    index = {o.pk: i for i, o in enumerate(orgs)}
    attendance, invitations, suggestions = [], [], []
    for d in days:
        base = index[d.branch_id] * (MEMBERS + 1)
        for j in range(MEMBERS):
            attendance.append(MeetingAttendance(meeting_id=d.meeting_id,
                                                person_id=people[base + j].pk, role="member",
                                                present=rng.random() < 0.85))
        rep = people[base + MEMBERS].pk
        attendance.append(MeetingAttendance(meeting_id=d.meeting_id, person_id=rep,
                                            role="guest", present=True))
        inv = Invitation(theme_day=d, person_id=rep, kind="mass_rep", sent_on=d.planned_on,
                         attended=True, response="accepted")
        invitations.append(inv)
        if rng.random() < 0.2:
            suggestions.append(Suggestion(
                theme_day=d, raised_by=inv, raised_by_name="代表", content="建议修路。",
                kind="rational", status="decided", decision="adopted",
                route_due_at=d.held_at + timedelta(days=2),
                feedback_due_on=add_months(d.month, 2) - timedelta(days=1)))
        if len(attendance) > 50000:
            MeetingAttendance.objects.bulk_create(attendance, batch_size=10000)
            attendance = []
    MeetingAttendance.objects.bulk_create(attendance, batch_size=10000)
    Invitation.objects.bulk_create(invitations, batch_size=10000)
    Suggestion.objects.bulk_create(suggestions, batch_size=10000)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")
    return county, towns, add_months(first, months), len(days)


def existing(months: int):
    """The county administrator, the bench's towns and its last month, from a built database."""
    from grassroots.people.models import User
    from grassroots.places.models import Division

    admin = User.objects.get(username="t_admin")
    towns = list(Division.objects.filter(name__startswith="测试镇").order_by("code"))
    first = add_months(date.today().replace(day=1), -months)
    return admin, towns, add_months(first, months)


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--branches", type=int, default=5000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--reuse", action="store_true",
                        help="measure on the database an earlier run built (no rebuild)")
    args = parser.parse_args()
    benchdb.setup_django("bench_partyday", fresh=not args.reuse)
    from grassroots.partyday import stats
    from grassroots.partyday.views.stats import figures

    if args.reuse:
        admin, towns, month = existing(args.months)
    else:
        t = time.perf_counter()
        county, towns, month, n_days = build(args.branches, args.months, random.Random(2021))
        print(f"built {args.branches} branches × {args.months} months: {n_days} theme days "
              f"in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        admin = county.admin

    def county_month():
        list(stats.monthly_by_town(admin, month))
        figures(admin, month)

    table = timed(lambda: list(stats.monthly_by_town(admin, month)), args.repeat)
    full = timed(county_month, args.repeat)
    not_held = timed(lambda: list(stats.not_held(admin, month, towns[3].pk)), args.repeat)
    print(f"county monthly table by town: {table:.0f} ms (median of {args.repeat})")
    print(f"county monthly statistics (table + every figure): {full:.0f} ms")
    print(f"a town's not-held list: {not_held:.0f} ms "
          f"({len(list(stats.not_held(admin, month, towns[3].pk)))} branches)")


if __name__ == "__main__":
    main()
