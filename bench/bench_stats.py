"""Statistics and supervision at scale (issue 4).

    .venv/bin/python bench/bench_stats.py --n 1000000                           # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_stats \\
        .venv/bin/python bench/bench_stats.py --n 5000000                       # PostgreSQL

Builds a fresh database (the SQLite file under var/bench/ or the named PostgreSQL database is
dropped and recreated), a small county with 60 handling units, 2 towns and 12 grids, and loads N
demands over 18 months with their assignments and events in bulk (COPY on PostgreSQL,
executemany on SQLite). 40 % are solved on the spot; the others have one lead assignment with
late acknowledgements, late replies, returns, extensions, outcomes and ratings mixed in.
Then it measures, in the same run:

- the month statistics for every unit (``unit_stats``, median of --repeat), with and without the
  previous-month comparison, and a hand-written SQL GROUP BY computing the same figures over
  the same rows (the ratio is ORM / SQL);
- the dashboard page rendered by Django's test client for a county supervisor;
- one bulletin: compile + .docx + .xlsx + .pdf;
- the deadline watch with 1,000 due items (and again with nothing due).
"""

import argparse
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import benchdb  # bench/ is the script's own folder

ROOT = benchdb.ROOT
TZ = ZoneInfo("Asia/Shanghai")
MONTHS = 18


def setup_django(fresh: bool):
    benchdb.setup_django("bench_stats", fresh)


def build_county():
    from grassroots.demands.models import Category
    from grassroots.orgs.models import Organization, OrganizationKind
    from grassroots.places.models import Grid
    from grassroots.testing.county import build_small_county
    from grassroots.testing.factories import make_member

    county = build_small_county()
    units = [county.water, county.housing, county.town_a_org]
    for i in range(57):
        unit = Organization.objects.create(name=f"基准测试单位{i}", code=f"B-{i}",
                                           kind=OrganizationKind.DEPARTMENT, is_handling_unit=True)
        make_member(username=f"bench_h{i}", organization=unit, role="handler")
        units.append(unit)
    grids = [county.grid_a, county.grid_b]
    for i in range(10):
        village = county.village_a if i % 2 else county.village_b
        grids.append(Grid.objects.create(code=f"G-X-{i:02d}", name=f"基准网格{i}",
                                         division=village, households=250))
    cats = []
    for i in range(8):
        root = Category.objects.create(name=f"一级分类{i}", code=f"B{i:02d}", level=1)
        mid = Category.objects.create(name=f"二级分类{i}", code=f"B{i:02d}01", level=2, parent=root)
        cats.append(Category.objects.create(name=f"三级分类{i}", code=f"B{i:02d}0101", level=3,
                                            parent=mid))
    return county, units, grids, cats


