"""The intake → close cycle through the services against the hand-written floor, in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_demands \\
        .venv/bin/python bench/bench_cycle_ab.py --rounds 5 --cycles 40

Runs on the database ``bench/bench_demands.py`` loaded. One process alternates, ``--rounds``
times, a batch of ``--cycles`` floor cycles (``bench_cycle_floor.cycle``: 20 hand-written
statements in 5 transactions, psycopg, no rules) and a batch of service cycles
(``bench_demands.cycles``: every rule, event, scope check and text check), so both see the
same machine load; it reports per cycle the wall time and this process's CPU time (the client
side: Python, driver, ORM) of each, the medians over the rounds and their ratios (issue #25's
goal: ≤ 2× in both), and the statements one service cycle sends.
"""

import argparse
import os
import statistics
import time

import benchdb  # bench/ is the script's own folder


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cycles", type=int, default=40, help="cycles per batch")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL to the PostgreSQL database bench_demands.py loaded")
    benchdb.setup_django("bench_demands", fresh=False)
    import bench_cycle_floor as floor
    import bench_demands
    import psycopg
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    county = bench_demands.reuse_county()
    pg = psycopg.connect(url.replace("postgres://", "postgresql://", 1))
    c = floor.county(pg)
    pg.commit()
    for _ in range(5):  # psycopg prepares statements after 5 uses
        floor.cycle(pg, c)
    bench_demands.cycles(county, 3, worker=80)  # warm caches (calendar, scope, models)
    with CaptureQueriesContext(connection) as q:
        bench_demands.cycles(county, 1, worker=81)
    # The services' statements inside the five transactions (BEGIN/COMMIT and the bench's own
    # reads of a category and the grids before the first one left out), as the floor counts.
    sqls = [x["sql"] for x in q.captured_queries]
    first = next(i for i, x in enumerate(sqls) if x == "BEGIN")
    statements = sum(1 for x in sqls[first:] if x not in ("BEGIN", "COMMIT"))

    def batch(run):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        return ((time.perf_counter() - wall) * 1000 / args.cycles,
                (time.process_time() - cpu) * 1000 / args.cycles)

    rows = []
    for r in range(args.rounds):
        f = batch(lambda: [floor.cycle(pg, c) for _ in range(args.cycles)])
        s = batch(lambda r=r: bench_demands.cycles(county, args.cycles, worker=r))
        rows.append((f, s))
        print(f"round {r + 1}: floor {f[0]:.1f} ms wall / {f[1]:.1f} ms CPU, services "
              f"{s[0]:.1f} ms wall / {s[1]:.1f} ms CPU per cycle", flush=True)
    pg.close()
    fw = statistics.median(f[0] for f, _ in rows)
    fc = statistics.median(f[1] for f, _ in rows)
    sw = statistics.median(s[0] for _, s in rows)
    sc = statistics.median(s[1] for _, s in rows)
    load = os.getloadavg()
    print(f"""
| per cycle (median of {args.rounds} rounds × {args.cycles}) | floor | services | ratio (goal ≤ 2) |
|---|---|---|---|
| wall time | {fw:.1f} ms | {sw:.1f} ms | {sw / fw:.2f} |
| client CPU (this process) | {fc:.1f} ms | {sc:.1f} ms | {sc / fc:.2f} |
| statements in the 5 transactions (BEGIN/COMMIT not counted) | 20 | {statements} | {statements / 20:.2f} |

load average at the end: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}
""")


if __name__ == "__main__":
    main()
