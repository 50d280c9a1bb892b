"""Celery tasks and the periodic job: they only call services.

In the embedded default Celery runs tasks eagerly (in-process), so a retrain started from the
page finishes before the page reloads; with a broker it runs on a worker and the page shows its
progress.
"""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task

# A periodic retrain replaces the active model only if it is not clearly worse on its own
# validation split.
PERIODIC_TOLERANCE = 0.01
# A kind whose newest version is younger than this is not retrained by the weekly job (a
# version trained by hand or by the demo builder counts; a few hours of slack for the beat).
RETRAIN_AFTER = timedelta(days=7) - timedelta(hours=6)


@shared_task(name="triage.retrain", acks_late=True)
def retrain(kind: str, actor_id: int | None = None, source: str = "platform",
            activate: bool = False) -> int:
    from grassroots.people.models import User

    from .services import triage_model_train

    actor = User.objects.get(pk=actor_id) if actor_id else None
    return triage_model_train(actor=actor, kind=kind, source=source, activate=activate).pk


def retrain_periodic() -> str:
    """Weekly: retrain each kind whose newest version is about a week old (or that has none);
    activate the new version when none is active or when its validation macro-F1 is within
    tolerance of the active one's."""
    from django.utils import timezone

    from grassroots.core import clock
    from grassroots.core.errors import ApplicationError

    from .models import ModelKind, ModelStatus, TriageModel
    from .services import triage_model_activate, triage_model_train

    done = []
    for kind in ModelKind.values:
        latest = (TriageModel.objects.filter(kind=kind, status=ModelStatus.READY,
                                             trained_at__isnull=False)
                  .order_by("-trained_at").values_list("version", "trained_at").first())
        if latest and clock.now() - latest[1] < RETRAIN_AFTER:
            when = timezone.localtime(latest[1]).strftime("%Y-%m-%d %H:%M")
            done.append(f"{kind}: v{latest[0]} trained {when}, not due yet")
            continue
        try:
            row = triage_model_train(actor=None, kind=kind)
        except ApplicationError as exc:
            done.append(f"{kind}: {exc.message}")
            continue
        current = TriageModel.objects.defer("blob").filter(kind=kind, is_active=True).first()
        new_f1 = (row.metrics.get("validation") or {}).get("macro_f1")
        old_f1 = ((current.metrics.get("validation") or {}).get("macro_f1")
                  if current else None)
        if current is None or old_f1 is None or (
                new_f1 is not None and new_f1 >= old_f1 - PERIODIC_TOLERANCE):
            triage_model_activate(actor=None, model=row)
            done.append(f"{kind}: v{row.version} activated")
        else:
            done.append(f"{kind}: v{row.version} kept inactive ({new_f1} < {old_f1})")
    return "; ".join(done)
