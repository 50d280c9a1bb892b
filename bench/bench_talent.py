"""Rural talent (S4, issue #21) at city scale: the title statistics and the training figures.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/talent_bench \\
        .venv/bin/python bench/bench_talent.py --applications 50000 --enrolments 100000

Drops and recreates the database (benchdb), builds the small test county plus 20 towns, one
committee with ``--years`` annual rounds (quotas per Wenshang level), ``--applications``
applications spread over the rounds, towns, levels and specialities (one registered talent
each) in the states of a finished round — ~30 % awarded, of which four in five subsidised,
the rest refused, ineligible or withdrawn —, their awards and subsidy payments, a recognised
base per town with ``--courses`` courses and ``--enrolments`` enrolments. Then it measures
(median of --repeat, milliseconds):

- the statistics page's figures (``views.titles.statistics``: pass rates by level and
  speciality, subsidies paid/due, holders by town, holders later developed / posted) for the
  county administrator (every application) and for town A's staff (their town's);
- the last round's quota use (``selectors.quota_use``);
- the training figures (``selectors.training_rates``);
- the last round's 资格审查汇总表 (``documents.eligibility_xlsx``, built to bytes).
"""

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import benchdb  # bench/ is the script's own folder

TZ = ZoneInfo("Asia/Shanghai")
TOWNS = 20
BATCH = 5000


