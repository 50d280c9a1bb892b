"""The "1+4" points at county scale (issue #19), on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/points_bench \\
        .venv/bin/python bench/bench_points.py --phase tables --members 500000 --entries 20
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/points_bench_nightly \\
        .venv/bin/python bench/bench_points.py --phase nightly --members 35000

Each phase drops and recreates its database (benchdb), builds the small test county, a party
tree (a county committee, ``--towns`` town committees, branches of ``--branch-size``
members) and a published scheme through the services, then loads in bulk with SQL
(``INSERT … SELECT`` from a prototype row, so every column the ORM would write is there):

- ``tables``: ``--members`` members with ``--entries`` point entries each over the year (the
  scheme's items in turn, 98 % confirmed, spread over the days of the year) and an annual
  result each. Measured (median of ``--repeat``, as the county administrator): a branch's
  points table for a quarter (``selectors.branch_table``, evaluated) ≤ 150 ms, and a town's
  grade distribution by branch (``selectors.grade_distribution(town=…)``) ≤ 300 ms.
- ``nightly``: ``--members`` members with one month of what the automatic items read: each
  branch's party-group meeting and theme party day (and, in a quarter's first month, its
  general meeting and party lecture) with the members' attendance (85 % present, some absent
  without leave), and a dues bill each (90 % paid by month-end). Measured: the nightly
  automatic entries of that month (``services.points_nightly``) ≤ 60 s, then its idempotent
  re-run. S1 assignments and the registered sources (red teams, volunteering) have no rows here.
"""

import argparse
import statistics
import sys
import time
from datetime import date, datetime
from datetime import time as dtime
from zoneinfo import ZoneInfo

import benchdb  # bench/ is the script's own folder

TZ = ZoneInfo("Asia/Shanghai")


def timed(fn, repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), times


def log(msg: str, t0: float) -> None:
    print(f"[{time.perf_counter() - t0:7.0f} s] {msg}", file=sys.stderr, flush=True)


def clone(model, proto_pk: int, source_sql: str, overrides: dict[str, str]) -> int:
    """INSERT INTO model's table one row per row of ``source_sql`` (aliased ``s``), every
    column copied from the prototype row ``p`` unless ``overrides`` gives its SQL."""
    from django.db import connection

    cols = [f.column for f in model._meta.concrete_fields if not f.primary_key]
    table = model._meta.db_table
    exprs = [overrides.get(c, f'p."{c}"') for c in cols]
    sql = (f'INSERT INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
           f'SELECT {", ".join(exprs)} FROM "{table}" p, ({source_sql}) s WHERE p.id = {int(proto_pk)}')
    with connection.cursor() as c:
        c.execute(sql)
        return c.rowcount


