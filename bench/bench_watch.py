"""The deadline watch at scale (issue #25): newly overdue assignments behind a backlog.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_demands \\
        .venv/bin/python bench/bench_watch.py --backlog 15000 --new 1000

Runs on a database ``bench/bench_demands.py`` or ``bench/bench_stats.py`` loaded (or the SQLite
file of ``bench_demands``), at whatever scale it holds. The run is a Monday 10:00 (Beijing) in
the coming week, so the weekend lies between "8 clock hours overdue" and "8 working hours
overdue". It

1. marks every running deadline already in the table as notified and escalated (as if earlier
   runs had done it; one UPDATE), so only what the bench plants is due;
2. plants ``--backlog`` assignments overdue since Friday afternoon or the weekend — overdue by
   more than 8 clock hours, fewer than 8 working hours, already notified: what starved the watch
   at 10 M (issue #25: about 15,000 of them) — and ``--new`` assignments overdue by 30 minutes,
   not yet notified;
3. same run, A/B: the candidate query of the watch before the fix (no order, escalation bar in
   clock hours, ``LIMIT 5000``) — how many of the new ones it would have read — and the watch of
   today (ordered by due time, escalation bar in working time), timed: it must claim every new
   assignment in one run, escalate none and leave the backlog as it was;
4. the watch again (nothing due), timed; then removes what it planted.
"""

import argparse
import statistics
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import benchdb  # bench/ is the script's own folder

SHANGHAI = ZoneInfo("Asia/Shanghai")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="bench_demands",
                        help="SQLite file name under var/bench/ when DATABASE_URL is not set")
    parser.add_argument("--backlog", type=int, default=15000)
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--limit", type=int, default=5000, help="the watch's candidate limit")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    benchdb.setup_django(args.db, fresh=False)

    from django.db import connection, transaction
    from django.db.models import F, Q

    from grassroots.core import clock
    from grassroots.demands.models import ACTIVE_STATUSES_ASSIGNMENT, Assignment, AssignmentStatus
    from grassroots.supervision.services.watch import deadline_watch
    from grassroots.workcal.watch import _not_notified, escalate_before

    base_row = Assignment.objects.order_by("-pk").first()
    if base_row is None:
        raise SystemExit("no assignments: load the database with bench_demands.py first")
    total = Assignment.objects.count()
    local = clock.now().astimezone(SHANGHAI)
    monday = (local + timedelta(days=7 - local.weekday())).date()
    at = datetime(monday.year, monday.month, monday.day, 10, 0, tzinfo=SHANGHAI)
    bar = escalate_before(at, 8)
    clock_bar = at - timedelta(hours=8)
    assert bar is not None and bar < clock_bar - timedelta(hours=1), (bar, clock_bar)

    runs = []
    for repeat in range(args.repeat):
        # 1. Everything already running counts as handled by earlier runs.
        Assignment.objects.filter(due_at__isnull=False).update(
            near_notified_for=F("due_at"), overdue_notified_for=F("due_at"), escalated_at=at)
        # 2. Plant the backlog and the new ones.
        fields = {f.attname: getattr(base_row, f.attname) for f in Assignment._meta.concrete_fields
                  if f.attname != "id"}
        fields.update(status=AssignmentStatus.HANDLING, closed_at=None, escalated_at=None,
                      near_notified_for=None, overdue_notified_for=None)
        span = (clock_bar - timedelta(minutes=1)) - (bar + timedelta(minutes=1))
        backlog = []
        for i in range(args.backlog):
            due = bar + timedelta(minutes=1) + span * (i / max(1, args.backlog))
            backlog.append(Assignment(**{**fields, "due_at": due, "overdue_notified_for": due}))
        new_due = at - timedelta(minutes=30)
        new = [Assignment(**{**fields, "due_at": new_due}) for _ in range(args.new)]
        with transaction.atomic():
            Assignment.objects.bulk_create(backlog, batch_size=2000)
            Assignment.objects.bulk_create(new, batch_size=2000)
        planted = Assignment.objects.filter(pk__gt=base_row.pk, due_at__in=[new_due]).count()
        assert planted == args.new
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("ANALYZE demands_assignment")

        # 3a. The candidate query before the fix (issue #25), read only.
        near_until = at + timedelta(hours=4)
        old = list(
            Assignment.objects.filter(due_at__isnull=False, due_at__lt=near_until,
                                      status__in=ACTIVE_STATUSES_ASSIGNMENT)
            .filter((Q(due_at__gte=at) & _not_notified("near_notified_for"))
                    | (Q(due_at__lt=at) & _not_notified("overdue_notified_for"))
                    | Q(due_at__lt=clock_bar, escalated_at__isnull=True))
            .order_by().values_list("due_at", flat=True)[:args.limit])
        old_new = sum(1 for d in old if d == new_due)

        # 3b. Today's watch.
        t = time.perf_counter()
        result = deadline_watch(at=at, limit=args.limit)
        watch_ms = (time.perf_counter() - t) * 1000
        claimed = Assignment.objects.filter(due_at=new_due, overdue_notified_for=new_due).count()
        untouched = Assignment.objects.filter(
            pk__gt=base_row.pk, due_at__lt=clock_bar, escalated_at__isnull=True,
            near_notified_for__isnull=True).count()
        # 4. Nothing due.
        t = time.perf_counter()
        again = deadline_watch(at=at, limit=args.limit)
        idle_ms = (time.perf_counter() - t) * 1000
        assert result == {"near": 0, "overdue": args.new, "escalated": 0}, result
        assert claimed == args.new and untouched == args.backlog, (claimed, untouched)
        assert again == {"near": 0, "overdue": 0, "escalated": 0}, again
        runs.append((watch_ms, idle_ms, len(old), old_new))
        print(f"run {repeat + 1}: watch {watch_ms:.0f} ms ({result}), nothing due {idle_ms:.0f} "
              f"ms; the old query read {len(old)} candidates, {old_new} of them new", flush=True)
        Assignment.objects.filter(pk__gt=base_row.pk).delete()

    watch_ms = statistics.median(r[0] for r in runs)
    idle_ms = statistics.median(r[1] for r in runs)
    print(f"""
{connection.vendor}, {total:,} assignments in the table, backlog {args.backlog:,}, new {args.new:,}, limit {args.limit:,}, at {at:%Y-%m-%d %H:%M} (Monday)

| measurement | result |
|---|---|
| old candidate query: new assignments among its candidates | {", ".join(f"{r[3]} of {r[2]}" for r in runs)} |
| watch: new overdue claimed in one run / escalated / backlog untouched | {args.new:,} / 0 / {args.backlog:,} (every run) |
| watch with {args.new:,} newly overdue behind {args.backlog:,} (median of {len(runs)}) | {watch_ms:.0f} ms (runs {", ".join(f"{r[0]:.0f}" for r in runs)}) |
| watch again, nothing due (median) | {idle_ms:.0f} ms |
""")


if __name__ == "__main__":
    main()
