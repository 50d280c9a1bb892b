"""Sishui's gates (S2 §4.4): the 16-department political review, the county–town joint
review, the close-relative special report and the negative list."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.transitions import transition_apply, transition_check
from grassroots.rulesets.checks import rule_due_on

from ..gate_tables import (
    CLOSE_RELATIVE_TABLE,
    JOINT_REVIEW_TABLE,
    JointAction,
    RelativeAction,
    gate_who,
)
from ..models import (
    CaseStatus,
    CloseRelativeReport,
    DepartmentAnswer,
    DevelopmentCase,
    JointReview,
    JointReviewStatus,
    NegativeCategory,
    NegativeListEntry,
    NegativeStatus,
    ReviewCheck,
    ReviewDepartment,
    Step,
)
from ..transitions import DEVELOPMENT_TABLE
from ..transitions import Action as A
from .common import Verdicts, lock, step_apply, text_of, today


def town_of(case: DevelopmentCase):
    """The base committee above the case's branch (the town, street or park)."""
    from grassroots.party.models import OrgKind, PartyOrganisation

    ids = case.organisation.ancestor_ids()
    return (PartyOrganisation.objects.filter(pk__in=ids, kind=OrgKind.BASE_COMMITTEE)
            .order_by("-path").first() or case.organisation)


def _terminate(actor, case, on, reason):
    step_apply(actor=actor, case=case, action=A.TERMINATE, who="town", on=on,
               verdicts=Verdicts(case), note=reason,
               fields={"status": CaseStatus.TERMINATED, "ended_on": on, "exit_reason": reason})


# --- the 16-department political review ------------------------------------------------

def review_dispatch(*, actor, case: DevelopmentCase, on: date | None = None) -> int:
    """Send the review letter to every configured department (step 10)."""
    require(actor, "partymembers.dev_town_work", case.organisation)
    on = on or today()
    with transaction.atomic():
        case = lock(case)
        if case.step != Step.INTRODUCERS or case.status != CaseStatus.ACTIVE:
            raise ApplicationError(_("确定入党介绍人后才能发出政审函。"))
        if ReviewCheck.objects.filter(case=case).exists():
            raise ApplicationError(_("政审函已经发出。"))
        departments = list(ReviewDepartment.objects.filter(is_active=True))
        if not departments:
            raise ApplicationError(_("县委组织部尚未配置政审联审部门。"))
        due = rule_due_on(case.rule_set, "review.department_answer_working_days", on)
        ReviewCheck.objects.bulk_create([
            ReviewCheck(case=case, department=d, sent_on=on, due_on=due.due_on)
            for d in departments])
        event_record(subject=case, actor=actor, action="dev_review_dispatch",
                     extra={"departments": len(departments), "due_on": due.due_on.isoformat()})
    return len(departments)


def review_answer(*, actor, check: ReviewCheck, answer: str, finding: str = "",
                  on: date | None = None) -> ReviewCheck:
    """A department answers its question: no problem, problem (with the finding) or no
    record."""
    require(actor, "partymembers.dev_review_answer", check)
    if answer not in DepartmentAnswer.values:
        raise ApplicationError(_("请选择回复意见。"), field="answer")
    finding = text_of(finding, 1000)
    if answer == DepartmentAnswer.PROBLEM and not finding:
        raise ApplicationError(_("反映有问题的，请填写具体情况。"), field="finding")
    with transaction.atomic():
        check = ReviewCheck.objects.select_for_update().get(pk=check.pk)
        if check.answer:
            raise ApplicationError(_("本部门已经回复，不能重复回复。"))
        if check.case.status != CaseStatus.ACTIVE:
            raise ApplicationError(_("该发展党员已不在办理中。"))
        check.answer, check.finding = answer, finding if answer == "problem" else ""
        check.answered_by, check.answered_on = actor, on or today()
        check.save(update_fields=["answer", "finding", "answered_by", "answered_on"])
        event_record(subject=check, actor=actor, action="dev_review_answer", to_state=answer)
    return check


