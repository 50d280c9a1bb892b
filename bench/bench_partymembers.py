"""S2 party members at city scale (issue #18).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pmrest_bench \\
        .venv/bin/python bench/bench_partymembers.py --members 500000 --cases 60000

Drops and recreates the database (benchdb), then builds a city in bulk: a city committee with
``--counties`` county committees, each with ``--towns`` town committees of ``--branches``
branches; ``--members`` party members (with their persons, encrypted ID numbers and phones) spread
evenly over the branches, so one county holds members / counties (35,714 for the defaults);
``--cases`` development cases spread over the branches: 40 % completed (approved in the last
three years), the rest open at every step of the main line with consistent dates, ~5 % flagged
by a soft warning, half the activists with an examination record. Officers are real users with
the scope the platform gives them: a branch secretary, a town officer and a county officer
(``PartyPost`` on the committee: the whole subtree).

Then it measures (median of --repeat, the user's scope recomputed each time as in a request):

- a branch's registers: the five development registers of the branch secretary
  (``register_report``, evaluated) and the branch roster with its counters
  (``records.selectors.roster``) — limit 150 ms each;
- a town's overdue list (``overdue_report`` for the town officer, evaluated) — limit 150 ms;
- the county structure report of the last full year (``structure_report``) — limit 1 s;
- the national-format export of one county's members (``party.exchange.export_workbook`` as
  the county officer, masked, with the tqdm bar of ``manage.py party_export``) — limit 30 s.
"""

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta

import benchdb  # bench/ is the script's own folder

OPEN_STEPS = ["applied", "talked", "activist", "activist_filed", "contacts", "candidate",
              "candidate_publicised", "candidate_filed", "introducers", "reviewed", "trained",
              "committee_reviewed", "pre_reviewed", "volunteer_book", "admission_publicised",
              "admitted", "upper_talked", "approved", "county_filed", "placed", "sworn",
              "conversion_applied", "conversion_publicised", "conversion_voted"]
SECTORS = ["rural"] * 30 + ["community"] * 12 + ["non_public"] * 18 + ["social_org"] * 6 + \
    ["school"] * 10 + ["hospital"] * 6 + ["organ"] * 10 + ["state_owned"] * 5 + ["other"] * 3
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    day = min(d.day, 28)
    return date(d.year + y, m + 1, day)


def id_number(seq: int) -> str:
    from grassroots.people.services import id_number_check_digit

    first17 = f"370828{1960 + seq % 40}{1 + seq % 12:02d}{1 + seq % 28:02d}{seq % 1000:03d}"
    return first17 + id_number_check_digit(first17)


def name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < .6
                                                       else "")


def _users(prefix: str):
    from django.contrib.auth import get_user_model

    from grassroots.people.models import Person

    user = get_user_model().objects.create_user(username=prefix, password="bench-password-1")
    person = Person.objects.create(name=prefix, kind="cadre", user=user)
    return user, person


