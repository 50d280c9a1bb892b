"""Production load test: citizen submission, the handler inbox and the API at the same time, on
PostgreSQL behind gunicorn with production settings, for a bounded time (default 5 minutes).

    .venv/bin/python bench/bench_load.py --seconds 300

Creates a fresh database ``grassroots_bench_load`` on the local PostgreSQL, migrates it, builds
the small test county plus 300 open demands for the water bureau, starts gunicorn and runs three
groups of client threads (stdlib HTTP, keep-alive off):
  * citizens: log in, fetch the form, submit a demand (a 200 page naming the new number);
  * handlers: GET /inbox/ (the water bureau's assignments);
  * API: GET /api/v1/demands and /api/v1/assignments with a token.
Any non-expected status or transport error counts as an error. Prints a Markdown block for
bench/RESULTS.md ("Production load").
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests_prod.stack import Gunicorn, manage, prepare, production_env  # noqa: E402

DB = "grassroots_bench_load"
PASSWORD = "demo-Pass-2026"
SEED = """
from grassroots.testing.county import build_small_county
from grassroots.demands.models import Category
from grassroots.demands.services import demand_create, demand_dispatch
from grassroots.testing.factories import make_member
from grassroots.people.models import PersonKind
c = build_small_county()
cat = Category.objects.filter(level=3, is_active=True).first()
for i in range(300):
    d = demand_create(actor=c.dispatcher, channel='phone', type='help', title=f'压测诉求{i}',
                      text='小区水压低，楼上用不上水。', category=cat, division=c.village_a,
                      citizen_phone=f'1390000{i:04d}', citizen_name='压测')
    demand_dispatch(actor=c.dispatcher, demand=d, lead_unit=c.water)
for i in range(8):
    make_member(username=f'load_citizen{i}', organization=None, role=None, name=f'群众{i}',
                kind=PersonKind.CITIZEN)
print('VILLAGE', c.village_a.pk)
"""


def psql(sql: str):
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True,
                   capture_output=True)


class Session:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, method, path, data=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, method=method,
                                     headers={"Referer": self.base + "/", **(headers or {})})
        try:
            with self.opener.open(req, timeout=30) as r:
                return r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")

    def csrf(self, path):
        status, page = self.request("GET", path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return status, (match.group(1) if match else "")

    def login(self, username):
        _, token = self.csrf("/login/")
        status, page = self.request("POST", "/login/", {
            "username": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
        if "退出" not in page:
            raise RuntimeError(f"login failed for {username}: {status}")


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.samples: dict[str, list[float]] = {}
        self.errors: dict[str, list[str]] = {}

    def add(self, name, seconds, ok, detail=""):
        with self.lock:
            self.samples.setdefault(name, []).append(seconds)
            if not ok:
                self.errors.setdefault(name, []).append(detail[:200])


def timed(rec, name, func, expect):
    started = time.perf_counter()
    try:
        status, body = func()
        ok = expect(status, body)
        detail = f"{status} {body[:120]}"
    except Exception as exc:  # a transport error is an error of the run
        ok, detail = False, repr(exc)
    rec.add(name, time.perf_counter() - started, ok, detail)


def citizen_loop(base, index, village, rec, stop):
    s = Session(base)
    s.login(f"load_citizen{index}")
    n = 0
    while not stop.is_set():
        n += 1
        started = time.perf_counter()
        status, token = s.csrf("/my/new/")
        rec.add("citizen: GET form", time.perf_counter() - started, status == 200, str(status))
        form = {"csrfmiddlewaretoken": token, "type": "help", "title": f"路灯不亮{index}-{n}",
                "text": "村口路灯坏了一周，晚上出行不便。", "division": village}
        timed(rec, "citizen: submit", lambda form=form: s.request("POST", "/my/new/", form),
            lambda st, body: st == 200 and "JX" in body)


def handler_loop(base, rec, stop):
    s = Session(base)
    s.login("t_handler")
    while not stop.is_set():
        timed(rec, "handler: inbox", lambda: s.request("GET", "/inbox/"),
              lambda st, body: st == 200)


def api_loop(base, token, rec, stop):
    s = Session(base)
    headers = {"Authorization": f"Bearer {token}"}
    paths = ["/api/v1/demands?page=1", "/api/v1/assignments"]
    i = 0
    while not stop.is_set():
        path = paths[i % 2]
        i += 1
        timed(rec, f"API: GET {path.split('?')[0]}", lambda p=path: s.request("GET", p, None, headers),
              lambda st, body: st == 200 and json.loads(body).get("count") is not None)


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--citizens", type=int, default=4)
    parser.add_argument("--handlers", type=int, default=4)
    parser.add_argument("--api", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    psql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    psql(f"CREATE DATABASE {DB}")
    env = production_env(f"postgres://postgres@127.0.0.1:5432/{DB}", redis_db=10,
                         GRASSROOTS_REQUIRE_2FA="false")
    token = prepare(env)["token"]
    village = manage(env, "shell", "-c", SEED).split("VILLAGE")[1].split()[0]
    web = Gunicorn(env, workers=args.workers)
    rec, stop = Recorder(), threading.Event()
    threads = ([threading.Thread(target=citizen_loop, args=(web.url, i, village, rec, stop))
                for i in range(args.citizens)]
               + [threading.Thread(target=handler_loop, args=(web.url, rec, stop))
                  for _ in range(args.handlers)]
               + [threading.Thread(target=api_loop, args=(web.url, token, rec, stop))
                  for _ in range(args.api)])
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    try:
        for t in threads:
            t.start()
        time.sleep(args.seconds)
    finally:
        stop.set()
        for t in threads:
            t.join(60)
        elapsed = time.monotonic() - started
        web.stop()
    load_after = os.getloadavg()[0]
    pg = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", "show server_version"],
                        capture_output=True, text=True).stdout.strip()
    lines = [
        f"`.venv/bin/python bench/bench_load.py --seconds {args.seconds}` — PostgreSQL {pg} "
        f"(fresh database `{DB}`), Redis cache, gunicorn {args.workers} sync workers with "
        f"production settings on 127.0.0.1 (HTTP, no TLS); {args.citizens} citizen, "
        f"{args.handlers} handler and {args.api} API client threads at the same time for "
        f"{elapsed:.0f} s; Python {platform.python_version()}, {os.cpu_count()} cores "
        f"(load average {load_before:.1f} before, {load_after:.1f} after; the machine is shared).",
        "",
        "| request | count | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    total = errors = 0
    for name in sorted(rec.samples):
        values = rec.samples[name]
        err = len(rec.errors.get(name, []))
        total += len(values)
        errors += err
        lines.append(f"| {name} | {len(values)} | {err} | {len(values) / elapsed:.1f} | "
                     f"{statistics.median(values) * 1000:.0f} | {percentile(values, .95) * 1000:.0f} | "
                     f"{percentile(values, .99) * 1000:.0f} | {max(values) * 1000:.0f} |")
    lines += ["", f"Total: {total} requests, **{errors} errors**."]
    print("\n".join(lines))
    for name, errs in rec.errors.items():
        print(f"errors in {name}: {errs[:3]}", file=sys.stderr)
    psql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
