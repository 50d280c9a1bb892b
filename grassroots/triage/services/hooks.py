"""The one lifecycle hook of the app (registered in TriageConfig.ready()).

It runs inside the demand services' transactions, so it stays cheap and never refuses the
change it observes: the engine's work is a few milliseconds; auto-dispatch, which is a change
of its own, runs after the intake commits in its own transaction.
"""

from __future__ import annotations

import logging

from django.db import transaction

from grassroots.demands.models import AssignmentRole, DemandStatus
from grassroots.demands.transitions import Action

from ..models import TriageSettings
from .dispatch import auto_dispatch, feedback_record
from .intake import duplicates_find, recurrence_flag
from .replies import reply_quality_record

log = logging.getLogger(__name__)


def on_lifecycle(*, demand, action, assignment=None, actor=None, extra=None):
    if action == "create":
        cfg = TriageSettings.load()
        recurrence_flag(demand=demand, actor=actor, cfg=cfg)
        if demand.status == DemandStatus.RECEIVED:
            duplicates_find(demand=demand, cfg=cfg)
            if cfg.auto_dispatch_enabled:
                transaction.on_commit(lambda: _safe_auto_dispatch(demand))
    elif action == Action.DISPATCH:
        feedback_record(demand=demand, assignment=assignment, actor=actor)
    elif action == Action.REPLY and assignment is not None \
            and assignment.role == AssignmentRole.LEAD:
        reply_quality_record(assignment=assignment, demand=demand)


def _safe_auto_dispatch(demand) -> None:
    try:
        dispatched = auto_dispatch(demand.pk)
    except Exception:  # after commit: the demand is saved and waits for a person
        log.exception("triage: auto-dispatch of demand %s failed", demand.pk)
        return
    if dispatched:  # the intake's caller holds this instance: show it dispatched
        demand.refresh_from_db(fields=[f.attname for f in type(demand)._meta.concrete_fields
                                       if not f.is_relation])
