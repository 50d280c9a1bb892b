"""Reply quality at close: score the lead unit's reply, flag weak ones to the supervisors."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from grassroots.core.i18n import Message
from grassroots.core.notifications import notify
from grassroots.core.scope import Role
from grassroots.demands.services.common import unit_says
from grassroots.orgs.selectors import users_with_role

from ..models import ReplyQuality

UPDATE_FIELDS = ["demand", "unit", "relevance", "completeness", "interpretability", "timeliness",
                 "overall", "flagged", "reasons", "cues", "working_days", "created_at"]


def reply_quality_record(*, assignment, demand) -> ReplyQuality:
    """Score the reply of a lead assignment (inside the reply transaction) and store it."""
    from ..engine.reply_quality import score_reply
    from ..selectors import reply_budget_days

    score = score_reply(demand.title, demand.text, assignment.reply_text,
                        asked_at=assignment.dispatched_at, replied_at=assignment.replied_at,
                        budget_working_days=reply_budget_days(assignment))
    rq = ReplyQuality(
        assignment=assignment, demand=demand, unit_id=assignment.unit_id,
        relevance=round(score.relevance, 4), completeness=round(score.completeness, 4),
        interpretability=round(score.interpretability, 4),
        timeliness=None if score.timeliness is None else round(score.timeliness, 4),
        overall=round(score.overall, 4), flagged=score.flagged, reasons=list(score.reasons),
        cues=score.cues, working_days=score.working_days, created_at=assignment.replied_at,
    )
    # One statement: insert, or (a reply again after a reopen) update the assignment's score.
    # The assignment row is locked by the reply, so nobody scores it meanwhile.
    ReplyQuality.objects.bulk_create([rq], update_conflicts=True, unique_fields=["assignment"],
                                     update_fields=UPDATE_FIELDS)
    if rq.flagged:
        # The reasons are the scoring engine's own Chinese sentences (as on the reply-quality
        # page): text, not messages.
        notify(recipients=users_with_role(Role.SUPERVISOR), kind="reply_quality",
               title=Message(gettext_noop("答复质量待核查：%(title)s"), title=demand.title),
               body=unit_says(assignment.unit, "；".join(rq.reasons)),
               url=f"/demands/{demand.pk}/", dedup_key=f"reply_quality:{assignment.pk}")
    return rq
