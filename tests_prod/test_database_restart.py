"""PostgreSQL goes away under load and comes back: requests fail cleanly (503 with a message,
never a 500), nothing is half-written, and the platform recovers by itself.

The test runs its own throw-away PostgreSQL cluster (initdb as the postgres user, a free port),
so restarting it cannot disturb anything else on the machine."""

import contextlib
import json
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .stack import Gunicorn, free_port, manage, prepare, production_env

pytestmark = pytest.mark.slow
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)


class Cluster:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="grassroots-pg-"))
        self.port = free_port()
        shutil.chown(self.dir, "postgres", "postgres")
        self.run("initdb", "-D", f"{self.dir}/data", "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "grassroots")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/grassroots"

    def run(self, tool, *args):
        subprocess.run(["runuser", "-u", "postgres", "--", str(PG_BIN / tool), *args],
                       check=True, capture_output=True, text=True, cwd="/tmp")

    def start(self):
        self.run("pg_ctl", "-D", f"{self.dir}/data", "-l", f"{self.dir}/log", "-w", "start", "-o",
                 f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off")

    def stop(self):
        self.run("pg_ctl", "-D", f"{self.dir}/data", "-m", "fast", "-w", "stop")

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def cluster():
    if PG_BIN is None or shutil.which("runuser") is None:
        pytest.skip("needs the PostgreSQL server binaries and root")
    c = Cluster()
    yield c
    c.destroy()


def call(method, url, token, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json",
        "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=15) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
    except OSError as e:
        return 0, repr(e)


def test_postgres_restart_under_load_gives_503_and_recovers(cluster):
    env = production_env(cluster.url, redis_db=11)
    token = prepare(env)["token"]
    web = Gunicorn(env, workers=2, threads=2)
    results: list[tuple[float, str, int, str]] = []
    stop = threading.Event()

    def load(kind):
        i = 0
        while not stop.is_set():
            i += 1
            if kind == "post":
                status, body = call("POST", web.url + "/api/v1/demands", token, {
                    "type": "help", "title": f"重启测试{i}", "text": "数据库重启期间提交的诉求。",
                    "citizen_name": "测试", "citizen_phone": "13900000000"})
            elif kind == "list":
                status, body = call("GET", web.url + "/api/v1/demands", token)
            else:
                status, body = call("GET", web.url + "/healthz", token)
            results.append((time.monotonic(), kind, status, body[:300]))
            time.sleep(0.02)

    threads = [threading.Thread(target=load, args=(k,)) for k in ("post", "list", "health")]
    try:
        for t in threads:
            t.start()
        time.sleep(3)
        down_at = time.monotonic()
        cluster.stop()
        time.sleep(4)
        cluster.start()
        up_at = time.monotonic()
        time.sleep(6)
    finally:
        stop.set()
        for t in threads:
            t.join(30)
        web.stop()

    statuses = [r[2] for r in results]
    during = [r for r in results if down_at + 0.5 < r[0] < up_at - 0.5]
    after = [r for r in results if r[0] > up_at + 2]
    print(f"\nrequests: {len(results)}; during outage: {len(during)}; "
          f"statuses: { {s: statuses.count(s) for s in set(statuses)} }")
    assert 500 not in statuses and 0 not in statuses, [r for r in results if r[2] in (0, 500)][:3]
    assert during and all(r[2] == 503 for r in during), [r for r in during if r[2] != 503][:3]
    api_503 = [r for r in during if r[1] != "health"]
    assert all("系统暂时无法访问数据库" in json.loads(r[3])["error"]["message"] for r in api_503)
    assert after and all(r[2] in (200, 201) for r in after), [r for r in after if r[2] >= 300][:3]
    # Nothing half-written: every stored demand has its creation event; no phantom successes.
    created_ok = sum(1 for r in results if r[1] == "post" and r[2] == 201)
    posts_failed = sum(1 for r in results if r[1] == "post" and r[2] == 503)
    out = manage(env, "shell", "-c", """
from grassroots.demands.models import Demand
from grassroots.core.models import Event
from django.contrib.contenttypes.models import ContentType
ct = ContentType.objects.get_for_model(Demand)
ids = set(Demand.objects.values_list('pk', flat=True))
with_events = set(Event.objects.filter(content_type=ct, object_id__in=ids).values_list('object_id', flat=True))
print('COUNTS', len(ids), len(ids - with_events))""")
    stored, orphans = map(int, out.split("COUNTS")[1].split())
    assert orphans == 0
    assert created_ok <= stored <= created_ok + posts_failed
