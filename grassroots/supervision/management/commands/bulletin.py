"""Write a month's bulletin as .docx, .xlsx and .pdf without publishing it.

    python manage.py bulletin --month 2026-10 --out DIR

Uses the stored bulletin of that month if there is one (draft or published); otherwise the
figures are computed now and nothing is written to the database (use --save to keep a draft).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Write bulletin-YYYY-MM.docx/.xlsx/.pdf for a month (does not publish)."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--out", required=True, help="output directory")
        parser.add_argument("--save", action="store_true",
                            help="also store the bulletin as a draft if the month has none")

    def handle(self, *args, month, out, save, **options):
        from grassroots.supervision.documents import bulletin_docx, bulletin_pdf, bulletin_xlsx
        from grassroots.supervision.services.bulletins import unsaved_bulletin
        from grassroots.supervision.stats import Period

        try:
            period = Period.of(month)
        except (ValueError, TypeError):
            raise CommandError("--month 应为 YYYY-MM，例如 2026-10。")
        if save:
            from grassroots.supervision.services.bulletins import bulletin_compile

            b = bulletin_compile(actor=None, period=period)
        else:
            b = unsaved_bulletin(period)
        out_dir = Path(out)
        out_dir.mkdir(parents=True, exist_ok=True)
        stem = f"bulletin-{period.key}"
        for ext, render in (("docx", bulletin_docx), ("xlsx", bulletin_xlsx),
                            ("pdf", bulletin_pdf)):
            path = out_dir / f"{stem}.{ext}"
            path.write_bytes(render(b))
            self.stdout.write(str(path))
