"""Routine assessment at county scale (issue #22).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/assessment_bench \\
        .venv/bin/python bench/bench_assessment.py --units 200 --staff 40 --years 5

Drops and recreates the database (benchdb), builds ``--units`` units of ``--staff`` civil
servants each (4 sections with their leaders, every civil servant a user), ``--years`` years of
quarters (one Period per unit and quarter) with a routine record per civil servant and quarter
in bulk (the earlier quarters final with a grade, the last quarter open), and, for the last
quarter, S1 events in bulk: ``--replies`` reply events, and reopen / reject_return events each
after a reply / return by a handler (the facts the S1-derived negative items read). Then it
measures (median of --repeat):

- a unit's quarter table (``selectors.period_records`` evaluated + ``grade_distribution``) as
  the unit head, its two statements' execution time inside PostgreSQL (EXPLAIN ANALYZE), and
  the whole page (``/assessment/periods/<pk>/`` through the test client, the scope built
  afresh as in every request) for a unit that handles no demands and one that does;
- the county's grade distribution for a quarter (``selectors.county_grade_distribution``) as
  the authority;
- the S1-derived items of the last quarter for the whole county (``s1_items_derive``, units
  None) as the authority, on a fresh copy each time (the derive is idempotent: a second run adds
  nothing, so the first run is the one timed; --repeat 1 for it).

Limitation: the reply events point at assignment ids without Assignment rows, so kind 1
(on-time reply) is filtered out after its query; kinds 3 and 4 produce items. Kinds 2 and 5
read FollowUp / SupervisionNotice rows, none built here.
"""

import argparse
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import benchdb  # bench/ is the script's own folder

TZ = ZoneInfo("Asia/Shanghai")
SECTIONS = 4


