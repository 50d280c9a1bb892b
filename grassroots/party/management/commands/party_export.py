"""Export the organisations or members a user may see in the national party-member system's
column order (``party.exchange``), with a progress bar on stderr.

    python manage.py party_export --user zzb_admin --output members.xlsx [--what orgs] [--clear]

``--clear`` writes ID numbers and phones in full: only for the county organisation department,
and logged in the audit log as a bulk export.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from grassroots.core.errors import ApplicationError
from grassroots.party.exchange import export_workbook

from ._exchange_bar import Bar, acting_user, add_common_arguments


class Command(BaseCommand):
    help = "按全国党员管理信息系统的列顺序导出党组织或党员（带进度条）。"

    def add_arguments(self, parser):
        add_common_arguments(parser)
        parser.add_argument("--output", required=True, help="写入的 .xlsx 文件")
        parser.add_argument("--what", choices=("members", "orgs"), default="members")
        parser.add_argument("--clear", action="store_true", help="身份证号和手机号不脱敏（记入审计）")

    def handle(self, *args, **options):
        user = acting_user(options["user"])
        bar = Bar(f"导出{'党员' if options['what'] == 'members' else '党组织'}",
                  disable=options["no_progress"])
        try:
            data = export_workbook(user, options["what"], clear=options["clear"], progress=bar)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        finally:
            bar.close()
        Path(options["output"]).write_bytes(data)
        self.stdout.write(f"{bar.bar.n} 行 → {options['output']}")
