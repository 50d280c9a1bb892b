import json

from django.core.management.base import BaseCommand

from grassroots.demo.summary import LABELS, collect
from grassroots.demo.text import table


def _fmt(value) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, dict):  # a breakdown, e.g. demands by state
        return "，".join(f"{k} {_fmt(v)}" for k, v in value.items())
    return str(value)


class Command(BaseCommand):
    help = "统计区划、网格、服务队、民情书记、承办单位和用户等数量（--json 输出一个 JSON 对象）。"

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="输出 JSON。")

    def handle(self, *args, **options):
        counts = collect()
        if options["json"]:
            self.stdout.write(json.dumps(counts, ensure_ascii=False))
            return
        rows = [[LABELS.get(k, k), k, _fmt(v)] for k, v in counts.items()]
        self.stdout.write(table(["项目", "key", "数量"], rows))
