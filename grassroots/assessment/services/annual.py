"""The annual assessment resting on the four quarters, the excellent-grade quota and the uses
of results (三挂钩)."""

from datetime import date
from fractions import Fraction

from django.db import IntegrityError, transaction
from django.db.models import Count, Q

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record, events_batched
from grassroots.core.policy import require
from grassroots.core.transitions import transition_apply
from grassroots.rulesets.checks import rule_require
from grassroots.rulesets.selectors import rule_param, rule_set_in_force

from .. import rules
from ..models import (
    AnnualAssessment,
    AnnualGrade,
    AnnualStatus,
    CivilServant,
    ContactPoint,
    ContactPointStatus,
    Grade,
    QuotaAllocation,
    ResultUse,
    ResultUseKind,
    RoutineRecord,
    RoutineStatus,
)
from ..transitions import ANNUAL_TABLE, AnnualAction, Who
from .common import decimal_of, text_of, today, who_or_refuse

PAST_REVIEW = (AnnualStatus.REVIEWED, AnnualStatus.DECIDED, AnnualStatus.NOTIFIED)


def annual_collect(*, actor, unit, year: int) -> int:
    """One annual assessment per civil servant on the unit's roster, with the grades of the
    year's final quarterly records (counted by the database). Returns how many were made."""
    require(actor, "assessment.manage_unit", unit)
    rs = rule_set_in_force(rules.FAMILY, date(year, 12, 31))
    final = RoutineRecord.objects.filter(unit=unit, period__year=year, status=RoutineStatus.FINAL)
    counts = {row["person_id"]: row for row in final.values("person_id").annotate(
        quarters=Count("pk"), good=Count("pk", filter=Q(grade=Grade.GOOD)),
        low=Count("pk", filter=Q(grade__in=[Grade.AVERAGE, Grade.POOR])))}
    grades: dict[int, dict] = {}
    for person_id, quarter, grade in final.values_list("person_id", "period__quarter", "grade"):
        grades.setdefault(person_id, {})[str(quarter)] = grade
    with transaction.atomic(), events_batched():
        have = set(AnnualAssessment.objects.filter(year=year).values_list("person_id", flat=True))
        staff = [s for s in CivilServant.objects.filter(unit=unit, is_active=True)
                 if s.person_id not in have]
        rows = [AnnualAssessment(
            person_id=s.person_id, unit=unit, section_id=s.section_id, year=year, rule_set=rs,
            routine_grades=grades.get(s.person_id, {}),
            quarters=counts.get(s.person_id, {}).get("quarters", 0),
            good_quarters=counts.get(s.person_id, {}).get("good", 0),
            low_quarters=counts.get(s.person_id, {}).get("low", 0)) for s in staff]
        try:
            AnnualAssessment.objects.bulk_create(rows)
        except IntegrityError:
            raise ApplicationError("年度考核已在汇总中，请稍后刷新。") from None
        for annual in AnnualAssessment.objects.filter(unit=unit, year=year,
                                                      person_id__in=[s.person_id for s in staff]):
            event_record(subject=annual, actor=actor, action="annual_collected",
                         to_state=annual.status, extra={"grades": annual.routine_grades})
    return len(rows)


def quota_decide(*, actor, unit, year: int, uplift=None) -> QuotaAllocation:
    """The unit's excellent slots for ``year``: participants × (base + uplift), floored, with
    the minimum for small units. The uplift defaults to what the year-end evaluation of the
    unit's contact point decided the year before."""
    require(actor, "assessment.quota")
    rs = rule_set_in_force(rules.FAMILY, date(year, 12, 31))
    if uplift in (None, ""):
        point = ContactPoint.objects.filter(unit=unit, year=year - 1,
                                            status=ContactPointStatus.RETAINED).first()
        uplift = point.uplift_next_year if point else 0
    uplift = decimal_of(uplift, field="uplift", label="优秀比例上浮", low=0,
                        high=rules.dec(rs, "excellent.max_uplift_points"))
    participants = AnnualAssessment.objects.filter(unit=unit, year=year).count()
    slots = rules.excellent_slots(rs, participants, uplift)
    with transaction.atomic():
        quota, _ = QuotaAllocation.objects.select_for_update().update_or_create(
            unit=unit, year=year, defaults={
                "participants": participants, "base_ratio": rules.dec(rs, "excellent.base_ratio"),
                "uplift": uplift, "excellent_slots": slots, "decided_by": actor,
                "decided_at": clock.now()})
        event_record(subject=quota, actor=actor, action="quota_decided",
                     extra={"participants": participants, "uplift": str(uplift), "slots": slots})
    return quota


