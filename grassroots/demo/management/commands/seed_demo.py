import time
from dataclasses import replace

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from grassroots.demo.registry import SCALES
from grassroots.demo.seed import run_seed


class Command(BaseCommand):
    help = "生成演示县（金乡县的真实规模：13个镇街、18个社区、412个村、445个网格、2670名民情书记）。"
    # Skipped so that the idempotent second run returns in well under a second.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="full",
                            help="full: 金乡县真实规模（默认）；tiny: 测试用的小县。")
        for name in ("towns", "communities", "villages", "grids"):
            parser.add_argument(f"--{name}", type=int, help=f"覆盖规模中的 {name} 数量。")
        parser.add_argument("--seed", type=int, default=2021, help="随机种子（默认 2021）。")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条。")

    def handle(self, *args, **options):
        if getattr(settings, "GRASSROOTS_REFUSE_DEMO_ACCOUNTS", False):
            raise CommandError("本环境拒绝演示账号（GRASSROOTS_REFUSE_DEMO_ACCOUNTS=True），"
                               "不能生成演示数据。")
        base = SCALES[options["scale"]]
        overrides = {k: options[k] for k in ("towns", "communities", "villages", "grids")
                     if options.get(k) is not None}
        try:
            scale = replace(base, name="custom", **overrides) if overrides else base
        except ValueError as exc:
            raise CommandError(str(exc))
        started = time.perf_counter()
        results = run_seed(scale=scale, seed=options["seed"],
                           progress=not options["no_progress"])
        elapsed = time.perf_counter() - started
        if all(r.skipped for r in results):
            self.stdout.write(f"演示县已建成，无需重复生成（用时 {elapsed:.2f} 秒）。"
                              "查看演示账号：manage.py demo_logins")
            return
        for r in results:
            if r.skipped:
                self.stdout.write(f"  {r.label}：已存在，跳过")
            else:
                counts = "，".join(f"{k} {v}" for k, v in r.created.items()) or "无新增"
                self.stdout.write(f"  {r.label}：{counts}（{r.seconds:.1f} 秒）")
        self.stdout.write(self.style.SUCCESS(
            f"演示县生成完毕（{scale.label}），用时 {elapsed:.2f} 秒。查看演示账号：manage.py demo_logins"
        ))
