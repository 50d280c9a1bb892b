"""The 6 steps and what follows them: one service applies any row of the table after the
step's own rules (``_CHECKS``): ``case_step(actor=, case=, action=, on=, **data)``. The
notification applies, in the same transaction, the row the decided measure sets (8th branch,
劝退, 除名, 停止党籍); removal and persuasion end membership through party's services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.transitions import transition_apply, transition_check
from grassroots.meetings.models import Ballot, Vote, VoteResult
from grassroots.party.models import MemberEndReason, MemberStatus, PartyMember
from grassroots.party.services.members import member_remove
from grassroots.rulesets.checks import add_natural_months

from ..models import (
    HEAVY_MEASURES,
    DisposalCase,
    DisposalTalk,
    Measure,
    ReviewResult,
    State,
    TransformationReview,
)
from ..transitions import DISPOSAL_TABLE, Action, Who, case_who
from .common import (
    attach,
    check_boundaries,
    clean_items,
    eighth_branch_of,
    lock,
    required,
    text_of,
    today,
)

A = Action
# At most 12 months of correction [S5 art. 30]; a review every quarter (inferred).
CORRECTION_MAX_MONTHS = 12
REVIEW_EVERY_MONTHS = 3
# The record a member on the roll gets when a decision ends his membership.
_ROLL_END = {
    Measure.PERSUADE: (MemberStatus.LEFT, "出党（劝退）"),
    Measure.REMOVE: (MemberStatus.REMOVED, "出党（除名）"),
    Measure.REMOVE_LAPSED: (MemberStatus.REMOVED, "出党（自行脱党除名）"),
}
_FOLLOW_UP = {Measure.CORRECTION: A.ENTER_EDUCATION, Measure.PERSUADE: A.END_PERSUADED,
              Measure.REMOVE: A.END_REMOVED, Measure.REMOVE_LAPSED: A.END_REMOVED,
              Measure.SUSPEND: A.END_SUSPENDED}
# The appeal rights stated on every notice (党员权利保障条例; recalled, have the county confirm).
APPEAL_RIGHTS = gettext_lazy("对处置决定不服的，可以向上级党组织提出申诉；申诉期间不停止决定的执行"
                  "（《中国共产党党员权利保障条例》）。")


def _date(value, field) -> date:
    if not isinstance(value, date):
        raise ApplicationError(_("请填写日期。"), field=field)
    return value


def _measure(data, field="measure") -> str:
    measure = data.get(field)
    if measure not in Measure.values or measure == Measure.NONE:
        raise ApplicationError(_("请选择拟处置方式（不予处置的，请撤销该线索）。"), field=field)
    return measure


def _identify(case, on, data):
    if not case.criteria.exists():
        raise ApplicationError(_("初步认定须至少有一项认定标准并附事实和证据。"), field="criteria")
    note = required(data.get("note"), "note", _("请填写支委会的认定意见。"))
    return {"identified_on": on, "identification_note": note,
            "proposed_measure": _measure(data)}


def _investigate(case, on, data):
    from grassroots.people.models import Person

    report = required(data.get("report"), "report", _("请填写调查核实报告。"), 2000)
    ids = [int(x) for x in (data.get("talkers") or []) if str(x).isdigit()]
    talkers = list(Person.objects.filter(pk__in=ids))
    if len(set(ids)) != 2 or len(talkers) != 2:
        raise ApplicationError(_("调查核实须由2名正式党员与本人谈话。"), field="talkers")
    full = set(PartyMember.objects.filter(person__in=talkers, is_active=True,
                                          status=MemberStatus.FULL)
               .values_list("person_id", flat=True))
    for person in talkers:
        if person.pk == case.member.person_id:
            raise ApplicationError(_("本人不能担任谈话人。"), field="talkers")
        if person.pk not in full:
            raise ApplicationError(_("%(name)s不是正式党员，不能担任谈话人。") % {"name": person.name},
                                   field="talkers")
    reached = data.get("reached", True) is not False
    statement = required(data.get("statement"), "statement",
                         _("请填写本人的陈述；未能见到本人的，请写明联系和查找的情况。"))
    talked_on = data.get("talked_on") or on
    if not isinstance(talked_on, date) or talked_on > on or talked_on < case.identified_on:
        raise ApplicationError(_("谈话日期应在初步认定之后、调查核实报告之前。"), field="talked_on")
    DisposalTalk.objects.create(case=case, talked_on=talked_on, talker_1=talkers[0],
                                talker_2=talkers[1], reached=reached, statement=statement)
    return {"investigated_on": on, "investigation_report": report}


def _town_pre_review(case, on, data):
    opinion = required(data.get("opinion"), "opinion", _("请填写预审意见。"))
    return {"town_reviewed_on": on, "town_opinion": opinion}


def _county_pre_review(case, on, data):
    if case.proposed_measure not in HEAVY_MEASURES:
        raise ApplicationError(_("只有劝退、除名须报县委组织部预审。"))
    opinion = required(data.get("opinion"), "opinion", _("请填写预审意见。"))
    return {"county_reviewed_on": on, "county_opinion": opinion}


def _vote(case, on, data):
    if case.proposed_measure in HEAVY_MEASURES and not case.county_reviewed_on:
        raise ApplicationError(_("拟劝退或除名的，须经县委组织部预审后才能提交支部党员大会表决。"))
    notified = _date(data.get("notified_on"), "notified_on")
    statement = required(data.get("statement"), "statement",
                         _("请填写本人到会申辩的情况（未到会的写明通知情况）。"))
    vote = data.get("vote")
    if not isinstance(vote, Vote):
        raise ApplicationError(_("请先在支部党员大会上登记对该党员的表决结果。"), field="vote")
    if vote.subject_id != case.pk or vote.meeting.org_id != case.organisation_id \
            or vote.subject_type.model_class() is not DisposalCase:
        raise ApplicationError(_("该表决不是本支部对该党员的处置表决。"), field="vote")
    if vote.meeting.kind != "general_meeting":
        raise ApplicationError(_("须由支部党员大会讨论表决。"), field="vote")
    if vote.ballot != Ballot.SECRET:
        raise ApplicationError(_("处置不合格党员须无记名投票表决。"), field="vote")
    held_on = vote.meeting.held_at.date()
    if notified > held_on:
        raise ApplicationError(_("须在支部党员大会前通知本人参会申辩。"), field="notified_on")
    if held_on > on or (case.county_reviewed_on or case.town_reviewed_on) > held_on:
        raise ApplicationError(_("表决应在预审之后。"), field="vote")
    if vote.result != VoteResult.PASSED:
        raise ApplicationError(_("支部党员大会表决未通过（赞成%(yes)s票，需%(need)s票）。")
                               % {"yes": vote.yes + vote.written_yes, "need": vote.pass_needed},
                               field="vote")
    return {"vote": vote, "voted_on": held_on, "member_notified_on": notified,
            "member_statement": statement}


def _approve(case, on, data):
    opinion = required(data.get("opinion"), "opinion", _("请填写党（工）委集体研究的审批意见。"))
    fields = {"approved_on": on, "approval_opinion": opinion,
              "decided_measure": case.proposed_measure}
    if case.proposed_measure == Measure.CORRECTION:
        months = data.get("months")
        if not isinstance(months, int) or not 1 <= months <= CORRECTION_MAX_MONTHS:
            raise ApplicationError(_("限期改正的期限为1至%(n)s个月。") % {"n": CORRECTION_MAX_MONTHS},
                                   field="months")
        fields["correction_until"] = add_natural_months(on, months)
    return fields


def _notify(case, on, data):
    reported = data.get("reported_on") or on
    if not isinstance(reported, date) or reported < on:
        raise ApplicationError(_("通报日期不能早于通知本人的日期。"), field="reported_on")
    return {"notified_on": on, "reported_on": reported}


def _quarter_review(case, on, data):
    note = required(data.get("note"), "note", _("请填写评估意见。"))
    TransformationReview.objects.create(case=case, reviewed_on=on, note=note,
                                        result=ReviewResult.CONTINUE)
    return {}


def _transform(case, on, data):
    note = required(data.get("note"), "note", _("请填写转化的事实和证据。"))
    if not case.reviews.exists():
        raise ApplicationError(_("认定转化前须有第八党支部的转化评估。"))
    TransformationReview.objects.create(case=case, reviewed_on=on, note=note,
                                        result=ReviewResult.TRANSFORMED)
    return {"closed_on": on, "close_reason": note}


def _correction_failed(case, on, data):
    """C28: correction ended without change (or help refused): steps 3–6 again with 劝退 or
    除名 on the same case."""
    note = required(data.get("note"), "note", _("请填写无转变的事实和证据。"))
    refused_help = bool(data.get("refused_help"))
    if on < case.correction_until and not refused_help:
        raise ApplicationError(_("限期改正至%(d)s期满；期满前只有拒不接受帮助教育的才能重新处置。")
                               % {"d": f"{case.correction_until:%Y-%m-%d}"}, field="on")
    measure = data.get("measure") or Measure.PERSUADE
    if measure not in HEAVY_MEASURES:
        raise ApplicationError(_("限期改正无转变的，应予劝退或除名。"), field="measure")
    TransformationReview.objects.create(case=case, reviewed_on=on, note=note,
                                        result=ReviewResult.FAILED)
    attach(case, [("C28", note, case.education_started_on or on, on)])
    return {"round": case.round + 1, "proposed_measure": measure, "investigated_on": on,
            "town_reviewed_on": None, "county_reviewed_on": None, "vote": None,
            "voted_on": None, "approved_on": None, "member_notified_on": None,
            "notified_on": None, "reported_on": None, "decided_measure": ""}


def _lapsed_remove(case, on, data):
    from grassroots.rulesets.selectors import rule_param, rule_set_in_force

    from ...records.rulesets import RECORDS_FAMILY

    member = case.member
    months = int(rule_param(rule_set_in_force(RECORDS_FAMILY, on),
                            "lost_contact.remove_after_months").value)
    start = member.suspended_on or case.notified_on
    if on < add_natural_months(start, months):
        raise ApplicationError(_("停止党籍满%(n)s个月仍无法取得联系的，才能按自行脱党除名。") % {"n": months})
    return {"decided_measure": Measure.REMOVE_LAPSED, "closed_on": on}


def _drop(case, on, data):
    reason = required(data.get("reason"), "reason", _("请填写不予处置的理由。"))
    return {"closed_on": on, "close_reason": reason}


_CHECKS: dict[str, Callable] = {
    A.IDENTIFY: _identify, A.INVESTIGATE: _investigate, A.TOWN_PRE_REVIEW: _town_pre_review,
    A.COUNTY_PRE_REVIEW: _county_pre_review, A.VOTE: _vote, A.APPROVE: _approve,
    A.NOTIFY: _notify, A.QUARTER_REVIEW: _quarter_review, A.TRANSFORM: _transform,
    A.CORRECTION_FAILED: _correction_failed, A.LAPSED_REMOVE: _lapsed_remove, A.DROP: _drop,
}


def _last_on(case) -> date:
    days = [case.raised_on, case.identified_on, case.investigated_on, case.town_reviewed_on,
            case.county_reviewed_on, case.voted_on, case.approved_on, case.notified_on,
            case.education_started_on]
    last_review = case.reviews.order_by("-reviewed_on").values_list("reviewed_on", flat=True)
    return max([d for d in days if d] + list(last_review[:1]))


def _act_on(case, on) -> date:
    on = on or today()
    if not isinstance(on, date):
        raise ApplicationError(_("请填写办理日期。"), field="on")
    if on > today():
        raise ApplicationError(_("办理日期不能晚于今天。"), field="on")
    previous = _last_on(case)
    if on < previous:
        raise ApplicationError(_("办理日期不能早于上一步骤的日期（%(d)s）。")
                               % {"d": f"{previous:%Y-%m-%d}"}, field="on")
    return on


def _who(actor, case, action) -> str:
    parts = case_who(actor, case)
    if not parts:
        raise NotInScope(_("您不能办理该党员的处置事项。"))
    for who in parts:
        if DISPOSAL_TABLE.find(case.state, action, who):
            return who
    transition_check(DISPOSAL_TABLE, case.state, action, parts[0])  # raises the refusal
    raise NotInScope(_("您不能办理该处置的此步骤。"))


def case_step(*, actor, case: DisposalCase, action: str, on: date | None = None,
              **data) -> DisposalCase:
    """Do ``action`` on ``case`` on day ``on`` (default today); the step's rules refuse with
    their message and nothing is written."""
    if action not in _CHECKS:
        raise ApplicationError(_("未知的办理事项。"), field="action")
    with transaction.atomic():
        case = lock(case)
        who = _who(actor, case, action)
        on = _act_on(case, on)
        fields = _CHECKS[action](case, on, data)
        transition_apply(DISPOSAL_TABLE, case, action=action, who=who, actor=actor,
                         fields=fields, note=text_of(data.get("note") or data.get("opinion")
                                                     or data.get("reason")),
                         extra={"on": on.isoformat()})
        if action == A.APPROVE:
            _roll_end(actor, case, on)
        elif action == A.NOTIFY:
            _follow_up(actor, case, on)
        elif action == A.LAPSED_REMOVE:
            _roll_end(actor, case, on, measure=Measure.REMOVE_LAPSED)
    return case


def _roll_end(actor, case, on, measure=None) -> None:
    """劝退 and 除名 end membership from the decision's day (party's member_remove, then the
    record's status and the national system's 减少 column)."""
    measure = measure or case.decided_measure
    if measure not in _ROLL_END:
        return
    member = PartyMember.objects.select_for_update().get(pk=case.member_id)
    if not member.is_active:
        return
    status, info = _ROLL_END[measure]
    member, _warnings = member_remove(actor=actor, member=member,
                                      reason=MemberEndReason.EXPELLED, ended_on=on)
    PartyMember.objects.filter(pk=member.pk).update(status=status, decrease_info=info)


def _follow_up(actor, case, on) -> None:
    """The row the decided measure sets, by the system, in the notification's transaction."""
    action = _FOLLOW_UP[case.decided_measure]
    fields: dict = {}
    if action == A.ENTER_EDUCATION:
        eighth = eighth_branch_of(case.town)
        if eighth is None:
            raise ApplicationError(_("%(town)s尚未设立第八党支部，请先设立后再编入教育转化。")
                                   % {"town": case.town.name if case.town else ""})
        fields = {"eighth_branch": eighth, "education_started_on": on}
    elif action in (A.END_PERSUADED, A.END_REMOVED):
        fields = {"closed_on": on}
    elif action == A.END_SUSPENDED:
        member = PartyMember.objects.select_for_update().get(pk=case.member_id)
        if member.is_active and member.status != MemberStatus.SUSPENDED:
            PartyMember.objects.filter(pk=member.pk).update(
                status=MemberStatus.SUSPENDED, suspended_on=on, decrease_info="停止党籍")
    transition_apply(DISPOSAL_TABLE, case, action=action, who=Who.SYSTEM, actor=actor,
                     fields=fields, extra={"on": on.isoformat()})


def case_add_criteria(*, actor, case: DisposalCase, criteria, discipline_breach=False,
                      punished=False, hardship=False) -> DisposalCase:
    """More criteria on an open case before the investigation (the same boundary rules)."""
    with transaction.atomic():
        case = lock(case)
        if _who(actor, case, A.IDENTIFY if case.state == State.CANDIDATE else A.INVESTIGATE) \
                != Who.BRANCH:
            raise NotInScope(_("您不能办理该党员的处置事项。"))
        items = clean_items(criteria, today())
        check_boundaries(case.member, items, discipline_breach=discipline_breach,
                         punished=punished, hardship=hardship, exclude_case=case)
        attach(case, items)
    return case
