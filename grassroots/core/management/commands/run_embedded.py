"""Serve the platform the embedded way: one process, SQLite, periodic jobs in a thread.

The server is waitress, a production-grade threaded WSGI server: Django's development server
listens with a backlog of 5 and resets a large share of the connections of a burst of 50-100
requests. Static files are served from the app and project directories as before (no
collectstatic needed). ``--devserver`` starts Django's development server instead (for
development only).
"""

import logging

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.wsgi import get_wsgi_application

from grassroots.core.periodic import EmbeddedScheduler

DEFAULT_ADDR = "127.0.0.1:8000"


def parse_addr(addr: str) -> tuple[str, int]:
    """"127.0.0.1:8000", "8000", "[::1]:8000", "0.0.0.0:80" → (host, port)."""
    host, sep, port = addr.rpartition(":")
    if not sep:
        host, port = "127.0.0.1", addr
    host = host.strip("[]") or "127.0.0.1"
    if not port.isascii() or not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandError(f"地址 {addr!r} 无效：应为 主机:端口，例如 {DEFAULT_ADDR}。")
    return host, int(port)


class Command(BaseCommand):
    help = "Start the web server (waitress) with the in-process scheduler (no broker needed)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="")
        parser.add_argument("--addr", default=DEFAULT_ADDR)
        parser.add_argument("--no-scheduler", action="store_true")
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--insecure", action="store_true",
                            help="accepted for compatibility: static files are always served")
        parser.add_argument("--devserver", action="store_true",
                            help="Django's development server instead of waitress")

    def handle(self, *args, addrport, addr, no_scheduler, threads, devserver, **options):
        addr = addrport or addr
        host, port = parse_addr(addr)
        self.check_migrations()
        if not no_scheduler:
            EmbeddedScheduler().start()
        if devserver:
            call_command("runserver", addr, use_reloader=False, insecure_serving=True)
            return
        from waitress import serve

        logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" chatter
        application = StaticFilesHandler(get_wsgi_application())
        self.stdout.write(f"Serving on http://{host}:{port}/ (waitress, {threads} threads); "
                          "Ctrl-C stops it.")
        serve(application, host=host, port=port, threads=threads, backlog=2048,
              connection_limit=1000, channel_timeout=120, ident="grassroots")