def build(units: int, staff: int, years: int, replies: int, rng: random.Random):
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from grassroots.assessment import rules
    from grassroots.assessment.models import (
        CivilServant,
        Grade,
        Period,
        RoutineRecord,
        RoutineStatus,
        Section,
    )
    from grassroots.assessment.roles import AssessmentRole
    from grassroots.assessment.services.routine import quarter_bounds
    from grassroots.core.models import Event
    from grassroots.core.scope import Role
    from grassroots.demands.models import Assignment
    from grassroots.orgs.models import Membership, Organization, OrganizationKind
    from grassroots.people.models import Person, User
    from grassroots.rulesets.selectors import rule_set_in_force
    from grassroots.testing.county import build_small_county

    build_small_county()
    orgs = [Organization(name=f"测试局{i}", short_name=f"局{i}", code=f"B-{i:04d}",
                         kind=OrganizationKind.DEPARTMENT, is_handling_unit=i % 2 == 0)
            for i in range(units)]
    Organization.objects.bulk_create(orgs)
    orgs = list(Organization.objects.filter(code__startswith="B-").order_by("code"))
    authority_org = Organization.objects.create(name="县委组织部（测试）", code="B-ORG",
                                                kind=OrganizationKind.DEPARTMENT)
    n = units * staff
    users = [User(username=f"cs{i}", password="!") for i in range(n + units + 1)]
    User.objects.bulk_create(users, batch_size=5000)
    users = list(User.objects.filter(username__startswith="cs").order_by("pk"))
    people = [Person(name=f"公务员{i}", kind="citizen", user=users[i]) for i in range(len(users))]
    Person.objects.bulk_create(people, batch_size=5000)
    people = list(Person.objects.filter(name__startswith="公务员").order_by("pk"))
    heads, authority = people[n:n + units], people[-1]
    Membership.objects.bulk_create(
        [Membership(person=people[u * staff + k], organization=orgs[u], role=Role.HANDLER)
         for u in range(units) for k in range(staff)]
        + [Membership(person=heads[u], organization=orgs[u], role=Role.UNIT_LEADER)
           for u in range(units)]
        + [Membership(person=authority, organization=authority_org,
                      role=AssessmentRole.AUTHORITY)], batch_size=5000)
    Section.objects.bulk_create([Section(unit=orgs[u], name=f"第{s + 1}科",
                                         leader=people[u * staff + s])
                                 for u in range(units) for s in range(SECTIONS)])
    sections = {(x.unit_id, x.name): x.pk for x in Section.objects.all()}
    roster = [(people[u * staff + k], orgs[u], sections[(orgs[u].pk, f"第{k % SECTIONS + 1}科")])
              for u in range(units) for k in range(staff)]
    CivilServant.objects.bulk_create([CivilServant(person=p, unit=o, section_id=s, post="经办")
                                      for p, o, s in roster], batch_size=5000)
    last_year = datetime.now(TZ).year - 1
    quarters = [(y, q) for y in range(last_year - years + 1, last_year + 1) for q in (1, 2, 3, 4)]
    rs = rule_set_in_force(rules.FAMILY, quarter_bounds(last_year, 4)[1])
    grades = [Grade.GOOD] * 3 + [Grade.FAIRLY_GOOD] * 5 + [Grade.AVERAGE]
    for y, q in quarters:
        start, end = quarter_bounds(y, q)
        with transaction.atomic():
            Period.objects.bulk_create([Period(
                unit=o, year=y, quarter=q, opens_on=start, ends_on=end, self_summary_due=end,
                review_due=end, approve_due=end, feedback_due=end, rule_set=rs) for o in orgs])
            periods = dict(Period.objects.filter(year=y, quarter=q).values_list("unit_id", "pk"))
            is_last = (y, q) == quarters[-1]
            rows = []
            for p, o, s in roster:
                g = "" if is_last else rng.choice(grades)
                rows.append(RoutineRecord(
                    period_id=periods[o.pk], person=p, unit=o, section_id=s, post="经办",
                    rule_set=rs, status=RoutineStatus.OPEN if is_last else RoutineStatus.FINAL,
                    grade=g, score=None if is_last else {"good": 93, "fairly_good": 85,
                                                          "average": 70}[g]))
            RoutineRecord.objects.bulk_create(rows, batch_size=5000)
        print(f"  {y}-Q{q}: {len(rows)} records", file=sys.stderr)
    # S1 events of the last quarter by the civil servants (as handlers).
    y, q = quarters[-1]
    lo = datetime.combine(quarter_bounds(y, q)[0], datetime.min.time(), tzinfo=TZ)
    ct = ContentType.objects.get_for_model(Assignment)
    handler_users = [p.user_id for p, _, _ in roster]
    events = []
    for i in range(replies):
        at = lo + timedelta(minutes=rng.randrange(0, 85 * 24 * 60))
        actor = rng.choice(handler_users)
        events.append(Event(content_type=ct, object_id=10_000_000 + i, actor_id=actor, at=at,
                            action="reply"))
        if i % 10 == 0:  # an unsatisfied follow-up reopened it
            events.append(Event(content_type=ct, object_id=10_000_000 + i, actor=None,
                                at=at + timedelta(days=3), action="reopen"))
        if i % 25 == 0:  # a return the dispatch centre ruled against
            events.append(Event(content_type=ct, object_id=20_000_000 + i, actor_id=actor,
                                at=at - timedelta(days=2), action="return"))
            events.append(Event(content_type=ct, object_id=20_000_000 + i, actor=None,
                                at=at - timedelta(days=1), action="reject_return"))
    Event.objects.bulk_create(events, batch_size=5000)
    print(f"  S1 events: {len(events)}", file=sys.stderr)
    return orgs, heads, authority, quarters


def existing():
    """The units, heads, authority and quarters of a database an earlier run built."""
    from grassroots.assessment.models import Period
    from grassroots.assessment.roles import AssessmentRole
    from grassroots.core.scope import Role
    from grassroots.orgs.models import Membership, Organization

    orgs = list(Organization.objects.filter(code__startswith="B-0").order_by("code"))
    head_of = {m.organization_id: m.person for m in Membership.objects.filter(
        organization__in=orgs, role=Role.UNIT_LEADER).select_related("person__user")}
    authority = Membership.objects.get(role=AssessmentRole.AUTHORITY,
                                       organization__code="B-ORG").person
    quarters = sorted(set(Period.objects.filter(unit=orgs[0]).values_list("year", "quarter")))
    return orgs, [head_of[o.pk] for o in orgs], authority, quarters


