"""The quarterly routine record (§7.3): open → log → self-summary → assessed → approved →
feedback → acknowledged / appealed → final."""

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.events import event_record, events_batched
from grassroots.core.policy import require
from grassroots.core.transitions import transition_apply
from grassroots.rulesets.checks import rule_bind, rule_due_on, rule_require, warning_record
from grassroots.rulesets.selectors import rule_param
from grassroots.workcal.services import is_working_day

from .. import rules
from ..models import (
    CivilServant,
    Grade,
    ItemEvent,
    Period,
    Polarity,
    RoutineRecord,
    RoutineStatus,
    SchemeItem,
    WorkLogEntry,
)
from ..transitions import ROUTINE_TABLE, Action, Who
from .common import decimal_of, text_of, today, who_or_refuse
from .scheme import scheme_in_force

NOT_YOURS = "只有本人可以填写或确认自己的平时考核。"
NOT_LEADER = "只有直接领导可以评鉴和反馈。"
NOT_HEAD = "只有单位负责人或考核委员会可以审核。"
NOT_COMMITTEE = "只有本单位考核委员会可以处理申诉。"


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    if quarter not in (1, 2, 3, 4):
        raise ApplicationError("季度须为1至4。", field="quarter")
    start = date(year, 3 * quarter - 2, 1)
    end = (date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)) - timedelta(1)
    return start, end


def period_open(*, actor, unit, year: int, quarter: int) -> Period:
    """Open the quarter for every civil servant on the unit's roster (one record each), with
    the deadlines of the rule set in force at the quarter's end."""
    require(actor, "assessment.manage_unit", unit)
    start, end = quarter_bounds(year, quarter)
    opens_on = start
    while not is_working_day(opens_on) and opens_on < end:
        opens_on += timedelta(1)
    if Period.objects.filter(unit=unit, year=year, quarter=quarter).exists():
        raise ApplicationError(f"{unit}{year}年第{quarter}季度的平时考核已开启。", field="quarter")
    try:
        with transaction.atomic(), events_batched():
            period = Period(unit=unit, year=year, quarter=quarter, opens_on=opens_on, ends_on=end,
                            scheme=scheme_in_force(unit, end))
            rs = rule_bind(period, rules.FAMILY, end)
            provisional = False
            for key, field in (("self_summary.within_working_days", "self_summary_due"),
                               ("review.within_working_days", "review_due"),
                               ("approve.within_working_days", "approve_due"),
                               ("feedback.within_working_days", "feedback_due")):
                due = rule_due_on(rs, key, end)
                setattr(period, field, due.due_on)
                provisional |= due.provisional
            period.provisional = provisional
            period.save()
            staff = list(CivilServant.objects.filter(unit=unit, is_active=True)
                         .values_list("person_id", "section_id", "post"))
            RoutineRecord.objects.bulk_create([
                RoutineRecord(period=period, person_id=p, unit=unit, section_id=s, post=post,
                              rule_set=rs) for p, s, post in staff])
            event_record(subject=period, actor=actor, action="period_opened",
                         extra={"records": len(staff)})
            for record in RoutineRecord.objects.filter(period=period).only("pk"):
                event_record(subject=record, actor=actor, action="routine_opened",
                             to_state=RoutineStatus.OPEN)
    except IntegrityError:
        raise ApplicationError(f"{unit}{year}年第{quarter}季度的平时考核已开启。",
                               field="quarter") from None
    return period


def _locked(record) -> RoutineRecord:
    return RoutineRecord.objects.select_for_update(of=("self",)).select_related("period", "section", "rule_set").get(
        pk=record.pk)


def routine_log(*, actor, record: RoutineRecord, on: date, task: str, result: str) -> WorkLogEntry:
    who_or_refuse(ROUTINE_TABLE, actor, record, Who.SELF, NOT_YOURS)
    task = text_of(task, field="task", label="工作任务", min_chars=2, max_chars=200)
    result = text_of(result, field="result", label="完成情况", min_chars=2, max_chars=200)
    start, end = quarter_bounds(record.period.year, record.period.quarter)
    if not start <= on <= end:
        raise ApplicationError("工作写实的日期须在本季度内。", field="on")
    with transaction.atomic():
        record = _locked(record)
        transition_apply(ROUTINE_TABLE, record, action=Action.LOG, who=Who.SELF, actor=actor,
                         note=task)
        entry = WorkLogEntry.objects.create(record=record, on=on, task=task, result=result)
    return entry


