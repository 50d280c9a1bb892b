"""Training and activating the dispatch-by-text classifiers (one registry row per version).

Training takes seconds to minutes, so it is not one transaction: a short one creates the row
(status "training", so the page shows it and its progress), the fit runs outside any
transaction, and a second short one stores the blob and metrics. A failure marks the row failed
with the reason; nothing else was written.
"""

from __future__ import annotations

import logging
import time
import warnings
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.demands.models import (
    Assignment,
    AssignmentRole,
    AssignmentStatus,
    Category,
    Demand,
    DemandStatus,
    DispatchRule,
)

from .. import registry, shared_data
from ..models import ModelKind, ModelStatus, TrainingSource, TriageModel

if TYPE_CHECKING:  # the engine (scikit-learn, numpy) is imported where it is used
    from ..engine.classifier import TextClassifier

log = logging.getLogger(__name__)

MIN_PLATFORM_ROWS = 200  # below this, the public data is added (when present)
VALIDATION_FRACTION = 0.15
# Below this many rows the deployed model is refitted on everything after validation (cheap);
# above it the model fitted on the training split is kept (halves training time).
REFIT_BELOW = 2000
BOOTSTRAP_LIMIT = 20_000

Progress = Callable[[float, str], None] | None
Row = tuple[str, str, str]


def _root_name(prefix: str = "category__"):
    return Coalesce(f"{prefix}parent__parent__name", f"{prefix}parent__name", f"{prefix}name")


def category_paths() -> dict[int, str]:
    """{category id: its path label ("城乡建设›供水›水压低")}, from one query."""
    from ..engine.hierarchy import path_label

    rows = {pk: (name, parent) for pk, name, parent in
            Category.objects.values_list("pk", "name", "parent_id")}
    out = {}
    for pk in rows:
        names, cur, seen = [], pk, set()
        while cur is not None and cur in rows and cur not in seen:
            seen.add(cur)
            names.append(rows[cur][0])
            cur = rows[cur][1]
        out[pk] = path_label(list(reversed(names)))
    return out


def platform_rows(kind: str) -> list[Row]:
    """(title, text, label) of the platform's handled demands.

    category: replied or closed demands with a category → its path (first level › second ›
    third: the model can then suggest the finest level it is sure of);
    unit: closed demands → the lead unit that replied.
    """
    if kind == ModelKind.CATEGORY:
        qs = (Demand.objects.filter(status__in=(DemandStatus.REPLIED, DemandStatus.CLOSED),
                                    category__isnull=False).order_by("pk"))
        paths = category_paths()
        return [(t, x, paths[c]) for t, x, c in qs.values_list("title", "text", "category_id")
                if paths.get(c)]
    if kind == ModelKind.UNIT:
        qs = (Assignment.objects.filter(
            role=AssignmentRole.LEAD, demand__status=DemandStatus.CLOSED,
            status__in=(AssignmentStatus.REPLIED, AssignmentStatus.CLOSED))
            .order_by("pk"))
        return list(qs.values_list("demand__title", "demand__text", "unit__name"))
    raise ApplicationError(_("未知的模型类型。"), field="kind")


def _catalogue_units() -> dict[str, str]:
    """First-level category name → the unit the dispatch catalogue names most often under it."""
    rows = (DispatchRule.objects.filter(town__isnull=True)
            .annotate(root=_root_name()).values("root", "unit__name")
            .annotate(n=Count("id")).order_by("root", "-n", "unit__name"))
    out: dict[str, str] = {}
    for r in rows:
        out.setdefault(r["root"], r["unit__name"])
    return out


def bootstrap_rows(kind: str) -> tuple[list[Row], str]:
    """Public contest rows relabelled for the platform: categories as they are (aliases
    applied), units through the dispatch catalogue. Empty with a message when absent."""
    rows, message = shared_data.load_labelled(limit=BOOTSTRAP_LIMIT)
    if not rows:
        return [], message
    if kind == ModelKind.UNIT:
        units = _catalogue_units()
        rows = [(t, x, units[lab]) for t, x, lab in rows if lab in units]
        message += f" 经派单目录映射到承办单位的 {len(rows)} 条。"
    return rows, message


def _dedupe(rows: list[Row]) -> list[Row]:
    from ..engine.text import normalize

    seen, out = set(), []
    for t, x, lab in rows:
        key = (normalize(f"{t}|{x}"), lab)
        if key not in seen:
            seen.add(key)
            out.append((t, x, lab))
    return out


