"""Demand pages and the lifecycle at scale (issue 3).

    .venv/bin/python bench/bench_demands.py --n 1000000                       # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_demands \\
        .venv/bin/python bench/bench_demands.py --n 1000000 --cycles 500      # PostgreSQL

Builds a fresh database (the SQLite file under var/bench/ or the named PostgreSQL database is
dropped and recreated), a small county with 60 handling units, loads N demands with their
assignments and events in bulk (COPY on PostgreSQL), then measures with Django's test client:
the handler inbox, the dispatch queue and a demand detail (median of --repeat renders, and the
number of queries), and a full intake → dispatch → acknowledge → reply → follow-up cycle through
the services (cycles per second): intakes spread over the 400 villages/grids, rotating among a few
matters and replies; ``--workers N`` runs the cycles in N processes at once (total cycles/s).
"""

import argparse
import random
import statistics
import sys
import time
from datetime import timedelta

import benchdb  # bench/ is the script's own folder

ROOT = benchdb.ROOT


def setup_django(fresh: bool):
    benchdb.setup_django("bench_demands", fresh)


def build_county():
    from grassroots.orgs.models import Organization, OrganizationKind
    from grassroots.places.models import Division, DivisionLevel, Grid
    from grassroots.testing.county import build_small_county
    from grassroots.testing.factories import make_member

    county = build_small_county()
    # Spread the demands over 400 villages and grids, as in a real county.
    villages = Division.objects.bulk_create([
        Division(code=f"3708289{i:05d}", name=f"基准村{i}",
                 level=DivisionLevel.VILLAGE, parent=county.town_b, town=county.town_b)
        for i in range(400)])
    Grid.objects.bulk_create([Grid(code=f"BG{i:04d}", name=f"基准网格{i}", division=v)
                              for i, v in enumerate(villages)])
    county.places = [(v.pk, g.pk) for v, g in zip(
        Division.objects.filter(code__in=[v.code for v in villages]).order_by("code"),
        Grid.objects.filter(code__startswith="BG").order_by("code"), strict=True)]
    units = [county.water, county.housing]
    for i in range(58):
        unit = Organization.objects.create(name=f"基准测试单位{i}", code=f"B-{i}",
                                           kind=OrganizationKind.DEPARTMENT, is_handling_unit=True)
        make_member(username=f"bench_h{i}", organization=unit, role="handler")
        units.append(unit)
    return county, units