def review_rule(*, actor, check: ReviewCheck, disqualifying: bool, note: str,
                on: date | None = None) -> ReviewCheck:
    """The town rules on a department's finding; a disqualifying one ends the case. Either
    way the finding is written to the negative list."""
    require(actor, "partymembers.dev_town_work", check.case.organisation)
    note = text_of(note, 200)
    if not note:
        raise ApplicationError(_("请填写认定意见。"), field="note")
    on = on or today()
    with transaction.atomic():
        case = lock(check.case)
        check = ReviewCheck.objects.select_for_update().get(pk=check.pk)
        if check.answer != DepartmentAnswer.PROBLEM or check.disqualifying is not None:
            raise ApplicationError(_("只有部门反映有问题且尚未认定的，才需要认定。"))
        check.disqualifying, check.ruling_note = bool(disqualifying), note
        check.ruled_by, check.ruled_on = actor, on
        check.save(update_fields=["disqualifying", "ruling_note", "ruled_by", "ruled_on"])
        event_record(subject=check, actor=actor, action="dev_review_rule",
                     to_state="disqualifying" if disqualifying else "cleared")
        _negative(actor, case, NegativeCategory.RISK if disqualifying else NegativeCategory.OTHER,
                  _("16部门联审"), _("%(dept)s反映问题，认定：%(note)s")
                  % {"dept": check.department, "note": note}, on)
        if disqualifying:
            _terminate(actor, case, on, _("政治审查不合格：%(note)s") % {"note": note})
    return check


# --- the county–town joint review --------------------------------------------------------

def joint_review_request(*, actor, case: DevelopmentCase, on: date | None = None) -> JointReview:
    require(actor, "partymembers.dev_branch_work", case)
    on = on or today()
    with transaction.atomic():
        case = lock(case)
        if not case.needs_joint_review:
            raise ApplicationError(_("该领域的发展对象不需要县乡联审。"))
        if case.step not in (Step.CANDIDATE, Step.CANDIDATE_PUBLICISED) \
                or case.status != CaseStatus.ACTIVE:
            raise ApplicationError(_("确定为发展对象后才能提请县乡联审。"))
        if JointReview.objects.filter(case=case).exclude(
                status__in=(JointReviewStatus.REJECTED, JointReviewStatus.RETURNED)).exists():
            raise ApplicationError(_("该发展对象的县乡联审正在进行或已经同意。"))
        due = rule_due_on(case.rule_set, "joint_review.within_working_days", on)
        review = JointReview.objects.create(case=case, requested_on=on, due_on=due.due_on)
        event_record(subject=case, actor=actor, action="dev_jr_request",
                     extra={"review": review.pk})
    return review


def joint_review_act(*, actor, review: JointReview, action: str, opinion: str,
                     on: date | None = None) -> JointReview:
    """The town's opinion, then the county organisation department's decision. A rejection
    sends the case back to the activist's cultivation with the reason."""
    opinion = text_of(opinion, 200)
    if not opinion:
        raise ApplicationError(_("请填写审查意见。"), field="opinion")
    on = on or today()
    with transaction.atomic():
        review = JointReview.objects.select_for_update().select_related("case").get(pk=review.pk)
        parts = gate_who(actor, review)
        if not parts:
            raise NotInScope(_("只有镇（街道）党（工）委和县委组织部可以办理县乡联审。"))
        who = next((w for w in parts if JOINT_REVIEW_TABLE.find(review.status, action, w)),
                   parts[-1])
        transition_check(JOINT_REVIEW_TABLE, review.status, action, who)
        fields = ({"town_opinion": opinion, "town_on": on} if action == JointAction.TOWN
                  else {"county_opinion": opinion, "county_on": on})
        transition_apply(JOINT_REVIEW_TABLE, review, action=action, who=who, actor=actor,
                         fields=fields, note=opinion)
        if action == JointAction.REJECT:
            case = lock(review.case)
            if case.step in (Step.CANDIDATE, Step.CANDIDATE_PUBLICISED):
                step_apply(actor=actor, case=case, action=A.BACK_TO_ACTIVIST, who="town", on=on,
                           verdicts=Verdicts(case), note=opinion,
                           fields={"candidate_on": None, "candidate_publicity_id": None})
            _negative(actor, case, NegativeCategory.PROCEDURE, _("县乡联审"),
                      _("县乡联审不同意：%(o)s") % {"o": opinion}, on)
    return review


# --- the close-relative special report ---------------------------------------------------