def _validation_split(rows: list[Row], seed: int = 0) -> tuple[list[int], list[int]] | None:
    """Indexes (train, validation) that keep each matter group on one side
    (``engine.classifier.held_out_split``): the scores shown for a model are then those of
    matters it has not seen, not of near-copies of its training texts (the same complaint from
    another village). Classes with one example stay in training; None when too small."""
    import numpy as np

    from ..engine.classifier import held_out_split

    labels = [r[2] for r in rows]
    counts = Counter(labels)
    if len(rows) < 30 or sum(1 for c in counts.values() if c >= 2) < 2:
        return None
    index = {lab: i for i, lab in enumerate(sorted(counts))}
    split = held_out_split([r[0] for r in rows], [r[1] for r in rows],
                           np.array([index[lab] for lab in labels]), VALIDATION_FRACTION, seed)
    if split is None:
        return None
    return sorted(int(i) for i in split[0]), sorted(int(i) for i in split[1])


def _validation_metrics(clf: TextClassifier, rows: list[Row]) -> dict:
    from sklearn.metrics import precision_recall_fscore_support

    from ..engine.evaluate import score_predictions

    titles, texts, y = [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]
    top = clf.predict_top_batch(titles, texts, k=3)
    labels = sorted(set(y))
    with warnings.catch_warnings():  # small splits: "many classes for few samples" is expected
        warnings.simplefilter("ignore", UserWarning)
        scores = score_predictions(y, top)
        p, r, f, s = precision_recall_fscore_support(y, [t[0][0] for t in top], labels=labels,
                                                     zero_division=0)
    return {
        "n": len(y),
        "macro_f1": scores["macro_f1"],
        "accuracy": scores["accuracy"],
        "top3_accuracy": scores["top3_accuracy"],
        "per_class": [
            {"label": lab, "precision": round(float(pi), 4), "recall": round(float(ri), 4),
             "f1": round(float(fi), 4), "support": int(si)}
            for lab, pi, ri, fi, si in zip(labels, p, r, f, s, strict=True)
        ],
    }


def _fit(rows: list[Row], progress: Progress) -> tuple[TextClassifier, dict]:
    from ..engine.classifier import TextClassifier

    def sub(lo, hi):
        return (lambda f, msg: progress(lo + (hi - lo) * f, msg)) if progress else None

    def fit(part, cb):
        return TextClassifier().fit([r[0] for r in part], [r[1] for r in part],
                                    [r[2] for r in part], progress=cb)

    split = _validation_split(rows)
    if split is None:
        clf = fit(rows, sub(0.05, 0.95))
        return clf, {"validation": None, "deployed_on": "all"}
    tr, val = split
    clf = fit([rows[i] for i in tr], sub(0.05, 0.6 if len(rows) < REFIT_BELOW else 0.9))
    if progress:
        progress(0.6 if len(rows) < REFIT_BELOW else 0.9, "验证集评估")
    validation = _validation_metrics(clf, [rows[i] for i in val])
    if len(rows) < REFIT_BELOW:
        clf = fit(rows, sub(0.62, 0.95))
        return clf, {"validation": validation, "deployed_on": "all"}
    return clf, {"validation": validation, "deployed_on": "train_split"}


def _new_row(*, actor, kind, source) -> TriageModel:
    for _attempt in range(3):
        try:
            with transaction.atomic():
                last = TriageModel.objects.filter(kind=kind).aggregate(v=Max("version"))["v"]
                row = TriageModel.objects.create(
                    kind=kind, version=(last or 0) + 1, source=source, trained_by=actor,
                    started_at=clock.now(), progress_note="准备训练数据")
                event_record(subject=row, actor=actor, action="triage_train_start",
                             to_state=ModelStatus.TRAINING, note=f"{row}")
                return row
        except IntegrityError:  # two trainings started at once: take the next number
            continue
    raise ApplicationError(_("另一次训练正在登记，请稍后重试。"))


def _progress_writer(row: TriageModel, progress: Progress) -> Callable[[float, str], None]:
    last = [0.0]

    def report(frac: float, msg: str) -> None:
        if progress:
            progress(frac, msg)
        now = time.monotonic()
        if now - last[0] >= 1.0 or frac >= 1.0:
            last[0] = now
            TriageModel.objects.filter(pk=row.pk, status=ModelStatus.TRAINING).update(
                progress=round(frac, 3), progress_note=msg[:120])

    return report


