"""Play the city 12345 platform on localhost, for tests and demos.

    python manage.py city12345_sim --base-url http://127.0.0.1:8000 --items 5 \
        --port 8765 --fail-first 2 --timeout-first 1 --listen 120

It sends N signed items (and re-sends the first one to show idempotency), then runs a callback
receiver on --port that records each Idempotency-Key, checks the signature, and answers the
first --fail-first callbacks with HTTP 503 and the next --timeout-first by not answering in time,
so the county's outbox retries with backoff. Point GRASSROOTS_CITY12345_CALLBACK_URL at
http://127.0.0.1:<port>/callback.
"""

import json
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.core.management.base import BaseCommand

from grassroots.integrations.services import signing


class Receiver:
    def __init__(self, *, fail_first: int, timeout_first: int, hang_seconds: float, secret: str):
        self.fail_first = fail_first
        self.timeout_first = timeout_first
        self.hang_seconds = hang_seconds
        self.secret = secret
        self.calls = 0
        self.keys = Counter()
        self.events = []
        self.lock = threading.Lock()

    def handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802 - http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with receiver.lock:
                    receiver.calls += 1
                    n = receiver.calls
                if n <= receiver.fail_first:
                    self.send_response(503)
                    self.end_headers()
                    return
                if n <= receiver.fail_first + receiver.timeout_first:
                    time.sleep(receiver.hang_seconds)  # longer than the sender's timeout
                    return
                ts, sig = self.headers.get("X-Timestamp", ""), self.headers.get("X-Signature", "")
                valid = signing.sign(body, ts, receiver.secret) == sig
                key = self.headers.get("Idempotency-Key", "")
                with receiver.lock:
                    duplicate = receiver.keys[key] > 0
                    receiver.keys[key] += 1
                    receiver.events.append((key, json.loads(body or b"{}").get("event"), valid,
                                            duplicate))
                self.send_response(200 if valid else 401)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps({"ok": valid, "duplicate": duplicate}).encode())

        return Handler


def send_item(base_url: str, payload: dict, secret: str) -> tuple[int, dict]:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json", **signing.signed_headers(body, secret)}
    request = urllib.request.Request(f"{base_url.rstrip('/')}/integrations/city12345/items",
                                     data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"{}")


class Command(BaseCommand):
    help = "Simulate the city 12345 platform: send signed items, receive and record callbacks."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000",
                            help="the county platform to send items to (default %(default)s)")
        parser.add_argument("--items", type=int, default=3,
                            help="how many well-formed items to send; the first is sent twice "
                                 "to show that a repeat is one demand (default %(default)s)")
        parser.add_argument("--prefix", default=f"SIM{int(time.time())}",
                            help="prefix of the city item ids (default SIM<unix time>)")
        parser.add_argument("--malformed", type=int, default=0,
                            help="also send N bad items (they are rejected and listed)")
        parser.add_argument("--port", type=int, default=8765,
                            help="port of the callback receiver, 0 = none (default %(default)s); "
                                 "the platform's GRASSROOTS_CITY12345_CALLBACK_URL must be "
                                 "http://127.0.0.1:<port>/callback")
        parser.add_argument("--fail-first", type=int, default=0,
                            help="answer the first N callbacks with HTTP 503 (retries)")
        parser.add_argument("--timeout-first", type=int, default=0,
                            help="then leave the next N callbacks unanswered (timeouts)")
        parser.add_argument("--hang-seconds", type=float, default=15,
                            help="how long an unanswered callback hangs (default %(default)s s)")
        parser.add_argument("--listen", type=float, default=0,
                            help="seconds to keep receiving callbacks after sending")
        parser.add_argument("--secret", default=None,
                            help="signing secret (default GRASSROOTS_CITY12345_SECRET)")

    def handle(self, *args, **opts):
        secret = opts["secret"] or signing.city_secret()
        receiver = server = None
        if opts["port"]:
            receiver = Receiver(fail_first=opts["fail_first"], timeout_first=opts["timeout_first"],
                                hang_seconds=opts["hang_seconds"], secret=secret)
            server = ThreadingHTTPServer(("127.0.0.1", opts["port"]), receiver.handler())
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self.stdout.write(f"callback receiver on http://127.0.0.1:{server.server_port}/callback")
        for i in range(1, opts["items"] + 1):
            payload = {
                "id": f"{opts['prefix']}-{i:04d}", "title": f"模拟转办件{i}：小区供水问题",
                "content": f"市民反映第{i}号楼水压低，高层用水困难，请尽快处理。",
                "category": "城乡建设/供水/水压低", "address": f"金城社区{i}号楼",
                "caller_name": "模拟市民", "caller_phone": f"1390000{i:04d}",
                "received_at": time.strftime("%Y-%m-%dT%H:%M:%S+08:00"),
            }
            status, body = send_item(opts["base_url"], payload, secret)
            self.stdout.write(f"item {payload['id']}: {status} {body}")
            if i == 1:
                status, body = send_item(opts["base_url"], payload, secret)
                self.stdout.write(f"item {payload['id']} again: {status} created={body.get('created')}")
        for j in range(opts["malformed"]):
            status, body = send_item(opts["base_url"], {"id": f"{opts['prefix']}-BAD{j}"}, secret)
            self.stdout.write(f"malformed item: {status} {body.get('error', {}).get('fields')}")
        if server is not None and opts["listen"]:
            self.stdout.write(f"listening for callbacks for {opts['listen']} s …")
            time.sleep(opts["listen"])
        if receiver is not None:
            dupes = sum(1 for e in receiver.events if e[3])
            self.stdout.write(f"callbacks: {receiver.calls} calls, {len(receiver.keys)} distinct "
                              f"idempotency keys, {dupes} duplicates, events "
                              f"{Counter(e[1] for e in receiver.events)}")
            server.shutdown()
