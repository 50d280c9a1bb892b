"""Experts and the committee: assignment with recusal, the showcase and interview scores, and
the committee's two-thirds vote (综合评议).

The committee is not a party organisation, so its vote is not a ``meetings.Vote`` (that model
belongs to a party organisation's meeting); the tally is kept here as ``CommitteeVote`` and
judged by the pure rule functions of ``meetings.votes`` with the ``talent.title.vote`` rule set
in force on the day (quorum ≥ ⅔ of the members, pass ≥ ⅔ of those present)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.scope import get_scope
from grassroots.core.transitions import transition_apply, transition_check
from grassroots.meetings.rules import vote_rule_in_force
from grassroots.meetings.votes import Tally, quorum_require

from ..models import (
    Application,
    ApplicationStatus,
    CommitteeVote,
    Expert,
    ExpertAssignment,
    Recusal,
    Score,
    ScoreStage,
)
from ..transitions import APPLICATION_TABLE, Action, Who
from .common import text_in, today

SCORING_STATE = {ScoreStage.SHOWCASE: ApplicationStatus.ELIGIBLE,
                 ScoreStage.INTERVIEW: ApplicationStatus.SHOWCASED}


def conflict_of(expert: Expert, application: Application) -> str:
    """Why ``expert`` must not score ``application`` ("" when he may): his own application,
    a declared relative's, one from his own cooperative, or a recusal on record."""
    talent = application.talent
    if expert.person_id == talent.person_id:
        return _("本人申报")
    relative = expert.relatives.filter(person_id=talent.person_id).first()
    if relative is not None:
        return _("申报人是其%(relation)s") % {"relation": relative.relation}
    if expert.cooperative and expert.cooperative == talent.cooperative:
        return _("申报人与其同属%(name)s") % {"name": expert.cooperative}
    recusal = Recusal.objects.filter(expert=expert, application=application).first()
    return recusal.reason if recusal is not None else ""


def _refuse_conflict(expert, application):
    reason = conflict_of(expert, application)
    if reason:
        raise ApplicationError(_("%(name)s须回避（%(reason)s），不能评审这份申报。")
                               % {"name": expert.person.name, "reason": reason}, field="expert")


def expert_assign(*, actor, application: Application, expert: Expert) -> ExpertAssignment:
    require(actor, "talent.manage")
    if expert.committee_id != application.round.committee_id:
        raise ApplicationError(_("该专家不是本委员会成员。"), field="expert")
    on = today()
    if not expert.term_from <= on <= expert.term_to:
        raise ApplicationError(_("该专家不在聘期内。"), field="expert")
    _refuse_conflict(expert, application)
    with transaction.atomic():
        assignment, created = ExpertAssignment.objects.get_or_create(
            application=application, expert=expert)
        if created:
            event_record(subject=application, actor=actor, action="title_expert_assigned",
                         note=expert.person.name, extra={"expert_id": expert.pk})
    return assignment


def recusal_record(*, actor, application: Application, expert: Expert, reason: str) -> Recusal:
    """An expert declares (or the secretariat records) a conflict: his assignment ends."""
    scope = get_scope(actor)
    if scope.person_id != expert.person_id:
        require(actor, "talent.manage")
    reason = text_in(reason, field="reason", label=_("回避原因"), minimum=2, limit=200)
    with transaction.atomic():
        recusal = Recusal.objects.create(application=application, expert=expert, reason=reason,
                                         recorded_at=clock.now())
        ExpertAssignment.objects.filter(application=application, expert=expert).delete()
        Score.objects.filter(application=application, expert=expert).delete()
        event_record(subject=application, actor=actor, action="title_expert_recused",
                     note=reason, extra={"expert_id": expert.pk})
    return recusal


