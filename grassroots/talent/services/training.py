"""Training bases (recognised, reviewed yearly, suspended, revoked), courses and enrolments,
and incubation cases with milestones (S4 §6.3)."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.transitions import transition_apply, transition_check

from ..models import Enrollment, IncubationCase, TrainingBase, TrainingCourse
from ..models.training import CourseMode, LecturerKind
from ..transitions_more import BASE_TABLE, OFFICE, BaseAction
from .common import text_in, today, whole

REVIEW_MONTHS = 12  # annual review (inferred)


def base_create(*, actor, name: str, town, specialty: str, operator: str, operator_org=None,
                address: str = "", capacity=0) -> TrainingBase:
    require(actor, "talent.bases")
    try:
        with transaction.atomic():
            base = TrainingBase.objects.create(
                name=text_in(name, field="name", label=_("基地名称"), minimum=4, limit=80),
                town=town, specialty=text_in(specialty, field="specialty", label=_("特色产业"),
                                             minimum=2, limit=40),
                operator=text_in(operator, field="operator", label=_("运营主体"), minimum=2,
                                 limit=80),
                operator_org=operator_org,
                address=text_in(address, field="address", label=_("地址"), limit=120),
                capacity=whole(capacity, field="capacity", label=_("容纳人数"), high=100000))
            event_record(subject=base, actor=actor, action="training_base_created",
                         to_state=base.status)
    except IntegrityError:
        raise ApplicationError(_("已有同名实训基地。"), field="name") from None
    return base


def base_update(*, actor, base: TrainingBase, name: str, specialty: str, operator: str,
                address: str = "", capacity=0) -> TrainingBase:
    """Correct a base's descriptive fields (its status changes only by its table)."""
    require(actor, "talent.bases")
    fields = {
        "name": text_in(name, field="name", label=_("基地名称"), minimum=4, limit=80),
        "specialty": text_in(specialty, field="specialty", label=_("特色产业"), minimum=2,
                             limit=40),
        "operator": text_in(operator, field="operator", label=_("运营主体"), minimum=2,
                            limit=80),
        "address": text_in(address, field="address", label=_("地址"), limit=120),
        "capacity": whole(capacity, field="capacity", label=_("容纳人数"), high=100000)}
    try:
        with transaction.atomic():
            locked = TrainingBase.objects.select_for_update().get(pk=base.pk)
            changed = {k: v for k, v in fields.items() if getattr(locked, k) != v}
            for key, value in changed.items():
                setattr(locked, key, value)
            if changed:
                locked.save(update_fields=list(changed))
                event_record(subject=locked, actor=actor, action="training_base_updated",
                             extra={"fields": sorted(changed)})
    except IntegrityError:
        raise ApplicationError(_("已有同名实训基地。"), field="name") from None
    return locked


def base_transition(*, actor, base: TrainingBase, action: str, note: str = "") -> TrainingBase:
    """Recognise, review yearly (the next review a year on), suspend, reinstate or revoke; a
    suspension or revocation states its reason."""
    from grassroots.rulesets.checks import add_natural_months

    require(actor, "talent.bases")
    note = text_in(note, field="note", label=_("原因"),
                   minimum=4 if action in (BaseAction.SUSPEND, BaseAction.REVOKE) else 0)
    with transaction.atomic():
        locked = TrainingBase.objects.select_for_update().get(pk=base.pk)
        transition_check(BASE_TABLE, locked.status, action, OFFICE)
        fields = {}
        on = today()
        if action == BaseAction.RECOGNISE:
            fields["recognised_on"] = on
        if action in (BaseAction.RECOGNISE, BaseAction.REVIEW, BaseAction.REINSTATE):
            fields["review_due_on"] = add_natural_months(on, REVIEW_MONTHS)
        transition_apply(BASE_TABLE, locked, action=action, who=OFFICE, actor=actor,
                         fields=fields, note=note)
    return locked


def _may_run(actor, base: TrainingBase | None) -> None:
    require(actor, "talent.run_base", base)


def course_create(*, actor, base: TrainingBase | None, title: str, mode: str, practice: bool,
                  lecturer: str, lecturer_kind: str, hours, held_on: date) -> TrainingCourse:
    """A course of a recognised base, or an online one (云课堂) of the talent office."""
    _may_run(actor, base)
    if base is not None and base.status != "recognised":
        raise ApplicationError(_("实训基地当前为“%(state)s”，不能开设课程。")
                               % {"state": base.get_status_display()}, field="base")
    if mode not in CourseMode.values:
        raise ApplicationError(_("请选择培训方式。"), field="mode")
    if lecturer_kind not in LecturerKind.values:
        raise ApplicationError(_("请选择授课人类别。"), field="lecturer_kind")
    with transaction.atomic():
        course = TrainingCourse.objects.create(
            base=base, title=text_in(title, field="title", label=_("课程"), minimum=4, limit=80),
            mode=mode, practice=bool(practice), lecturer_kind=lecturer_kind,
            lecturer=text_in(lecturer, field="lecturer", label=_("授课人"), minimum=2, limit=40),
            hours=whole(hours, field="hours", label=_("学时"), low=1, high=200), held_on=held_on)
        event_record(subject=course, actor=actor, action="training_course_created")
    return course