def build(args, rng: random.Random) -> dict:
    from grassroots.party.models import OrgKind, PartyMember, PartyOrganisation, PartyPost
    from grassroots.partymembers.development.models import DevelopmentCase, PeriodicRecord
    from grassroots.people.models import Person
    from grassroots.rulesets.models import RuleSet

    t0 = time.perf_counter()
    root = PartyOrganisation.objects.create(name="测试市委", kind=OrgKind.COUNTY_COMMITTEE,
                                            path="/")
    root.path = f"/{root.pk}/"
    root.save(update_fields=["path"])

    def level(parents, n, kind, label, **extra):
        orgs = [PartyOrganisation(name=f"{p.name}{label}{i + 1}", kind=kind, parent=p, **extra)
                for p in parents for i in range(n)]
        PartyOrganisation.objects.bulk_create(orgs, batch_size=5000)
        for o in orgs:
            o.path = f"{o.parent.path}{o.pk}/"
        PartyOrganisation.objects.bulk_update(orgs, ["path"], batch_size=5000)
        return orgs

    counties = level([root], args.counties, OrgKind.BASE_COMMITTEE, "县")
    towns = level(counties, args.towns, OrgKind.BASE_COMMITTEE, "镇",
                  has_approval_authority=True)
    branches = level(towns, args.branches, OrgKind.BRANCH, "支部", field="rural")
    print(f"tree: {len(counties)} counties, {len(towns)} towns, {len(branches)} branches "
          f"({time.perf_counter() - t0:.0f} s)", file=sys.stderr)

    # Members: persons with encrypted ID numbers and phones, spread evenly over the branches
    # (member i in branch i mod B, so the first county holds members / counties).
    from tqdm import tqdm

    today = date.today()
    chunk = 20000
    first_county = args.towns * args.branches  # branches are created county by county
    bar = tqdm(total=args.members, desc="members", file=sys.stderr)
    for start in range(0, args.members, chunk):
        n = min(chunk, args.members - start)
        people = []
        for i in range(start, start + n):
            p = Person(name=name(rng), kind="citizen", gender="男" if i % 3 else "女")
            if i % len(branches) < first_county:  # the exported county: real PII columns
                p.set_id_number(id_number(i))
                p.set_phone(f"13{i % 10}{i:08d}"[:11])
            people.append(p)
        Person.objects.bulk_create(people, batch_size=5000)
        members = []
        for k, p in enumerate(people):
            i = start + k
            joined = today - timedelta(days=400 + (i * 37) % 15000)
            members.append(PartyMember(
                person=p, organisation_id=branches[i % len(branches)].pk,
                status="full", joined_on=joined, full_on=add_months(joined, 12),
                birth_date=date(1950 + i % 50, 1 + i % 12, 1 + i % 28), ethnicity="汉族",
                education=("大学本科", "大专", "高中", "初中")[i % 4], category="农民",
                dues_category="farmer", residence="测试市测试县"))
        PartyMember.objects.bulk_create(members, batch_size=5000)
        bar.update(n)
    bar.close()

    # Development cases.
    rule_set = RuleSet.objects.get(code="party.dev.2014")
    bar = tqdm(total=args.cases, desc="cases", file=sys.stderr)
    last_year = today.year - 1
    for start in range(0, args.cases, chunk):
        n = min(chunk, args.cases - start)
        people = [Person(name=name(rng), kind="citizen", gender=rng.choice("男女"))
                  for _ in range(n)]
        Person.objects.bulk_create(people, batch_size=5000)
        cases = []
        for p in people:
            branch = rng.choice(branches)
            sector = rng.choice(SECTORS)
            completed = rng.random() < 0.40
            if completed:
                approved = date(last_year - 2, 1, 1) + timedelta(days=rng.randrange(3 * 365))
                admitted = approved - timedelta(days=rng.randint(20, 80))
                applied = add_months(admitted, -rng.randint(26, 40))
                step, status = "completed", "completed"
            else:
                step, status = rng.choice(OPEN_STEPS), "active"
                k = OPEN_STEPS.index(step)
                # later steps applied longer ago: ~1.5 months a step, plus noise
                applied = today - timedelta(days=int(k * 45 + rng.randint(0, 120)))
                admitted = applied + timedelta(days=k * 40) if k >= 15 else None
                approved = admitted + timedelta(days=40) if k >= 17 else None
            activist = add_months(applied, 2)
            age = rng.choice((20, 24, 28, 31, 34, 38, 45))
            case = DevelopmentCase(
                person=p, organisation_id=branch.pk, sector=sector, step=step, status=status,
                rule_set=rule_set, birth_date=date(applied.year - age, rng.randint(1, 12),
                                                   rng.randint(1, 28)),
                gender=p.gender, ethnicity="汉族", education=rng.choice(("大学本科", "高中")),
                is_college=rng.random() < 0.6, is_front_line=rng.random() < 0.4,
                applied_on=applied, talk_due_on=add_months(applied, 1),
                activist_on=activist if step not in ("applied", "talked") else None,
                admitted_on=admitted, approved_on=approved,
                approval_due_on=add_months(admitted, 3) if admitted else None,
                probation_end_on=add_months(admitted, 12) if admitted else None,
                converted_on=add_months(admitted, 12) if completed else None,
                needs_joint_review=sector in ("rural", "community", "non_public", "social_org"),
                is_overdue=(not completed) and rng.random() < 0.05)
            cases.append(case)
        DevelopmentCase.objects.bulk_create(cases, batch_size=5000)
        PeriodicRecord.objects.bulk_create([
            PeriodicRecord(case=c, kind="examination", done_on=add_months(c.activist_on, 6),
                           summary="培养考察")
            for c in cases if c.step in ("activist", "activist_filed", "contacts")
            and rng.random() < 0.5], batch_size=5000)
        bar.update(n)
    bar.close()

    # The officers: the secretary of the first branch, an officer of its town and one of its
    # county (a PartyPost gives the committee's whole subtree).
    secretary, person = _users("bench_secretary")
    branch = branches[0]
    branch.secretary = person
    branch.save(update_fields=["secretary"])
    town_user, town_person = _users("bench_town")
    PartyPost.objects.create(person=town_person, organisation=towns[0], title="组织委员")
    county_user, county_person = _users("bench_county")
    PartyPost.objects.create(person=county_person, organisation=counties[0], title="组织委员")
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"built in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return {"branch": branch, "town": towns[0], "county": counties[0], "secretary": secretary,
            "town_user": town_user, "county_user": county_user}