def score_record(*, actor, application: Application, stage: str, score,
                 comment: str = "") -> Score:
    """An assigned expert scores (0–100); scoring again replaces his score of that stage."""
    scope = get_scope(actor)
    assignment = (ExpertAssignment.objects.select_related("expert__person")
                  .filter(application=application, expert__person_id=scope.person_id).first())
    if assignment is None:
        raise NotInScope(_("只有分配到这份申报的评审专家可以评分。"))
    if stage not in SCORING_STATE:
        raise ApplicationError(_("请选择评分环节。"), field="stage")
    try:
        value = Decimal(str(score)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("评分应为0到100之间的数字。"), field="score") from None
    if not Decimal(0) <= value <= Decimal(100):
        raise ApplicationError(_("评分应为0到100之间的数字。"), field="score")
    comment = text_in(comment, field="comment", label=_("评语"), limit=300)
    _refuse_conflict(assignment.expert, application)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != SCORING_STATE[stage]:
            raise ApplicationError(_("当前状态为“%(state)s”，不能进行%(stage)s评分。") % {
                "state": locked.get_status_display(), "stage": ScoreStage(stage).label})
        row, _created = Score.objects.update_or_create(
            application=locked, expert=assignment.expert, stage=stage,
            defaults={"score": value, "comment": comment, "scored_at": clock.now()})
        event_record(subject=locked, actor=actor, action="title_score_recorded",
                     extra={"stage": stage, "score": str(value)})
    return row


def stage_close(*, actor, application: Application, stage: str) -> Application:
    """The secretariat closes a scoring stage once enough experts scored; the mean is kept."""
    require(actor, "talent.manage")
    action = Action.SHOWCASE_CLOSE if stage == ScoreStage.SHOWCASE else Action.INTERVIEW_CLOSE
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        transition_check(APPLICATION_TABLE, locked.status, action, Who.SECRETARIAT)
        figures = Score.objects.filter(application=locked, stage=stage).aggregate(
            n=Count("pk"), mean=Avg("score"))
        needed = locked.round.min_scores
        if figures["n"] < needed:
            raise ApplicationError(_("已有%(n)s位专家评分，至少需要%(needed)s位。")
                                   % {"n": figures["n"], "needed": needed}, field="stage")
        mean = Decimal(figures["mean"]).quantize(Decimal("0.01"))
        fields = {"showcase_score" if stage == ScoreStage.SHOWCASE else "interview_score": mean}
        if stage == ScoreStage.INTERVIEW:
            rnd = locked.round
            fields["composite_score"] = (locked.showcase_score * rnd.showcase_weight
                                         + mean * rnd.interview_weight).quantize(Decimal("0.01"))
        transition_apply(APPLICATION_TABLE, locked, action=action, who=Who.SECRETARIAT,
                         actor=actor, fields=fields)
    return locked


def committee_members_on(committee_id: int, on: date) -> int:
    return Expert.objects.filter(committee_id=committee_id, term_from__lte=on,
                                 term_to__gte=on).count()


def committee_vote(*, actor, application: Application, present: int, yes: int, no: int,
                   abstain: int, voted_on: date | None = None) -> CommitteeVote:
    """综合评议: record the tally; without a quorum nothing is written; a passed vote moves the
    application to 'reviewed', a failed one rejects it with the tally as the reason."""
    require(actor, "talent.manage")
    voted_on = voted_on or today()
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        transition_check(APPLICATION_TABLE, locked.status, Action.VOTE_PASS, Who.SECRETARIAT)
        members = committee_members_on(locked.round.committee_id, voted_on)
        rule = vote_rule_in_force("title_review", voted_on)
        tally = Tally(should_attend=members, present=present, yes=yes, no=no, abstain=abstain)
        outcome = quorum_require(rule, tally)
        vote = CommitteeVote.objects.create(
            application=locked, members=members, present=present, yes=yes, no=no,
            abstain=abstain, passed=outcome.passed, rule_set=rule.rule_set, voted_on=voted_on)
        extra = {"members": members, "present": present, "yes": yes, "no": no,
                 "abstain": abstain, "needed": outcome.pass_needed, "rule_set": rule.rule_set}
        if outcome.passed:
            transition_apply(APPLICATION_TABLE, locked, action=Action.VOTE_PASS,
                             who=Who.SECRETARIAT, actor=actor, extra=extra)
        else:
            reason = _("评审会表决未通过：同意%(yes)s票，需%(needed)s票。") % {
                "yes": yes, "needed": outcome.pass_needed}
            transition_apply(APPLICATION_TABLE, locked, action=Action.VOTE_FAIL,
                             who=Who.SECRETARIAT, actor=actor, fields={"reason": reason},
                             note=reason, extra=extra)
    return vote