def _locked(annual) -> AnnualAssessment:
    return AnnualAssessment.objects.select_for_update(of=("self",)).select_related("rule_set", "section").get(
        pk=annual.pk)


def annual_submit_summary(*, actor, annual: AnnualAssessment, summary: str) -> AnnualAssessment:
    who_or_refuse(ANNUAL_TABLE, actor, annual, Who.SELF, "只有本人可以提交年度总结。")
    summary = text_of(summary, field="summary", label="年度总结", min_chars=10, max_chars=5000)
    with transaction.atomic():
        transition_apply(ANNUAL_TABLE, _locked(annual), action=AnnualAction.SUBMIT_SUMMARY,
                         who=Who.SELF, actor=actor, fields={"summary": summary})
    return annual


def _excellent_prerequisite(annual) -> None:
    """好 in at least the set's share of the year's quarters, and no 一般/较差 (hard rules)."""
    rs = annual.rule_set
    share = rule_param(rs, "excellent.good_quarters_share")
    ok = annual.quarters > 0 and share.admits(Fraction(annual.good_quarters, annual.quarters))
    rule_require(rs, "excellent.good_quarters_share", ok, field="recommended_grade")
    rule_require(rs, "excellent.max_low_quarters",
                 rule_param(rs, "excellent.max_low_quarters").admits(annual.low_quarters),
                 field="recommended_grade")


def annual_recommend(*, actor, annual: AnnualAssessment, grade: str) -> AnnualAssessment:
    who_or_refuse(ANNUAL_TABLE, actor, annual, Who.LEADER, "只有直接领导可以提出等次建议。")
    if grade not in AnnualGrade.values or grade == AnnualGrade.UNDETERMINED:
        raise ApplicationError("请选择优秀、称职、基本称职或不称职。", field="recommended_grade")
    with transaction.atomic():
        annual = _locked(annual)
        if grade == AnnualGrade.EXCELLENT:
            if annual.excellent_barred:
                raise ApplicationError("优秀等次公示异议经核实成立，本年度不得评为优秀。",
                                       field="recommended_grade")
            _excellent_prerequisite(annual)
        transition_apply(ANNUAL_TABLE, annual, action=AnnualAction.RECOMMEND, who=Who.LEADER,
                         actor=actor, fields={"recommended_grade": grade}, extra={"grade": grade})
    return annual


def annual_review(*, actor, annual: AnnualAssessment, note: str) -> AnnualAssessment:
    """The committee's review: an excellent recommendation passes only within the unit's slots."""
    who_or_refuse(ANNUAL_TABLE, actor, annual, Who.COMMITTEE, "只有本单位考核委员会可以审核。")
    note = text_of(note, field="committee_note", label="审核意见", min_chars=2)
    with transaction.atomic():
        quota = QuotaAllocation.objects.select_for_update().filter(
            unit_id=annual.unit_id, year=annual.year).first()
        annual = _locked(annual)
        if annual.recommended_grade == AnnualGrade.EXCELLENT:
            if quota is None:
                raise ApplicationError(f"{annual.year}年度本单位优秀名额尚未核定，请联系公务员主管部门。")
            used = AnnualAssessment.objects.filter(
                unit_id=annual.unit_id, year=annual.year, status__in=PAST_REVIEW,
                recommended_grade=AnnualGrade.EXCELLENT).exclude(pk=annual.pk).count()
            rule_require(annual.rule_set, "excellent.slots", used + 1 <= quota.excellent_slots,
                         field="recommended_grade", slots=quota.excellent_slots)
        transition_apply(ANNUAL_TABLE, annual, action=AnnualAction.REVIEW, who=Who.COMMITTEE,
                         actor=actor, note=note, fields={"committee_note": note})
    return annual