def build(args, rng: random.Random):
    from grassroots.orgs.models import Organization
    from grassroots.people.models import Person
    from grassroots.places.models import Division
    from grassroots.talent.models import (
        Application,
        Committee,
        Enrollment,
        EvaluationRound,
        RoundQuota,
        RuralTalent,
        Specialty,
        SubsidyPayment,
        TitleAward,
        TitleLevel,
        TrainingBase,
        TrainingCourse,
    )
    from grassroots.testing.county import build_small_county

    county = build_small_county()
    towns = [Division(code=f"37089{i:03d}0000", name=f"测试镇{i}", level="town",
                      parent=county.county) for i in range(TOWNS)]
    Division.objects.bulk_create(towns)
    for t in towns:
        t.town_id = t.pk
    Division.objects.bulk_update(towns, ["town"])
    towns = [county.town_a, county.town_b, *towns]
    levels = list(TitleLevel.objects.filter(scheme="wenshang").order_by("rank"))
    specialties = list(Specialty.objects.all())
    committee = Committee.objects.create(name="测试市新型职业农民职称评审委员会",
                                         secretariat=Organization.objects.get(code="GOV"))
    committee.levels.set(levels)
    first = date.today().year - args.years
    rounds = [EvaluationRound(committee=committee, year=first + k, title=f"{first + k}年度评审",
                              apply_from=date(first + k, 3, 1), apply_to=date(first + k, 4, 30),
                              created_at=datetime(first + k, 2, 1, 9, tzinfo=TZ))
              for k in range(args.years)]
    EvaluationRound.objects.bulk_create(rounds)
    per_level = args.applications // args.years // len(levels)
    RoundQuota.objects.bulk_create([RoundQuota(round=r, level=lv, quota=max(1, per_level // 3))
                                    for r in rounds for lv in levels])
    people = [Person(name=f"人才{i}", kind="citizen") for i in range(args.applications)]
    Person.objects.bulk_create(people, batch_size=BATCH)
    registered = datetime(first, 1, 5, 9, tzinfo=TZ)
    talents = [RuralTalent(person=p, town=towns[i % len(towns)], category="planting",
                           registered_at=registered) for i, p in enumerate(people)]
    RuralTalent.objects.bulk_create(talents, batch_size=BATCH)
    states = (["subsidised"] * 24 + ["awarded"] * 6 + ["rejected"] * 40 + ["ineligible"] * 20
              + ["withdrawn"] * 10)
    apps = []
    for i, talent in enumerate(talents):
        rnd = rounds[i % len(rounds)]
        status = rng.choice(states)
        apps.append(Application(
            round=rnd, talent=talent, town=talent.town, level=levels[i % len(levels)],
            specialty=specialties[i % len(specialties)], achievements="种植大棚蔬菜五十亩。",
            years_in_production=rng.randint(1, 20), households_driven=rng.randint(0, 200),
            status=status, reason="从业年限不足" if status == "ineligible" else "",
            composite_score=rng.randint(60, 95) if status not in ("ineligible", "withdrawn")
            else None, created_by=county.admin, created_at=rnd.created_at + timedelta(days=40)))
    Application.objects.bulk_create(apps, batch_size=BATCH)
    awards = [TitleAward(application=a, person_id=a.talent.person_id, level=a.level,
                         specialty=a.specialty, certificate_no=f"测证〔{a.round.year}〕{a.pk:07d}号",
                         awarded_on=date(a.round.year, 9, 1))
              for a in apps if a.status in ("awarded", "subsidised")]
    TitleAward.objects.bulk_create(awards, batch_size=BATCH)
    SubsidyPayment.objects.bulk_create(
        [SubsidyPayment(award=w, person_id=w.person_id, level=w.level,
                        amount_yuan=w.level.subsidy_yuan, paid_on=w.awarded_on + timedelta(30),
                        approved_by=county.admin)
         for w, a in zip(awards, [a for a in apps if a.status in ("awarded", "subsidised")],
                         strict=True) if a.status == "subsidised"], batch_size=BATCH)
    bases = [TrainingBase(name=f"测试实训基地{i}", town=t, specialty="蔬菜种植", operator="合作社",
                          status="recognised", recognised_on=date(first, 3, 1))
             for i, t in enumerate(towns)]
    TrainingBase.objects.bulk_create(bases)
    courses = [TrainingCourse(base=None if k % 10 == 0 else bases[k % len(bases)],
                              title=f"实操课{k}", mode="online" if k % 10 == 0 else "offline",
                              practice=k % 3 == 0, lecturer="王守田", lecturer_kind="expert",
                              hours=8, held_on=date(first, 5, 1) + timedelta(days=k % 3000))
               for k in range(args.courses)]
    TrainingCourse.objects.bulk_create(courses, batch_size=BATCH)
    seen, enrolments = set(), []
    while len(enrolments) < args.enrolments:
        pair = (rng.randrange(len(talents)), rng.randrange(len(courses)))
        if pair in seen:
            continue
        seen.add(pair)
        hours = rng.choice((8, 8, 6, 4, 0))
        enrolments.append(Enrollment(talent=talents[pair[0]], course=courses[pair[1]],
                                     attended_hours=hours, passed=hours >= 6,
                                     decided_on=date(first, 6, 1) if hours else None))
    Enrollment.objects.bulk_create(enrolments, batch_size=BATCH)
    return county, rounds[-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=50000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--courses", type=int, default=2000)
    parser.add_argument("--enrolments", type=int, default=100000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    benchdb.setup_django("talent", fresh=True)
    from django.db import connection, reset_queries

    from grassroots.talent import documents, selectors
    from grassroots.talent.models import Application, Enrollment, TitleAward

    t = time.perf_counter()
    county, last = build(args, random.Random(21))
    print(f"built {Application.objects.count()} applications, "
          f"{TitleAward.objects.count()} awards, {Enrollment.objects.count()} enrolments "
          f"in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")

    def figures(user):
        def run():
            visible = Application.objects.restrict(user)
            return (selectors.pass_rates(visible), selectors.subsidy_totals(visible),
                    selectors.holders_by_town(visible), selectors.holders_later(visible))
        return run

    cases = {
        "statistics page figures, county administrator": figures(county.admin),
        "statistics page figures, town A's staff": figures(county.town_staff),
        "quota use of the last round": lambda: selectors.quota_use(last),
        "training figures (training_rates)": selectors.training_rates,
        "资格审查汇总表 of the last round (.xlsx bytes)": lambda: documents.eligibility_xlsx(last),
    }
    print(f"| figure | median ms (of {args.repeat}) | runs | queries |")
    print("|---|---|---|---|")
    for name, fn in cases.items():
        from django.conf import settings
        settings.DEBUG = True
        reset_queries()
        fn()
        queries = len(connection.queries)
        settings.DEBUG = False
        median, runs = benchdb.timed_ms(fn, args.repeat)
        print(f"| {name} | {median:.0f} | {', '.join(f'{x:.0f}' for x in runs)} | {queries} |")


if __name__ == "__main__":
    main()