CPU: dict[str, float] = {}  # label → median process CPU seconds of the last timed()


def timed(fn, repeat: int, user) -> tuple[float, object]:
    runs, cpu, result = [], [], None
    for _ in range(repeat):
        user.__dict__.pop("_grassroots_scope", None)  # a request computes the scope anew
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        runs.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    CPU["last"] = statistics.median(cpu)
    return statistics.median(runs), result


def cpu() -> str:
    return f"{CPU['last'] * 1000:.0f} ms CPU of this process"


def measure(world, repeat: int) -> list[tuple[str, float, float, str]]:
    from tqdm import tqdm

    from grassroots.party.exchange import export_workbook
    from grassroots.partymembers.development import selectors as dev
    from grassroots.partymembers.records.selectors import roster

    today = date.today()
    out = []
    sec = world["secretary"]
    for code in dev.REGISTERS:
        t, report = timed(lambda code=code: dev.register_report(sec, code, limit=500), repeat,
                          sec)
        out.append((f"branch register `{code}` ({len(report.rows)} rows)", t, 0.150, cpu()))
    t, rows = timed(lambda: list(roster(sec, world["branch"], today)), repeat, sec)
    out.append((f"branch roster with counters ({len(rows)} members)", t, 0.150, cpu()))
    town = world["town_user"]
    t, report = timed(lambda: dev.overdue_report(town), repeat, town)
    out.append((f"town overdue list ({len(report.rows)} rows)", t, 0.150, cpu()))
    county = world["county_user"]
    t, report = timed(lambda: dev.structure_report(county, today.year - 1), repeat, county)
    out.append((f"county structure report ({report.rows[0][1]} new members)", t, 1.0, cpu()))

    def export():
        bar = tqdm(total=0, desc="export", unit="行", file=sys.stderr)

        def progress(done, total):
            bar.total = total
            bar.update(done - bar.n)

        data = export_workbook(county, "members", progress=progress)
        bar.close()
        return data, bar.n

    t, (data, rows) = timed(export, max(1, repeat // 3), county)
    out.append((f"county national-format export ({rows} members, {len(data) // 1024} KiB)",
                t, 30.0, f"{CPU['last']:.1f} s CPU of this process"))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=500_000)
    parser.add_argument("--cases", type=int, default=60_000)
    parser.add_argument("--counties", type=int, default=14)
    parser.add_argument("--towns", type=int, default=15)
    parser.add_argument("--branches", type=int, default=80)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="measure an already built db")
    args = parser.parse_args()
    benchdb.setup_django("partymembers", fresh=not args.reuse)
    rng = random.Random(18)
    if args.reuse:
        from django.contrib.auth import get_user_model

        from grassroots.party.models import PartyPost

        users = get_user_model().objects
        town_post = PartyPost.objects.get(person__user__username="bench_town")
        county_post = PartyPost.objects.get(person__user__username="bench_county")
        secretary = users.get(username="bench_secretary")
        world = {"secretary": secretary, "branch": secretary.person.party_secretary_of.get(),
                 "town": town_post.organisation, "county": county_post.organisation,
                 "town_user": users.get(username="bench_town"),
                 "county_user": users.get(username="bench_county")}
    else:
        world = build(args, rng)
    import os

    print(f"\nload average {os.getloadavg()[0]:.1f}")
    print("| measure | median | limit | met | note |\n|---|---|---|---|---|")
    for label, t, limit, note in measure(world, args.repeat):
        print(f"| {label} | {t * 1000:.0f} ms | {limit * 1000:.0f} ms | "
              f"{'yes' if t <= limit else '**no**'} | {note} |")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
