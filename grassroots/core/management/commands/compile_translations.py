"""Compile .po files to .mo with polib, so a fresh machine needs no gettext tools."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile every .po file under LOCALE_PATHS and the apps' locale folders to .mo."

    def handle(self, *args, **options):
        roots = [Path(p) for p in settings.LOCALE_PATHS]
        roots += list(Path(settings.BASE_DIR, "grassroots").glob("*/locale"))
        count = 0
        for root in roots:
            for po_path in root.rglob("*.po"):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                count += 1
        if options["verbosity"]:
            self.stdout.write(f"compiled {count} translation file(s)")
