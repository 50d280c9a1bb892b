"""Train the dispatch-by-text classifier on one CSV and evaluate it on another.

    python manage.py triage_eval --train TRAIN.csv --test TEST.csv

Both CSVs have the contest's columns (留言主题, 留言详情, 一级标签). A progress bar goes to
stderr; the last line on stdout is one JSON object with n_train, n_test, macro_f1, accuracy,
top3_accuracy, recall (per label), train_seconds, predict_ms_p95 (and skipped_train /
skipped_test: rows with an empty text or label, skipped and counted).
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from grassroots.triage.engine.evaluate import evaluate_csv


class Command(BaseCommand):
    help = "Train on one labelled CSV, evaluate on another; prints one JSON line of scores."

    def add_arguments(self, parser):
        parser.add_argument("--train", required=True, help="training CSV (留言主题, 留言详情, 一级标签)")
        parser.add_argument("--test", required=True, help="test CSV with the same columns")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        from tqdm import tqdm

        for key in ("train", "test"):
            if not Path(options[key]).is_file():
                raise CommandError(f"文件不存在：{options[key]}")
        bar = tqdm(total=100, desc="triage_eval", unit="%", file=sys.stderr,
                   disable=options["no_progress"], dynamic_ncols=True,
                   bar_format="{l_bar}{bar}| {n:.0f}/{total:.0f} [{elapsed}] {postfix}")

        def progress(frac: float, msg: str) -> None:
            target = round(frac * 100, 1)
            if target > bar.n:
                bar.update(target - bar.n)
            bar.set_postfix_str(msg, refresh=True)

        try:
            result = evaluate_csv(options["train"], options["test"], progress)
        except ValueError as exc:  # no usable rows, a missing column, one label only
            bar.close()
            raise CommandError(str(exc)) from exc
        bar.close()
        self.stdout.write(json.dumps(result, ensure_ascii=False))