def enrollment_add(*, actor, course: TrainingCourse, talent) -> Enrollment:
    """Enrol a registered rural talent on a course (参训登记); hours and completion are
    decided later (``enrollment_decide``)."""
    _may_run(actor, course.base)
    try:
        with transaction.atomic():
            enrollment = Enrollment.objects.create(talent=talent, course=course)
            event_record(subject=course, actor=actor, action="training_enrolled",
                         extra={"talent_id": talent.pk})
    except IntegrityError:
        raise ApplicationError(_("%(name)s已报名本课程。") % {"name": talent.person.name},
                               field="phone") from None
    return enrollment


def enrollment_decide(*, actor, enrollment: Enrollment, attended_hours,
                      passed: bool) -> Enrollment:
    """Record the hours attended and decide completion (结业认定); a decision may be corrected,
    each one is an event. Nobody completes a course he did not attend."""
    course = enrollment.course
    _may_run(actor, course.base)
    hours = whole(attended_hours, field="attended_hours", label=_("参训学时"), high=course.hours)
    if passed and not hours:
        raise ApplicationError(_("未参训的学员不能认定结业。"), field="attended_hours")
    with transaction.atomic():
        locked = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        locked.attended_hours, locked.passed = hours, bool(passed)
        locked.decided_on = today()
        locked.save(update_fields=["attended_hours", "passed", "decided_on"])
        event_record(subject=course, actor=actor, action="training_completion_decided",
                     extra={"talent_id": locked.talent_id, "hours": hours,
                            "passed": bool(passed)})
    return locked


def enrollment_record(*, actor, course: TrainingCourse, talent, attended_hours,
                      passed: bool) -> Enrollment:
    """Enrolment and completion in one step (a course already held, as the demo loads it)."""
    enrollment = Enrollment.objects.filter(talent=talent, course=course).first() \
        or enrollment_add(actor=actor, course=course, talent=talent)
    return enrollment_decide(actor=actor, enrollment=enrollment, attended_hours=attended_hours,
                             passed=passed)


def incubation_create(*, actor, talent, project: str, support_items: str,
                      policy_benefits: str = "", started_on: date) -> IncubationCase:
    require(actor, "talent.bases")
    with transaction.atomic():
        case = IncubationCase.objects.create(
            talent=talent, started_on=started_on,
            project=text_in(project, field="project", label=_("项目"), minimum=4, limit=80),
            support_items=text_in(support_items, field="support_items", label=_("扶持内容"),
                                  minimum=4, limit=300),
            policy_benefits=text_in(policy_benefits, field="policy_benefits",
                                    label=_("享受政策"), limit=300))
        event_record(subject=case, actor=actor, action="incubation_created")
    return case


STAGES = ("incubating", "operating", "graduated")


def incubation_update(*, actor, case: IncubationCase, project: str, support_items: str,
                      policy_benefits: str = "") -> IncubationCase:
    """Correct the project's name, its support and policy benefits (milestones, stage and
    outcome are recorded as milestones)."""
    require(actor, "talent.bases")
    fields = {
        "project": text_in(project, field="project", label=_("项目"), minimum=4, limit=80),
        "support_items": text_in(support_items, field="support_items", label=_("扶持内容"),
                                 minimum=4, limit=300),
        "policy_benefits": text_in(policy_benefits, field="policy_benefits",
                                   label=_("享受政策"), limit=300)}
    with transaction.atomic():
        locked = IncubationCase.objects.select_for_update().get(pk=case.pk)
        changed = {k: v for k, v in fields.items() if getattr(locked, k) != v}
        for key, value in changed.items():
            setattr(locked, key, value)
        if changed:
            locked.save(update_fields=list(changed))
            event_record(subject=locked, actor=actor, action="incubation_updated",
                         extra={"fields": sorted(changed)})
    return locked


def incubation_milestone(*, actor, case: IncubationCase, on: date, what: str, stage: str = "",
                         outcome: str = "") -> IncubationCase:
    require(actor, "talent.bases")
    if stage and stage not in STAGES:
        raise ApplicationError(_("请选择孵化阶段。"), field="stage")
    what = text_in(what, field="what", label=_("里程碑"), minimum=4, limit=200)
    with transaction.atomic():
        locked = IncubationCase.objects.select_for_update().get(pk=case.pk)
        locked.milestones = [*locked.milestones, {"on": on.isoformat(), "what": what}]
        fields = ["milestones"]
        if stage:
            locked.stage = stage
            fields.append("stage")
        if outcome:
            locked.outcome = text_in(outcome, field="outcome", label=_("成效"), limit=300)
            fields.append("outcome")
        locked.save(update_fields=fields)
        event_record(subject=locked, actor=actor, action="incubation_milestone", note=what)
    return locked