def build_tree(members: int, towns: int, branch_size: int, t0: float):
    """The county, its committees and branches, ``members`` people on the roll."""
    from grassroots.party.models import MemberStatus, OrgKind, PartyMember, PartyOrganisation
    from grassroots.people.models import Person
    from grassroots.testing.county import build_small_county

    county = build_small_county()
    root = PartyOrganisation.objects.create(name="测试县委", kind=OrgKind.COUNTY_COMMITTEE,
                                            path="/")
    root.path = f"/{root.pk}/"
    root.save(update_fields=["path"])
    town_orgs = [PartyOrganisation(name=f"测试镇{i}党委", kind=OrgKind.BASE_COMMITTEE,
                                   parent=root) for i in range(towns)]
    PartyOrganisation.objects.bulk_create(town_orgs)
    for t in town_orgs:
        t.path = f"{root.path}{t.pk}/"
    PartyOrganisation.objects.bulk_update(town_orgs, ["path"])
    n_branches = -(-members // branch_size)
    branches = [PartyOrganisation(name=f"测试支部{i}", kind=OrgKind.BRANCH,
                                  parent=town_orgs[i % towns], field="rural")
                for i in range(n_branches)]
    PartyOrganisation.objects.bulk_create(branches, batch_size=5000)
    for b in branches:
        b.path = f"{b.parent.path}{b.pk}/"
    PartyOrganisation.objects.bulk_update(branches, ["path"], batch_size=5000)
    person = Person.objects.create(name="原型党员", kind="citizen")
    proto = PartyMember.objects.create(person=person, organisation=branches[0],
                                       status=MemberStatus.FULL, joined_on=date(2005, 7, 1),
                                       full_on=date(2006, 7, 1), is_active=True)
    clone(Person, person.pk, f"SELECT g FROM generate_series(1, {members}) g",
          {"name": "'党员' || s.g"})
    log(f"{members} people", t0)
    first_branch = branches[0].pk
    clone(PartyMember, proto.pk,
          "SELECT pp.id AS person_id, row_number() OVER (ORDER BY pp.id) - 1 AS rn "
          f"FROM people_person pp WHERE pp.id > {person.pk}",
          {"person_id": "s.person_id",
           "organisation_id": f"{first_branch} + (s.rn / {branch_size})::int"})
    PartyMember.objects.filter(pk=proto.pk).update(is_active=False, status=MemberStatus.FULL)
    log(f"{members} members in {n_branches} branches of {towns} towns", t0)
    return county, root, town_orgs, branches


def published_scheme(admin, year: int):
    from grassroots.partymembers.points import services

    scheme = services.scheme_create(actor=admin, year=year)
    return services.scheme_publish(actor=admin, scheme=scheme)


def analyze():
    from django.db import connection

    with connection.cursor() as c:
        c.execute("ANALYZE")


def phase_tables(args, t0):
    from grassroots.party.models import PartyMember
    from grassroots.partymembers.points import selectors
    from grassroots.partymembers.points.models import AnnualResult, PointEntry, ScoringItem

    county, _root, towns, branches = build_tree(args.members, args.towns, args.branch_size, t0)
    admin = county.admin
    year = date.today().year
    scheme = published_scheme(admin, year)
    items = list(ScoringItem.objects.filter(scheme=scheme).order_by("pk"))
    member0 = PartyMember.objects.filter(is_active=True).order_by("pk").first()
    proto = PointEntry.objects.create(scheme=scheme, member=member0, item=items[0],
                                      aspect=items[0].aspect, points=items[0].points,
                                      occurred_on=date(year, 1, 1), status="confirmed",
                                      source_kind="manual")
    # The items as a VALUES list: k → (item id, aspect, signed points).
    values = ", ".join(
        f"({k}, {it.pk}, '{it.aspect}', {it.points if it.kind == 'add' else -it.points})"
        for k, it in enumerate(items))
    n_items = len(items)
    chunk = max(1, 1_000_000 // args.entries)
    lo, hi = (PartyMember.objects.filter(is_active=True).order_by("pk")
              .values_list("pk", flat=True)[0],
              PartyMember.objects.order_by("-pk").values_list("pk", flat=True)[0])
    done = 0
    for start in range(lo, hi + 1, chunk):
        done += clone(PointEntry, proto.pk,
                      "SELECT m.id AS member_id, it.item_id, it.aspect, it.pts, g "
                      "FROM party_partymember m CROSS JOIN generate_series(0, "
                      f"{args.entries - 1}) g JOIN (VALUES {values}) "
                      "AS it(k, item_id, aspect, pts) "
                      f"ON it.k = (m.id + g) % {n_items} "
                      f"WHERE m.is_active AND m.id >= {start} AND m.id < {start + chunk}",
                      {"member_id": "s.member_id", "item_id": "s.item_id",
                       "aspect": "s.aspect", "points": "s.pts",
                       "occurred_on": f"date '{year}-01-01' + ((s.member_id * 7 + s.g * 17)"
                                      " % 365)::int",
                       "status": "CASE WHEN (s.member_id + s.g) % 50 = 0 THEN 'proposed' "
                                 "ELSE 'confirmed' END"})
        log(f"{done} entries", t0)
    PointEntry.objects.filter(pk=proto.pk).delete()
    proto_r = AnnualResult.objects.create(
        scheme=scheme, member=member0, organisation=member0.organisation, daily_score=80,
        composite=80, grade="qualified", rank_in_branch=1)
    clone(AnnualResult, proto_r.pk,
          "SELECT m.id AS member_id, m.organisation_id, 40 + (m.id * 37) % 60 AS c "
          f"FROM party_partymember m WHERE m.is_active AND m.id <> {member0.pk}",
          {"member_id": "s.member_id", "organisation_id": "s.organisation_id",
           "daily_score": "s.c", "composite": "s.c",
           "grade": "CASE WHEN s.c >= 90 THEN 'excellent' WHEN s.c >= 75 THEN 'qualified' "
                    "WHEN s.c >= 60 THEN 'basic' ELSE 'unqualified' END"})
    log(f"{AnnualResult.objects.count()} annual results", t0)
    analyze()
    log("analyzed", t0)
    branch = branches[len(branches) // 2]
    town = towns[len(towns) // 2]
    q_start, q_end = date(year, 4, 1), date(year, 6, 30)
    rows = list(selectors.branch_table(admin, branch, q_start, q_end))
    table, table_runs = timed(
        lambda: list(selectors.branch_table(admin, branch, q_start, q_end)), args.repeat)
    dist, dist_runs = timed(
        lambda: selectors.grade_distribution(admin, scheme, by="branch", town=town),
        args.repeat)
    n_town = len(selectors.grade_distribution(admin, scheme, by="branch", town=town))
    print(f"entries: {PointEntry.objects.count()}, members: {args.members}")
    print(f"a branch's points table for a quarter ({len(rows)} members): {table:.0f} ms "
          f"(median of {args.repeat}; runs {', '.join(f'{t:.0f}' for t in table_runs)}) "
          f"— goal ≤ 150 ms")
    print(f"a town's grade distribution by branch ({n_town} branches): {dist:.0f} ms "
          f"(median of {args.repeat}; runs {', '.join(f'{t:.0f}' for t in dist_runs)}) "
          f"— goal ≤ 300 ms")


def phase_nightly(args, t0):
    from grassroots.meetings.models import Meeting, MeetingAttendance
    from grassroots.party.models import PartyMember
    from grassroots.partymembers.points import services
    from grassroots.partymembers.points.models import PointEntry
    from grassroots.partymembers.records.models import DuesBill
    from grassroots.rulesets.models import RuleSet

    county, _root, _towns, branches = build_tree(args.members, args.towns, args.branch_size,
                                                 t0)
    admin = county.admin
    today = date.today()
    month = date(today.year, today.month, 1)
    if month.month == 1:  # the last whole month of this year's scheme
        month = date(today.year, 1, 1)
    else:
        month = date(today.year, month.month - 1, 1)
    published_scheme(admin, month.year)
    kinds = ["group", "theme_day"]
    if month.month in (1, 4, 7, 10):
        kinds += ["general_meeting", "lecture"]
    meetings = []
    for b in branches:
        for day, kind in enumerate(kinds, start=5):
            meetings.append(Meeting(org=b, kind=kind, title=f"{kind}", status="minuted",
                                    held_at=datetime.combine(month.replace(day=day),
                                                             dtime(9), tzinfo=TZ)))
    Meeting.objects.bulk_create(meetings, batch_size=5000)
    by_branch: dict[int, list[int]] = {}
    for m in meetings:
        by_branch.setdefault(m.org_id, []).append(m.pk)
    members = list(PartyMember.objects.filter(is_active=True)
                   .values_list("pk", "person_id", "organisation_id"))
    rows = []
    for i, (_pk, person_id, org_id) in enumerate(members):
        for j, meeting_id in enumerate(by_branch[org_id]):
            present = (i + j) % 20 > 2  # 85 % present
            rows.append(MeetingAttendance(meeting_id=meeting_id, person_id=person_id,
                                          role="member", present=present,
                                          leave_approved=not present and (i + j) % 2 == 0))
    MeetingAttendance.objects.bulk_create(rows, batch_size=10000)
    log(f"{len(meetings)} meetings, {len(rows)} attendances", t0)
    rule_set = RuleSet.objects.order_by("pk").first()
    end = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    bills = [DuesBill(member_id=pk, month=month, amount=10, rule_set=rule_set,
                      status="paid" if i % 10 else "due",
                      paid_on=month.replace(day=20) if i % 10 else None)
             for i, (pk, _p, _o) in enumerate(members)]
    DuesBill.objects.bulk_create(bills, batch_size=10000)
    log(f"{len(bills)} dues bills (month {month:%Y-%m}, next {end:%Y-%m})", t0)
    analyze()
    t = time.perf_counter()
    first = services.points_nightly(month)
    first_s = time.perf_counter() - t
    t = time.perf_counter()
    again = services.points_nightly(month)
    again_s = time.perf_counter() - t
    print(f"nightly automatic entries, {args.members} members, month {month:%Y-%m}: "
          f"{first_s:.1f} s ({first['created']} entries) — goal ≤ 60 s")
    print(f"re-run (idempotent): {again_s:.1f} s ({again['created']} new); entries in the table: "
          f"{PointEntry.objects.count()}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--phase", choices=("tables", "nightly"), required=True)
    parser.add_argument("--members", type=int, default=500_000)
    parser.add_argument("--entries", type=int, default=20, help="entries per member")
    parser.add_argument("--towns", type=int, default=20)
    parser.add_argument("--branch-size", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    benchdb.setup_django(f"bench_points_{args.phase}", fresh=True)
    t0 = time.perf_counter()
    (phase_tables if args.phase == "tables" else phase_nightly)(args, t0)


if __name__ == "__main__":
    main()