def load(n: int, county, units, grids, cats, end: datetime, batch: int = 20000):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from grassroots.demands.models import Assignment, Demand

    rng = random.Random(7)
    start = end - timedelta(days=30 * MONTHS)
    span = int((end - start).total_seconds())
    ct_demand = ContentType.objects.get_for_model(Demand).pk
    ct_assignment = ContentType.objects.get_for_model(Assignment).pk
    pg = connection.vendor == "postgresql"
    grid_place = {g.pk: (g.division_id, g.division.town_id) for g in grids}
    t0 = time.perf_counter()
    demand_cols = ["id", "number", "channel", "type", "grade", "category_id", "title", "text",
                   "division_id", "town_id", "grid_id", "address", "is_anonymous", "status",
                   "received_at", "reply_text", "outcome", "satisfaction", "solved_on_spot",
                   "on_spot_note", "reopen_count", "external_id", "extra", "closed_at",
                   "replied_at"]
    assignment_cols = ["id", "demand_id", "unit_id", "role", "status", "round", "dispatched_at",
                       "dispatch_note", "acknowledge_due_at", "acknowledged_at", "reply_due_at",
                       "replied_at", "due_at", "due_estimated", "paused_intervals",
                       "acknowledged_late", "replied_late", "return_reason", "return_count",
                       "ruling_forced", "extension_reason", "extension_count", "outcome",
                       "reply_text", "closed_at"]
    event_cols = ["content_type_id", "object_id", "at", "action", "from_state", "to_state",
                  "note", "extra"]
    demand_id = assignment_id = done = 0
    sats = ["satisfied"] * 80 + ["basically"] * 10 + ["unsatisfied"] * 5 + ["no_response"] * 5
    outcomes = ["resolved"] * 80 + ["partly"] * 8 + ["explained"] * 12
    while done < n:
        size = min(batch, n - done)
        demands, assignments, events = [], [], []
        for _ in range(size):
            demand_id += 1
            # Demands arrive in time order, as in production (ids and rows follow time).
            received = start + timedelta(seconds=(demand_id - 1 + rng.random()) * span / n)
            grid = grids[rng.randrange(len(grids))]
            division_id, town_id = grid_place[grid.pk]
            on_spot = rng.random() < 0.4
            open_ = not on_spot and (end - received).days < 5 and rng.random() < 0.5
            closed = None if open_ else received + timedelta(days=2)
            sat = "" if open_ or on_spot else sats[rng.randrange(100)]
            outcome = "" if open_ else ("resolved" if on_spot else outcomes[rng.randrange(100)])
            demands.append([
                demand_id, f"BS{demand_id:09d}", "visit", "help", "normal",
                cats[rng.randrange(len(cats))].pk, f"基准诉求{demand_id}",
                "小区水压低，楼上用不上水，请尽快处理。", division_id, town_id, grid.pk, "",
                False, "handling" if open_ else "closed", received,
                "" if open_ else "已处理", outcome, sat, on_spot, "", int(sat == "unsatisfied"),
                "", "{}", closed, closed,
            ])
            events.append([ct_demand, demand_id, received, "create", "", "received", "", "{}"])
            if on_spot:
                continue
            assignment_id += 1
            unit = units[rng.randrange(len(units))]
            ack_due = received + timedelta(hours=1)
            reply_due = received + timedelta(days=2)
            ack_late = rng.random() < 0.05
            reply_late = not open_ and rng.random() < 0.07
            assignments.append([
                assignment_id, demand_id, unit.pk, "lead", "handling" if open_ else "closed", 1,
                received, "", ack_due,
                received + timedelta(minutes=90 if ack_late else 30), reply_due,
                None if open_ else closed, reply_due if open_ else None, False, "[]",
                ack_late, reply_late, "", int(rng.random() < 0.03), False, "",
                int(rng.random() < 0.05), outcome, "" if open_ else "已处理", closed,
            ])
            events.append([ct_assignment, assignment_id, received, "dispatch", "", "dispatched",
                           "", "{}"])
        _insert(pg, "demands_demand", demand_cols, demands)
        _insert(pg, "demands_assignment", assignment_cols, assignments)
        _insert(pg, "core_event", event_cols, events)
        done += size
        print(f"\r  loaded {done:,}/{n:,} demands", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    with connection.cursor() as cur:
        if pg:
            for table in ("demands_demand", "demands_assignment", "core_event"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"(SELECT MAX(id) FROM {table}))")
                cur.execute(f"ANALYZE {table}")
        else:
            cur.execute("ANALYZE")
    return time.perf_counter() - t0, assignment_id


def _complete(table, cols, rows):
    """Columns the model gained since this loader was written (NOT NULL, with a default): filled
    with their defaults, so the bulk load keeps up with the model."""
    import json

    from django.apps import apps
    from django.db import connection, models

    model = next(m for m in apps.get_models() if m._meta.db_table == table)
    extra, values = [], []
    for f in model._meta.concrete_fields:
        if f.column in cols or f.null or f.primary_key:
            continue
        value = f.get_default()
        if isinstance(f, models.JSONField):
            value = json.dumps(value)
        elif value is not None:
            value = f.get_db_prep_save(value, connection)
        extra.append(f.column)
        values.append(value)
    if not extra:
        return cols, rows
    return cols + extra, [list(r) + values for r in rows]


def _insert(pg, table, cols, rows):
    from django.db import connection, transaction

    if not rows:
        return
    cols, rows = _complete(table, cols, rows)
    with transaction.atomic(), connection.cursor() as cur:
        if pg:
            with cur.cursor.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(cols))
            cur.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)


