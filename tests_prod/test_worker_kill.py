"""A Celery worker is SIGKILLed while it delivers 1,000 outbox callbacks to the city platform.
After a new worker takes over: 0 callbacks lost and 0 applied twice by the receiving side, which
de-duplicates on the Idempotency-Key header (delivery is at-least-once by design)."""

import json
import os
import signal
import subprocess
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from .conftest import ROOT, clean_env, db_url

pytestmark = pytest.mark.slow
N = 1000
BROKER = os.environ.get("GRASSROOTS_TEST_BROKER", "redis://127.0.0.1:6379/13")


class Receiver:
    """The city side: applies each Idempotency-Key once, answers 200 to repeats."""

    def __init__(self):
        self.lock = threading.Lock()
        self.applied: dict[str, int] = {}
        self.deliveries = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                key = self.headers.get("Idempotency-Key", "")
                time.sleep(0.004)  # the city takes a moment; the kill lands mid-delivery
                with receiver.lock:
                    receiver.deliveries += 1
                    if key not in receiver.applied:
                        receiver.applied[key] = json.loads(body)["id"]
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b'{"ok": true}')

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/callback"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def start_worker(env, name):
    return subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "celery"), "-A", "tests_prod.celery_app", "worker",
         "-l", "WARNING", "--concurrency", "4", "-n", f"{name}@%h", "-Q", env["GRASSROOTS_TEST_QUEUE"],
         "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)


@pytest.fixture
def broker():
    pytest.importorskip("redis")
    import redis

    client = redis.Redis.from_url(BROKER)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("needs Redis at " + BROKER)
    client.flushdb()
    yield client
    client.flushdb()


def test_sigkill_during_1000_callbacks_loses_nothing_and_applies_nothing_twice(
        postgres, transactional_db, county, broker):
    from celery import Celery

    from grassroots.demands.models import Demand
    from grassroots.integrations.models import OutboxMessage, OutboxStatus

    receiver = Receiver()
    demand = Demand.objects.create(number="JX-KILL-1", channel="city_12345", type="help",
                                   title="回传测试", text="回传测试", external_id="C-0")
    OutboxMessage.objects.bulk_create([
        OutboxMessage(demand=demand, external_id=f"C-{i}", kind="acknowledge",
                      payload={"id": f"C-{i}", "event": "acknowledge"},
                      next_attempt_at=timezone.now())
        for i in range(N)])
    pks = list(OutboxMessage.objects.values_list("pk", flat=True))
    queue = f"grassroots_kill_{uuid.uuid4().hex[:6]}"
    env = clean_env(DJANGO_SETTINGS_MODULE="tests_prod.worker_settings",
                    DATABASE_URL=db_url(connection.settings_dict["NAME"]),
                    GRASSROOTS_TEST_BROKER=BROKER, GRASSROOTS_TEST_QUEUE=queue,
                    GRASSROOTS_TEST_CALLBACK=receiver.url)
    producer = Celery("producer", broker=BROKER, set_as_current=False)
    for pk in pks:
        producer.send_task("integrations.outbox_deliver", args=[pk], queue=queue)

    first = start_worker(env, "victim")
    try:
        deadline = time.monotonic() + 120
        while receiver.deliveries < N // 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert receiver.deliveries >= N // 4, "the first worker never got going"
        os.killpg(first.pid, signal.SIGKILL)  # the worker and its pool children, mid-delivery
        first.wait(10)
        at_kill = receiver.deliveries
        assert at_kill < N, "the worker finished before it could be killed"
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)

    second = start_worker(env, "successor")
    try:
        # What beat does in production: run the outbox flush periodically until nothing waits.
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline:
            if not OutboxMessage.objects.filter(status=OutboxStatus.PENDING).exists():
                break
            producer.send_task("grassroots.run_periodic", args=["outbox_flush"], queue=queue)
            time.sleep(3)
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(20)

    statuses = dict(OutboxMessage.objects.values_list("status").annotate(n=Count("pk")))
    print(f"\ndeliveries at kill: {at_kill}; total HTTP deliveries: {receiver.deliveries}; "
          f"applied: {len(receiver.applied)}; statuses: {statuses}")
    assert statuses == {OutboxStatus.SENT: N}, statuses  # 0 lost
    keys = {str(k) for k in OutboxMessage.objects.values_list("idempotency_key", flat=True)}
    assert set(receiver.applied) == keys  # every callback arrived ...
    assert sorted(receiver.applied.values()) == sorted(f"C-{i}" for i in range(N))  # ... once