def close_relative_act(*, actor, report: CloseRelativeReport, action: str, note: str,
                       on: date | None = None) -> CloseRelativeReport:
    note = text_of(note, 300)
    if not note:
        raise ApplicationError(_("请填写考察或审批意见。"), field="note")
    on = on or today()
    with transaction.atomic():
        report = (CloseRelativeReport.objects.select_for_update().select_related("case")
                  .get(pk=report.pk))
        parts = gate_who(actor, report)
        if not parts:
            raise NotInScope(_("只有镇（街道）党（工）委和县委组织部可以办理近亲属入党特别报告。"))
        who = next((w for w in parts if CLOSE_RELATIVE_TABLE.find(report.status, action, w)),
                   parts[-1])
        transition_check(CLOSE_RELATIVE_TABLE, report.status, action, who)
        if action == RelativeAction.INSPECT:
            fields = {"inspection": note, "inspected_on": on,
                      "decision_due_on": rule_due_on(report.case.rule_set,
                                                     "close_relative.decision_within_days",
                                                     on).due_on}
        else:
            fields = {"decision_note": note, "decided_on": on}
        transition_apply(CLOSE_RELATIVE_TABLE, report, action=action, who=who, actor=actor,
                         fields=fields, note=note)
        if action == RelativeAction.REJECT:
            case = lock(report.case)
            if case.status == CaseStatus.ACTIVE:
                _terminate(actor, case, on, _("近亲属入党特别报告未获同意：%(n)s") % {"n": note})
    return report


# --- the negative list -------------------------------------------------------------------

def _negative(actor, case, category, source, description, on, due_days=30):
    town = town_of(case)
    entry = NegativeListEntry.objects.create(
        town=town, case=case, category=category, source=source, description=description[:300],
        found_on=on, rectification_due_on=on + timedelta(days=due_days))
    DevelopmentCase.objects.filter(pk=case.pk).update(negative_hits=F("negative_hits") + 1)
    event_record(subject=entry, actor=actor, action="dev_negative_create",
                 to_state=entry.status, extra={"case": case.pk, "category": category})
    return entry


def negative_create(*, actor, town, category: str, source: str, description: str,
                    rectification_due_on: date, case: DevelopmentCase | None = None,
                    on: date | None = None) -> NegativeListEntry:
    require(actor, "partymembers.dev_town_work", town)
    if category not in NegativeCategory.values:
        raise ApplicationError(_("请选择问题类别。"), field="category")
    description, source = text_of(description, 300), text_of(source, 40)
    if not description or not source:
        raise ApplicationError(_("请填写问题和来源。"), field="description")
    on = on or today()
    if not isinstance(rectification_due_on, date) or rectification_due_on < on:
        raise ApplicationError(_("整改期限不能早于发现日期。"), field="rectification_due_on")
    with transaction.atomic():
        entry = NegativeListEntry.objects.create(
            town=town, case=case, category=category, source=source, description=description,
            found_on=on, rectification_due_on=rectification_due_on)
        if case is not None:
            DevelopmentCase.objects.filter(pk=case.pk).update(
                negative_hits=F("negative_hits") + 1)
        event_record(subject=entry, actor=actor, action="dev_negative_create",
                     to_state=entry.status)
    return entry


def negative_close(*, actor, entry: NegativeListEntry, rectification: str,
                   accountability: str = "", on: date | None = None) -> NegativeListEntry:
    require(actor, "partymembers.dev_town_work", entry.town)
    rectification = text_of(rectification, 300)
    if not rectification:
        raise ApplicationError(_("请填写整改情况（销号须有整改材料）。"), field="rectification")
    with transaction.atomic():
        entry = NegativeListEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status != NegativeStatus.OPEN:
            raise ApplicationError(_("该条目已经整改销号。"))
        entry.status, entry.rectification = NegativeStatus.CLOSED, rectification
        entry.accountability, entry.rectified_on = text_of(accountability, 20), on or today()
        entry.save()
        event_record(subject=entry, actor=actor, action="dev_negative_close",
                     from_state=NegativeStatus.OPEN, to_state=entry.status)
    return entry


__all__ = ["review_dispatch", "review_answer", "review_rule", "joint_review_request",
           "joint_review_act", "close_relative_act", "negative_create", "negative_close",
           "town_of", "DEVELOPMENT_TABLE"]