def load(n: int, county, units, batch: int = 20000):
    """Bulk-load N demands: 97% closed, 2% open at a unit, 1% waiting for dispatch."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone

    from grassroots.demands.models import Assignment, Category, Demand

    rng = random.Random(7)
    category = Category.objects.filter(level=3).first()
    now = timezone.now()
    start = now - timedelta(days=540)
    ct_demand = ContentType.objects.get_for_model(Demand).pk
    ct_assignment = ContentType.objects.get_for_model(Assignment).pk
    pg = connection.vendor == "postgresql"
    t0 = time.perf_counter()
    demand_id = assignment_id = 0
    with connection.cursor() as cur:
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM demands_demand")
        demand_id = cur.fetchone()[0]
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM demands_assignment")
        assignment_id = cur.fetchone()[0]
    demand_cols = ["id", "number", "channel", "type", "grade", "category_id", "title", "text",
                   "division_id", "town_id", "grid_id", "address", "is_anonymous", "status",
                   "received_at", "dispatch_due_at", "reply_text", "outcome", "satisfaction",
                   "solved_on_spot", "on_spot_note", "reopen_count", "external_id", "extra",
                   "closed_at", "replied_at"]
    assignment_cols = ["id", "demand_id", "unit_id", "role", "status", "round", "dispatched_at",
                       "dispatch_note", "acknowledge_due_at", "acknowledged_at", "reply_due_at",
                       "replied_at", "due_at", "due_estimated", "paused_intervals",
                       "acknowledged_late", "replied_late", "return_reason", "return_count",
                       "ruling_forced", "extension_reason", "extension_count", "outcome",
                       "reply_text", "closed_at"]
    event_cols = ["content_type_id", "object_id", "at", "action", "from_state", "to_state",
                  "note", "extra"]
    done = 0
    while done < n:
        size = min(batch, n - done)
        demands, assignments, events = [], [], []
        for _ in range(size):
            demand_id += 1
            received = start + timedelta(seconds=rng.randrange(540 * 86400))
            roll = rng.random()
            status = "closed" if roll < 0.97 else ("handling" if roll < 0.99 else "received")
            closed = received + timedelta(days=2) if status == "closed" else None
            village_id, grid_id = county.places[rng.randrange(len(county.places))]
            demands.append([
                demand_id, f"BX{demand_id:09d}", "visit", "help", "normal", category.pk,
                f"基准诉求{demand_id}", "小区水压低，楼上用不上水，请尽快处理。", village_id,
                county.town_b.pk, grid_id, "", False, status, received,
                received + timedelta(hours=1) if status == "received" else None,
                "已处理" if closed else "", "resolved" if closed else "",
                "satisfied" if closed else "", status == "closed" and rng.random() < 0.9,
                "", 0, "", "{}", closed, closed,
            ])
            events.append([ct_demand, demand_id, received, "create", "", "received", "", "{}"])
            if status == "received" or (status == "closed" and demands[-1][19]):
                continue
            assignment_id += 1
            unit = units[rng.randrange(len(units))]
            ack_due = received + timedelta(hours=1)
            reply_due = received + timedelta(days=2)
            open_ = status != "closed"
            assignments.append([
                assignment_id, demand_id, unit.pk, "lead",
                "acknowledged" if open_ else "closed", 1, received, "", ack_due,
                received + timedelta(minutes=30), reply_due, None if open_ else closed,
                (now + timedelta(hours=rng.randint(-24, 48))) if open_ else None, False, "[]",
                False, False, "", 0, False, "", 0, "" if open_ else "resolved",
                "" if open_ else "已处理", None if open_ else closed,
            ])
            events.append([ct_assignment, assignment_id, received, "dispatch", "", "dispatched",
                           "", "{}"])
        benchdb.insert_rows("demands_demand", demand_cols, demands)
        benchdb.insert_rows("demands_assignment", assignment_cols, assignments)
        benchdb.insert_rows("core_event", event_cols, events)
        done += size
        print(f"\r  loaded {done:,}/{n:,} demands", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    if pg:
        with connection.cursor() as cur:
            for table in ("demands_demand", "demands_assignment", "core_event"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"(SELECT MAX(id) FROM {table}))")
                cur.execute(f"ANALYZE {table}")
    else:
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    return time.perf_counter() - t0



def reuse_county():
    """The users and places an earlier run built, by their fixed names and codes."""
    from types import SimpleNamespace

    from grassroots.orgs.models import Organization
    from grassroots.people.models import User
    from grassroots.places.models import Division, Grid

    return SimpleNamespace(
        handler=User.objects.get(username="t_handler"),
        dispatcher=User.objects.get(username="t_dispatcher"),
        water=Organization.objects.get(code="D-WATER"),
        village_a=Division.objects.get(code="370828001001"),
        places=list(Grid.objects.filter(code__startswith="BG").order_by("code")
                    .values_list("division_id", "pk")))


def measure_page(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches (templates, scope, calendar)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return statistics.median(times), len(ctx.captured_queries)


# A handful of different matters and replies, so the text-intelligence hooks see varied text
# (the last reply is a bare one the reply-quality check flags to the supervisors).
CYCLE_DEMANDS = [
    ("小区停水", "小区水压低，楼上用不上水，请尽快处理。"),
    ("路灯不亮", "村东头路灯坏了一个多月，晚上出行很不方便，希望尽快维修。"),
    ("油烟扰民", "楼下饭店油烟直排，晚上十点后还在营业，噪音扰民，请相关部门查处。"),
    ("道路坑洼", "村里主路有多处坑洼，下雨天积水严重，电动车容易摔倒，请求修补。"),
    ("垃圾清运不及时", "小区垃圾清运不及时，垃圾桶满溢，气味很大，希望增加清运次数。"),
    ("医保缴费咨询", "请问城乡居民医保今年的缴费标准是多少，什么时候开始缴费？"),
]
CYCLE_REPLIES = [
    "经现场核实，您反映的问题属实。我单位已安排维修人员于当日处理完毕，下一步将加强日常巡查。"
    "如有疑问请拨打联系电话0538-1234567。",
    "经调查，问题系设施老化所致。根据相关规定，已责成责任单位完成整改，并将于本周内复查，"
    "确保不再发生。联系人：王科长，电话0538-7654321。",
    "已更换加压泵，水压恢复正常。",
]


def cycles(county, count, worker=0):
    """``count`` intake → close cycles; returns cycles per second.

    Intakes are spread over the county's villages and grids and rotate among a few matters;
    each worker uses its own phone numbers (139 + worker + sequence)."""
    from grassroots.core import clock
    from grassroots.demands import services
    from grassroots.demands.models import Category
    from grassroots.places.models import Grid

    category = Category.objects.filter(level=3).first()
    grids = {g.pk: g for g in Grid.objects.select_related("division")
             .filter(pk__in=[g for _v, g in county.places])}
    places = [(grids[g].division, grids[g]) for _v, g in county.places]
    rng = random.Random(1000 + worker)
    t = time.perf_counter()
    for i in range(count):
        village, grid = places[rng.randrange(len(places))]
        title, text = CYCLE_DEMANDS[rng.randrange(len(CYCLE_DEMANDS))]
        with clock.travel(clock.now()):
            d = services.demand_record_from_phone(
                actor=county.dispatcher, type="help", title=title, text=text, category=category,
                division=village, grid=grid, citizen_phone=f"139{worker:02d}{i % 10**6:06d}",
                citizen_name="测试")
        lead = services.demand_dispatch(actor=county.dispatcher, demand=d,
                                        lead_unit=county.water)[0]
        services.assignment_acknowledge(actor=county.handler, assignment=lead)
        services.assignment_reply(actor=county.handler, assignment=lead, outcome="resolved",
                                  text=CYCLE_REPLIES[i % len(CYCLE_REPLIES)])
        services.demand_follow_up(actor=county.dispatcher, demand=d, satisfaction="satisfied")
    return count / (time.perf_counter() - t)


def _cycle_worker(worker, count, start, results):
    from django.db import connection

    connection.close()  # a connection of its own, never the parent's
    county = reuse_county()
    cycles(county, 3, worker=90 + worker)  # warm up (own phone numbers)
    start.wait(timeout=600)
    t = time.perf_counter()
    cycles(county, count, worker=worker)
    results.put((worker, t, time.perf_counter()))
    connection.close()


def cycles_parallel(workers, count):
    """``count`` cycles in each of ``workers`` processes at once; returns total cycles per second
    (all cycles over the time from the common start to the last process done)."""
    import multiprocessing

    from django.db import connections

    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    start, results = ctx.Barrier(workers), ctx.Queue()
    procs = [ctx.Process(target=_cycle_worker, args=(w, count, start, results))
             for w in range(workers)]
    for p in procs:
        p.start()
    spans = [results.get(timeout=3600) for _ in procs]
    for p in procs:
        p.join()
        if p.exitcode:
            raise SystemExit(f"cycle worker failed (exit code {p.exitcode})")
    began, ended = min(s[1] for s in spans), max(s[2] for s in spans)
    return workers * count / (ended - began)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--cycles", type=int, default=200,
                        help="intake → close cycles (per process with --workers)")
    parser.add_argument("--workers", type=int, default=1,
                        help="run the cycles in N processes at once (own connection each)")
    parser.add_argument("--reuse", action="store_true",
                        help="measure the database an earlier run loaded (no drop, no load)")
    args = parser.parse_args()
    setup_django(fresh=not args.reuse)
    from django.db import connection
    from django.test import Client

    from grassroots.demands.models import Demand

    if args.reuse:
        county, load_seconds = reuse_county(), 0.0
    else:
        county, units = build_county()
        load_seconds = load(args.n, county, units)
    engine = connection.vendor
    print(f"engine={engine} demands={Demand.objects.count():,} load={load_seconds:.1f}s")
    handler, dispatcher = Client(), Client()
    handler.force_login(county.handler)
    dispatcher.force_login(county.dispatcher)
    mine = Demand.objects.filter(assignments__unit=county.water)
    demand = mine.filter(status="handling").first() or mine.first()
    if demand is None:
        raise SystemExit("no demand of the water bureau to open: load more demands (--n)")
    results = {
        "handler inbox /inbox/": measure_page(handler, "/inbox/", args.repeat),
        "dispatch queue /dispatch/": measure_page(dispatcher, "/dispatch/", args.repeat),
        f"demand detail /demands/{demand.pk}/": measure_page(handler, f"/demands/{demand.pk}/",
                                                             args.repeat),
    }
    for name, (ms, queries) in results.items():
        print(f"{name}: median {ms:.1f} ms, {queries} queries")
    if args.workers > 1:
        rate = cycles_parallel(args.workers, args.cycles)
        print(f"intake→close cycles through the services: {rate:.1f} cycles/s in total "
              f"({args.workers} processes × {args.cycles} cycles)")
    else:
        rate = cycles(county, args.cycles)
        print(f"intake→close cycles through the services: {rate:.1f} cycles/s "
              f"({args.cycles} cycles)")


if __name__ == "__main__":
    main()
