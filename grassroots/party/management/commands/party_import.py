"""Import a workbook in the national party-member system's column order (``party.exchange``)
with a progress bar on stderr. All rows or none: every refused row is printed as 第N行：… and
nothing is written; the command then exits with an error.

    python manage.py party_import members.xlsx --user zzb_admin
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from grassroots.core.errors import ApplicationError
from grassroots.party.exchange import import_workbook

from ._exchange_bar import Bar, acting_user, add_common_arguments


class Command(BaseCommand):
    help = "导入全国党员管理信息系统格式的党组织、党员表（带进度条，逐行报错）。"

    def add_arguments(self, parser):
        parser.add_argument("file", help=".xlsx 文件")
        add_common_arguments(parser)

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        user = acting_user(options["user"])
        bar = Bar("导入", disable=options["no_progress"])
        try:
            with path.open("rb") as file:
                result = import_workbook(actor=user, file=file, progress=bar)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        finally:
            bar.close()
        if not result.ok:
            for message in result.errors:
                self.stderr.write(message)
            raise CommandError(f"{len(result.errors)} 处错误，未导入任何数据。")
        for key, n in result.created.items():
            self.stdout.write(f"{key}: {n}")