HAND_SQL = """
SELECT a.unit_id,
  COUNT(*) AS received,
  SUM(CASE WHEN a.status <> 'returned' THEN 1 ELSE 0 END) AS dispatched,
  SUM(CASE WHEN a.status <> 'returned' AND a.acknowledged_at IS NOT NULL
           AND NOT a.acknowledged_late THEN 1 ELSE 0 END) AS ack_on_time,
  SUM(CASE WHEN a.status <> 'returned' AND (a.acknowledged_at IS NOT NULL
           OR a.acknowledge_due_at < %(as_of)s) THEN 1 ELSE 0 END) AS response_den,
  SUM(CASE WHEN a.status <> 'returned' AND a.replied_at IS NOT NULL THEN 1 ELSE 0 END) AS replied,
  SUM(CASE WHEN a.status <> 'returned' AND a.replied_at IS NOT NULL
           AND NOT a.replied_late THEN 1 ELSE 0 END) AS replied_on_time,
  SUM(CASE WHEN a.status <> 'returned' AND (a.acknowledged_late OR a.replied_late OR
           (a.status IN ('dispatched','acknowledged','handling','ext_requested','ret_requested')
            AND a.due_at < %(as_of)s)) THEN 1 ELSE 0 END) AS overdue,
  SUM(CASE WHEN a.status IN ('dispatched','acknowledged','handling','ext_requested',
           'ret_requested') AND a.due_at < %(as_of)s THEN 1 ELSE 0 END) AS overdue_open,
  SUM(CASE WHEN a.return_count > 0 THEN 1 ELSE 0 END) AS returned,
  SUM(CASE WHEN a.extension_count > 0 THEN 1 ELSE 0 END) AS extended,
  SUM(CASE WHEN a.status <> 'returned' AND a.role = 'lead' AND d.reopen_count > 0
           THEN 1 ELSE 0 END) AS reopened,
  SUM(CASE WHEN a.status <> 'returned' AND a.role = 'lead' AND a.replied_at IS NOT NULL
           AND a.outcome = 'resolved' THEN 1 ELSE 0 END) AS resolved,
  SUM(CASE WHEN a.status <> 'returned' AND a.role = 'lead' AND (a.replied_at IS NOT NULL OR
           (a.status IN ('dispatched','acknowledged','handling','ext_requested','ret_requested')
            AND a.due_at < %(as_of)s)) THEN 1 ELSE 0 END) AS resolution_den,
  SUM(CASE WHEN a.status <> 'returned' AND a.role = 'lead'
           AND d.satisfaction IN ('satisfied','basically','unsatisfied') THEN 1 ELSE 0 END) AS rated,
  SUM(CASE WHEN a.status <> 'returned' AND a.role = 'lead'
           AND d.satisfaction IN ('satisfied','basically') THEN 1 ELSE 0 END) AS satisfied_num
FROM demands_assignment a JOIN demands_demand d ON d.id = a.demand_id
WHERE a.dispatched_at >= %(start)s AND a.dispatched_at < %(end)s
GROUP BY a.unit_id
"""