def sql_ms(user, period) -> float:
    """PostgreSQL's own execution time of the unit table's statements (no round trips, no
    Python): the sum of EXPLAIN ANALYZE's execution times, median of 5."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from grassroots.assessment import selectors
    from grassroots.assessment.models import RoutineRecord

    if connection.vendor != "postgresql":
        return float("nan")
    with CaptureQueriesContext(connection) as ctx:
        list(selectors.period_records(user, period))
        selectors.grade_distribution(RoutineRecord.objects.filter(period=period))
    runs = []
    for _ in range(5):
        total = 0.0
        for query in ctx.captured_queries:
            with connection.cursor() as cur:
                cur.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {query['sql']}")
                plan = cur.fetchone()[0]
            total += plan[0]["Execution Time"] + plan[0]["Planning Time"]
        runs.append(total)
    return statistics.median(runs)


def _client(user):
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(user)
    return client


def page(user, org, year, quarter):
    """The quarter page as the unit head sees it (a new request each time: scope, session)."""
    from grassroots.assessment.models import Period

    url = f"/assessment/periods/{Period.objects.get(unit=org, year=year, quarter=quarter).pk}/"
    client = _client(user)

    def get():
        assert client.get(url).status_code == 200
    return get


def page_queries(user, org, year, quarter) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    get = page(user, org, year, quarter)
    get()
    with CaptureQueriesContext(connection) as ctx:
        get()
    return len(ctx.captured_queries)


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--staff", type=int, default=40)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--replies", type=int, default=30000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--reuse", action="store_true",
                        help="measure the database an earlier run built (no build, no S1 run)")
    args = parser.parse_args()
    benchdb.setup_django("assessment", fresh=not args.reuse)
    from django.db import connection

    from grassroots.assessment import selectors
    from grassroots.assessment.models import ItemEvent, Period, RoutineRecord
    from grassroots.assessment.services.s1 import s1_items_derive

    t = time.perf_counter()
    if args.reuse:
        orgs, heads, authority, quarters = existing()
    else:
        orgs, heads, authority, quarters = build(args.units, args.staff, args.years,
                                                 args.replies, random.Random(args.seed))
    built = time.perf_counter() - t
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ANALYZE")
    head = heads[7].user
    head.__dict__.pop("_grassroots_scope", None)
    y, q = quarters[-2]
    period = Period.objects.get(unit=orgs[7], year=y, quarter=q)

    def unit_table():
        rows = list(selectors.period_records(head, period))
        selectors.grade_distribution(RoutineRecord.objects.filter(period=period))
        assert len(rows) == args.staff

    def county():
        d = selectors.county_grade_distribution(authority.user, year=y, quarter=q)
        assert d["total"] == args.units * args.staff

    results = {"unit quarter table": timed(unit_table, args.repeat),
               "unit quarter table, SQL execution only": sql_ms(head, period),
               "county grade distribution": timed(county, args.repeat)}
    for org in (orgs[7], orgs[8]):  # the bench's even units handle demands
        results[f"quarter page, {'handling' if org.is_handling_unit else 'non-handling'} unit "
                f"({page_queries(heads[orgs.index(org)].user, org, y, q)} queries)"] = (
            timed(page(heads[orgs.index(org)].user, org, y, q), args.repeat))
    ly, lq = quarters[-1]
    if args.reuse:
        for name, ms in results.items():
            print(f"| {name} | {ms:,.1f} ms |")
        return
    t = time.perf_counter()
    added = s1_items_derive(actor=authority.user, year=ly, quarter=lq)
    results["S1-derived items, whole county (first run)"] = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    again = s1_items_derive(actor=authority.user, year=ly, quarter=lq)
    results["S1-derived items, whole county (second run, idempotent)"] = (
        time.perf_counter() - t) * 1000
    print(f"database: {connection.vendor}; built in {built:.0f} s; records "
          f"{RoutineRecord.objects.count()}; S1 items added {added} (again: {again}); "
          f"items {ItemEvent.objects.count()}")
    for name, ms in results.items():
        print(f"| {name} | {ms:,.0f} ms |")


if __name__ == "__main__":
    main()
