"""The floor under issue 3's cycle goal: what this machine's PostgreSQL allows at all.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_demands \\
        .venv/bin/python bench/bench_cycle_floor.py --cycles 300 --workers 2

Runs against the database ``bench/bench_demands.py`` loaded (it reads the county from it and
writes its demands there too). Each cycle is the least any implementation of the lifecycle must
write, in hand-written SQL with psycopg and no business rules at all (no scope check, no work
calendar, no transition table, no duplicate/recurrence/reply-quality reads): five transactions —
intake (insert + number + event), dispatch (lock, assignment, status, events), acknowledge,
reply (with its reply-quality row) and follow-up (lock, close both, events) — 20 statements.
The platform's services do this and the rules on top; so this figure bounds what they can reach
on the machine it runs on. It prints cycles/s for 1 process and for ``--workers`` processes.
"""

import argparse
import multiprocessing
import os
import time

import psycopg
from psycopg.types.json import Jsonb

INTAKE = """INSERT INTO demands_demand (number, channel, type, grade, category_id, title, text,
    division_id, grid_id, address, is_anonymous, status, received_at, dispatch_due_at, reply_text,
    outcome, satisfaction, solved_on_spot, on_spot_note, reopen_count, external_id, extra,
    created_by_id, citizen_name, origin_type)
    VALUES ('', 'phone', 'help', 'normal', %(category)s, %(title)s, %(text)s, %(division)s,
    %(grid)s, '', false, 'new', now(), now() + interval '1 hour', '', '', '', false, '', 0, '',
    '{}', %(actor)s, '', '') RETURNING id"""
NUMBER = """WITH c AS (INSERT INTO core_seriescounter (series, period, last)
    VALUES ('demand', to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD'), 1)
    ON CONFLICT (series, period) DO UPDATE SET last = core_seriescounter.last + 1
    RETURNING last)
    UPDATE demands_demand SET number = 'FL' || to_char(now() AT TIME ZONE 'Asia/Shanghai',
    'YYYYMMDD') || '-' || LPAD((SELECT last FROM c)::text, 6, '0') WHERE id = %s"""
EVENT = """INSERT INTO core_event (content_type_id, object_id, actor_id, at, action, from_state,
    to_state, note, extra) VALUES (%s, %s, %s, now(), %s, %s, %s, '', %s)"""
LOCK_DEMAND = "SELECT id, status FROM demands_demand WHERE id = %s FOR UPDATE"
LOCK_ASSIGNMENT = "SELECT id, status FROM demands_assignment WHERE id = %s FOR UPDATE"
ASSIGN = """INSERT INTO demands_assignment (demand_id, unit_id, role, status, round,
    dispatched_at, dispatched_by_id, dispatch_note, acknowledge_due_at, reply_due_at, due_at,
    due_estimated, paused_intervals, acknowledged_late, replied_late, return_reason,
    return_count, ruling_forced, extension_reason, extension_count, outcome, reply_text)
    VALUES (%s, %s, 'lead', 'dispatched', 1, now(), %s, '', now() + interval '1 hour',
    now() + interval '2 days', now() + interval '1 hour', false, '[]', false, false, '', 0,
    false, '', 0, '', '') RETURNING id"""
SET_DEMAND = "UPDATE demands_demand SET status = %s WHERE id = %s"
ACK = """UPDATE demands_assignment SET status = 'acknowledged', acknowledged_at = now(),
    due_at = reply_due_at WHERE id = %s"""
REPLY = """UPDATE demands_assignment SET status = 'replied', replied_at = now(), due_at = NULL,
    outcome = 'resolved', reply_text = %s, replied_by_id = %s WHERE id = %s"""
DEMAND_REPLY = """UPDATE demands_demand SET status = 'replied', replied_at = now(),
    reply_text = %s, outcome = 'resolved', followup_due_at = now() + interval '3 days'
    WHERE id = %s"""
QUALITY = """INSERT INTO triage_replyquality (assignment_id, demand_id, unit_id, relevance,
    completeness, interpretability, timeliness, overall, flagged, reasons, cues, created_at)
    VALUES (%s, %s, %s, 0.8, 0.8, 0.8, 1.0, 0.8, false, '[]', '{}', now())"""
CLOSE_DEMAND = """UPDATE demands_demand SET status = 'closed', satisfaction = 'satisfied',
    closed_at = now() WHERE id = %s"""
CLOSE_ASSIGNMENT = "UPDATE demands_assignment SET status = 'closed', closed_at = now() WHERE id = %s"