def median_ms(func, repeat):
    func()  # warm up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        func()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200_000, help="demands to load")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--due", type=int, default=1000, help="due items for the watch")
    parser.add_argument("--reuse", action="store_true",
                        help="keep an existing bench database (skip loading)")
    args = parser.parse_args()
    setup_django(fresh=not args.reuse)
    from django.db import connection
    from django.test import Client

    from grassroots.core import clock
    from grassroots.demands.models import Assignment, Demand
    from grassroots.supervision.stats import Period, unit_stats

    now = clock.now()
    month = Period.month(now.year, now.month).previous()
    end = now - timedelta(hours=1)
    if args.reuse and Demand.objects.exists():
        from grassroots.testing.county import SmallCounty  # noqa: F401
        load_s, n_assign = 0.0, Assignment.objects.count()
        from grassroots.people.models import User

        supervisor = User.objects.get(username="t_supervisor")
    else:
        county, units, grids, cats = build_county()
        load_s, n_assign = load(args.n, county, units, grids, cats, end)
        supervisor = county.supervisor
    n_demands = Demand.objects.count()
    print(f"loaded {n_demands:,} demands, {n_assign:,} assignments in {load_s:.1f} s "
          f"({connection.vendor})")

    start, stop = month.bounds()
    as_of = clock.now()
    orm_prev, _ = median_ms(lambda: unit_stats(user=supervisor, period=month, at=as_of),
                            args.repeat)
    orm_one, _ = median_ms(lambda: unit_stats(user=supervisor, period=month, previous=False,
                                              at=as_of), args.repeat)

    def hand():
        with connection.cursor() as cur:
            sql = HAND_SQL if connection.vendor == "postgresql" else HAND_SQL.replace(
                "NOT a.acknowledged_late", "a.acknowledged_late = 0").replace(
                "NOT a.replied_late", "a.replied_late = 0")
            # Datetimes as the backend stores them (SQLite: UTC text), as the ORM would pass them.
            adapt = connection.ops.adapt_datetimefield_value
            cur.execute(sql, {"as_of": adapt(as_of), "start": adapt(start), "end": adapt(stop)})
            return cur.fetchall()

    sql_ms, _ = median_ms(hand, args.repeat)
    print(f"unit_stats {orm_one:.0f} ms (with previous month {orm_prev:.0f} ms), "
          f"hand SQL {sql_ms:.0f} ms", flush=True)
    # Same figures check: the ORM and the hand SQL agree on every unit.
    orm_rows = {r["key"]: r for r in unit_stats(user=supervisor, period=month, previous=False,
                                                at=as_of).rows}
    for row in hand():
        assert orm_rows[row[0]]["dispatched"] == row[2], "ORM and SQL disagree"
        assert orm_rows[row[0]]["response_den"] == row[4], "ORM and SQL disagree"
        assert orm_rows[row[0]]["satisfied_num"] == row[15], "ORM and SQL disagree"
    month_rows = sum(r["received"] for r in orm_rows.values())
    client = Client()
    client.force_login(supervisor)
    url = f"/supervision/dashboard/?month={month.key}"

    def dash():
        r = client.get(url)
        assert r.status_code == 200

    from grassroots.supervision.models import MonthVolume
    from grassroots.supervision.services.volumes import month_volumes_refresh

    # Before the nightly job has stored the closed months, the trend counts them live.
    MonthVolume.objects.all().delete()
    t = time.perf_counter()
    dash()
    dash_cold_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    month_volumes_refresh()
    refresh_s = time.perf_counter() - t
    dash_ms, _ = median_ms(dash, max(3, args.repeat // 2))
    print(f"dashboard {dash_ms:.0f} ms (before the nightly volumes job {dash_cold_ms:.0f} ms; "
          f"the job {refresh_s:.1f} s)", flush=True)

    from grassroots.supervision.documents import bulletin_docx, bulletin_pdf, bulletin_xlsx
    from grassroots.supervision.models import Bulletin
    from grassroots.supervision.services.bulletins import bulletin_compile

    Bulletin.objects.filter(period=month.start).delete()
    t = time.perf_counter()
    b = bulletin_compile(actor=supervisor, period=month)
    sizes = [len(bulletin_docx(b)), len(bulletin_xlsx(b)), len(bulletin_pdf(b))]
    bulletin_s = time.perf_counter() - t
    print(f"bulletin {bulletin_s:.2f} s", flush=True)

    from grassroots.supervision.services.watch import deadline_watch

    # Claim what the loaded data itself has due (at most 5,000 per run, oldest due first), then
    # plant the due items.
    while any(deadline_watch(at=now).values()):
        pass
    ids = list(Assignment.objects.filter(status="closed").order_by("-id")
               .values_list("pk", flat=True)[:args.due])
    due = now - timedelta(minutes=30)
    Assignment.objects.filter(pk__in=ids).update(
        status="handling", due_at=due, overdue_notified_for=None, near_notified_for=None,
        escalated_at=None)
    t = time.perf_counter()
    result = deadline_watch(at=now)
    watch_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    again = deadline_watch(at=now)
    idle_ms = (time.perf_counter() - t) * 1000
    assert result["overdue"] == args.due, result
    assert again == {"near": 0, "overdue": 0, "escalated": 0}, again

    print(f"""
| measurement | result |
|---|---|
| load {n_demands:,} demands + {n_assign:,} assignments + events | {load_s:.1f} s |
| month statistics, every unit, with previous month (`unit_stats`, median of {args.repeat}) | {orm_prev:.0f} ms |
| same without previous month | {orm_one:.0f} ms |
| hand-written SQL GROUP BY, same figures, same rows (median of {args.repeat}) | {sql_ms:.0f} ms |
| ratio ORM / SQL (one month each) | {orm_one / sql_ms:.2f} |
| assignments in the month | {month_rows:,} |
| dashboard page for a county supervisor (median) | {dash_ms:.0f} ms |
| same, before the nightly job stored the closed months (one render) | {dash_cold_ms:.0f} ms |
| nightly month-volumes job (24 closed months) | {refresh_s:.1f} s |
| one bulletin: compile + .docx + .xlsx + .pdf ({sum(sizes) // 1024} KiB) | {bulletin_s:.2f} s |
| deadline watch with {args.due:,} due items (30 min overdue: {result}) | {watch_ms:.0f} ms |
| deadline watch again (nothing due) | {idle_ms:.0f} ms |
""")


if __name__ == "__main__":
    main()
