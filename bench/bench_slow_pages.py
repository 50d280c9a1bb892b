"""The pages issue #24 names as over 1 s on the demo, timed at the demo's size.

    .venv/bin/python bench/bench_slow_pages.py [--n 10136] [--repeat 5] [--queue 60]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/bench_slow_pages.py

Builds a fresh database (the SQLite file var/bench/bench_slow_pages.sqlite3, or the named
PostgreSQL database dropped and created again) with bench_stats's county — 60 handling units,
12 grids — and N demands over 18 months loaded in bulk (the demo county has 10,136), then puts
``--queue`` of last month's demands back in the dispatch queue (half without a category, so the
text suggestions run). Each page is requested through Django's test client, signed in as the
user who opens it: the first request of the process ("first load": imports, caches, the
triage model) and the median of ``--repeat`` more. Every response is checked (status, type).

Pages: the dispatch queue (dispatcher), the bulletin PDF (supervisor), the whole county's
demand list as .xlsx (supervisor), and the dashboard with the county map (supervisor).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import timedelta

import bench_stats
import benchdb  # bench/ is the script's own folder


def timed(client, url, check):
    """(wall ms, CPU ms of this process, bytes). On a loaded machine the wall time waits for a
    core; the CPU time is the work itself (the database is in-process on SQLite, not on
    PostgreSQL)."""
    t, c = time.perf_counter(), time.process_time()
    r = client.get(url)
    body = b"".join(r.streaming_content) if getattr(r, "streaming", False) else r.content
    ms, cpu = (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000
    check(r, body)
    return ms, cpu, len(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10136, help="demands to load")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--queue", type=int, default=60, help="demands put back in the queue")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the database of the previous run (skip building it)")
    args = parser.parse_args()
    benchdb.setup_django("bench_slow_pages", fresh=not args.reuse)
    from django.db import connection

    from grassroots.core import clock
    from grassroots.demands.models import Demand
    from grassroots.supervision.services.bulletins import bulletin_compile
    from grassroots.supervision.stats import Period

    now = clock.now()
    month = Period.month(now.year, now.month).previous()
    if args.reuse and Demand.objects.exists():
        return measure(args, month, *reused())
    t = time.perf_counter()
    county, units, grids, cats = bench_stats.build_county()
    bench_stats.load(args.n, county, units, grids, cats, now - timedelta(hours=1))
    start, end = month.bounds()
    ids = list(Demand.objects.filter(solved_on_spot=True, received_at__gte=start,
                                     received_at__lt=end).order_by("-pk")
               .values_list("pk", flat=True)[:args.queue])
    Demand.objects.filter(pk__in=ids).update(status="received", solved_on_spot=False,
                                             dispatch_due_at=now + timedelta(hours=1))
    Demand.objects.filter(pk__in=ids[::2]).update(category=None)
    bulletin = bulletin_compile(actor=county.supervisor, period=month)
    load_s = time.perf_counter() - t
    print(f"loaded {Demand.objects.count():,} demands in {load_s:.1f} s ({connection.vendor}); "
          f"{len(ids)} in the dispatch queue", flush=True)
    return measure(args, month, county.dispatcher, county.supervisor, bulletin)


def reused():
    from grassroots.people.models import User
    from grassroots.supervision.models import Bulletin

    return (User.objects.get(username="t_dispatcher"), User.objects.get(username="t_supervisor"),
            Bulletin.objects.order_by("-pk").first())


def measure(args, month, dispatcher, supervisor, bulletin):
    from django.db import connection
    from django.test import Client

    from grassroots.demands.models import Demand

    def ok_html(r, body):
        assert r.status_code == 200 and r["Content-Type"].startswith("text/html"), r.status_code

    def ok_pdf(r, body):
        assert r.status_code == 200 and body[:4] == b"%PDF", r.status_code

    def ok_xlsx(r, body):
        assert r.status_code == 200 and body[:2] == b"PK", r.status_code

    pages = [
        ("dispatch queue (dispatcher)", dispatcher, "/dispatch/", ok_html),
        ("bulletin PDF (supervisor)", supervisor,
         f"/supervision/bulletins/{bulletin.pk}/download/pdf/", ok_pdf),
        ("whole county's demands as .xlsx (supervisor)", supervisor,
         "/demands/?format=xlsx", ok_xlsx),
        ("dashboard with the county map (supervisor)", supervisor,
         f"/supervision/dashboard/?month={month.key}", ok_html),
    ]
    rows = []
    for label, user, url, check in pages:
        client = Client()
        client.force_login(user)
        first, first_cpu, size = timed(client, url, check)
        rest = [timed(client, url, check) for _ in range(args.repeat)]
        wall = statistics.median(r[0] for r in rest)
        cpu = statistics.median(r[1] for r in rest)
        rows.append((label, first, first_cpu, wall, cpu, size))
        print(f"{label}: first {first:.0f} ms, median {wall:.0f} ms (CPU {cpu:.0f} ms) "
              f"({size // 1024} KiB)", flush=True)
    load = os.getloadavg()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=benchdb.ROOT).stdout.strip()
    print(f"\n{connection.vendor}, {Demand.objects.count():,} demands, commit {commit}, load average "
          f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}\n")
    print(f"| page | first request: wall / CPU (ms) | median of {args.repeat} more: wall / CPU "
          "(ms) | size |")
    print("|---|---:|---:|---:|")
    for label, first, first_cpu, wall, cpu, size in rows:
        print(f"| {label} | {first:.0f} / {first_cpu:.0f} | {wall:.0f} / {cpu:.0f} | "
              f"{size // 1024} KiB |")


if __name__ == "__main__":
    sys.exit(main())
