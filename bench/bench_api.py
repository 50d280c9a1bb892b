"""Intake through the REST API on PostgreSQL with gunicorn (issue 6).

    .venv/bin/python bench/bench_api.py --seconds 20 --connections 8

Drops and recreates the PostgreSQL database ``grassroots_bench_api`` (``--db-url``), migrates it,
builds a small county with a dispatcher's write token, and starts gunicorn with 2 sync workers
on 127.0.0.1. Then, in the same run and under the same load generator (``wrk`` if installed,
otherwise a small asyncio client):

1. a bare Django JSON endpoint (``/bench/ping``, no database, no middleware work beyond the
   project's stack) — the ceiling of "Django served this way";
2. ``POST /bench/insert`` (bench only, not in the project) — the cheapest endpoint that stores a
   request: parse the same JSON body and write it as one row (one ``INSERT … RETURNING id`` in
   autocommit, no validation, no auth, no event) — the ceiling of "Django + PostgreSQL served
   this way, one write per request";
3. ``POST /api/v1/demands`` with a Bearer token — a real intake: token lookup, scope, validation,
   numbering, citizen lookup by phone hash, the demand row, its event, on-commit notifications.

Prints throughput, p50/p99 and the ratios, and the lines for bench/RESULTS.md.
"""

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import benchdb  # bench/ is the script's own folder

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")

SETTINGS = '''
from config.settings.dev import *  # noqa
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench_api_urls"
GRASSROOTS_API_RATE_LIMIT = "100000000/min"
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "root": {"handlers": [], "level": "WARNING"}}
'''
URLS = '''
import json

from django.db import connection
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as project


@csrf_exempt
def ping(request):
    return JsonResponse({"ok": True, "method": request.method})


@csrf_exempt
def insert(request):
    body = json.loads(request.body)
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_insert (body) VALUES (%s) RETURNING id",
                       [json.dumps(body, ensure_ascii=False)])
        row_id = cursor.fetchone()[0]
    return JsonResponse({"id": row_id}, status=201)


urlpatterns = [path("bench/ping", ping), path("bench/insert", insert), *project]
'''
SEED = '''
import json
from grassroots.demands.models import Category
from grassroots.integrations.services.tokens import api_token_create
from grassroots.testing.county import build_small_county

c = build_small_county()
root = Category.objects.create(name="城乡建设（压测）", code="B01", level=1)
water = Category.objects.create(name="供水（压测）", code="B0101", level=2, parent=root)
leaf = Category.objects.create(name="水压低（压测）", code="B010101", level=3, parent=water)
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE bench_insert (id bigserial PRIMARY KEY, body text NOT NULL, "
                   "created_at timestamptz NOT NULL DEFAULT now())")
_, key = api_token_create(actor=c.admin, name="bench", user=c.dispatcher, scopes=("read", "write"))
print(json.dumps({"token": key, "category": leaf.pk, "division": c.village_a.pk}))
'''


def run(cmd, env, **kw):
    return subprocess.run(cmd, env=env, cwd=ROOT, check=True, capture_output=True, text=True, **kw)


def wrk_run(url, seconds, connections, lua=None):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if lua:
        cmd += ["-s", lua]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout

    def ms(label):
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rps": rps, "p50": ms("50"), "p99": ms("99"), "requests": total,
            "errors": int(non2xx.group(1)) if non2xx else 0, "tool": "wrk"}


async def _client(host, port, path, method, body, headers, deadline, latencies, errors):
    while time.perf_counter() < deadline:
        try:
            reader, writer = await asyncio.open_connection(host, port)
            head = (f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n"
                    + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
                    + f"Content-Length: {len(body)}\r\n\r\n").encode()
            start = time.perf_counter()
            writer.write(head + body)
            await writer.drain()
            status_line = await reader.readline()
            await reader.read()
            latencies.append((time.perf_counter() - start) * 1000)
            if not status_line.split()[1].startswith(b"2"):
                errors.append(status_line)
            writer.close()
        except OSError:
            errors.append(b"connect")