def annual_decide(*, actor, annual: AnnualAssessment, undetermined_reason: str = "") -> AnnualAssessment:
    """The unit head fixes the grade reviewed by the committee (or 不定等次 with a reason); a
    优秀 only past the excellent list's publicity (services/excellent.py)."""
    who_or_refuse(ANNUAL_TABLE, actor, annual, Who.HEAD, "只有单位负责人可以确定等次。")
    reason = text_of(undetermined_reason, field="reason_if_undetermined", label="不定等次原因")
    with transaction.atomic():
        annual = _locked(annual)
        grade = AnnualGrade.UNDETERMINED if reason else annual.recommended_grade
        if grade == AnnualGrade.EXCELLENT:
            from .excellent import excellent_require_clear

            excellent_require_clear(annual)  # the excellent list's publicity gate
        transition_apply(ANNUAL_TABLE, annual, action=AnnualAction.DECIDE, who=Who.HEAD,
                         actor=actor, fields={"final_grade": grade, "decided_by": actor,
                                              "reason_if_undetermined": reason},
                         extra={"grade": grade})
    return annual


def annual_notify(*, actor, annual: AnnualAssessment) -> AnnualAssessment:
    who_or_refuse(ANNUAL_TABLE, actor, annual, Who.HEAD, "只有单位负责人可以书面告知。")
    with transaction.atomic():
        transition_apply(ANNUAL_TABLE, _locked(annual), action=AnnualAction.NOTIFY, who=Who.HEAD,
                         actor=actor, fields={"notified_on": today()})
    return annual


def result_use_record(*, actor, annual: AnnualAssessment, kind: str, reference: str) -> ResultUse:
    require(actor, "assessment.record_use", annual)
    annual = AnnualAssessment.objects.get(pk=annual.pk)  # the state as stored
    if kind not in ResultUseKind.values:
        raise ApplicationError("请选择结果运用方式。", field="kind")
    if annual.status not in (AnnualStatus.DECIDED, AnnualStatus.NOTIFIED):
        raise ApplicationError("年度考核等次确定后才能记录结果运用。")
    reference = text_of(reference, field="reference", label="依据文件", min_chars=2, max_chars=120)
    with transaction.atomic():
        use = ResultUse.objects.create(annual=annual, kind=kind, reference=reference,
                                       recorded_by=actor, recorded_on=today())
        event_record(subject=annual, actor=actor, action="result_used",
                     extra={"kind": kind, "reference": reference})
    return use


RESULT_USE = "result_use"  # not a step of the table: a use of the decided result (三挂钩)


def annual_act(*, actor, annual: AnnualAssessment, action: str, data) -> object:
    """One step of the annual table, or a use of the result, named by ``action`` with its
    fields read from ``data`` (a page's form or an API body): the one dispatch both share."""
    field = lambda name: str(data.get(name) or "")  # noqa: E731 - a form or a JSON body
    steps = {
        AnnualAction.SUBMIT_SUMMARY: lambda: annual_submit_summary(
            actor=actor, annual=annual, summary=field("summary")),
        AnnualAction.RECOMMEND: lambda: annual_recommend(actor=actor, annual=annual,
                                                         grade=field("grade")),
        AnnualAction.REVIEW: lambda: annual_review(actor=actor, annual=annual,
                                                   note=field("note")),
        AnnualAction.DECIDE: lambda: annual_decide(
            actor=actor, annual=annual, undetermined_reason=field("undetermined_reason")),
        AnnualAction.NOTIFY: lambda: annual_notify(actor=actor, annual=annual),
        RESULT_USE: lambda: result_use_record(actor=actor, annual=annual, kind=field("kind"),
                                              reference=field("reference")),
    }
    step = steps.get(action)
    if step is None:
        raise ApplicationError("未知的操作。", field="action")
    return step()