def county(conn):
    """Content types, the bench county's dispatcher, handler, water bureau and a place."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "ct_demand": one("SELECT id FROM django_content_type WHERE app_label = 'demands' "
                         "AND model = 'demand'"),
        "ct_assignment": one("SELECT id FROM django_content_type WHERE app_label = 'demands' "
                             "AND model = 'assignment'"),
        "dispatcher": one("SELECT id FROM people_user WHERE username = 't_dispatcher'"),
        "handler": one("SELECT id FROM people_user WHERE username = 't_handler'"),
        "unit": one("SELECT id FROM orgs_organization WHERE name = '金乡县水务局'"),
        "category": one("SELECT id FROM demands_category WHERE level = 3 ORDER BY id LIMIT 1"),
        "grid": one("SELECT id FROM places_grid WHERE code LIKE 'BG%' ORDER BY id LIMIT 1"),
        "division": one("SELECT division_id FROM places_grid WHERE code LIKE 'BG%' "
                        "ORDER BY id LIMIT 1"),
    }


def cycle(conn, c):
    ev = lambda ct, oid, actor, action, a, b, extra=None: conn.execute(  # noqa: E731
        EVENT, (ct, oid, actor, action, a, b, Jsonb(extra or {})))
    with conn.transaction():
        demand = conn.execute(INTAKE, {"category": c["category"], "title": "小区停水",
                                       "text": "小区水压低，楼上用不上水，请尽快处理。",
                                       "division": c["division"], "grid": c["grid"],
                                       "actor": c["dispatcher"]}).fetchone()[0]
        conn.execute(NUMBER, (demand,))
        ev(c["ct_demand"], demand, c["dispatcher"], "create", "", "new")
    with conn.transaction():
        conn.execute(LOCK_DEMAND, (demand,)).fetchone()
        assignment = conn.execute(ASSIGN, (demand, c["unit"], c["dispatcher"])).fetchone()[0]
        conn.execute(SET_DEMAND, ("dispatched", demand))
        ev(c["ct_demand"], demand, c["dispatcher"], "dispatch", "new", "dispatched")
    with conn.transaction():
        conn.execute(LOCK_ASSIGNMENT, (assignment,)).fetchone()
        conn.execute(ACK, (assignment,))
        conn.execute(SET_DEMAND, ("handling", demand))
        ev(c["ct_assignment"], assignment, c["handler"], "acknowledge", "dispatched",
           "acknowledged")
    text = "经现场核实，已安排维修人员于当日处理完毕，下一步将加强日常巡查。"
    with conn.transaction():
        conn.execute(LOCK_ASSIGNMENT, (assignment,)).fetchone()
        conn.execute(REPLY, (text, c["handler"], assignment))
        conn.execute(DEMAND_REPLY, (text, demand))
        conn.execute(QUALITY, (assignment, demand, c["unit"]))
        ev(c["ct_assignment"], assignment, c["handler"], "reply", "acknowledged", "replied")
    with conn.transaction():
        conn.execute(LOCK_DEMAND, (demand,)).fetchone()
        conn.execute(CLOSE_DEMAND, (demand,))
        conn.execute(CLOSE_ASSIGNMENT, (assignment,))
        ev(c["ct_demand"], demand, c["dispatcher"], "follow_up", "replied", "closed",
           {"satisfaction": "satisfied"})


def run(url, count, start=None, out=None):
    with psycopg.connect(url) as conn:
        c = county(conn)
        conn.commit()
        for _ in range(5):  # warm up: psycopg prepares statements after 5 uses
            cycle(conn, c)
        if start is not None:
            start.wait(timeout=600)
        t = time.perf_counter()
        for _ in range(count):
            cycle(conn, c)
        span = (t, time.perf_counter())
    if out is not None:
        out.put(span)
    return count / (span[1] - span[0])


def run_parallel(url, workers, count):
    ctx = multiprocessing.get_context("fork")
    start, out = ctx.Barrier(workers), ctx.Queue()
    procs = [ctx.Process(target=run, args=(url, count, start, out)) for _ in range(workers)]
    for p in procs:
        p.start()
    spans = [out.get(timeout=3600) for _ in procs]
    for p in procs:
        p.join()
    return workers * count / (max(s[1] for s in spans) - min(s[0] for s in spans))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=300, help="cycles per process")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL to the PostgreSQL database bench_demands.py loaded")
    url = url.replace("postgres://", "postgresql://", 1)
    one = [run(url, args.cycles) for _ in range(args.repeat)]
    many = [run_parallel(url, args.workers, args.cycles) for _ in range(args.repeat)]
    print(f"hand-written SQL floor, 20 statements in 5 transactions per cycle: "
          f"1 process {sorted(one)[len(one) // 2]:.1f} cycles/s (runs {', '.join(f'{r:.1f}' for r in one)}); "
          f"{args.workers} processes {sorted(many)[len(many) // 2]:.1f} cycles/s "
          f"(runs {', '.join(f'{r:.1f}' for r in many)})")


if __name__ == "__main__":
    main()