def asyncio_run(url, seconds, connections, method="GET", body=b"", headers=None):
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    latencies, errors = [], []
    deadline = time.perf_counter() + seconds

    async def main():
        await asyncio.gather(*[
            _client(parts.hostname, parts.port, parts.path, method, body, headers or {}, deadline,
                    latencies, errors) for _ in range(connections)])

    asyncio.run(main())
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    return {"rps": len(latencies) / seconds, "p50": q[49], "p99": q[98],
            "requests": len(latencies), "errors": len(errors), "tool": "asyncio"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db-url", default="postgres://postgres@127.0.0.1:5432/grassroots_bench_api")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=8911)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1,
                        help="threads per gunicorn worker (> 1: the gthread worker)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench_api_"))
    (tmp / "bench_api_settings.py").write_text(SETTINGS)
    (tmp / "bench_api_urls.py").write_text(URLS)
    env = dict(os.environ, DATABASE_URL=args.db_url, DJANGO_SETTINGS_MODULE="bench_api_settings",
               PYTHONPATH=f"{tmp}:{ROOT}", GRASSROOTS_VAR_DIR=str(tmp / "var"))
    print("recreating", args.db_url)
    benchdb.recreate_postgres(args.db_url)
    run([PY, "manage.py", "migrate", "-v", "0"], env)
    seed = json.loads(run([PY, "manage.py", "shell", "-c", SEED], env).stdout.strip().splitlines()[-1])

    server = subprocess.Popen(
        [GUNICORN, "config.wsgi:application", "-w", str(args.workers),
         "--threads", str(args.threads), "-b", f"127.0.0.1:{args.port}", "--log-level",
         "warning"], env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/bench/ping", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        body = json.dumps({"type": "help", "title": "小区水压低（压测）",
                           "text": "金城社区3号楼最近一周水压很低，楼上用不上水。",
                           "category": seed["category"], "division": seed["division"],
                           "citizen_phone": "13912345678", "citizen_name": "压测"},
                          ensure_ascii=False)
        headers = {"Authorization": f"Bearer {seed['token']}",
                   "Content-Type": "application/json"}
        probe = urllib.request.Request(f"{base}/api/v1/demands", data=body.encode("utf-8"),
                                       headers=headers, method="POST")
        try:
            with urllib.request.urlopen(probe, timeout=10) as response:
                print("probe intake:", response.status)
        except urllib.error.HTTPError as err:
            raise SystemExit(f"intake probe failed: {err.code} {err.read()[:300]!r}")
        if shutil.which("wrk"):
            lua = tmp / "intake.lua"
            # ASCII JSON (\\uXXXX escapes) in a Lua long string: no Lua escape processing.
            ascii_body = json.dumps(json.loads(body))
            lua.write_text("wrk.method = 'POST'\nwrk.body = [[" + ascii_body + "]]\n"
                           + "".join(f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}\n"
                                     for k, v in headers.items()))
            wrk_run(f"{base}/bench/ping", 3, args.connections)  # warm-up
            bare = wrk_run(f"{base}/bench/ping", args.seconds, args.connections)
            insert = wrk_run(f"{base}/bench/insert", args.seconds, args.connections, str(lua))
            intake = wrk_run(f"{base}/api/v1/demands", args.seconds, args.connections, str(lua))
        else:
            asyncio_run(f"{base}/bench/ping", 3, args.connections)
            bare = asyncio_run(f"{base}/bench/ping", args.seconds, args.connections)
            insert = asyncio_run(f"{base}/bench/insert", args.seconds, args.connections,
                                 "POST", body.encode("utf-8"), headers)
            intake = asyncio_run(f"{base}/api/v1/demands", args.seconds, args.connections,
                                 "POST", body.encode("utf-8"), headers)
    finally:
        server.terminate()
        server.wait(timeout=20)
    created = run([PY, "manage.py", "shell", "-c",
                   "from grassroots.demands.models import Demand; print(Demand.objects.count())"],
                  env).stdout.strip().splitlines()[-1]
    ratio = intake["rps"] / bare["rps"]
    insert_ratio = insert["rps"] / bare["rps"]
    load = os.getloadavg()[0]
    print(json.dumps({"bare": bare, "insert": insert, "intake": intake, "ratio": ratio,
                      "insert_ratio": insert_ratio, "demands": created, "load": load}, indent=1))
    print(f"| bare Django JSON endpoint | {bare['rps']:.0f} | {bare['p50']:.1f} ms | "
          f"{bare['p99']:.1f} ms | {bare['requests']} ({bare['errors']} errors) |")
    print(f"| one-INSERT endpoint (bench only) | {insert['rps']:.0f} | {insert['p50']:.1f} ms | "
          f"{insert['p99']:.1f} ms | {insert['requests']} ({insert['errors']} errors) |")
    print(f"| POST /api/v1/demands (intake) | {intake['rps']:.0f} | {intake['p50']:.1f} ms | "
          f"{intake['p99']:.1f} ms | {intake['requests']} ({intake['errors']} errors) |")
    print(f"ratio one-INSERT/bare = {insert_ratio:.2f}; intake/one-INSERT = "
          f"{intake['rps'] / insert['rps']:.3f}")
    print(f"ratio intake/bare = {ratio:.2f}; demands in the database: {created}; "
          f"tool {bare['tool']}; load average {load:.1f}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
