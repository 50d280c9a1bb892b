"""What happens to a case beside its steps: periodic records, publicity, the leaving rule,
suspension and transfer; and the county's configuration (departments, plans)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require

from ..models import (
    CaseStatus,
    DevelopmentCase,
    DevelopmentPlan,
    PeriodicKind,
    PeriodicRecord,
    ReviewDepartment,
    Step,
)
from .common import act_on, lock, text_of, today

# Publicity steps: the step a case must be at to start it, and where its id is kept.
PUBLICITY_STAGES = {
    "candidate": (Step.CANDIDATE, "candidate_publicity_id", "拟确定发展对象公示"),
    "admission": (Step.VOLUNTEER_BOOK, "admission_publicity_id", "拟接收预备党员公示"),
    "conversion": (Step.CONVERSION_APPLIED, "conversion_publicity_id", "预备党员拟转正公示"),
}
PUBLISHED_LABELS = ["姓名", "性别", "出生年月", "民族", "学历", "工作单位及职务", "所在党支部",
                    "申请入党时间", "确定积极分子时间", "拟定结果"]


def periodic_record(*, actor, case: DevelopmentCase, kind: str, summary: str,
                    on: date | None = None) -> PeriodicRecord:
    """A half-yearly examination, a quarterly thought report or a probation examination:
    recorded, the case does not move (steps 06 and 21)."""
    require(actor, "partymembers.dev_branch_work", case)
    if kind not in PeriodicKind.values:
        raise ApplicationError(_("请选择记录类别。"), field="kind")
    summary = text_of(summary)
    if not summary:
        raise ApplicationError(_("请填写考察或汇报的内容摘要。"), field="summary")
    allowed = (Step.SWORN,) if kind == PeriodicKind.PROBATION_EXAM else (
        Step.ACTIVIST, Step.ACTIVIST_FILED, Step.CONTACTS)
    with transaction.atomic():
        case = lock(case)
        if case.step not in allowed or not case.is_open:
            raise ApplicationError(_("当前步骤不登记该类记录。"), field="kind")
        on = act_on(case, on)
        record = PeriodicRecord.objects.create(
            case=case, kind=kind, done_on=on, summary=summary,
            recorded_by=actor if getattr(actor, "pk", None) else None)
        event_record(subject=case, actor=actor, action="dev_periodic",
                     extra={"kind": kind, "on": on.isoformat()})
    return record


def case_publicity_start(*, actor, case: DevelopmentCase, stage: str, contact_phone: str,
                         start_on: date | None = None, contact_address: str = ""):
    """Publish the case (P1, P2 or P3) on the village board through the shared publicity;
    the step after it waits for ``publicity_require_clear``."""
    from grassroots.publicity.services import publicity_create

    require(actor, "partymembers.dev_branch_work", case)
    if stage not in PUBLICITY_STAGES:
        raise ApplicationError(_("请选择公示环节。"), field="stage")
    step, id_field, title = PUBLICITY_STAGES[stage]
    if case.step != step or case.status != CaseStatus.ACTIVE:
        raise ApplicationError(_("当前步骤不能发起该公示。"), field="stage")
    if getattr(case, id_field):
        from grassroots.publicity.models import Publicity, PublicityStatus
        if Publicity.objects.filter(pk=getattr(case, id_field)).exclude(
                status=PublicityStatus.WITHDRAWN).exists():
            raise ApplicationError(_("本环节已经发起公示。"), field="stage")
    result = {"candidate": "拟确定为发展对象", "admission": "拟接收为预备党员",
              "conversion": "拟按期转为正式党员"}[stage]
    fields = [("姓名", case.person.name), ("性别", case.gender),
              ("出生年月", f"{case.birth_date:%Y年%-m月}"), ("民族", case.ethnicity),
              ("学历", case.education), ("工作单位及职务", case.job),
              ("所在党支部", case.organisation.name),
              ("申请入党时间", f"{case.applied_on:%Y年%-m月%-d日}"),
              ("确定积极分子时间", f"{case.activist_on:%Y年%-m月%-d日}" if case.activist_on else ""),
              ("拟定结果", result)]
    with transaction.atomic():
        case = lock(case)
        publicity = publicity_create(
            actor=actor, subject=case, kind="development", scope="village_board",
            title=f"{case.organisation.name}{title}",
            fields=[{"label": k, "value": v} for k, v in fields if v],
            start_on=start_on or today(), contact_phone=contact_phone,
            contact_address=contact_address, owner=case.organisation, publish=True)
        setattr(case, id_field, publicity.pk)
        case.save(update_fields=[id_field])
        event_record(subject=case, actor=actor, action="dev_publicity_start",
                     extra={"stage": stage, "publicity": publicity.pk,
                            "end_on": publicity.end_on.isoformat()})
    return publicity


def case_leaving_set(*, actor, case: DevelopmentCase, leaving: bool,
                     override_reason: str = "") -> DevelopmentCase:
    """Record that the target will leave his unit within 3 months (admission is then blocked)
    or the reason the branch proceeds anyway: an override of a hard rule, written to the
    negative list (S2 §4.4)."""
    from .gates import _negative
    require(actor, "partymembers.dev_branch_work", case)
    reason = text_of(override_reason, 200)
    with transaction.atomic():
        case = lock(case)
        case.leaving_within_3_months, case.leaving_override_reason = bool(leaving), reason
        case.save(update_fields=["leaving_within_3_months", "leaving_override_reason"])
        event_record(subject=case, actor=actor, action="dev_leaving_override",
                     note=reason, extra={"leaving": bool(leaving)})
        if leaving and reason:
            _negative(actor, case, "other", _("硬性规则例外办理"),
                      _("三个月内将离开单位仍办理接收：%(r)s") % {"r": reason}, today())
    return case


def case_suspend(*, actor, case: DevelopmentCase, reason: str) -> DevelopmentCase:
    """The person left the unit; the transfer of the relationship is pending."""
    require(actor, "partymembers.dev_transfer", case)
    reason = text_of(reason, 200)
    if not reason:
        raise ApplicationError(_("请填写暂停的原因。"), field="reason")
    with transaction.atomic():
        case = lock(case)
        if case.status != CaseStatus.ACTIVE:
            raise ApplicationError(_("只有办理中的发展党员可以暂停。"))
        case.status = CaseStatus.SUSPENDED
        case.save(update_fields=["status"])
        event_record(subject=case, actor=actor, action="dev_suspend", from_state="active",
                     to_state="suspended", note=reason)
    return case


def case_follow_transfer(*, person, from_org, to_org, actor) -> DevelopmentCase | None:
    """Called in the transaction that accepts a transfer of the organisational relationship
    (records' ``register_transfer_listener``): the person's open case moves to the receiving
    branch, its dates (and so every clock) stay, a suspended case resumes."""
    person = getattr(person, "person", person)  # a member record or the person
    case = (DevelopmentCase.objects.open().filter(person=person, organisation=from_org)
            .select_for_update().first())
    if case is None:
        return None
    if not to_org.is_branch:
        raise ApplicationError(_("发展党员只能转入党支部。"), field="to_org")
    previous = case.status
    case.organisation, case.status = to_org, CaseStatus.ACTIVE
    case.save(update_fields=["organisation", "status"])
    event_record(subject=case, actor=actor, action="dev_transfer", from_state=previous,
                 to_state=case.status, extra={"from": from_org.pk, "to": to_org.pk,
                                              "from_name": from_org.name,
                                              "to_name": to_org.name})
    return case


def department_set(*, actor, organization, question: str, order: int = 0,
                   is_active: bool = True) -> ReviewDepartment:
    require(actor, "partymembers.dev_configure")
    question = text_of(question, 120)
    if not question:
        raise ApplicationError(_("请填写该部门的审查事项。"), field="question")
    with transaction.atomic():
        department, _made = ReviewDepartment.objects.update_or_create(
            organization=organization,
            defaults={"question": question, "order": order, "is_active": is_active})
        event_record(subject=department, actor=actor, action="dev_department_set",
                     extra={"active": is_active})
    return department


def plan_set(*, actor, year: int, organisation, quota: int,
             quota_by_sector: dict | None = None) -> DevelopmentPlan:
    require(actor, "partymembers.dev_configure")
    if not isinstance(quota, int) or quota < 0:
        raise ApplicationError(_("发展计划数须为不小于0的整数。"), field="quota")
    with transaction.atomic():
        plan, _made = DevelopmentPlan.objects.update_or_create(
            year=year, organisation=organisation,
            defaults={"quota": quota, "quota_by_sector": quota_by_sector or {}})
        event_record(subject=plan, actor=actor, action="dev_plan_set", extra={"quota": quota})
    return plan