def routine_item(*, actor, record: RoutineRecord, polarity: str, text: str, points,
                 occurred_on: date, evidence: str = "", item: SchemeItem | None = None) -> ItemEvent:
    """The direct leader records a positive or negative item; a negative one needs evidence,
    an item of the scheme keeps within its quarterly cap."""
    who_or_refuse(ROUTINE_TABLE, actor, record, Who.LEADER, NOT_LEADER)
    if item is not None:
        if record.period.scheme_id is None or item.scheme_id != record.period.scheme_id:
            raise ApplicationError("该事项不在本季度适用的考核方案中。", field="item")
        polarity, text = item.polarity, text or item.text
    if polarity not in Polarity.values:
        raise ApplicationError("请选择正面或负面事项。", field="polarity")
    text = text_of(text, field="text", label="事项", min_chars=2, max_chars=200)
    evidence = text_of(evidence, field="evidence", label="佐证")
    magnitude = decimal_of(points, field="points", label="分值", low=Decimal("0.1"),
                           high=Decimal(100))
    signed = magnitude if polarity == Polarity.POSITIVE else -magnitude
    with transaction.atomic():
        record = _locked(record)
        rs = record.rule_set
        if polarity == Polarity.NEGATIVE and rules.value(rs, "negative.requires_evidence") >= 1:
            rule_require(rs, "negative.requires_evidence", bool(evidence), field="evidence")
        if item is not None and item.cap is not None:
            used = record.items.filter(item=item).aggregate(s=Sum("points"))["s"] or 0
            if abs(used) + magnitude > item.cap:
                raise ApplicationError(
                    f"“{item.text}”本季度累计不超过{item.cap}分，已记{abs(used)}分。",
                    field="points")
        transition_apply(ROUTINE_TABLE, record, action=Action.ITEM, who=Who.LEADER, actor=actor,
                         note=text, fields={"item_points": record.item_points + signed},
                         extra={"points": str(signed)})
        event = ItemEvent.objects.create(record=record, item=item, text=text, points=signed,
                                         occurred_on=occurred_on, evidence=evidence,
                                         recorded_by=actor)
    return event


def routine_submit_summary(*, actor, record: RoutineRecord, summary: str) -> RoutineRecord:
    who_or_refuse(ROUTINE_TABLE, actor, record, Who.SELF, NOT_YOURS)
    summary = text_of(summary, field="self_summary", label="个人小结", min_chars=10,
                      max_chars=3000)
    with transaction.atomic():
        record = _locked(record)
        on = today()
        transition_apply(ROUTINE_TABLE, record, action=Action.SUBMIT_SUMMARY, who=Who.SELF,
                         actor=actor, fields={"self_summary": summary, "summarised_on": on})
        _deadline(record, "self_summary.within_working_days", record.period.self_summary_due, on)
    return record


def _deadline(record, key: str, due_on: date, on: date) -> None:
    warning = rule_require(record.rule_set, key, on <= due_on, due_on=due_on)
    if warning:
        warning_record(record, warning)


def routine_assess(*, actor, record: RoutineRecord, score, note: str,
                   override_reason: str = "") -> RoutineRecord:
    """Score → grade from the bands; a 好 beyond the unit's share of 好 this quarter is refused
    (hard rule) or needs a written reason and is flagged (soft rule, the default)."""
    who_or_refuse(ROUTINE_TABLE, actor, record, Who.LEADER, NOT_LEADER)
    score = decimal_of(score, field="score", label="评鉴得分", low=0, high=100)
    note = text_of(note, field="assessment_note", label="评鉴意见", min_chars=2)
    override_reason = text_of(override_reason, field="override_reason", label="说明")
    with transaction.atomic():
        # The period row is the lock that serialises the 好 count of its quarter.
        Period.objects.select_for_update().filter(pk=record.period_id).first()
        record = _locked(record)
        rs = record.rule_set
        grade = rules.grade_for(rs, score)
        warning = None
        if grade == Grade.GOOD:
            counts = RoutineRecord.objects.filter(period_id=record.period_id).aggregate(
                total=Count("pk"), good=Count("pk", filter=Q(grade=Grade.GOOD) & ~Q(pk=record.pk)))
            good, total = counts["good"] + 1, counts["total"]
            param = rule_param(rs, "good.max_share")
            if not param.admits(Fraction(good, total)):
                # A hard rule (a county's choice) raises RuleRefused here.
                warning = rule_require(rs, "good.max_share", False, field="score",
                                       good=good, total=total)
                if not override_reason:
                    raise ApplicationError(
                        warning.message + "如确需评为“好”，请填写说明。", field="override_reason")
        on = today()
        transition_apply(ROUTINE_TABLE, record, action=Action.ASSESS, who=Who.LEADER, actor=actor,
                         fields={"score": score, "grade": grade, "assessment_note": note,
                                 "assessor": actor, "assessed_on": on,
                                 "override_reason": override_reason if warning else ""},
                         extra={"score": str(score), "grade": grade})
        if warning:
            warning_record(record, warning)
        _deadline(record, "review.within_working_days", record.period.review_due, on)
    return record


