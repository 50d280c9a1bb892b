"""Demo county: the first dispatch-by-text models, trained from the demo's own handled demands.

Runs after the demand history (450) and supervision (500). It never reads ``../shared`` (a fresh
machine does not have it). Duplicates, recurrences and reply scores were already recorded by the
lifecycle hook while the history was replayed. Counts: triage_models, recurrences,
duplicate_candidates, flagged_replies.
"""

import sys

from grassroots.core.errors import ApplicationError
from grassroots.demo.registry import SeedContext, register_step
from grassroots.demo.summary import register_counts


def seed_triage(ctx: SeedContext):
    from .models import ModelKind, TriageModel
    from .services import triage_model_train

    for kind in ModelKind.values:
        if TriageModel.objects.filter(kind=kind, is_active=True).exists():
            continue  # a re-run keeps what is there
        bar = ctx.bar(100, f"智能分析模型（{kind}）")

        def progress(frac, msg, bar=bar):
            target = int(frac * 100)
            if target > bar.n:
                bar.update(target - bar.n)

        try:
            triage_model_train(actor=None, kind=kind, bootstrap_allowed=False, activate=True,
                               progress=progress)
        except ApplicationError as exc:  # a tiny county may not have two units yet
            if ctx.progress:
                print(f"智能分析模型（{kind}）未训练：{exc.message}", file=sys.stderr)
        finally:
            bar.close()
    return triage_counts()


def triage_counts():
    from grassroots.demands.models import Demand

    from .models import DuplicateCandidate, ModelStatus, ReplyQuality, TriageModel

    return {
        "triage_models": TriageModel.objects.filter(status=ModelStatus.READY).count(),
        "recurrences": Demand.objects.filter(recurrence_of__isnull=False).count(),
        "duplicate_candidates": DuplicateCandidate.objects.count(),
        "flagged_replies": ReplyQuality.objects.filter(flagged=True).count(),
    }


register_step("triage", seed_triage, order=550, label="智能分析模型（派单推荐）")
register_counts(triage_counts, labels={
    "triage_models": "智能分析模型", "recurrences": "疑似重复发生诉求",
    "duplicate_candidates": "疑似重复诉求对", "flagged_replies": "需核查答复",
})
