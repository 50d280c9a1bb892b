"""Step 01: the application opens a case under the rule set in force that day."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.party.models import PartyMember
from grassroots.rulesets.checks import rule_bind, rule_check, rule_due_on

from ..models import (
    JOINT_REVIEW_SECTORS,
    CloseRelativeReport,
    DevelopmentCase,
    Sector,
    Step,
    StepRecord,
)
from .common import Verdicts, text_of, today

COLLEGE = ("大专", "大学", "本科", "研究生", "硕士", "博士")


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def case_apply(*, actor, person, organisation, sector: str, birth_date: date, applied_on=None,
               gender: str = "", ethnicity: str = "", education: str = "", job: str = "",
               is_front_line: bool = False, relative_official=None, relative_post: str = "",
               relation: str = "") -> DevelopmentCase:
    """Register an application (递交入党申请书) at ``organisation`` (a branch). A declared
    kinship to a serving village official opens the close-relative special report."""
    if getattr(actor, "pk", None) and person.user_id == actor.pk:
        require(actor, "partymembers.dev_apply_self")
    else:
        require(actor, "partymembers.dev_apply", organisation)
    applied_on = applied_on or today()
    if not isinstance(applied_on, date) or applied_on > today():
        raise ApplicationError(_("申请日期不能晚于今天。"), field="applied_on")
    if not isinstance(birth_date, date) or birth_date >= applied_on:
        raise ApplicationError(_("请填写正确的出生日期。"), field="birth_date")
    if not organisation.is_branch or not organisation.is_active:
        raise ApplicationError(_("入党申请应向所在单位或居住地的党支部提出。"), field="organisation")
    if sector not in Sector.values:
        raise ApplicationError(_("请选择所在领域。"), field="sector")
    if PartyMember.objects.filter(person=person, is_active=True).exists():
        raise ApplicationError(_("%(name)s已是党员，不能再递交入党申请。") % {"name": person.name},
                               field="person")
    if DevelopmentCase.objects.filter(person=person).open().exists():
        raise ApplicationError(_("%(name)s已有正在办理的入党申请。") % {"name": person.name},
                               field="person")
    if relative_official is not None and (not relation or not relative_post):
        raise ApplicationError(_("请填写与村干部的亲属关系和该干部的职务。"), field="relation")
    with transaction.atomic():
        case = DevelopmentCase(
            person=person, organisation=organisation, sector=sector, birth_date=birth_date,
            gender=text_of(gender, 2), ethnicity=text_of(ethnicity, 20),
            education=text_of(education, 30), job=text_of(job, 60),
            is_college=any(word in (education or "") for word in COLLEGE),
            is_front_line=bool(is_front_line), applied_on=applied_on,
            needs_joint_review=sector in JOINT_REVIEW_SECTORS,
            recused_person=relative_official)
        rule_set = rule_bind(case, "party.dev", applied_on)
        verdicts = Verdicts(case)
        rule_check(rule_set, "applicant.min_age", age_on(birth_date, applied_on),
                   field="birth_date")
        verdicts.results.append({"key": "applicant.min_age", "kind": "hard", "ok": True,
                                 "article": verdicts._param("applicant.min_age").article})
        due = rule_due_on(rule_set, "talk.within_months", applied_on)
        case.talk_due_on = due.due_on
        case.save()
        StepRecord.objects.create(case=case, action="dev_apply", step=Step.APPLIED,
                                  done_on=applied_on,
                                  actor=actor if getattr(actor, "pk", None) else None,
                                  rule_results=verdicts.results)
        event_record(subject=case, actor=actor, action="dev_apply", to_state=case.step,
                     extra={"rule_set": rule_set.code, "on": applied_on.isoformat()})
        if relative_official is not None:
            CloseRelativeReport.objects.create(
                case=case, official=relative_official, official_post=text_of(relative_post, 40),
                relation=text_of(relation, 20), reported_on=applied_on)
            event_record(subject=case, actor=actor, action="dev_cr_report",
                         extra={"official": relative_official.pk})
    return case