def routine_send_back(*, actor, record: RoutineRecord, note: str) -> RoutineRecord:
    who = _head_or_committee(actor, record)
    note = text_of(note, field="note", label="退回理由", min_chars=4)
    with transaction.atomic():
        transition_apply(ROUTINE_TABLE, _locked(record), action=Action.SEND_BACK, who=who,
                         actor=actor, note=note,
                         fields={"score": None, "grade": "", "assessor": None, "assessed_on": None})
    return record


def routine_approve(*, actor, record: RoutineRecord) -> RoutineRecord:
    who = _head_or_committee(actor, record)
    with transaction.atomic():
        record = _locked(record)
        on = today()
        transition_apply(ROUTINE_TABLE, record, action=Action.APPROVE, who=who, actor=actor,
                         fields={"approver": actor, "approved_on": on})
        _deadline(record, "approve.within_working_days", record.period.approve_due, on)
    return record


def _head_or_committee(actor, record) -> str:
    whos = ROUTINE_TABLE.who_of(actor, record)
    for who in (Who.HEAD, Who.COMMITTEE):
        if who in whos:
            return who
    raise NotInScope(NOT_HEAD)


def routine_feedback(*, actor, record: RoutineRecord, talk: bool, note: str) -> RoutineRecord:
    """The result given back, with a talk (required for 较差)."""
    who_or_refuse(ROUTINE_TABLE, actor, record, Who.LEADER, NOT_LEADER)
    note = text_of(note, field="feedback_note", label="反馈记录", min_chars=2)
    with transaction.atomic():
        record = _locked(record)
        if record.grade == Grade.POOR and rules.value(record.rule_set, "poor.requires_talk") >= 1:
            rule_require(record.rule_set, "poor.requires_talk", talk, field="talk")
        on = today()
        transition_apply(ROUTINE_TABLE, record, action=Action.FEEDBACK, who=Who.LEADER,
                         actor=actor, fields={"feedback_on": on, "feedback_note": note,
                                              "feedback_talk": bool(talk)})
        _deadline(record, "feedback.within_working_days", record.period.feedback_due, on)
    return record


def routine_acknowledge(*, actor, record: RoutineRecord) -> RoutineRecord:
    who_or_refuse(ROUTINE_TABLE, actor, record, Who.SELF, NOT_YOURS)
    with transaction.atomic():
        transition_apply(ROUTINE_TABLE, _locked(record), action=Action.ACKNOWLEDGE, who=Who.SELF,
                         actor=actor, fields={"acknowledged_on": today()})
    return record


def routine_appeal(*, actor, record: RoutineRecord, reason: str) -> RoutineRecord:
    who_or_refuse(ROUTINE_TABLE, actor, record, Who.SELF, NOT_YOURS)
    reason = text_of(reason, field="appeal_reason", label="申诉理由", min_chars=10)
    with transaction.atomic():
        record = _locked(record)
        if record.status == RoutineStatus.FED_BACK and record.feedback_on:
            due = rule_due_on(record.rule_set, "appeal.within_working_days", record.feedback_on)
            rule_require(record.rule_set, "appeal.within_working_days", today() <= due.due_on,
                         field="appeal_reason")
        transition_apply(ROUTINE_TABLE, record, action=Action.APPEAL, who=Who.SELF, actor=actor,
                         note=reason, fields={"appeal_reason": reason})
    return record


def routine_rule_appeal(*, actor, record: RoutineRecord, upheld: bool, ruling: str,
                        new_score=None) -> RoutineRecord:
    """The committee's ruling; an upheld appeal may change the score (and so the grade)."""
    who_or_refuse(ROUTINE_TABLE, actor, record, Who.COMMITTEE, NOT_COMMITTEE)
    ruling = text_of(ruling, field="appeal_ruling", label="处理意见", min_chars=4)
    fields = {"appeal_ruling": ruling, "appeal_upheld": bool(upheld), "acknowledged_on": today()}
    with transaction.atomic():
        record = _locked(record)
        if upheld and new_score not in (None, ""):
            score = decimal_of(new_score, field="new_score", label="复核得分", low=0, high=100)
            fields.update(score=score, grade=rules.grade_for(record.rule_set, score))
        elif not upheld and new_score not in (None, ""):
            raise ApplicationError("申诉不成立时不调整得分。", field="new_score")
        transition_apply(ROUTINE_TABLE, record, action=Action.RULE_APPEAL, who=Who.COMMITTEE,
                         actor=actor, note=ruling,
                         fields=fields, extra={"upheld": bool(upheld), "grade": fields.get(
                             "grade", record.grade)})
    return record


def routine_finalise(*, actor, record: RoutineRecord) -> RoutineRecord:
    if actor is None:
        who = Who.SYSTEM
    else:
        who_or_refuse(ROUTINE_TABLE, actor, record, Who.HEAD, NOT_HEAD)
        who = Who.HEAD
    with transaction.atomic():
        transition_apply(ROUTINE_TABLE, _locked(record), action=Action.FINALISE, who=who,
                         actor=actor)
    return record
