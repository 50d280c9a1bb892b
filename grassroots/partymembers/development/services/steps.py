"""Steps 02–25: one service applies any row of the table after the step's own rules
(``_CHECKS``): ``case_step(actor=, case=, action=, on=, **data)``."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.meetings.models import Vote, VoteResult
from grassroots.party.models import MemberEndReason, MemberStatus, PartyMember
from grassroots.party.services.members import member_add, member_convert, member_remove
from grassroots.publicity.gate import publicity_require_clear
from grassroots.rulesets.checks import add_natural_months
from grassroots.rulesets.selectors import rule_param

from ..models import (
    CaseStatus,
    DevelopmentCase,
    DevelopmentPlan,
    JointReview,
    JointReviewStatus,
    PeriodicKind,
    PeriodicRecord,
    ReviewCheck,
    ReviewDepartment,
    Step,
    StepRecord,
)
from ..transitions import Action as A
from . import introducer_checks
from .common import Verdicts, act_on, lock, step_apply, text_of, who_for


def _value(case, key) -> int:
    return int(rule_param(case.rule_set, key).value)


def _required(data, name, message, limit=300) -> str:
    value = text_of(data.get(name), limit)
    if not value:
        raise ApplicationError(message, field=name)
    return value


def _people(data, name) -> list:
    from grassroots.people.models import Person

    ids = [int(x) for x in (data.get(name) or []) if str(x).isdigit()]
    return list(Person.objects.filter(pk__in=ids))


def _full_members(case, people, field, role_label) -> None:
    full = set(PartyMember.objects.filter(person__in=people, is_active=True,
                                          status=MemberStatus.FULL)
               .values_list("person_id", flat=True))
    for person in people:
        if person.pk == case.person_id:
            raise ApplicationError(_("申请人本人不能担任%(role)s。") % {"role": role_label},
                                   field=field)
        if person.pk not in full:
            raise ApplicationError(_("%(name)s不是正式党员，不能担任%(role)s。")
                                   % {"name": person.name, "role": role_label}, field=field)
        if person.pk == case.recused_person_id:
            raise ApplicationError(_("%(name)s须回避（近亲属入党特别报告），不能担任%(role)s。")
                                   % {"name": person.name, "role": role_label}, field=field)


def _publicity(case, v, id_field):
    publicity = publicity_require_clear(case)
    if getattr(case, id_field) != publicity.pk:
        raise ApplicationError(_("请先发起本环节的公示，公示期满且无未处理异议后才能办理。"),
                               field="publicity")
    v.hard("publicity.min_working_days",
           publicity.min_working_days >= _value(case, "publicity.min_working_days"),
           field="publicity")
    v.gate("publicity", _("公示%(s)s至%(e)s期满，无未处理异议。")
           % {"s": f"{publicity.start_on:%Y-%m-%d}", "e": f"{publicity.end_on:%Y-%m-%d}"})
    return {}


def _vote(case, data, on) -> Vote:
    vote = data.get("vote")
    if not isinstance(vote, Vote):
        raise ApplicationError(_("请先在支部党员大会上登记对该对象的表决结果。"), field="vote")
    if vote.subject_id != case.pk or vote.meeting.org_id != case.organisation_id \
            or vote.subject_type.model_class() is not DevelopmentCase:
        raise ApplicationError(_("该表决不是本支部对该对象的表决。"), field="vote")
    if vote.meeting.kind != "general_meeting":
        raise ApplicationError(_("须由支部党员大会讨论表决。"), field="vote")
    if vote.result != VoteResult.PASSED:
        raise ApplicationError(_("支部党员大会表决未通过（赞成%(yes)s票，需%(need)s票）。")
                               % {"yes": vote.yes + vote.written_yes, "need": vote.pass_needed},
                               field="vote")
    return vote


def _talk(case, v, on, data):
    v.soft("talk.within_months", on <= case.talk_due_on, due_on=case.talk_due_on)
    return {"talked_on": on}


def _activist(case, v, on, data):
    _required(data, "recommendation", _("请填写推荐情况（党员推荐或群团组织推优）。"))
    report = getattr(case, "close_relative_report", None) if case.recused_person_id else None
    if report is not None and report.status != "approved":
        raise ApplicationError(_("近亲属入党特别报告经县委组织部同意后，才能确定为入党积极分子。"))
    if report is not None:
        v.gate("close_relative", _("近亲属入党特别报告已同意，%(name)s回避。")
               % {"name": report.official.name})
    return {"activist_on": on}


def _activist_file(case, v, on, data):
    due = add_natural_months(case.activist_on, _value(case, "activist.filing_within_months"))
    v.soft("activist.filing_within_months", on <= due, due_on=due)
    return {"activist_filed_on": on}


def _contacts(case, v, on, data):
    people = _people(data, "contacts")
    v.hard("contacts.min_count", len(people) >= _value(case, "contacts.min_count"),
           field="contacts")
    v.hard("contacts.max_count", len(people) <= _value(case, "contacts.max_count"),
           field="contacts")
    _full_members(case, people, "contacts", _("培养联系人"))
    case.contacts.set(people)
    return {}


def _candidate(case, v, on, data):
    opinions = _required(data, "opinions", _("请填写听取党小组、培养联系人、党员和群众意见的情况。"))
    line = add_natural_months(case.activist_on, _value(case, "activist.min_months"))
    v.hard("activist.min_months", on >= line, field="on")
    exams = list(PeriodicRecord.objects.filter(case=case, kind=PeriodicKind.EXAMINATION)
                 .order_by("done_on").values_list("done_on", flat=True))
    interval = _value(case, "activist.examination_interval_months")
    marks, ok = [case.activist_on, *exams, on], True
    for start, end in zip(marks, marks[1:], strict=False):
        ok = ok and end <= add_natural_months(start, interval)
    v.soft("activist.examination_interval_months", ok)
    _plan_quota(case, v, on, data)
    return {"candidate_on": on, "_note": opinions}


def plan_for(organisation, year: int):
    """The most specific annual plan covering ``organisation`` (its own, else its town's,
    else the county's)."""
    ids = [*organisation.ancestor_ids(), organisation.pk]
    return (DevelopmentPlan.objects.filter(year=year, organisation_id__in=ids)
            .select_related("organisation").order_by("-organisation__path").first())


def _plan_quota(case, v, on, data) -> None:
    """Step 07 needs a place in the year's plan (S2 §4.2: plan quota available). The plan
    full, the branch may go on only with the county's approval of the over-plan case written
    down; that is an override and goes to the negative list (突击发展). No plan configured for
    the year: nothing to check."""
    from .gates import _negative

    plan = plan_for(case.organisation, on.year)
    if plan is None:
        return
    used = (DevelopmentCase.objects.filter(organisation__path__startswith=plan.organisation.path,
                                           candidate_on__year=on.year)
            .exclude(pk=case.pk).count())
    facts = {"org": plan.organisation.name, "y": on.year, "q": plan.quota, "n": used}
    if used < plan.quota:
        v.gate("plan.quota", _("%(org)s%(y)s年发展计划%(q)s名，已确定发展对象%(n)s名。") % facts)
        return
    approval = text_of(data.get("over_plan"), 200)
    message = _("%(org)s%(y)s年发展计划%(q)s名已用完（已确定发展对象%(n)s名）。") % facts
    if not approval:
        raise ApplicationError(message + _("超计划确定发展对象须经县委组织部同意，请填写批准情况。"),
                               field="over_plan")
    v.results.append({"key": "plan.quota", "kind": "soft", "ok": False,
                      "message": message + _("超计划办理：%(a)s") % {"a": approval}})
    _negative(None, case, "rush", _("超计划发展"),
              message + _("超计划办理：%(a)s") % {"a": approval}, on)


def _candidate_file(case, v, on, data):
    if case.needs_joint_review:
        review = JointReview.objects.filter(case=case).order_by("-pk").first()
        if review is None or review.status != JointReviewStatus.AGREED:
            raise ApplicationError(_("该发展对象须经县乡联审同意后，才能报上级党委备案。"),
                                   field="joint_review")
        v.gate("joint_review", _("县乡联审同意（%(d)s）。") % {"d": f"{review.county_on:%Y-%m-%d}"})
    return {"candidate_filed_on": on}


def _introducers(case, v, on, data):
    people = _people(data, "introducers")
    v.hard("introducers.count", len(people) == _value(case, "introducers.count"),
           field="introducers")
    _full_members(case, people, "introducers", _("入党介绍人"))
    for person in people:
        for check in introducer_checks.all():
            message = check(person, on)
            if message:
                raise ApplicationError(message, field="introducers")
    case.introducers.set(people)
    return {}


def _review_conclude(case, v, on, data):
    conclusion = _required(data, "conclusion", _("请填写政治审查结论。"))
    departments = ReviewDepartment.objects.filter(is_active=True).count()
    checks = ReviewCheck.objects.filter(case=case)
    answered = checks.exclude(answer="").count()
    if not checks.exists() or answered < departments:
        raise ApplicationError(_("联审部门尚未全部回复（已回复%(a)s个，共%(n)s个），不能作出政审结论。")
                               % {"a": answered, "n": departments})
    if checks.filter(answer="problem", disqualifying__isnull=True).exists():
        raise ApplicationError(_("有部门反映的问题尚待镇（街道）党（工）委认定。"))
    if checks.filter(disqualifying=True).exists():
        raise ApplicationError(_("政审发现影响发展的问题，应终止发展。"))
    v.gate("political_review", _("%(n)s个部门回复完毕，政审合格。") % {"n": answered})
    return {"review_concluded_on": on, "_note": conclusion}


def _training(case, v, on, data):
    days, hours = data.get("days") or 0, data.get("hours") or 0
    if not isinstance(days, int) or not isinstance(hours, int) or days < 0 or hours < 0:
        raise ApplicationError(_("培训天数和学时须为不小于0的整数。"), field="days")
    v.hard("training.min_days", days >= _value(case, "training.min_days")
           or hours >= _value(case, "training.min_hours"), field="days")
    return {"training_completed_on": on, "training_days": days, "training_hours": hours}


def _pre_review(case, v, on, data):
    result = _required(data, "result", _("请填写预审意见。"))
    return {"pre_review_passed_on": on, "_note": result}


def _volunteer_book(case, v, on, data):
    number = _required(data, "volunteer_book_no", _("请填写入党志愿书编号。"), 30)
    if DevelopmentCase.objects.filter(volunteer_book_no=number).exclude(pk=case.pk).exists():
        raise ApplicationError(_("入党志愿书编号%(no)s已被使用。") % {"no": number},
                               field="volunteer_book_no")
    return {"volunteer_book_no": number}


def _admit(case, v, on, data):
    vote = _vote(case, data, on)
    v.gate("vote", _("支部党员大会表决通过：应到%(s)s人，实到%(p)s人，赞成%(y)s票。")
           % {"s": vote.should_attend_voting, "p": vote.present_voting,
              "y": vote.yes + vote.written_yes})
    v.hard("admission.leaving_min_months",
           not case.leaving_within_3_months or bool(case.leaving_override_reason))
    if case.pre_review_passed_on:
        due = add_natural_months(case.pre_review_passed_on, 1)
        if v._param("branch_meeting.within_months"):
            due = add_natural_months(case.pre_review_passed_on,
                                     _value(case, "branch_meeting.within_months"))
        v.soft("branch_meeting.within_months", on <= due, due_on=due)
    months = "approval.special_within_months" if case.special_approval else "approval.within_months"
    return {"admitted_on": on, "admission_vote_id": vote.pk,
            "approval_due_on": add_natural_months(on, _value(case, months)),
            "probation_end_on": add_natural_months(on, _value(case, "probation.months"))}


def _approve(case, v, on, data):
    key = "approval.special_within_months" if case.special_approval else "approval.within_months"
    v.soft(key, on <= case.approval_due_on, due_on=case.approval_due_on)
    return {"approved_on": on}


def _conversion_vote(case, v, on, data):
    decision = data.get("decision")
    if decision not in ("convert", "extend", "cancel"):
        raise ApplicationError(_("请选择表决事项：按期转正、延长预备期或取消预备党员资格。"),
                               field="decision")
    vote = _vote(case, data, on)
    if decision == "convert" and on < case.probation_end_on:
        raise ApplicationError(_("预备期至%(d)s期满，期满后才能讨论转正。")
                               % {"d": f"{case.probation_end_on:%Y-%m-%d}"}, field="on")
    fields = {"conversion_vote_id": vote.pk, "conversion_decision": decision,
              "conversion_voted_on": on}
    if decision == "extend":
        months = data.get("months")
        v.hard("probation.extension.max_times", 1 + (1 if case.extension_months else 0)
               <= _value(case, "probation.extension.max_times"))
        if not isinstance(months, int):
            raise ApplicationError(_("请填写延长预备期的月数。"), field="months")
        v.hard("probation.extension.min_months",
               months >= _value(case, "probation.extension.min_months"), field="months")
        v.hard("probation.extension.max_months",
               months <= _value(case, "probation.extension.max_months"), field="months")
        fields["conversion_decision"] = f"extend:{months}"
    v.gate("vote", _("支部党员大会表决通过。"))
    return fields


def _decision(case, expected):
    if not case.conversion_decision.startswith(expected):
        raise ApplicationError(_("上级党委审批的事项应与支部大会的决议一致（%(d)s）。")
                               % {"d": case.conversion_decision or "—"}, field="action")


def _convert(case, v, on, data):
    _decision(case, "convert")
    due = add_natural_months(case.conversion_voted_on,
                             _value(case, "conversion.approval_within_months"))
    v.soft("conversion.approval_within_months", on <= due, due_on=due)
    # The conversion date is the probation end date, even if approved later [S1 ch. 5].
    return {"converted_on": case.probation_end_on, "conversion_approved_on": on}


def _extend(case, v, on, data):
    _decision(case, "extend")
    months = int(case.conversion_decision.split(":")[1])
    return {"extension_months": months,
            "probation_end_on": add_natural_months(case.probation_end_on, months),
            "conversion_applied_on": None, "conversion_publicity_id": None,
            "conversion_vote_id": None, "conversion_decision": "", "conversion_voted_on": None}


def _cancel(case, v, on, data):
    _decision(case, "cancel")
    return {"status": CaseStatus.TERMINATED, "ended_on": on,
            "exit_reason": _("取消预备党员资格")}


def _archive(case, v, on, data):
    due = add_natural_months(case.conversion_approved_on, _value(case, "archive.within_months"))
    v.soft("archive.within_months", on <= due, due_on=due)
    return {"archived_on": on, "status": CaseStatus.COMPLETED}


def _exit(case, v, on, data):
    reason = _required(data, "reason", _("请填写终止的原因。"), 200)
    return {"status": CaseStatus.TERMINATED, "ended_on": on, "exit_reason": reason,
            "_note": reason}


def _simple(field):
    return lambda case, v, on, data: {field: on} if field else {}


_CHECKS: dict[str, Callable] = {
    A.TALK: _talk, A.ACTIVIST: _activist, A.ACTIVIST_FILE: _activist_file,
    A.CONTACTS: _contacts, A.CANDIDATE: _candidate,
    A.CANDIDATE_PUBLICITY: lambda c, v, on, d: _publicity(c, v, "candidate_publicity_id"),
    A.CANDIDATE_FILE: _candidate_file, A.INTRODUCERS: _introducers,
    A.REVIEW_CONCLUDE: _review_conclude, A.TRAINING: _training,
    A.COMMITTEE_REVIEW: _simple("committee_reviewed_on"), A.PRE_REVIEW: _pre_review,
    A.VOLUNTEER_BOOK: _volunteer_book,
    A.ADMISSION_PUBLICITY: lambda c, v, on, d: _publicity(c, v, "admission_publicity_id"),
    A.ADMIT: _admit, A.UPPER_TALK: _simple("upper_talked_on"), A.APPROVE: _approve,
    A.COUNTY_FILE: _simple("county_filed_on"), A.PLACE: _simple(None),
    A.OATH: _simple("oath_on"), A.CONVERSION_APPLY: _simple("conversion_applied_on"),
    A.CONVERSION_PUBLICITY: lambda c, v, on, d: _publicity(c, v, "conversion_publicity_id"),
    A.CONVERSION_VOTE: _conversion_vote, A.CONVERT: _convert, A.EXTEND: _extend,
    A.CANCEL: _cancel, A.ARCHIVE: _archive, A.TERMINATE: _exit, A.WITHDRAW: _exit,
    A.BACK_TO_ACTIVIST: lambda c, v, on, d: {"candidate_on": None,
                                             "candidate_publicity_id": None,
                                             "_note": _required(d, "reason", _("请填写退回的原因。"))},
}
assert set(_CHECKS) == set(A.values)


def case_step(*, actor, case: DevelopmentCase, action: str, on=None, note: str = "",
              **data) -> DevelopmentCase:
    """Do ``action`` on ``case`` (a row of the table) on day ``on`` (default today): the
    step's hard rules refuse, its soft rules warn and let through; the step record keeps
    every verdict."""
    if action not in _CHECKS:
        raise ApplicationError(_("未知的办理事项。"), field="action")
    with transaction.atomic():
        case = lock(case)
        who = who_for(actor, case, action)
        on = act_on(case, on)
        verdicts = Verdicts(case)
        fields = _CHECKS[action](case, verdicts, on, data)
        note = fields.pop("_note", "") or text_of(note)
        step_apply(actor=actor, case=case, action=action, who=who, on=on, verdicts=verdicts,
                   fields=fields, note=note)
        _roll_follow(actor, case, action)
    return case


def _roll_follow(actor, case, action) -> None:
    """The party roll follows the case, in the same transaction: approved by the upper
    committee → a probationary member of the branch from the day of the branch meeting;
    converted → a full member from the end of probation; probation cancelled → off the roll."""
    if action == A.APPROVE:
        member_add(actor=actor, org=case.organisation, person=case.person,
                   status=MemberStatus.PROBATIONARY, joined_on=case.admitted_on)
        return
    if action not in (A.CONVERT, A.CANCEL):
        return
    member = PartyMember.objects.filter(person=case.person, is_active=True).first()
    if member is None:  # a case whose approval predates the roll (imported history)
        return
    if action == A.CONVERT:
        member_convert(actor=actor, member=member, full_on=case.converted_on)
    else:
        member_remove(actor=actor, member=member, reason=MemberEndReason.OTHER,
                      ended_on=case.ended_on)


__all__ = ["case_step", "StepRecord", "Step"]
