"""Serve the platform the embedded way: one process, SQLite, periodic jobs in a thread."""

from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand

from grassroots.core.periodic import EmbeddedScheduler


class Command(RunserverCommand):
    help = "Start the web server with the in-process scheduler (no broker needed)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--addr", default="127.0.0.1:8000")
        parser.add_argument("--no-scheduler", action="store_true")

    def handle(self, *args, **options):
        options["addrport"] = options.get("addrport") or options["addr"]
        options["use_reloader"] = False
        if not options["no_scheduler"]:
            EmbeddedScheduler().start()
        super().handle(*args, **options)