def triage_model_train(*, actor, kind: str, source: str = TrainingSource.PLATFORM,
                       bootstrap_allowed: bool = True, progress: Progress = None,
                       activate: bool = False) -> TriageModel:
    """Train a new version of ``kind`` from the platform's handled demands.

    ``source="platform"`` adds the public data only when the platform has fewer than
    ``MIN_PLATFORM_ROWS`` rows; ``"bootstrap"`` always adds it. ``bootstrap_allowed=False``
    (the demo) never reads it.
    """
    require(actor, "triage.administer", message=_("只有平台管理员可以训练模型。"))
    if kind not in ModelKind.values:
        raise ApplicationError(_("未知的模型类型。"), field="kind")
    if source not in TrainingSource.values:
        raise ApplicationError(_("未知的训练数据来源。"), field="source")
    row = _new_row(actor=actor, kind=kind, source=source)
    report = _progress_writer(row, progress)
    started = time.perf_counter()
    try:
        own = _dedupe(platform_rows(kind))
        extra: list[Row] = []
        message = ""
        if bootstrap_allowed and (source == TrainingSource.BOOTSTRAP
                                  or len(own) < MIN_PLATFORM_ROWS):
            extra, message = bootstrap_rows(kind)
            extra = _dedupe(extra)
            if source == TrainingSource.BOOTSTRAP and not extra:
                raise ApplicationError(message or _("未找到可用的公开数据。"))
        rows = own + extra
        if len({r[2] for r in rows}) < 2:
            raise ApplicationError(
                (_("训练数据不足：本平台已办结诉求 %(n)s 条，至少需要两个不同的分类。")
                 if kind == ModelKind.CATEGORY
                 else _("训练数据不足：本平台已办结诉求 %(n)s 条，至少需要两个不同的承办单位。"))
                % {"n": len(own)} + (f" {message}" if message else ""))
        report(0.02, f"训练样本 {len(rows)} 条")
        clf, info = _fit(rows, report)
        blob = clf.dumps()
    except Exception as exc:
        note = exc.message if isinstance(exc, ApplicationError) else repr(exc)[:500]
        with transaction.atomic():
            TriageModel.objects.filter(pk=row.pk).update(status=ModelStatus.FAILED, error=note,
                                                         progress_note="训练失败")
            event_record(subject=row, actor=actor, action="triage_train_failed",
                         from_state=ModelStatus.TRAINING, to_state=ModelStatus.FAILED, note=note)
        if isinstance(exc, ApplicationError):
            raise
        log.exception("triage: training %s failed", kind)
        raise
    engine = {k: v for k, v in clf.metrics.items() if k != "classes"}
    metrics = {
        **info,
        "engine": engine,
        "classes": [str(c) for c in clf.classes_],
        "train_seconds": round(time.perf_counter() - started, 2),
        "bootstrap_message": message,
    }
    with transaction.atomic():
        updated = TriageModel.objects.filter(pk=row.pk, status=ModelStatus.TRAINING).update(
            status=ModelStatus.READY, blob=blob, n_train=len(rows), n_platform=len(own),
            n_bootstrap=len(extra), trained_at=clock.now(), metrics=metrics, progress=1.0,
            progress_note="训练完成")
        if updated != 1:
            raise ApplicationError(_("该训练记录已被标记为失败，结果未保存。"))
        row.refresh_from_db()
        val = info["validation"]
        event_record(subject=row, actor=actor, action="triage_trained",
                     from_state=ModelStatus.TRAINING, to_state=ModelStatus.READY,
                     note=f"{row}：样本 {len(rows)} 条"
                          + (f"，验证集宏F1 {val['macro_f1']:.3f}" if val else ""),
                     extra={"n_train": len(rows), "n_bootstrap": len(extra)})
    if progress:
        progress(1.0, "训练完成")
    if activate:
        row = triage_model_activate(actor=actor, model=row)
    return row


def triage_model_activate(*, actor, model: TriageModel) -> TriageModel:
    """Make ``model`` the one active version of its kind (rollback = activate an older one)."""
    require(actor, "triage.administer", message=_("只有平台管理员可以启用模型。"))
    with transaction.atomic():
        row = TriageModel.objects.select_for_update().defer("blob").get(pk=model.pk)
        if row.status != ModelStatus.READY:
            raise ApplicationError(_("该模型尚未训练完成或训练失败，不能启用。"))
        if row.is_active:
            return row
        previous = (TriageModel.objects.select_for_update().defer("blob")
                    .filter(kind=row.kind, is_active=True).first())
        if previous is not None:
            TriageModel.objects.filter(pk=previous.pk).update(is_active=False)
        row.is_active = True
        row.activated_at = clock.now()
        row.save(update_fields=["is_active", "activated_at"])
        event_record(subject=row, actor=actor, action="triage_activate",
                     from_state=f"v{previous.version}" if previous else "",
                     to_state=f"v{row.version}",
                     note=f"启用{row}" + (f"（替换 v{previous.version}）" if previous else ""))
        transaction.on_commit(registry.clear)
    registry.clear()
    return row
